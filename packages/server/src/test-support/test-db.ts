// Gives a test file its own database on the current leg (`STIPPLE_TEST_DB`): a PGlite started
// from the migrated dump, or a PostgreSQL database copied from the migrated template.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { createPgliteDatabase, createPostgresDatabase, pgliteOptions } from '../db/create-db.js';
import type { Database, DatabaseKind } from '../db/database.js';
import './provided.js';

export interface TestDatabase {
  db: Database;
  kind: DatabaseKind;
  /** PostgreSQL leg only: the URL of this test's database (pg-boss and second connections use it). */
  url: string | undefined;
  /** Closes the database (idempotent) and drops it on PostgreSQL. */
  dispose(): Promise<void>;
}

export function currentLeg(): DatabaseKind {
  const leg = process.env.STIPPLE_TEST_DB;
  if (leg !== 'pglite' && leg !== 'postgres')
    throw new Error(
      'STIPPLE_TEST_DB must be pglite or postgres: run with --project db:pglite or db:postgres',
    );
  return leg;
}

/** The same server URL with another database name. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(fn: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: inject('postgresAdminUrl') });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

async function createPostgresTestDatabase(template: string | null): Promise<TestDatabase> {
  const name = `stipple_test_${randomBytes(6).toString('hex')}`;
  await withAdmin((admin) =>
    admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`),
  );
  const url = databaseUrl(inject('postgresAdminUrl'), name);
  const db = createPostgresDatabase(url, 5);
  return {
    db,
    kind: 'postgres',
    url,
    dispose: async () => {
      await db.close();
      await withAdmin((admin) => admin.query(`drop database if exists ${name} with (force)`));
    },
  };
}

/** A migrated database of the current leg, private to the caller. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (currentLeg() === 'postgres') return createPostgresTestDatabase(inject('postgresTemplate'));
  const dump = readFileSync(inject('pgliteDumpPath'));
  const pglite = await PGlite.create(pgliteOptions({ loadDataDir: new Blob([dump]) }));
  const db = createPgliteDatabase(pglite);
  return { db, kind: 'pglite', url: undefined, dispose: () => db.close() };
}

/** An empty, unmigrated database of the current leg (for migration tests). */
export async function createEmptyTestDatabase(): Promise<TestDatabase> {
  if (currentLeg() === 'postgres') return createPostgresTestDatabase(null);
  const db = createPgliteDatabase(await PGlite.create(pgliteOptions()));
  return { db, kind: 'pglite', url: undefined, dispose: () => db.close() };
}
