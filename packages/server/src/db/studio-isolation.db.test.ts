// Row-level security alone keeps studios apart: these statements have no studio filter at all,
// the way a repository with a forgotten `where` would look.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Tx } from './database.js';
import {
  STUDIO_TABLES,
  booking,
  bookingPhoto,
  intakeResponse,
  portalSession,
  waitlistEntry,
  aftercareCheck,
  aftercareItem,
  aftercareTemplate,
  appointment,
  appointmentEvent,
  auditEntry,
  authSession,
  calendarFeed,
  client,
  consentRecord,
  galleryPair,
  sessionOutcome,
  consentTemplate,
  consentWithdrawal,
  consultation,
  oneTimeLink,
  outboxMessage,
  photo,
  photoAlignment,
  photoAnalysis,
  photoZones,
  previewRender,
  product,
  productLot,
  sessionMaterial,
  sessionRecord,
  staffInvitation,
  staffUser,
  studio,
  treatmentCourse,
  treatmentPlan,
  workingHours,
  workingHoursException,
} from './schema.js';
import { createTestDatabase, type TestDatabase } from '../test-support/test-db.js';
import { findPgError } from './pg-errors.js';
import { uniqueSlugFor } from '../studio/studio.repository.js';

let t: TestDatabase;
const ids = { a: '', b: '' };

async function seedStudio(tx: Tx, name: string, prefix: string): Promise<string> {
  const [s] = await tx
    .insert(studio)
    .values({ name, slug: uniqueSlugFor(name) })
    .returning();
  const studioId = s!.id;
  const [u] = await tx
    .insert(staffUser)
    .values({
      studioId,
      email: `${prefix}@example.com`,
      name: `${name} owner`,
      role: 'owner',
      passwordHash: 'x',
    })
    .returning();
  await tx.insert(authSession).values({
    studioId,
    userId: u!.id,
    tokenHash: `${prefix}-token`,
    csrfToken: 'c',
    expiresAt: new Date(Date.now() + 3_600_000),
  });
  await tx.insert(staffInvitation).values({
    studioId,
    email: `${prefix}-new@example.com`,
    name: 'New',
    role: 'artist',
    tokenHash: `${prefix}-invite`,
    expiresAt: new Date(Date.now() + 3_600_000),
  });
  await tx.insert(client).values([
    { studioId, familyName: `${name} client 1` },
    { studioId, familyName: `${name} client 2` },
  ]);
  await tx.insert(auditEntry).values({ studioId, action: 'client.create', entityType: 'client' });
  await seedTreatmentRecords(tx, studioId, u!.id, prefix);
  await seedGoLiveRecords(tx, studioId, u!.id, prefix);
  return studioId;
}

/** One row in every table of the studio's public side: links, bookings, intake, portal. */
async function seedGoLiveRecords(tx: Tx, studioId: string, userId: string, prefix: string): Promise<void> {
  const [c] = await tx
    .select()
    .from(client)
    .where(sql`${client.studioId} = ${studioId}`)
    .limit(1);
  await tx.insert(oneTimeLink).values([
    {
      studioId,
      purpose: 'password_reset',
      userId,
      tokenHash: `${prefix}-reset`,
      expiresAt: new Date(Date.now() + 3_600_000),
    },
    {
      studioId,
      purpose: 'portal_sign_in',
      clientId: c!.id,
      tokenHash: `${prefix}-portal`,
      expiresAt: new Date(Date.now() + 3_600_000),
    },
  ]);
  const [a] = await tx
    .insert(appointment)
    .values({
      studioId,
      clientId: c!.id,
      artistId: userId,
      kind: 'consultation',
      status: 'requested',
      startsAt: new Date('2026-02-02T10:00:00Z'),
      endsAt: new Date('2026-02-02T10:45:00Z'),
    })
    .returning();
  const later = new Date(Date.now() + 3_600_000);
  const [b] = await tx
    .insert(booking)
    .values({
      studioId,
      clientId: c!.id,
      appointmentId: a!.id,
      consultationType: 'consultation',
      familyName: `${prefix} visitor`,
      email: `${prefix}@visitor.example`,
      locale: 'en',
      verifyBy: later,
      uploadTokenHash: `${prefix}-upload`,
      uploadUntil: later,
    })
    .returning();
  const [ph] = await tx
    .select()
    .from(photo)
    .where(sql`${photo.studioId} = ${studioId}`)
    .limit(1);
  await tx.insert(bookingPhoto).values({ studioId, bookingId: b!.id, photoId: ph!.id });
  await tx.insert(waitlistEntry).values({
    studioId,
    clientId: c!.id,
    consultationType: 'consultation',
    fromDate: '2026-02-02',
    untilDate: '2026-02-09',
    locale: 'en',
  });
  await tx.insert(portalSession).values({
    studioId,
    clientId: c!.id,
    tokenHash: `${prefix}-portal-session`,
    csrfToken: `${prefix}-csrf`,
    expiresAt: later,
  });
  await tx.insert(intakeResponse).values({
    studioId,
    clientId: c!.id,
    appointmentId: a!.id,
    screening: { diabetes: false },
  });
}

/** One row in every treatment-records table, so each one's policy is exercised. */
async function seedTreatmentRecords(tx: Tx, studioId: string, userId: string, prefix: string): Promise<void> {
  const [c] = await tx
    .insert(client)
    .values({ studioId, familyName: `${prefix} treated`, email: `${prefix}@c.example` })
    .returning();
  const sha = prefix
    .repeat(64)
    .slice(0, 64)
    .replace(/[^0-9a-f]/g, 'a');
  const [ph] = await tx
    .insert(photo)
    .values({
      studioId,
      clientId: c!.id,
      view: 'top',
      takenOn: '2026-01-05',
      contentType: 'image/jpeg',
      sha256: sha,
      bytes: 10,
      width: 1,
      height: 1,
    })
    .returning();
  await seedConsultationRecords(tx, studioId, userId, c!.id, ph!.id);
  const [followUp] = await tx
    .insert(photo)
    .values({ ...ph!, id: undefined, takenOn: '2026-03-05', createdAt: undefined })
    .returning();
  await tx.insert(photoAlignment).values({
    studioId,
    clientId: c!.id,
    photoId: followUp!.id,
    referencePhotoId: ph!.id,
  });
  const [course] = await tx
    .insert(treatmentCourse)
    .values({ studioId, clientId: c!.id, title: 'Course' })
    .returning();
  const [a] = await tx
    .insert(appointment)
    .values({
      studioId,
      clientId: c!.id,
      artistId: userId,
      kind: 'session',
      courseId: course!.id,
      startsAt: new Date('2026-01-05T10:00:00Z'),
      endsAt: new Date('2026-01-05T12:00:00Z'),
    })
    .returning();
  await tx.insert(appointmentEvent).values({ studioId, appointmentId: a!.id, action: 'booked' });
  await tx
    .insert(workingHours)
    .values({ studioId, staffId: userId, weekday: 1, startMinute: 540, endMinute: 1080 });
  await tx
    .insert(workingHoursException)
    .values({ studioId, staffId: userId, day: '2026-01-06', reason: 'off' });
  await tx
    .insert(calendarFeed)
    .values({ studioId, kind: 'artist', subjectId: userId, tokenHash: `${prefix}-feed` });
  const [p] = await tx
    .insert(product)
    .values({ studioId, kind: 'pigment', name: 'Ink', manufacturer: 'M' })
    .returning();
  const [lot] = await tx
    .insert(productLot)
    .values({ studioId, productId: p!.id, lotNumber: 'L1', expiresOn: '2030-01-01' })
    .returning();
  const [s] = await tx
    .insert(sessionRecord)
    .values({ studioId, appointmentId: a!.id, clientId: c!.id, artistId: userId, performedOn: '2026-01-05' })
    .returning();
  await tx.insert(sessionMaterial).values({ studioId, sessionId: s!.id, lotId: lot!.id });
  const [t] = await tx
    .insert(consentTemplate)
    .values({
      studioId,
      kind: 'treatment',
      language: 'en',
      version: 1,
      title: 'T',
      body: 'Body of the consent text',
    })
    .returning();
  const [cr] = await tx
    .insert(consentRecord)
    .values({
      studioId,
      clientId: c!.id,
      templateId: t!.id,
      kind: 'treatment',
      language: 'en',
      templateVersion: 1,
      title: 'T',
      body: 'Body of the consent text',
      signerName: 'Signer',
      signatureSha256: sha,
    })
    .returning();
  await tx.insert(consentWithdrawal).values({ studioId, consentId: cr!.id, reason: 'changed mind' });
  await tx.insert(sessionOutcome).values({
    studioId,
    clientId: c!.id,
    photoId: ph!.id,
    earlierPhotoId: ph!.id,
    afterSession: 1,
    transform: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    densityMeasured: false,
    zones: [],
  });
  await tx.insert(galleryPair).values({
    studioId,
    clientId: c!.id,
    beforePhotoId: ph!.id,
    afterPhotoId: ph!.id,
    consentId: cr!.id,
    crop: { x: 0, y: 0, w: 16, h: 16 },
  });
  await tx.insert(aftercareTemplate).values({ studioId, language: 'en', name: 'A', version: 1, steps: [] });
  await tx.insert(aftercareItem).values({
    studioId,
    sessionId: s!.id,
    position: 0,
    language: 'en',
    fromDate: '2026-01-05',
    title: 'Dry',
  });
  await tx.insert(aftercareCheck).values({ studioId, clientId: c!.id, sessionId: s!.id, day: '2026-01-05' });
  await tx.insert(outboxMessage).values({
    studioId,
    idempotencyKey: `${prefix}-msg`,
    kind: 'aftercare',
    clientId: c!.id,
    toAddress: `${prefix}@c.example`,
    subject: 'S',
    bodyText: 'B',
    sendAfter: new Date(),
    messageId: `<${prefix}@x>`,
  });
}

/** One row in every consultation and preview table. */
async function seedConsultationRecords(
  tx: Tx,
  studioId: string,
  userId: string,
  clientId: string,
  photoId: string,
): Promise<void> {
  const assessment = { consultationDate: '2026-01-05' };
  const [k] = await tx
    .insert(consultation)
    .values({ studioId, clientId, artistId: userId, consultationDate: '2026-01-05', assessment })
    .returning();
  await tx.insert(treatmentPlan).values({
    studioId,
    consultationId: k!.id,
    clientId,
    version: 1,
    rulesVersion: 'test',
    assessmentVersion: 1,
    assessment,
    plan: {},
    eligibility: 'eligible',
    sessionsCount: 3,
    minIntervalDays: 14,
    touchUpYears: 4,
  });
  const zones = { calibration: { pxPerMm: 10 }, zones: [] };
  await tx.insert(photoZones).values({ studioId, photoId, clientId, zones });
  await tx.insert(previewRender).values({ studioId, photoId, clientId, zonesVersion: 1, zones });
  await tx.insert(photoAnalysis).values({ studioId, photoId, clientId });
}

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
