// Errors that services raise on purpose. Each carries the HTTP status, the category of the
// ApiError answer (`error`), and the message as a catalogue code with params (core/src/i18n):
// the one error handler (error-handler.ts) renders it in the request's language. No English
// here: a new message is a new key in messages.en.ts and messages.zh-CN.ts.
import type { ApiError, EntityName, ErrorCode, FieldCode, MessageParams } from '@stipple/core';

type Location = NonNullable<ApiError['fields']>[number]['in'];

/** One offending field: where it was, its path, and what is wrong as a field code. */
export interface FieldError {
  in: Location;
  field: string;
  code: FieldCode;
  params?: MessageParams;
}

export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly error: string,
    readonly code: ErrorCode,
    readonly params: MessageParams = {},
    readonly fields?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    // Codes only: params may name people, and messages of errors can reach a log.
    super(`${error}: ${code}`);
    this.name = 'AppError';
  }
}

/** A field of the request body. */
export const bodyField = (field: string, code: FieldCode, params?: MessageParams): FieldError => ({
  in: 'body',
  field,
  code,
  ...(params ? { params } : {}),
});

export const notFound = (entity: EntityName = 'record') =>
  new AppError(404, 'not_found', 'notFound', { entity: { t: `entity.${entity}` } });
export const conflict = (code: ErrorCode, params?: MessageParams, fields?: FieldError[]) =>
  new AppError(409, 'conflict', code, params, fields);
export const forbidden = (code: ErrorCode = 'clinicalOnly') => new AppError(403, 'forbidden', code);
export const unauthenticated = (code: ErrorCode = 'signInFirst') =>
  new AppError(401, 'unauthenticated', code);
export const gone = (code: ErrorCode) => new AppError(410, 'gone', code);
/** 400: the summary names the fields (rendered with their labels in the request's language). */
export const invalid = (fields: FieldError[]) =>
  new AppError(400, 'validation_failed', 'validationFailed', {}, fields);
/** 422: well-formed, but the studio's records or rules refuse it. */
export const unprocessable = (
  error: string,
  code: ErrorCode,
  params: MessageParams = {},
  fields: FieldError[] = [],
) => new AppError(422, error, code, params, fields);
/** A record changed since the client read it (optimistic locking on `version`). */
export const stale = (field: string, version: number) =>
  conflict('staleRecord', {}, [bodyField(field, 'stale', { version })]);
export const rateLimited = (retryAfterSeconds: number) =>
  new AppError(429, 'rate_limited', 'tooManyAttempts', { count: retryAfterSeconds }, undefined, {
    'retry-after': String(retryAfterSeconds),
  });
