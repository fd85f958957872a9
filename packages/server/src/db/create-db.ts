// Two thin drivers behind one factory: drizzle's own PGlite driver (embedded default, data in a
// folder) and node-postgres (DATABASE_URL). PGlite's node-postgres adapter is deliberately not
// used: with drizzle it hangs (stack.md §1.5).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import type { Config } from '../config.js';
import {
  APP_ROLE,
  AppRoleUnavailableError,
  STARTUP_LOCK_KEY,
  assertStudioId,
  queryRows,
  type Database,
  type Tx,
} from './database.js';
import { prepareStatementsOn, StatementNames } from './prepared-statements.js';
import { schema } from './schema.js';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));

type TxRunner = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

/** Both steps in one statement: switch to the app role and name the studio, for this transaction only. */
const enterStudio = (studioId: string) =>
  sql`select set_config('role', ${APP_ROLE}, true), set_config('stipple.studio_id', ${studioId}, true)`;

function studioScoped(transaction: TxRunner): Database['withStudio'] {
  return (studioId, fn) => {
    assertStudioId(studioId);
    return transaction(async (tx) => {
      await tx.execute(enterStudio(studioId));
      return fn(tx);
    });
  };
}

async function checkAppRole(transaction: TxRunner): Promise<void> {
  let user = 'unknown';
  try {
    await transaction(async (tx) => {
      const [row] = await queryRows<{ user: string }>(tx, sql`select current_user as "user"`);
      user = row?.user ?? user;
      await tx.execute(sql`select set_config('role', ${APP_ROLE}, true)`);
    });
  } catch (err) {
    throw new AppRoleUnavailableError(user, err);
  }
}

/** A serial queue in this process: PGlite is one connection, so its advisory locks are re-entrant. */
function createMutex() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };
}

/** Wraps an open PGlite instance (tests pass one made from a migrated dump). */
export function createPgliteDatabase(client: PGlite): Database {
  const db = drizzlePglite({ client, schema });
  const transaction: TxRunner = (fn) => db.transaction((tx) => fn(tx as unknown as Tx));
  const inProcess = createMutex();
  const withStartupLock = <T>(fn: () => Promise<T>) =>
    inProcess(async () => {
      await client.query('select pg_advisory_lock($1)', [STARTUP_LOCK_KEY]);
      try {
        return await fn();
      } finally {
        await client.query('select pg_advisory_unlock($1)', [STARTUP_LOCK_KEY]);
      }
    });
  return {
    kind: 'pglite',
    withStudio: studioScoped(transaction),
    asSystem: transaction,
    asSystemStatements: (fn) => fn(db),
    migrate: () => withStartupLock(() => migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER })),
    checkAppRole: () => checkAppRole(transaction),
    withStartupLock,
    ping: async () => {
      await client.query('select 1');
    },
    warmUp: () => Promise.resolve(),
    close: async () => {
      if (!client.closed) await client.close();
    },
  };
}

/**
 * PGlite options every Stipple PGlite needs: btree_gist backs the exclusion constraint that keeps
 * an artist from being double-booked (PostgreSQL has it in contrib, a trusted extension).
 */
export function pgliteOptions(extra: PGliteOptions = {}): PGliteOptions {
  return { ...extra, extensions: { btree_gist, ...extra.extensions } };
}

/** Opens (creating when new) the PGlite database in `<dataDir>/pg`. */
export async function openPglite(dataDir: string): Promise<PGlite> {
  const dir = join(dataDir, 'pg');
  mkdirSync(dir, { recursive: true });
  return PGlite.create(pgliteOptions({ dataDir: dir }));
}

/**
 * A studio transaction in as few round trips as the protocol allows: BEGIN and the two settings
 * go to the server as one message, then the work, then COMMIT. Every request runs one of these,
 * and on a busy machine each round trip (a write and a read on the socket) costs more than the
 * query itself. Each pooled connection keeps its own drizzle handle.
 */
function postgresStudioTransaction(pool: pg.Pool): Database['withStudio'] {
  const handles = new WeakMap<pg.PoolClient, Tx>();
  return async (studioId, fn) => {
    assertStudioId(studioId);
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      // The studio id is a checked UUID and the role a constant: nothing here comes from a user.
      await client.query(
        `begin; select set_config('role', '${APP_ROLE}', true), set_config('stipple.studio_id', '${studioId}', true)`,
      );
      let tx = handles.get(client);
      if (!tx) {
        tx = drizzlePg({ client, schema });
        handles.set(client, tx);
      }
      const result = await fn(tx);
      await client.query('commit');
      return result;
    } catch (err) {
      await client.query('rollback').catch((rollbackErr: unknown) => {
        broken = rollbackErr instanceof Error ? rollbackErr : new Error(String(rollbackErr));
      });
      throw err;
    } finally {
      // A connection that could not roll back is closed, not handed to the next request.
      client.release(broken);
    }
  };
}

export function createPostgresDatabase(connectionString: string, poolSize = 10): Database {
  // Connections stay open once made (min = max): a connection closed after 10 idle seconds (the
  // default) came back on the next burst as a new backend, connected and parsing its statements
  // again while the requests of that burst waited.
  const pool = new pg.Pool({ connectionString, max: poolSize, min: poolSize, application_name: 'stipple' });
  // An idle client that loses its server (restart, network) must not crash the process.
  pool.on('error', () => undefined);
  const names = new StatementNames();
  pool.on('connect', (client) => prepareStatementsOn(client, names));
  const db = drizzlePg({ client: pool, schema });
  const transaction: TxRunner = (fn) => db.transaction((tx) => fn(tx as unknown as Tx));
  let closed = false;
  const withLockedClient = async <T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      // Session-level lock on one dedicated connection: other processes wait here.
      await client.query('select pg_advisory_lock($1)', [STARTUP_LOCK_KEY]);
      try {
        return await fn(client);
      } finally {
        await client.query('select pg_advisory_unlock($1)', [STARTUP_LOCK_KEY]);
      }
    } finally {
      client.release();
    }
  };
  return {
    kind: 'postgres',
    withStudio: postgresStudioTransaction(pool),
    asSystem: transaction,
    asSystemStatements: (fn) => fn(db),
    // drizzle's migrator takes no lock itself, so it runs on the very connection holding ours.
    migrate: () =>
      withLockedClient((client) =>
        migratePg(drizzlePg({ client, schema }), { migrationsFolder: MIGRATIONS_FOLDER }),
      ),
    checkAppRole: () => checkAppRole(transaction),
    withStartupLock: (fn) => withLockedClient(() => fn()),
    ping: async () => {
      if (closed) throw new Error('database is closed');
      await pool.query('select 1');
    },
    warmUp: async () => {
      const clients = await Promise.all(Array.from({ length: poolSize }, () => pool.connect()));
      try {
        await Promise.all(clients.map((c) => c.query('select 1')));
      } finally {
        for (const c of clients) c.release();
      }
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** The database the configuration asks for: PostgreSQL when DATABASE_URL is set, else PGlite in the data folder. */
export async function createDb(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Database> {
  if (config.databaseUrl) return createPostgresDatabase(config.databaseUrl);
  return createPgliteDatabase(await openPglite(config.dataDir));
}
