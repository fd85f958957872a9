// Kills the real server (a child process running the build, as `npm start` does) with SIGKILL
// while a session save is inside its transaction, on the current leg's database. After the
// restart the session is either all there or not there at all, and the outbox never sends a
// reminder twice (the in-process SMTP server counts deliveries per idempotency key).
// Robust on a busy machine: each test has minutes, not seconds (starting PGlite with its
// migrations is slow under load), waits are for events, not durations, and every server it
// starts ends with the file, whether it passes, fails or times out (child-server.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  Appointment,
  AppointmentList,
  ClientListPage,
  ConsentTemplate,
  InventoryProduct,
  OutboxPage,
  Photo,
  PhotoList,
  RecallReport,
  SessionRecord,
} from '@stipple/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainImage, signaturePng } from '../test-support/images.js';
import {
  SLOW_MACHINE_MS,
  buildServer,
  freePort,
  runningChildServers,
  startChildServer,
  stopChildServers,
  type ChildServer,
} from '../test-support/child-server.js';
import { workdayAt } from '../test-support/treatment-fixtures.js';
import { startSmtpSink, type SmtpSink } from '../test-support/smtp-sink.js';
import { createEmptyTestDatabase, currentLeg, type TestDatabase } from '../test-support/test-db.js';
import { ApiClient } from '../test-support/test-server.js';

const PASSWORD = 'crash test kettle lanterns marching';
const KILLS_MID_SAVE = 3;
/** Each test starts the server several times: minutes each on a machine shared with other work. */
const TEST_TIMEOUT_MS = 6 * SLOW_MACHINE_MS;

let dataDir: string;
let pg: TestDatabase | undefined;
let sink: SmtpSink;
let server: ChildServer | undefined;
let port: number;

async function start(extra: Record<string, string> = {}): Promise<{ server: ChildServer; owner: ApiClient }> {
  server = await startChildServer(
    {
      STIPPLE_DATA_DIR: dataDir,
      STIPPLE_DEMO_DATA: 'true',
      STIPPLE_DEMO_PASSWORD: PASSWORD,
      STIPPLE_SMTP_URL: sink.url,
      STIPPLE_OUTBOX_INTERVAL_SECONDS: '1',
      STIPPLE_OUTBOX_RETRY_SECONDS: '1',
      STIPPLE_WEB_DIST: join(dataDir, 'no-web'),
      ...(pg?.url ? { DATABASE_URL: pg.url } : {}),
      ...extra,
    },
    port,
  );
  const owner = new ApiClient(server.url);
  await owner.login('owner@demo-studio.example', PASSWORD);
  return { server, owner };
}

beforeAll(async () => {
  buildServer();
  dataDir = mkdtempSync(join(tmpdir(), 'stipple-crash-'));
  // PostgreSQL: an empty database the child migrates itself; PGlite: the child's data folder.
  if (currentLeg() === 'postgres') pg = await createEmptyTestDatabase();
  sink = await startSmtpSink();
  port = await freePort();
}, 2 * SLOW_MACHINE_MS);

afterAll(async () => {
  await stopChildServers();
  expect(runningChildServers()).toBe(0);
  await pg?.dispose();
  await sink?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Fixture {
  appointment: Appointment;
  clientId: string;
  lotId: string;
  photos: string[];
}

async function prepare(owner: ApiClient): Promise<Fixture> {
  const from = new Date(Date.now() - 86_400_000).toISOString();
  const to = new Date(Date.now() + 60 * 86_400_000).toISOString();
  const list = (await owner.get<AppointmentList>(`/api/appointments?from=${from}&to=${to}`)).body.items;
  const booked = list.find((a) => a.kind === 'session' && a.sessionNumber === 1)!;
  expect(booked).toBeDefined();
  // The demo's first session is ahead; a session is completed on or after its day, so it moves back.
  const moved = await owner.post<Appointment>(`/api/appointments/${booked.id}/move`, {
    startsAt: workdayAt(-2, '11:00'),
    version: booked.version,
  });
  expect(moved.status, JSON.stringify(moved.body)).toBe(200);
  const appointment = moved.body;
  const clientId = appointment.clientId;
  const inventory = (await owner.get<{ items: InventoryProduct[] }>('/api/inventory')).body.items;
  const lotId = inventory.find((p) => p.kind === 'pigment')!.lots.find((l) => !l.expired)!.id;
  const templates = (await owner.get<{ items: ConsentTemplate[] }>('/api/consent-templates')).body.items;
  const treatment = templates.find((t) => t.kind === 'treatment' && t.language === 'en' && t.current)!;
  expect(
    (
      await owner.post(`/api/clients/${clientId}/consents`, {
        templateId: treatment.id,
        signerName: 'José Núñez',
        signature: await signaturePng(),
      })
    ).status,
  ).toBe(201);
  const photos: string[] = [];
  for (const view of ['back', 'back']) {
    const res = await owner.request<Photo>(
      'POST',
      `/api/clients/${clientId}/photos?view=${view}&takenOn=2026-11-20`,
      {
        rawBody: await plainImage('jpeg', 90, 60, photos.length * 40 + 40),
        contentType: 'image/jpeg',
      },
    );
    expect(res.status).toBe(201);
    photos.push(res.body.id);
  }
  return { appointment, clientId, lotId, photos };
}

const saveBody = (f: Fixture) => ({
  // Eight days ago: the reminders of days 0, 4, 6 and 7 (09:00 studio time) are due at once.
  performedOn: new Date(Date.now() - 8 * 86_400_000).toISOString().slice(0, 10),
  zones: ['donor-area'],
  materials: [{ lotId: f.lotId, dilution: '1:20' }],
  notes: 'Crash test session',
  beforePhotoIds: [f.photos[0]],
  afterPhotoIds: [f.photos[1]],
  complete: true,
});

/** What the database holds of the session, read through the API after a restart. */
async function sessionState(owner: ApiClient, f: Fixture) {
  const record = await owner.get<SessionRecord>(`/api/appointments/${f.appointment.id}/session`);
  const photos = (await owner.get<PhotoList>(`/api/clients/${f.clientId}/photos`)).body.items;
  const outbox = (await owner.get<OutboxPage>(`/api/outbox?clientId=${f.clientId}&pageSize=200`)).body.items;
  const recall = (await owner.get<RecallReport>(`/api/inventory/lots/${f.lotId}/recall`)).body;
  const appt = (await owner.get<Appointment>(`/api/appointments/${f.appointment.id}`)).body;
  return {
    record: record.status === 200 ? record.body : null,
    attachedPhotos: photos.filter((p) => p.sessionId !== null).length,
    aftercareMessages: outbox.filter((m) => m.kind === 'aftercare').length,
    recalls: outbox.filter((m) => m.kind === 'touch_up_recall').length,
    recallUses: recall.uses.length,
    appointmentStatus: appt.status,
  };
}

describe(`killing the server (SIGKILL) in the middle of saving a session (${process.env.STIPPLE_TEST_DB})`, () => {
  let fixture: Fixture;
  const outcomes: string[] = [];

  it(
    `leaves nothing of the session, ${KILLS_MID_SAVE} times in a row`,
    async () => {
      let { owner } = await start();
      fixture = await prepare(owner);
      await server!.kill('SIGTERM');
      for (let i = 0; i < KILLS_MID_SAVE; i++) {
        ({ owner } = await start({ STIPPLE_TEST_SESSION_SAVE_DELAY_MS: '60000' }));
        const inFlight = owner
          .request('PUT', `/api/appointments/${fixture.appointment.id}/session`, { body: saveBody(fixture) })
          .catch((err: unknown) => err);
        // Every write of the save has been made inside the open transaction when this is printed.
        await server!.waitForOutput(/holding the session save open/);
        await server!.kill('SIGKILL');
        const answer = await inFlight;
        expect(answer).toBeInstanceOf(Error); // the connection died with the process: no answer
        ({ owner } = await start());
        const state = await sessionState(owner, fixture);
        outcomes.push(state.record ? 'whole' : 'nothing');
        expect(state).toEqual({
          record: null,
          attachedPhotos: 0,
          aftercareMessages: 0,
          recalls: 0,
          recallUses: 0,
          appointmentStatus: 'booked',
        });
        await server!.kill('SIGKILL');
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'keeps the whole session when the kill comes right after the save answered',
    async () => {
      let { owner } = await start();
      const res = await owner.request<SessionRecord>(
        'PUT',
        `/api/appointments/${fixture.appointment.id}/session`,
        {
          body: saveBody(fixture),
        },
      );
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      await server!.kill('SIGKILL');
      ({ owner } = await start());
      const state = await sessionState(owner, fixture);
      outcomes.push(state.record ? 'whole' : 'nothing');
      expect(state.record).toMatchObject({ status: 'completed', notes: 'Crash test session' });
      expect(state).toMatchObject({
        attachedPhotos: 2,
        aftercareMessages: 5,
        recalls: 1,
        recallUses: 1,
        appointmentStatus: 'completed',
      });
      process.stdout.write(`[crash test] outcomes: ${outcomes.join(', ')}\n`);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'never sends a reminder twice across kills and restarts',
    async () => {
      const clientsOf = async (owner: ApiClient) =>
        (await owner.get<ClientListPage>('/api/clients')).body.items;
      let { owner } = await start();
      // The aftercare reminder of day 0 is due now: wait until it has gone out (however long the
      // busy machine takes; the test's own timeout is the only limit).
      const due = async () =>
        (await owner.get<OutboxPage>(`/api/outbox?clientId=${fixture.clientId}&status=sent`)).body.items
          .length;
      while ((await due()) === 0) await new Promise((r) => setTimeout(r, 100));
      // Kill and restart a few times while the dispatcher keeps running every second.
      for (let i = 0; i < 3; i++) {
        await new Promise((r) => setTimeout(r, 1500));
        await server!.kill('SIGKILL');
        ({ owner } = await start());
      }
      await new Promise((r) => setTimeout(r, 2500));
      expect((await clientsOf(owner)).length).toBe(3);
      const sent = (await owner.get<OutboxPage>('/api/outbox?status=sent&pageSize=200')).body.items;
      const counts = sink.counts();
      expect(sent.length).toBeGreaterThan(0);
      for (const m of sent)
        expect(sink.deliveries.filter((d) => d.messageId === m.messageId)).toHaveLength(1);
      for (const [key, n] of counts) expect(n, key).toBe(1);
      process.stdout.write(`[crash test] ${sink.deliveries.length} emails delivered, each once\n`);
    },
    TEST_TIMEOUT_MS,
  );
});
