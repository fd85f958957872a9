// Errors that services raise on purpose. Each carries the HTTP status and the machine code of the
// ApiError answer; the one error handler (error-handler.ts) turns them into JSON.
import type { ApiError } from '@stipple/core';

export type FieldError = NonNullable<ApiError['fields']>[number];

export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what = 'Record') => new AppError(404, 'not_found', `${what} not found`);
export const conflict = (message: string, fields?: FieldError[]) =>
  new AppError(409, 'conflict', message, fields);
export const forbidden = (message = 'Your role may not do this') => new AppError(403, 'forbidden', message);
export const unauthenticated = (message = 'Sign in first') => new AppError(401, 'unauthenticated', message);
export const gone = (message: string) => new AppError(410, 'gone', message);
export const invalid = (fields: FieldError[], message?: string) =>
  new AppError(
    400,
    'validation_failed',
    message ?? `Invalid request: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`,
    fields,
  );
export const rateLimited = (retryAfterSeconds: number) =>
  new AppError(
    429,
    'rate_limited',
    `Too many attempts; try again in ${retryAfterSeconds} seconds`,
    undefined,
    { 'retry-after': String(retryAfterSeconds) },
  );
