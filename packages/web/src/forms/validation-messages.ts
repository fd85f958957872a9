import { messageOfIssue } from '@stipple/core';
import type { z } from 'zod';
import type { ApiFieldError } from '../api/api-error.js';
import { catalogueMessage } from '../i18n/messages.js';

/** A translation function as i18next's `t`, narrowed to what these helpers need. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * A zod issue from checking a form in the browser, in the user's words: the same code and params
 * the server gives for it (core's messageOfIssue), rendered from the shared catalogue.
 * The issue must come from a parse with `reportInput: true` (to tell a missing value apart).
 */
export function translateIssue(issue: z.core.$ZodIssue, t: Translate): string {
  const { code, params } = messageOfIssue(issue);
  return catalogueMessage(t, `field.${code}`, params);
}

/**
 * One value as typed, checked by one field's shared rule (a schema of core, the same the server
 * applies): the value the rule gives, or the reason in the user's words. Nothing typed is clamped
 * or read as another number: "1e9" is not a number, 99 is more than a shade can be.
 */
export function checkValue<S extends z.ZodType>(
  schema: S,
  value: unknown,
  t: Translate,
): { ok: true; value: z.output<S> } | { ok: false; message: string } {
  const result = schema.safeParse(value, { reportInput: true });
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, message: translateIssue(result.error.issues[0]!, t) };
}

/**
 * An issue of an amount the schema checks in minor units (pence) that was typed in major units
 * (pounds), said in the units typed: "at most 1000000" rather than 100000000, "a multiple of 0.01"
 * rather than "a whole number" of pence.
 */
export function translateMinorUnitsIssue(issue: z.core.$ZodIssue, t: Translate): string {
  const { code, params = {} } = messageOfIssue(issue);
  if (code === 'notAWholeNumber') return catalogueMessage(t, 'field.multipleOf', { step: 0.01 });
  const major = Object.fromEntries(
    Object.entries(params).map(([k, v]) => [
      k,
      (k === 'min' || k === 'max') && typeof v === 'number' ? v / 100 : v,
    ]),
  );
  return catalogueMessage(t, `field.${code}`, major);
}

/** One of the server's field errors, in the language the user reads now. */
export function translateFieldError(field: ApiFieldError, t: Translate): string {
  return catalogueMessage(t, `field.${field.code}`, field.params) || field.message;
}
