// PostgreSQL errors reach us wrapped (drizzle's DrizzleQueryError keeps the driver error as
// `cause`); these helpers find the database's own SQLSTATE and message.

interface PgLikeError {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  constraint?: unknown;
}

/** The innermost error that carries a five-character SQLSTATE, if any. */
export function findPgError(
  err: unknown,
): { code: string; message: string; constraint?: string } | undefined {
  let e: unknown = err;
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const candidate = e as PgLikeError;
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return {
        code: candidate.code,
        message: typeof candidate.message === 'string' ? candidate.message : '',
        ...(typeof candidate.constraint === 'string' ? { constraint: candidate.constraint } : {}),
      };
    }
    e = candidate.cause;
  }
  return undefined;
}

export const PG_UNIQUE_VIOLATION = '23505';

export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const pg = findPgError(err);
  return pg?.code === PG_UNIQUE_VIOLATION && (constraint === undefined || pg.constraint === constraint);
}
