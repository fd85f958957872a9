// Text the database cannot store is refused at the door, naming the field: PostgreSQL text
// cannot hold a null character (U+0000), and an unpaired UTF-16 surrogate ("\ud800" in JSON) is
// not Unicode at all (jsonb refuses it; a text column would silently change it to U+FFFD).
// Runs before validation on every route, for the body, the query string and the path.
import type { FieldCode } from '@stipple/core';
import type { FastifyRequest } from 'fastify';
import { invalid, type FieldError } from './app-error.js';

export const NULL_CHARACTER: FieldCode = 'nullCharacter';
export const UNPAIRED_SURROGATE: FieldCode = 'unpairedSurrogate';

const UNPAIRED = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why `text` cannot be stored, or null. */
export function textProblem(text: string): FieldCode | null {
  if (text.includes('\u0000')) return NULL_CHARACTER;
  if (UNPAIRED.test(text)) return UNPAIRED_SURROGATE;
  return null;
}

/** Every string (and object key) in `value` that cannot be stored, with its path as `a.0.b`. */
export function findBadText(
  value: unknown,
  path: string[] = [],
  found: [string, FieldCode][] = [],
): [string, FieldCode][] {
  if (found.length >= 20) return found;
  if (typeof value === 'string') {
    const problem = textProblem(value);
    if (problem) found.push([path.join('.'), problem]);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => findBadText(item, [...path, String(i)], found));
  } else if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const problem = textProblem(key);
      // The key itself is shown with the bad characters replaced, so the answer stays valid JSON text.
      if (problem)
        found.push([[...path, [...key].map((c) => (textProblem(c) ? '?' : c)).join('')].join('.'), problem]);
      else findBadText(item, [...path, key], found);
    }
  }
  return found;
}

const PARTS = [
  ['body', 'body'],
  ['query', 'query'],
  ['params', 'params'],
] as const;

export function refuseUnstorableText(
  request: FastifyRequest,
  _reply: unknown,
  done: (err?: Error) => void,
): void {
  const fields: FieldError[] = [];
  for (const [part, where] of PARTS) {
    for (const [field, code] of findBadText(request[part]))
      fields.push({ in: where, field: field || where, code });
  }
  done(fields.length ? invalid(fields) : undefined);
}
