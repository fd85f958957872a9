// The one place where failures become answers: every 4xx/5xx is an ApiError JSON body naming
// the offending fields, its messages rendered in the request's language from the shared
// catalogue (codes and params stay in the answer for clients that render them themselves).
// 5xx answers never carry internals; those go to the log only.
import {
  fieldLabel,
  messagesIn,
  translateMessage,
  type ApiError,
  type ErrorCode,
  type MessageParams,
  type UiLocale,
} from '@stipple/core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from './app-error.js';
import { requestLocale } from './request-locale.js';
import { isValidationIssueList, type ValidationIssue } from './zod-validation.js';

export interface ErrorAnswer {
  statusCode: number;
  body: ApiError;
  headers?: Record<string, string>;
}

type Location = FieldError['in'];

const LOCATIONS: Record<string, Location> = {
  body: 'body',
  querystring: 'query',
  params: 'params',
  headers: 'headers',
};

/** Zod issues (as the type provider reports them) to one field entry per problem. */
export function validationFields(
  issues: readonly ValidationIssue[],
  context: string | undefined,
): FieldError[] {
  const where: Location = LOCATIONS[context ?? 'body'] ?? 'body';
  const fields: FieldError[] = [];
  for (const issue of issues) {
    const path = issue.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
    if (issue.keyword === 'unrecognized_keys' && issue.params.keys) {
      for (const key of issue.params.keys)
        fields.push({
          in: where,
          field: path ? `${path}.${String(key)}` : String(key),
          code: 'unknownField',
        });
      continue;
    }
    const params = issue.params.message.params;
    fields.push({
      in: where,
      field: path || where,
      code: issue.params.message.code,
      ...(params && Object.keys(params).length ? { params } : {}),
    });
  }
  return fields;
}

/** The answer before its messages are rendered: what went wrong, as codes. */
interface Failure {
  statusCode: number;
  error: string;
  code: ErrorCode;
  params?: MessageParams;
  fields?: FieldError[];
  headers?: Record<string, string>;
}

const field = (where: Location, name: string, code: FieldError['code'], params?: MessageParams) => [
  { in: where, field: name, code, ...(params ? { params } : {}) },
];

function failureOf(err: unknown, context: { bodyLimitBytes?: number }): Failure {
  if (err instanceof AppError) {
    return {
      statusCode: err.statusCode,
      error: err.error,
      code: err.code,
      params: err.params,
      ...(err.fields ? { fields: err.fields } : {}),
      ...(err.headers ? { headers: err.headers } : {}),
    };
  }
  const validation = (err as { validation?: unknown } | null)?.validation;
  if (isValidationIssueList(validation)) {
    const fields = validationFields(validation, (err as { validationContext?: string }).validationContext);
    return { statusCode: 400, error: 'validation_failed', code: 'validationFailed', fields };
  }
  const e = (err ?? {}) as Partial<FastifyError> & { statusCode?: number; message?: string };
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        statusCode: 415,
        error: 'unsupported_media_type',
        code: 'sendJson',
        fields: field('headers', 'content-type', 'notOneOf', { values: 'application/json' }),
      };
    case 'FST_ERR_CTP_BODY_TOO_LARGE': {
      const size = megabytes(context.bodyLimitBytes ?? 1024 * 1024);
      return {
        statusCode: 413,
        error: 'payload_too_large',
        code: 'bodyTooLarge',
        params: { size },
        fields: field('body', 'body', 'bodyTooLarge', { size }),
      };
    }
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return {
        statusCode: 400,
        error: 'validation_failed',
        code: 'contentLengthMismatch',
        fields: field('headers', 'content-length', 'invalid'),
      };
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return {
        statusCode: 414,
        error: 'uri_too_long',
        code: 'pathTooLong',
        fields: field('params', 'path', 'tooLong', { count: 1000 }),
      };
    case 'FST_ERR_BAD_URL':
      return {
        statusCode: 400,
        error: 'bad_url',
        code: 'badUrl',
        fields: field('params', 'path', 'invalid'),
      };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return invalidJson();
  }
  if (e.statusCode === 400 && err instanceof SyntaxError) return invalidJson();
  if (e.statusCode === 429) return { statusCode: 429, error: 'rate_limited', code: 'rateLimited' };
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500)
    return { statusCode: e.statusCode, error: 'bad_request', code: 'badRequest' };
  return { statusCode: 500, error: 'internal_error', code: 'serverError' };
}

const megabytes = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

const invalidJson = (): Failure => ({
  statusCode: 400,
  error: 'invalid_json',
  code: 'invalidJson',
  fields: field('body', 'body', 'invalidJson'),
});

/** Renders a failure's messages in one language. */
export function renderFailure(failure: Failure, locale: UiLocale): ErrorAnswer {
  const t = messagesIn(locale);
  const fields = failure.fields?.map((f) => ({
    ...f,
    message: translateMessage(t, `field.${f.code}`, f.params),
  }));
  let params = failure.params ?? {};
  if (failure.code === 'validationFailed') {
    const names = [...new Set((fields ?? []).map((f) => fieldLabel(t, f.field) || f.field))];
    params = { count: names.length, fields: names.slice(0, 5) };
  }
  return {
    statusCode: failure.statusCode,
    body: {
      error: failure.error,
      code: failure.code,
      ...(Object.keys(params).length ? { params } : {}),
      message: translateMessage(t, `error.${failure.code}`, params),
      ...(fields ? { fields } : {}),
    },
    ...(failure.headers ? { headers: failure.headers } : {}),
  };
}

/** Maps any thrown value to the answer the client gets. Pure, so it is unit-tested directly. */
export function toErrorAnswer(
  err: unknown,
  context: { bodyLimitBytes?: number; locale?: UiLocale } = {},
): ErrorAnswer {
  return renderFailure(failureOf(err, context), context.locale ?? 'en');
}

/** An answer for a failure raised outside a route (the not-found handler). */
export function answerOf(failure: Failure, locale: UiLocale): ErrorAnswer {
  return renderFailure(failure, locale);
}

export function sendError(reply: FastifyReply, answer: ErrorAnswer): FastifyReply {
  if (answer.headers) void reply.headers(answer.headers);
  return reply.status(answer.statusCode).type('application/json; charset=utf-8').send(answer.body);
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const answer = toErrorAnswer(err, {
      bodyLimitBytes: request.routeOptions.bodyLimit,
      locale: requestLocale(request),
    });
    if (answer.statusCode >= 500) request.log.error({ err }, 'request failed');
    else request.log.info({ statusCode: answer.statusCode, error: answer.body.error }, 'request refused');
    return sendError(reply, answer);
  });
}
