import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createPostgresDatabase } from './create-db.js';
import { queryRows, type Database } from './database.js';
import { shippedMigrationCount } from './migration-status.js';
import { createEmptyTestDatabase, type TestDatabase } from '../test-support/test-db.js';

const applied = (db: Database) =>
  db.asSystem((tx) =>
    queryRows<{ hash: string; n: number }>(
      tx,
      sql`select hash, count(*) over ()::int as n from drizzle.__drizzle_migrations order by id`,
    ),
  );

const tables = (db: Database) =>
  db.asSystem((tx) =>
    queryRows<{ table_name: string }>(
      tx,
      sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
    ),
  );

describe('migrations', () => {
  const opened: TestDatabase[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((t) => t.dispose()));
  });

  it('apply to an empty database, and a second run changes nothing', async () => {
    const t = await createEmptyTestDatabase();
    opened.push(t);
    await t.db.migrate();
    const first = await applied(t.db);
    const firstTables = await tables(t.db);
    expect(first.length).toBe(shippedMigrationCount());
    expect(firstTables.map((r) => r.table_name)).toEqual(
      expect.arrayContaining([
        'studio',
        'staff_user',
        'auth_session',
        'staff_invitation',
        'client',
        'audit_entry',
      ]),
    );

    await t.db.migrate();
    expect(await applied(t.db)).toEqual(first);
    expect(await tables(t.db)).toEqual(firstTables);
    await t.db.checkAppRole();
  });

  it('serialise concurrent migrators with the advisory lock, so each migration applies once', async () => {
    const t = await createEmptyTestDatabase();
    opened.push(t);
    // On PostgreSQL a second pool is a second process as far as the server can tell; PGlite is
    // one connection, so there the two migrators share it and queue in process.
    const other = t.url ? createPostgresDatabase(t.url, 2) : t.db;
    try {
      const order: string[] = [];
      const run = (label: string, db: Database) =>
        db.migrate().then(() => {
          order.push(label);
        });
      await Promise.all([run('a', t.db), run('b', other)]);
      expect(order.sort()).toEqual(['a', 'b']);
      const rows = await applied(t.db);
      expect(new Set(rows.map((r) => r.hash)).size).toBe(rows.length);
      expect(rows[0]?.n).toBe(rows.length);
    } finally {
      if (other !== t.db) await other.close();
    }
  });

  it('hold the startup lock against a second holder until released', async () => {
    const t = await createEmptyTestDatabase();
    opened.push(t);
    const other = t.url ? createPostgresDatabase(t.url, 2) : t.db;
    try {
      const events: string[] = [];
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const first = t.db.withStartupLock(async () => {
        events.push('first in');
        await held;
        events.push('first out');
      });
      // Wait until the first holder is inside, then ask for the lock again.
      while (!events.includes('first in')) await new Promise((r) => setTimeout(r, 5));
      const second = other.withStartupLock(() => {
        events.push('second in');
        return Promise.resolve();
      });
      await new Promise((r) => setTimeout(r, 150));
      expect(events).toEqual(['first in']);
      release();
      await Promise.all([first, second]);
      expect(events).toEqual(['first in', 'first out', 'second in']);
    } finally {
      if (other !== t.db) await other.close();
    }
  });
});
