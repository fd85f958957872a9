// Rows of a PGlite database (a Stipple data folder), through COPY to and from PGlite's
// in-memory blob device. The data folder is locked while this runs: a server on it would
// corrupt it, and so would this.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, type Writable } from 'node:stream';
import type { PGlite } from '@electric-sql/pglite';
import { createPgliteDatabase, openPglite } from '../db/create-db.js';
import { lockDataDir, type DataDirLock } from '../db/data-dir-lock.js';
import { appliedMigrationCount } from '../db/migration-status.js';
import { readAll } from '../blobs/blob-store.js';
import {
  CATALOGUE,
  STABLE_OUTPUT,
  copyInSql,
  copyOutSql,
  tablesInOrder,
  type RowStore,
  type TableInfo,
} from './row-store.js';

export class DataDirInUseError extends Error {}

export class PgliteRowStore implements RowStore {
  readonly kind = 'pglite' as const;

  private constructor(
    private readonly dataDir: string,
    private readonly pg: PGlite,
    private readonly lock: DataDirLock,
  ) {}

  /** Whether the folder holds a PGlite database already. */
  static hasDatabase(dataDir: string): boolean {
    const dir = join(dataDir, 'pg');
    return existsSync(dir) && readdirSync(dir).length > 0;
  }

  static async open(dataDir: string): Promise<PgliteRowStore> {
    let lock: DataDirLock;
    mkdirSync(dataDir, { recursive: true });
    try {
      lock = lockDataDir(dataDir);
    } catch (err) {
      throw new DataDirInUseError(
        `${dataDir} is in use (${err instanceof Error ? err.message : String(err)}): stop the server first`,
      );
    }
    try {
      const pg = await openPglite(dataDir);
      await pg.exec(STABLE_OUTPUT);
      return new PgliteRowStore(dataDir, pg, lock);
    } catch (err) {
      lock.release();
      throw err;
    }
  }

  describe(): string {
    return `the PGlite database in ${this.dataDir}`;
  }

  async whyNotEmpty(): Promise<string | null> {
    const rows = (await this.pg.query<{ name: string }>(CATALOGUE.userTables)).rows;
    return rows.length ? `it already has tables (${rows.map((r) => r.name).join(', ')})` : null;
  }

  async migrate(): Promise<void> {
    await createPgliteDatabase(this.pg).migrate();
  }

  appliedMigrations(): Promise<number> {
    return appliedMigrationCount(createPgliteDatabase(this.pg));
  }

  async tables(): Promise<TableInfo[]> {
    const names = (await this.pg.query<{ name: string }>(CATALOGUE.tables)).rows.map((r) => r.name);
    const refs = (await this.pg.query<{ child: string; parent: string }>(CATALOGUE.references)).rows;
    const cols = (
      await this.pg.query<{ table: string; column: string; position: number; key_position: number }>(
        CATALOGUE.columns,
      )
    ).rows;
    return tablesInOrder(names, refs, cols);
  }

  async copyOut(table: TableInfo, sink: Writable): Promise<void> {
    const result = await this.pg.query(copyOutSql(table, "'/dev/blob'"));
    const data = result.blob ? Buffer.from(await result.blob.arrayBuffer()) : Buffer.alloc(0);
    await new Promise<void>((resolve, reject) => {
      sink.write(data, (err) => (err ? reject(err) : resolve()));
    });
  }

  async copyIn(table: TableInfo, source: Readable): Promise<void> {
    const data = await readAll(source);
    await this.pg.query(copyInSql(table, "'/dev/blob'"), [], { blob: new Blob([data]) });
  }

  async snapshot<T>(fn: () => Promise<T>): Promise<T> {
    // One connection, and nothing else uses it: the copy is consistent as it is.
    return fn();
  }

  async close(): Promise<void> {
    try {
      if (!this.pg.closed) await this.pg.close();
    } finally {
      this.lock.release();
    }
  }
}

export const readableOf = (data: Buffer): Readable => Readable.from([data]);
