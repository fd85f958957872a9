// How errors are written to the log. A failed query carries every parameter it was sent (drizzle
// puts them in its message, its stack and a `params` field) and PostgreSQL's own messages quote
// the offending value ("Key (email)=(ana@…) already exists", 'invalid input syntax … "José"'):
// names, contact details, screening answers. The log keeps what a developer needs to find the
// fault (the error's type, the SQL text without values, the SQLSTATE, table, column and
// constraint, the stack frames) and never a value.

export interface SafeError {
  type: string;
  message: string;
  stack?: string;
  code?: string;
  [key: string]: unknown;
}

/** PostgreSQL error fields that name schema objects or places in PostgreSQL's code, never data. */
const PG_SAFE_FIELDS = [
  'severity',
  'schema',
  'table',
  'column',
  'dataType',
  'constraint',
  'routine',
] as const;

const SQLSTATE = /^[0-9A-Z]{5}$/;
const EMAIL = /[^\s@"'<>()[\],;:]+@[^\s@"'<>()[\],;:]+\.[^\s@"'<>()[\],;:]+/g;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** A drizzle query error: `query` and `params` beside the driver's error as `cause`. */
const isQueryError = (e: Record<string, unknown>) => typeof e.query === 'string' && 'params' in e;
const isPgError = (e: Record<string, unknown>) => typeof e.code === 'string' && SQLSTATE.test(e.code);

/** SQL text with any literal a statement might carry inline replaced ('…', E'…', $$…$$, numbers stay). */
export function sqlWithoutValues(query: string): string {
  return query.replace(/\$\$[\s\S]*?\$\$/g, "'?'").replace(/[eE]?'(?:[^']|'')*'/g, "'?'");
}

/** A message with quoted parts and email addresses masked. */
function maskedMessage(message: string): string {
  return message
    .replace(/"(?:[^"\\]|\\.)*"/g, '"?"')
    .replace(/\((?:[^()]|\([^()]*\))*\)=\((?:[^()]|\([^()]*\))*\)/g, '(?)=(?)')
    .replace(EMAIL, '[email]');
}

/** The frames of a stack, without its first lines (which repeat the message). */
function framesOf(stack: unknown): string | undefined {
  if (typeof stack !== 'string') return undefined;
  const frames = stack.split('\n').filter((line) => /^\s+at /.test(line));
  return frames.length ? frames.join('\n') : undefined;
}

function messageOf(e: Record<string, unknown>): string {
  const raw = typeof e.message === 'string' ? e.message : '';
  if (isQueryError(e)) return `Failed query: ${sqlWithoutValues(e.query as string)}`;
  if (isPgError(e)) return maskedMessage(raw);
  return raw.replace(EMAIL, '[email]');
}

function typeOf(err: unknown): string {
  if (err instanceof Error) return err.constructor.name || err.name;
  return typeof err;
}

/** The log form of any thrown value; causes are followed a few levels deep. */
export function safeError(err: unknown, depth = 0): SafeError {
  if (!isRecord(err)) return { type: typeOf(err), message: typeof err === 'string' ? '[text]' : String(err) };
  const out: SafeError = { type: typeOf(err), message: messageOf(err) };
  const frames = framesOf(err.stack);
  if (frames) out.stack = `${out.type}: ${out.message}\n${frames}`;
  if (typeof err.code === 'string' || typeof err.code === 'number') out.code = String(err.code);
  if (isPgError(err))
    for (const field of PG_SAFE_FIELDS) if (typeof err[field] === 'string') out[field] = err[field];
  if (typeof err.statusCode === 'number') out.statusCode = err.statusCode;
  if (err.cause !== undefined && depth < 4) out.cause = safeError(err.cause, depth + 1);
  if (err instanceof AggregateError && depth < 4)
    out.errors = err.errors.slice(0, 5).map((e: unknown) => safeError(e, depth + 1));
  return out;
}
