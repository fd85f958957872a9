// Log options: JSON lines by pino, with client data and secrets kept out. Request bodies are
// never logged; URLs are logged without their query string (searches hold names) and with
// invitation tokens masked.
import type { FastifyRequest } from 'fastify';
import type { LoggerOptions } from 'pino';
import type { LogLevel } from '../config.js';
import { currentRequestId } from '../observability/request-context.js';

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'body',
  '*.body',
  'password',
  '*.password',
  'token',
  '*.token',
  'csrfToken',
  '*.csrfToken',
  'email',
  '*.email',
  'phone',
  '*.phone',
  'dateOfBirth',
  '*.dateOfBirth',
  'givenName',
  '*.givenName',
  'familyName',
  '*.familyName',
  'name',
  '*.name',
  'notes',
  '*.notes',
  'q',
  '*.q',
];

/** The path of a URL, without query string, with one-time tokens and calendar-feed secrets masked. */
export function loggableUrl(url: string): string {
  const path = url.split('?')[0] ?? '';
  return path
    .replace(/^\/(api\/invitations|invite)\/[^/]+/, '/$1/:token')
    .replace(/^\/api\/feeds\/[^/]+/, '/api/feeds/:token');
}

/**
 * Log lines written inside a request or a job carry its request id (`reqId`, Fastify's own key),
 * unless the logger already has it bound (Fastify's request logger).
 */
function requestIdMixin(_merge: object, _level: number, logger: { bindings(): Record<string, unknown> }) {
  const reqId = currentRequestId();
  if (!reqId || logger.bindings().reqId !== undefined) return {};
  return { reqId };
}

export function loggerOptions(level: LogLevel): LoggerOptions {
  return {
    level,
    mixin: requestIdMixin,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      req: (req: FastifyRequest) => ({
        method: req.method,
        url: loggableUrl(req.url),
        remoteAddress: req.ip,
      }),
    },
  };
}
