// One database handle for the whole server, over PGlite or PostgreSQL. All request work goes
// through `withStudio`, which makes PostgreSQL's row-level security confine every statement to
// one studio; `asSystem` is the deliberate, named exception for work done before a studio is
// known.
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Schema } from './schema.js';

/** A drizzle transaction. Repositories take one of these and never open their own. */
export type Tx = PgDatabase<PgQueryResultHKT, Schema>;

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  readonly kind: DatabaseKind;
  /**
   * Runs `fn` in a transaction as the role `stipple_app` with `stipple.studio_id` set to
   * `studioId`: the row-level security policies then hide and refuse every row of another
   * studio, whatever the SQL inside says.
   */
  withStudio<T>(studioId: string, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` in a transaction as the connection's own role, which owns the tables and so is
   * not confined by row-level security. Only for work that has no studio yet or spans
   * studios: sign-in lookup by email, session-token lookup, invitation acceptance, jobs that
   * iterate studios, demo seeding. Every caller says why in a comment.
   */
  asSystem<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Like `asSystem`, but without a transaction: each statement of `fn` commits on its own. Only
   * for statements that stand alone, run on every request, where BEGIN and COMMIT would triple
   * the round trips to the server: the session-token lookup (and the expiry it slides).
   */
  asSystemStatements<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Applies pending migrations under an advisory lock; safe to call from several processes. */
  migrate(): Promise<void>;
  /** Fails with a clear message when this connection cannot switch to the app role. */
  checkAppRole(): Promise<void>;
  /** Holds the migration advisory lock while `fn` runs (e.g. seeding right after migrating). */
  withStartupLock<T>(fn: () => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  /**
   * Opens every connection the server will use before it reports ready, so that the first
   * requests do not wait while the pool connects one backend after the other (PGlite: nothing).
   */
  warmUp(): Promise<void>;
  close(): Promise<void>;
}

export const APP_ROLE = 'stipple_app';
/** Arbitrary constant shared by every Stipple process on a database: the startup (migration) lock. */
export const STARTUP_LOCK_KEY = 7_431_901_001;

const StudioId = z.uuid();

export function assertStudioId(studioId: string): void {
  // The value becomes a setting that the policies cast to uuid; refuse anything else early.
  if (!StudioId.safeParse(studioId).success) throw new Error('withStudio needs a studio uuid');
}

/** Rows of a raw `tx.execute(sql)`: both drivers answer `{ rows }`. */
export async function queryRows<T>(tx: Tx, query: SQL): Promise<T[]> {
  const result: unknown = await tx.execute(query);
  return (result as { rows: T[] }).rows;
}

export class AppRoleUnavailableError extends Error {
  constructor(user: string, cause: unknown) {
    super(
      `The database user "${user}" cannot switch to the role ${APP_ROLE}, which studio isolation ` +
        `(row-level security) runs under. As a database administrator run: GRANT ${APP_ROLE} TO "${user}";` +
        ` (or let Stipple's migrations create the role by starting once with a user that may create roles).`,
      { cause },
    );
    this.name = 'AppRoleUnavailableError';
  }
}
