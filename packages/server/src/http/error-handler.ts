// The one place where failures become answers: every 4xx/5xx is an ApiError JSON body naming
// the offending fields. 5xx answers never carry internals; those go to the log only.
import type { ApiError } from '@stipple/core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from './app-error.js';
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

function describeIssue(issue: ValidationIssue): string {
  return issue.params.missing ? 'is required' : issue.message;
}

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
          message: 'is not a known field',
        });
      continue;
    }
    fields.push({ in: where, field: path || where, message: describeIssue(issue) });
  }
  return fields;
}

const summary = (fields: FieldError[]) =>
  `Invalid request: ${fields
    .slice(0, 10)
    .map((f) => `${f.field} ${f.message}`)
    .join('; ')}`;

/** Maps any thrown value to the answer the client gets. Pure, so it is unit-tested directly. */
export function toErrorAnswer(err: unknown, context: { bodyLimitBytes?: number } = {}): ErrorAnswer {
  if (err instanceof AppError) {
    return {
      statusCode: err.statusCode,
      body: { error: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) },
      ...(err.headers ? { headers: err.headers } : {}),
    };
  }
  const validation = (err as { validation?: unknown } | null)?.validation;
  if (isValidationIssueList(validation)) {
    const fields = validationFields(validation, (err as { validationContext?: string }).validationContext);
    return { statusCode: 400, body: { error: 'validation_failed', message: summary(fields), fields } };
  }
  const e = (err ?? {}) as Partial<FastifyError> & { statusCode?: number; message?: string };
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        statusCode: 415,
        body: {
          error: 'unsupported_media_type',
          message: 'Send the body as JSON (content-type: application/json)',
          fields: [{ in: 'headers', field: 'content-type', message: 'must be application/json' }],
        },
      };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        statusCode: 413,
        body: {
          error: 'payload_too_large',
          message: 'The request body is too large',
          fields: [
            {
              in: 'body',
              field: 'body',
              message: `is larger than the server accepts (${megabytes(context.bodyLimitBytes ?? 1024 * 1024)})`,
            },
          ],
        },
      };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return {
        statusCode: 400,
        body: {
          error: 'validation_failed',
          message: 'The content-length header does not match the body',
          fields: [{ in: 'headers', field: 'content-length', message: 'does not match the body' }],
        },
      };
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return {
        statusCode: 414,
        body: {
          error: 'uri_too_long',
          message: 'A path parameter is too long',
          fields: [{ in: 'params', field: 'path', message: 'has a parameter longer than 1000 characters' }],
        },
      };
    case 'FST_ERR_BAD_URL':
      return {
        statusCode: 400,
        body: {
          error: 'bad_url',
          message: 'The request path is not valid',
          fields: [{ in: 'params', field: 'path', message: 'is not a valid URL path' }],
        },
      };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return invalidJson(e.message);
  }
  if (e.statusCode === 400 && err instanceof SyntaxError) return invalidJson(e.message);
  if (e.statusCode === 429) {
    return {
      statusCode: 429,
      body: { error: 'rate_limited', message: 'Too many requests; try again later' },
    };
  }
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    // Fastify's own client errors: their messages are safe to show.
    return { statusCode: e.statusCode, body: { error: 'bad_request', message: e.message ?? 'Bad request' } };
  }
  return {
    statusCode: 500,
    body: { error: 'internal_error', message: 'Something went wrong on the server' },
  };
}

const megabytes = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

function invalidJson(detail: string | undefined): ErrorAnswer {
  return {
    statusCode: 400,
    body: {
      error: 'invalid_json',
      message: 'The request body is not valid JSON',
      fields: [{ in: 'body', field: 'body', message: `is not valid JSON${detail ? `: ${detail}` : ''}` }],
    },
  };
}

export function sendError(reply: FastifyReply, answer: ErrorAnswer): FastifyReply {
  if (answer.headers) void reply.headers(answer.headers);
  return reply.status(answer.statusCode).type('application/json; charset=utf-8').send(answer.body);
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const answer = toErrorAnswer(err, { bodyLimitBytes: request.routeOptions.bodyLimit });
    if (answer.statusCode >= 500) request.log.error({ err }, 'request failed');
    else request.log.info({ statusCode: answer.statusCode, error: answer.body.error }, 'request refused');
    return sendError(reply, answer);
  });
}
