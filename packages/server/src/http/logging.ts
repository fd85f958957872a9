// Log options: JSON lines by pino, with client data and secrets kept out. Request bodies are
// never logged; URLs are logged without their query string (searches hold names) and with
// secret tokens (invitations, password resets, calendar feeds) masked; errors are written
// without the values a failed query carried (safe-error.ts).
import type { FastifyRequest } from 'fastify';
import { pino, type DestinationStream, type LoggerOptions } from 'pino';
import type { LogLevel } from '../config.js';
import { currentRequestId } from '../observability/request-context.js';
import { safeError } from './safe-error.js';

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

/** Paths whose last part is a secret: whoever reads it in a log could use it. */
const SECRET_PATHS: [RegExp, string][] = [
  [/^\/(api\/invitations|invite)\/[^/]+/, '/$1/:token'],
  [/^\/(api\/password-resets|reset-password)\/[^/]+/, '/$1/:token'],
  [/^\/api\/feeds\/[^/]+/, '/api/feeds/:token'],
  [/^\/(api\/kiosk|kiosk)\/[^/]+/, '/$1/:token'],
  [/^\/(api\/portal\/links|p)\/[^/]+/, '/$1/:token'],
];

/** The path of a URL, without query string, with secret tokens masked. */
export function loggableUrl(url: string): string {
  let path = url.split('?')[0] ?? '';
  for (const [pattern, mask] of SECRET_PATHS) path = path.replace(pattern, mask);
  return path;
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

/**
 * Standard output, written asynchronously: a synchronous write per line held the event loop on
 * every request (5 % of the server's time under load). pino flushes what is pending when the
 * process exits, a crash included; only a SIGKILL can lose the last lines.
 */
export function logDestination(): DestinationStream {
  return pino.destination({ dest: 1, sync: false });
}

export function loggerOptions(level: LogLevel): LoggerOptions {
  return {
    level,
    mixin: requestIdMixin,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      err: safeError,
      error: safeError,
      req: (req: FastifyRequest) => ({
        method: req.method,
        url: loggableUrl(req.url),
        remoteAddress: req.ip,
      }),
    },
  };
}
