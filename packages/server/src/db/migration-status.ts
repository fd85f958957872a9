// Whether the database has every migration this build ships; checked at start when
// STIPPLE_SKIP_MIGRATIONS is set, so a server never runs against an older schema.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { MIGRATIONS_FOLDER } from './create-db.js';
import { queryRows, type Database } from './database.js';

export function shippedMigrationCount(folder = MIGRATIONS_FOLDER): number {
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

export async function appliedMigrationCount(db: Database): Promise<number> {
  return db.asSystem(async (tx) => {
    const [exists] = await queryRows<{ present: boolean }>(
      tx,
      sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
    );
    if (!exists?.present) return 0;
    const [row] = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    return row?.n ?? 0;
  });
}

export async function assertMigrated(db: Database): Promise<void> {
  const [applied, shipped] = [await appliedMigrationCount(db), shippedMigrationCount()];
  if (applied < shipped) {
    throw new Error(
      `The database is not migrated (${applied} of ${shipped} migrations applied) and STIPPLE_SKIP_MIGRATIONS is set: ` +
        'start once without STIPPLE_SKIP_MIGRATIONS, or apply the migrations another way.',
    );
  }
}
