// Nothing of a client reaches the log, even when queries fail. The server logs at info with the
// production log options into a buffer; the test enters a client's details on every kind of
// record, then makes the database refuse every write (a trigger on each table) and every read of
// clients (the app role loses SELECT), repeats the same requests so that each fails inside a
// query carrying those values, sends null bytes, and finally searches the whole log of the run
// for every value it entered.
import type { CalendarFeed, Client, Consultation, ConsentRecord, ConsentTemplate } from '@stipple/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STUDIO_TABLES } from '../db/schema.js';
import { createTemplateVersion } from '../consents/consent.service.js';
import { createStudioFixture, TEST_PASSWORD, type FixtureStudio } from '../test-support/fixtures.js';
import { signedInAs } from '../test-support/signed-in.js';
import { signaturePng } from '../test-support/images.js';
import { startTestServer, type ApiClient, type TestServer } from '../test-support/test-server.js';
import { WEEKDAY_HOURS, workdayAt } from '../test-support/treatment-fixtures.js';

const logLines: string[] = [];
let ts: TestServer;
let studio: FixtureStudio;
let owner: ApiClient;

/** Every value below is something a client or a member told the studio. */
const CLIENT = {
  givenName: 'Ximena',
  familyName: 'Quattlebaum-Ørsted',
  email: 'ximena.quattlebaum@private-mail.example',
  phone: '+44 7700 900123',
  dateOfBirth: '1979-03-14',
  preferredLanguage: 'en',
  notes: 'Keloid behind the left ear after a piercing',
};
const ASSESSMENT_NOTES = 'Father had alopecia areata; anxious about needles';
const CHEMO_END = '2019-06-27';
const APPOINTMENT_NOTES = 'Prefers afternoons, her partner drives her';
const SESSION_NOTES = 'Slight bleeding at the crown, client dizzy';
const ADVERSE = 'Fainted briefly at 10:42';
const WITHDRAWAL = 'Changed her mind after talking to her GP';
const INVITEE = { email: 'zebulon.fairweather@private-mail.example', name: 'Zebulon Fairweather' };
const GUESSED_PASSWORD = 'Hunter2-my-secret-guess';
const SEARCH = 'Quattlebaum';

const secrets = (extra: string[]) => [
  CLIENT.givenName,
  CLIENT.familyName,
  'Ørsted',
  CLIENT.email,
  'private-mail.example',
  CLIENT.phone,
  '7700 900123',
  '7700900123',
  CLIENT.dateOfBirth,
  CLIENT.notes,
  'Keloid behind',
  ASSESSMENT_NOTES,
  'alopecia areata',
  CHEMO_END,
  APPOINTMENT_NOTES,
  SESSION_NOTES,
  ADVERSE,
  WITHDRAWAL,
  INVITEE.email,
  INVITEE.name,
  GUESSED_PASSWORD,
  TEST_PASSWORD,
  ...extra,
];

beforeAll(async () => {
  ts = await startTestServer({ logLines });
  studio = await createStudioFixture(ts.server.db, 'Log Studio');
  await ts.server.db.withStudio(studio.id, (tx) =>
    createTemplateVersion(tx, studio.id, null, {
      kind: 'treatment',
      language: 'en',
      title: 'Treatment consent',
      body: 'I agree to scalp micropigmentation as explained to me.',
      validityMonths: null,
    }),
  );
  owner = await signedInAs(ts, studio.owner.email);
});
afterAll(() => ts?.close());

const today = () => new Date().toISOString().slice(0, 10);
const assessment = (again = '') => ({
  consultationDate: today(),
  ageYears: 46,
  notes: `${ASSESSMENT_NOTES}${again}`,
  scars: [],
  screening: { keloidHistory: false, anticoagulants: true, chemotherapyEndDate: CHEMO_END },
});

interface Records {
  client: Client;
  consultation: Consultation;
  appointmentId: string;
  appointmentVersion: number;
  consent: ConsentRecord;
  templateId: string;
  feedToken: string;
}

/** Every write the test repeats once the database refuses it. */
function writes(r: Records, signature: string): [string, () => Promise<{ status: number }>][] {
  return [
    ['create client', () => owner.post('/api/clients', CLIENT)],
    [
      'update client',
      () =>
        owner.patch(`/api/clients/${r.client.id}`, {
          notes: `${CLIENT.notes}, again`,
          phone: CLIENT.phone,
          email: CLIENT.email,
        }),
    ],
    [
      'create consultation',
      () => owner.post(`/api/clients/${r.client.id}/consultations`, { assessment: assessment() }),
    ],
    [
      'update consultation',
      () =>
        owner.request('PUT', `/api/consultations/${r.consultation.id}`, {
          body: { assessment: assessment(', again'), version: r.consultation.version },
        }),
    ],
    [
      'book',
      () =>
        owner.post('/api/appointments', {
          clientId: r.client.id,
          artistId: studio.artist.id,
          kind: 'consultation',
          startsAt: workdayAt(4, '11:00'),
          durationMinutes: 30,
          notes: APPOINTMENT_NOTES,
        }),
    ],
    [
      'cancel',
      () =>
        owner.post(`/api/appointments/${r.appointmentId}/cancel`, {
          reason: WITHDRAWAL,
          version: r.appointmentVersion,
        }),
    ],
    [
      'sign consent',
      () =>
        owner.post(`/api/clients/${r.client.id}/consents`, {
          templateId: r.templateId,
          signerName: `${CLIENT.givenName} ${CLIENT.familyName}`,
          signature,
        }),
    ],
    ['withdraw consent', () => owner.post(`/api/consents/${r.consent.id}/withdraw`, { reason: WITHDRAWAL })],
    ['invite', () => owner.post('/api/staff/invitations', { ...INVITEE, role: 'artist' })],
    ['feed', () => ts.client().get(`/api/feeds/${r.feedToken}.ics`)],
    [
      'sign-in',
      () => ts.client().post('/api/auth/login', { email: CLIENT.email, password: GUESSED_PASSWORD }),
    ],
    ['read client', () => owner.get(`/api/clients/${r.client.id}`)],
  ];
}

describe('the log of a run that provokes failing queries', () => {
  it('holds no value the client or the studio entered', async () => {
    // 1. Every kind of record, written normally.
    expect(
      (await owner.request('PUT', `/api/staff/${studio.artist.id}/working-hours`, { body: WEEKDAY_HOURS }))
        .status,
    ).toBe(200);
    const client = (await owner.post<Client>('/api/clients', CLIENT)).body;
    expect(client.familyName).toBe(CLIENT.familyName);
    const consultation = await owner.post<Consultation>(`/api/clients/${client.id}/consultations`, {
      assessment: assessment(),
    });
    expect(consultation.status, JSON.stringify(consultation.body)).toBe(201);
    const booked = await owner.post<{ id: string; version: number }>('/api/appointments', {
      clientId: client.id,
      artistId: studio.artist.id,
      kind: 'consultation',
      startsAt: workdayAt(3, '10:00'),
      durationMinutes: 30,
      notes: APPOINTMENT_NOTES,
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    const template = (await owner.get<{ items: ConsentTemplate[] }>('/api/consent-templates')).body.items[0]!;
    const signature = await signaturePng();
    const consent = await owner.post<ConsentRecord>(`/api/clients/${client.id}/consents`, {
      templateId: template.id,
      signerName: `${CLIENT.givenName} ${CLIENT.familyName}`,
      signature,
    });
    expect(consent.status).toBe(201);
    const feed = await owner.post<CalendarFeed>('/api/calendar-feeds', {
      kind: 'client',
      subjectId: client.id,
    });
    expect(feed.status, JSON.stringify(feed.body)).toBe(201);
    const feedToken = /\/api\/feeds\/([A-Za-z0-9_-]+)\.ics$/.exec(feed.body.url!)![1]!;
    expect((await ts.client().get(`/api/feeds/${feedToken}.ics`)).status).toBe(200);
    expect((await owner.get(`/api/clients?q=${encodeURIComponent(SEARCH)}`)).status).toBe(200);
    const records: Records = {
      client,
      consultation: consultation.body,
      appointmentId: booked.body.id,
      appointmentVersion: booked.body.version,
      consent: consent.body,
      templateId: template.id,
      feedToken,
    };

    // 2. Null bytes: refused before any query.
    const nul = await owner.post('/api/clients', { ...CLIENT, notes: `${CLIENT.notes}\u0000` });
    expect(nul.status).toBe(400);

    // 3. The database refuses every write, then every read of clients.
    await ts.server.db.asSystem(async (tx) => {
      await tx.execute(
        sql.raw(`create or replace function log_test_refuse() returns trigger language plpgsql as $$
                 begin raise exception 'refused for the log test'; end $$`),
      );
      for (const table of [...STUDIO_TABLES, 'login_throttle'])
        await tx.execute(
          sql.raw(`create trigger log_test_refuse before insert or update or delete on ${table}
                   for each row execute function log_test_refuse()`),
        );
    });
    const failed: string[] = [];
    for (const [what, send] of writes(records, signature)) {
      const res = await send();
      if (res.status === 500) failed.push(what);
    }
    await ts.server.db.asSystem((tx) => tx.execute(sql`revoke select on client from stipple_app`));
    for (const path of [`/api/clients?q=${encodeURIComponent(SEARCH)}`, `/api/clients/${client.id}`]) {
      const res = await owner.get(path);
      expect(res.status, path).toBe(500);
      failed.push(path);
    }
    await ts.server.db.asSystem(async (tx) => {
      await tx.execute(sql`grant select on client to stipple_app`);
      for (const table of [...STUDIO_TABLES, 'login_throttle'])
        await tx.execute(sql.raw(`drop trigger log_test_refuse on ${table}`));
    });
    // Each write failed inside the database, not before it.
    expect(failed).toEqual(expect.arrayContaining(writes(records, signature).map(([what]) => what)));

    // 4. The log: the failures are there, with what a developer needs, and nothing of anyone.
    const log = logLines.join('\n');
    for (const value of secrets([feedToken, SEARCH])) {
      expect(log.includes(value), `the log contains "${value}"`).toBe(false);
      expect(log.toLowerCase().includes(value.toLowerCase()), `the log contains "${value}" (any case)`).toBe(
        false,
      );
    }
    const errors = logLines.map(
      (l) => JSON.parse(l) as { level: number; err?: { code?: string; message?: string } },
    );
    const failures = errors.filter((e) => e.level >= 50 && e.err);
    expect(failures.length).toBeGreaterThanOrEqual(failed.length);
    expect(failures.some((e) => e.err?.message?.startsWith('Failed query: '))).toBe(true);
    expect(failures.some((e) => JSON.stringify(e.err).includes('"P0001"'))).toBe(true);
    expect(failures.some((e) => JSON.stringify(e.err).includes('"42501"'))).toBe(true);
  });
});
