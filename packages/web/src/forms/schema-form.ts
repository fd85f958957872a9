import type { z } from 'zod';
import {
  translateFieldError,
  translateIssue,
  translateMinorUnitsIssue,
  type Translate,
} from './validation-messages.js';
import { isApiRequestError } from '../api/api-error.js';

export type FieldErrors = Record<string, string>;

/**
 * Validates form values with a shared zod schema (the same rules the server applies) after turning
 * them into the request body, and returns one translated message per field, first issue wins.
 * `minorUnits`: the paths of amounts typed in pounds and checked in pence (said in pounds).
 */
export function validateWithSchema<V, S extends z.ZodType>(
  schema: S,
  toRequest: (values: V) => unknown,
  t: Translate,
  minorUnits: readonly string[] = [],
): (values: V) => FieldErrors {
  return (values) => {
    const result = schema.safeParse(toRequest(values), { reportInput: true });
    if (result.success) return {};
    return issuesToFieldErrors(result.error.issues, t, minorUnits);
  };
}

export function issuesToFieldErrors(
  issues: readonly z.core.$ZodIssue[],
  t: Translate,
  minorUnits: readonly string[] = [],
): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    // Unknown keys (strict objects) are a programming error, not something the user can fix.
    if (issue.code === 'unrecognized_keys') continue;
    const key = issue.path.map(String).join('.');
    if (!key) continue;
    errors[key] ??= minorUnits.includes(key) ? translateMinorUnitsIssue(issue, t) : translateIssue(issue, t);
  }
  return errors;
}

/** The server's field errors for the request body, translated, keyed by field path. */
export function serverFieldErrors(err: unknown, t: Translate): FieldErrors {
  if (!isApiRequestError(err)) return {};
  const out: FieldErrors = {};
  for (const [field, error] of Object.entries(err.bodyFields())) out[field] = translateFieldError(error, t);
  return out;
}
