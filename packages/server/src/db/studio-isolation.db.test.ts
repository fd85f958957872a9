// Row-level security alone keeps studios apart: these statements have no studio filter at all,
// the way a repository with a forgotten `where` would look.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from './database.js';
import { STUDIO_TABLES, appointment, auditEntry, client, studio } from './schema.js';
import { seedStudio } from '../test-support/isolation-seed.js';
import { createTestDatabase, type TestDatabase } from '../test-support/test-db.js';
import { findPgError } from './pg-errors.js';

let t: TestDatabase;
const ids = { a: '', b: '' };

/** The database's own message for a refused statement (drizzle wraps it). */
async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (err) {
    return findPgError(err)?.message ?? String(err);
  }
  return 'not refused';
}

const studioColumn = (table: string) => (table === 'studio' ? 'id' : 'studio_id');

beforeAll(async () => {
  t = await createTestDatabase();
  // Fixtures for two studios are written as the system (table owner), before any studio is chosen.
  await t.db.asSystem(async (tx) => {
    ids.a = await seedStudio(tx, 'Studio A', 'a');
    ids.b = await seedStudio(tx, 'Studio B', 'b');
  });
});
afterAll(() => t?.dispose());

describe('row-level security', () => {
  it('runs studio work as the app role, which is neither superuser nor owner', async () => {
    const [who] = await t.db.withStudio(ids.a, (tx) =>
      queryRows<{ user: string; studio: string; su: boolean }>(
        tx,
        sql`select current_user as "user", current_setting('stipple.studio_id') as studio,
                   (select rolsuper from pg_roles where rolname = current_user) as su`,
      ),
    );
    expect(who).toEqual({ user: 'stipple_app', studio: ids.a, su: false });
  });

  it.each(STUDIO_TABLES)('a select on %s with no filter sees only the current studio', async (table) => {
    const col = studioColumn(table);
    const seen = await t.db.withStudio(ids.a, (tx) =>
      queryRows<{ sid: string }>(tx, sql`select ${sql.raw(col)}::text as sid from ${sql.raw(table)}`),
    );
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen.map((r) => r.sid))).toEqual(new Set([ids.a]));
    const all = await t.db.asSystem((tx) =>
      queryRows<{ n: number }>(
        tx,
        sql`select count(distinct ${sql.raw(col)})::int as n from ${sql.raw(table)}`,
      ),
    );
    expect(all[0]?.n).toBe(2);
  });

  it('an update or delete with no filter touches only the current studio', async () => {
    await t.db.withStudio(ids.a, async (tx) => {
      await tx.execute(sql`update client set notes = 'touched'`);
      await tx.execute(sql`update staff_user set name = 'touched'`);
      await tx.execute(sql`delete from audit_entry`);
      await tx.execute(sql`delete from staff_invitation`);
      await tx.execute(sql`delete from auth_session`);
    });
    const b = await t.db.asSystem(async (tx) => ({
      clients: await queryRows<{ notes: string }>(
        tx,
        sql`select notes from client where studio_id = ${ids.b}`,
      ),
      staff: await queryRows<{ name: string }>(
        tx,
        sql`select name from staff_user where studio_id = ${ids.b}`,
      ),
      audit: await queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from audit_entry where studio_id = ${ids.b}`,
      ),
      invites: await queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from staff_invitation where studio_id = ${ids.b}`,
      ),
      sessions: await queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from auth_session where studio_id = ${ids.b}`,
      ),
      aClients: await queryRows<{ notes: string }>(
        tx,
        sql`select notes from client where studio_id = ${ids.a}`,
      ),
    }));
    expect(b.clients.map((r) => r.notes)).toEqual(['', '', '']);
    expect(b.staff.map((r) => r.name)).toEqual(['Studio B owner']);
    expect([b.audit[0]?.n, b.invites[0]?.n, b.sessions[0]?.n]).toEqual([1, 1, 1]);
    expect(b.aClients.map((r) => r.notes)).toEqual(['touched', 'touched', 'touched']);
  });

  it('refuses to insert a row for another studio, or to move a row there', async () => {
    expect(
      await refusal(
        t.db.withStudio(ids.a, (tx) => tx.insert(client).values({ studioId: ids.b, familyName: 'Intruder' })),
      ),
    ).toMatch(/row-level security/);
    expect(
      await refusal(
        t.db.withStudio(ids.a, (tx) =>
          tx.insert(auditEntry).values({ studioId: ids.b, action: 'client.read', entityType: 'client' }),
        ),
      ),
    ).toMatch(/row-level security/);
    expect(
      await refusal(t.db.withStudio(ids.a, (tx) => tx.execute(sql`update client set studio_id = ${ids.b}`))),
    ).toMatch(/row-level security/);
    const intruders = await t.db.asSystem((tx) =>
      queryRows<{ n: number }>(tx, sql`select count(*)::int as n from client where family_name = 'Intruder'`),
    );
    expect(intruders[0]?.n).toBe(0);
  });

  it('a studio id that does not exist sees nothing; the app role without a studio sees nothing', async () => {
    const none = await t.db.withStudio('00000000-0000-4000-8000-000000000000', (tx) =>
      queryRows<{ n: number }>(tx, sql`select count(*)::int as n from client`),
    );
    expect(none[0]?.n).toBe(0);
    const noStudio = await t.db.asSystem(async (tx) => {
      await tx.execute(sql`select set_config('role', 'stipple_app', true)`);
      return queryRows<{ n: number }>(tx, sql`select count(*)::int as n from client`);
    });
    expect(noStudio[0]?.n).toBe(0);
  });

  it('keeps audit entries append-only and the job table out of reach for the app role', async () => {
    expect(
      await refusal(t.db.withStudio(ids.b, (tx) => tx.execute(sql`update audit_entry set action = 'x'`))),
    ).toMatch(/permission denied/);
    expect(await refusal(t.db.withStudio(ids.b, (tx) => tx.execute(sql`select * from job`)))).toMatch(
      /permission denied/,
    );
    expect(
      await refusal(
        t.db.withStudio(ids.b, (tx) => tx.insert(studio).values({ name: 'Another', slug: 'another' })),
      ),
    ).toMatch(/permission denied/);
  });

  it('refuses to change or delete a signed consent, its withdrawal, appointment history or a saved plan, even as the owner role', async () => {
    for (const statement of [
      sql`update consent_record set body = 'rewritten'`,
      sql`delete from consent_record`,
      sql`update consent_withdrawal set reason = 'x'`,
      sql`delete from appointment_event`,
      sql`update treatment_plan set override_count = 5`,
      sql`delete from treatment_plan`,
    ]) {
      expect(await refusal(t.db.asSystem((tx) => tx.execute(statement)))).toMatch(/immutable/);
      expect(await refusal(t.db.withStudio(ids.a, (tx) => tx.execute(statement)))).toMatch(
        /permission denied|immutable/,
      );
    }
    const [row] = await t.db.asSystem((tx) =>
      queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from consent_record where body = 'rewritten'`,
      ),
    );
    expect(row?.n).toBe(0);
  });

  it('refuses two overlapping appointments of one artist, but not a cancelled one', async () => {
    const [a] = await t.db.asSystem((tx) =>
      queryRows<{ artist_id: string; client_id: string; course_id: string }>(
        tx,
        sql`select artist_id, client_id, course_id from appointment where studio_id = ${ids.a} limit 1`,
      ),
    );
    const book = (start: string, end: string, status: 'booked' | 'cancelled' = 'booked') =>
      t.db.withStudio(ids.a, (tx) =>
        tx.insert(appointment).values({
          studioId: ids.a,
          clientId: a!.client_id,
          artistId: a!.artist_id,
          kind: 'consultation',
          startsAt: new Date(start),
          endsAt: new Date(end),
          status,
        }),
      );
    expect(await refusal(book('2026-01-05T11:00:00Z', '2026-01-05T13:00:00Z'))).toMatch(
      /appointment_no_double_booking/,
    );
    await book('2026-01-05T11:00:00Z', '2026-01-05T13:00:00Z', 'cancelled');
    // Back to back is fine: the ranges are half-open.
    await book('2026-01-05T12:00:00Z', '2026-01-05T13:00:00Z');
  });

  it('covers every table that has a studio_id column with RLS and a policy', async () => {
    const rows = await t.db.asSystem((tx) =>
      queryRows<{ table: string; rls: boolean; policies: number }>(
        tx,
        sql`select c.relname as "table", c.relrowsecurity as rls,
                   (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies
              from pg_class c join pg_namespace n on n.oid = c.relnamespace
             where n.nspname = 'public' and c.relkind = 'r'
               and (c.relname = 'studio' or exists (
                 select 1 from information_schema.columns col
                  where col.table_schema = 'public' and col.table_name = c.relname and col.column_name = 'studio_id'))
             order by 1`,
      ),
    );
    expect(rows.map((r) => r.table).sort()).toEqual([...STUDIO_TABLES].sort());
    for (const r of rows)
      expect({ table: r.table, rls: r.rls, policies: r.policies }).toEqual({
        table: r.table,
        rls: true,
        policies: 1,
      });
  });
});
