// Rows of a PostgreSQL database through COPY streams (pg-copy-streams): a table goes to or from
// a file without being held in memory. A backup reads every table inside one repeatable-read,
// read-only transaction, so a busy studio is copied as of one instant.
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { createPostgresDatabase } from '../db/create-db.js';
import { appliedMigrationCount } from '../db/migration-status.js';
import {
  CATALOGUE,
  STABLE_OUTPUT,
  copyInSql,
  copyOutSql,
  tablesInOrder,
  type RowStore,
  type TableInfo,
} from './row-store.js';

export class PostgresRowStore implements RowStore {
  readonly kind = 'postgres' as const;

  private constructor(
    private readonly url: string,
    private readonly client: pg.Client,
  ) {}

  static async open(url: string): Promise<PostgresRowStore> {
    const client = new pg.Client({ connectionString: url, application_name: 'stipple-data-move' });
    client.on('error', () => undefined);
    await client.connect();
    await client.query(STABLE_OUTPUT);
    return new PostgresRowStore(url, client);
  }

  describe(): string {
    const u = new URL(this.url);
    return `the PostgreSQL database ${u.pathname.slice(1)} on ${u.host}`;
  }

  async whyNotEmpty(): Promise<string | null> {
    const { rows } = await this.client.query<{ name: string }>(CATALOGUE.userTables);
    return rows.length ? `it already has tables (${rows.map((r) => r.name).join(', ')})` : null;
  }

  private async withDatabase<T>(fn: (db: ReturnType<typeof createPostgresDatabase>) => Promise<T>) {
    const db = createPostgresDatabase(this.url, 1);
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  }

  migrate(): Promise<void> {
    return this.withDatabase((db) => db.migrate());
  }

  appliedMigrations(): Promise<number> {
    return this.withDatabase((db) => appliedMigrationCount(db));
  }

  async tables(): Promise<TableInfo[]> {
    const names = (await this.client.query<{ name: string }>(CATALOGUE.tables)).rows.map((r) => r.name);
    const refs = (await this.client.query<{ child: string; parent: string }>(CATALOGUE.references)).rows;
    const cols = (
      await this.client.query<{ table: string; column: string; position: number; key_position: number }>(
        CATALOGUE.columns,
      )
    ).rows;
    return tablesInOrder(names, refs, cols);
  }

  async copyOut(table: TableInfo, sink: Writable): Promise<void> {
    await pipeline(this.client.query(copyTo(copyOutSql(table, 'STDOUT'))), sink, { end: false });
  }

  async copyIn(table: TableInfo, source: Readable): Promise<void> {
    await pipeline(source, this.client.query(copyFrom(copyInSql(table, 'STDIN'))));
  }

  async snapshot<T>(fn: () => Promise<T>): Promise<T> {
    await this.client.query('begin isolation level repeatable read read only');
    try {
      const result = await fn();
      await this.client.query('commit');
      return result;
    } catch (err) {
      await this.client.query('rollback').catch(() => undefined);
      throw err;
    }
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}
