// Two real server processes (the build, as `npm start` runs it) on one throwaway PostgreSQL, one
// S3 server (s3rver) and one SMTP server, with every request of a studio's flow sent to them in
// turn, as a round-robin load balancer would: sign-in on one and use on the other, photos stored
// by one and served by the other, jobs run wherever pg-boss hands them, calendar feeds, and
// reminders delivered exactly once although both instances run the outbox dispatcher.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  Appointment,
  CalendarFeed,
  Client,
  Consultation,
  OutboxPage,
  Photo,
  PhotoAnalysisRecord,
  PhotoZones,
  PreviewRender,
  SessionRecord,
  TreatmentCourse,
} from '@stipple/core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildServer,
  freePort,
  startChildServer,
  stopChildServers,
  type ChildServer,
} from '../test-support/child-server.js';
import { createStudioFixture, TEST_PASSWORD, type FixtureStudio } from '../test-support/fixtures.js';
import { startS3Server, type TestS3Server } from '../test-support/s3-server.js';
import { startSmtpSink, type SmtpSink } from '../test-support/smtp-sink.js';
import { createEmptyTestDatabase, type TestDatabase } from '../test-support/test-db.js';
import { ApiClient } from '../test-support/test-server.js';

const BUCKET = 'stipple-two-instances';
const SCALP_PHOTO = fileURLToPath(
  new URL('../../../../fixtures/photos/shaved-crown-stubble.jpg', import.meta.url),
);
const PX_PER_MM = 10; // the fixture at half size
const REMINDED_CLIENTS = 6;
/** A client's details that must never reach a log line. */
const SECRET = { givenName: 'Ximena', familyName: 'Quintanilla-Zeballos', email: 'ximena.qz@mail.example' };

let pg: TestDatabase;
let s3: TestS3Server;
let sink: SmtpSink;
const instances: ChildServer[] = [];
const dataDirs: string[] = [];
let studio: FixtureStudio;
let artist: ApiClient;
let owner: ApiClient;
const served = new Map<string, number>();

const note = (who: ApiClient) => served.set(who.lastUrl, (served.get(who.lastUrl) ?? 0) + 1);

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 150_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

async function bytes(who: ApiClient, path: string): Promise<{ status: number; body: Buffer; url: string }> {
  const url = nextUrl();
  const res = await fetch(url + path, { headers: { cookie: `stipple_session=${who.cookie}` } });
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()), url };
}
let rawTurn = 0;
const nextUrl = () => instances[rawTurn++ % instances.length]!.url;

beforeAll(async () => {
  buildServer();
  [pg, s3, sink] = await Promise.all([createEmptyTestDatabase(), startS3Server([BUCKET]), startSmtpSink()]);
  const ports = [await freePort(), await freePort()];
  // Both start at once on an empty database: the migration lock lets one migrate, the other wait.
  const started = await Promise.allSettled(
    ports.map((port) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'stipple-instance-'));
      dataDirs.push(dataDir);
      return startChildServer(
        {
          DATABASE_URL: pg.url!,
          ...s3.env(BUCKET),
          STIPPLE_DATA_DIR: dataDir,
          STIPPLE_WEB_DIST: join(dataDir, 'no-web'),
          STIPPLE_DEMO_DATA: 'false',
          STIPPLE_SMTP_URL: sink.url,
          STIPPLE_OUTBOX_INTERVAL_SECONDS: '1',
          STIPPLE_OUTBOX_RETRY_SECONDS: '1',
          STIPPLE_LOG_LEVEL: 'info',
        },
        port,
      );
    }),
  );
  for (const s of started) if (s.status === 'fulfilled') instances.push(s.value);
  const failed = started.find((s) => s.status === 'rejected');
  if (failed?.status === 'rejected') throw failed.reason;
  const urls = instances.map((i) => i.url);
  studio = await createStudioFixture(pg.db, 'Two Instance Studio');
  artist = new ApiClient(urls);
  owner = new ApiClient([...urls].reverse());
  await artist.login(studio.artist.email, TEST_PASSWORD);
  await owner.login(studio.owner.email, TEST_PASSWORD);
}, 300_000);

afterAll(async () => {
  // Every process ends, whatever happened above.
  await Promise.all(instances.map((i) => i.stop()));
  await stopChildServers(); // and any whose start was cut short
  await Promise.allSettled([pg?.dispose(), s3?.close(), sink?.close()]);
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
}, 120_000);

describe('two instances behind a round-robin balancer', () => {
  let client: Client;
  let photo: Photo;
  let zonesRequestId: string;
  let render: PreviewRender;

  it('a sign-in made on one instance is good on the other, and so is sign-out', async () => {
    const desk = new ApiClient(instances.map((i) => i.url));
    await desk.login(studio.desk.email, TEST_PASSWORD);
    const signedInOn = desk.lastUrl;
    const session = await desk.get('/api/auth/session');
    expect(session.status).toBe(200);
    expect(desk.lastUrl).not.toBe(signedInOn);
    expect((await desk.post('/api/auth/logout')).status).toBe(204);
    const signedOutOn = desk.lastUrl;
    const after = await desk.get('/api/auth/session');
    expect(desk.lastUrl).not.toBe(signedOutOn);
    expect(after.status).toBe(401);
  });

  it('client, consultation and plan, each step on the other instance', async () => {
    const created = await artist.post<Client>('/api/clients', {
      ...SECRET,
      phone: '+44 7700 900123',
      preferredLanguage: 'en',
    });
    note(artist);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    client = created.body;
    const read = await artist.get<Client>(`/api/clients/${client.id}`);
    note(artist);
    expect(read.body.familyName).toBe(SECRET.familyName);
    const consultation = await artist.post<Consultation>(`/api/clients/${client.id}/consultations`, {
      assessment: { consultationDate: '2026-11-02', scars: [{ cause: 'fut', texture: 'flat', widthMm: 2 }] },
    });
    note(artist);
    expect(consultation.status, JSON.stringify(consultation.body)).toBe(201);
    const plan = await artist.post(`/api/consultations/${consultation.body.id}/plans`, { basedOnVersion: 0 });
    note(artist);
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    const again = await artist.get<Consultation>(`/api/consultations/${consultation.body.id}`);
    note(artist);
    expect(again.status).toBe(200);
  });

  it('a photo uploaded through one instance is served by both from the bucket, renditions made by a job', async () => {
    const jpeg = await sharp(SCALP_PHOTO).resize(2016).jpeg({ quality: 90 }).toBuffer();
    const up = await artist.request<Photo>(
      'POST',
      `/api/clients/${client.id}/photos?view=top&takenOn=2026-11-02&filename=crown.jpg`,
      { rawBody: jpeg, contentType: 'image/jpeg' },
    );
    note(artist);
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    photo = (await artist.patch<Photo>(`/api/photos/${up.body.id}`, { calibration: { pxPerMm: PX_PER_MM } }))
      .body;
    for (let i = 0; i < 2; i++) {
      const original = await bytes(artist, `/api/photos/${photo.id}/file?size=original`);
      expect(original.status).toBe(200);
      expect(sha256(original.body)).toBe(photo.sha256);
    }
    const ready = await until('the renditions', async () => {
      const p = (await artist.get<Photo>(`/api/photos/${photo.id}`)).body;
      return p.derivatives === 'ready' ? p : undefined;
    });
    expect(ready.derivatives).toBe('ready');
    const thumbs = [await bytes(artist, `/api/photos/${photo.id}/file?size=thumb`)];
    thumbs.push(await bytes(artist, `/api/photos/${photo.id}/file?size=thumb`));
    expect(new Set(thumbs.map((t) => t.url)).size).toBe(2);
    expect(sha256(thumbs[0]!.body)).toBe(sha256(thumbs[1]!.body));
    expect((await sharp(thumbs[0]!.body).metadata()).width).toBeLessThanOrEqual(320);
  });

  it('the photo analysis and the full render run as jobs and their results read from either instance', async () => {
    const started = await artist.post<PhotoAnalysisRecord>(`/api/photos/${photo.id}/analysis`);
    note(artist);
    expect(started.status).toBe(202);
    const analysis = await until('the analysis', async () => {
      const r = (await artist.get<PhotoAnalysisRecord>(`/api/photos/${photo.id}/analysis`)).body;
      return r.status === 'done' || r.status === 'failed' ? r : undefined;
    });
    expect(analysis.error).toBeNull();
    expect(analysis.follicleCount).toBeGreaterThan(100);

    const saved = await artist.request<PhotoZones>('PUT', `/api/photos/${photo.id}/zones`, {
      body: {
        version: 0,
        zones: {
          calibration: { pxPerMm: PX_PER_MM },
          seed: 5,
          sessions: 2,
          zones: [
            {
              id: 'crown',
              kind: 'fill',
              polygon: [
                [500, 400],
                [1500, 400],
                [1500, 1100],
                [500, 1100],
              ],
              densityPerCm2: 40,
              shade: 32,
            },
          ],
        },
      },
    });
    note(artist);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    zonesRequestId = saved.headers.get('x-request-id') ?? '';
    expect(zonesRequestId).toMatch(/^[0-9a-f-]{36}$/);
    render = await until('the render', async () => {
      const r = (await artist.get<PreviewRender>(`/api/renders/${saved.body.latestRender!.id}`)).body;
      return r.status === 'done' || r.status === 'failed' ? r : undefined;
    });
    expect(render.error).toBeNull();
    expect(render.stages.map((s) => s.name)).toEqual(['session-1', 'session-2', 'healed', 'faded-5y']);
    const stages = [
      await bytes(artist, `/api/renders/${render.id}/stages/healed?size=full`),
      await bytes(artist, `/api/renders/${render.id}/stages/healed?size=full`),
    ];
    expect(stages.map((s) => s.status)).toEqual([200, 200]);
    expect(sha256(stages[0]!.body)).toBe(sha256(stages[1]!.body));
    expect((await sharp(stages[0]!.body).metadata()).width).toBe(photo.width);
  });

  it('the render job logs under the request id of the save that queued it', () => {
    const lines = instances
      .flatMap((i) => i.allOutput().split('\n'))
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { reqId?: string; msg?: string; job?: string });
    const jobLines = lines.filter((l) => l.reqId === zonesRequestId && l.msg === 'job done');
    expect(jobLines.map((l) => l.job)).toContain('preview.render');
    expect(lines.some((l) => l.reqId === zonesRequestId && l.msg === 'request completed')).toBe(true);
  });

  it('a session record and a calendar feed, written on one and read on the other', async () => {
    const course = await artist.post<TreatmentCourse>(`/api/clients/${client.id}/courses`, {
      title: 'Scar camouflage',
    });
    const appt = await owner.post<Appointment>('/api/appointments', {
      clientId: client.id,
      artistId: studio.artist.id,
      kind: 'session',
      courseId: course.body.id,
      startsAt: new Date(Date.now() + 3 * 3600_000).toISOString(),
      durationMinutes: 120,
    });
    note(owner);
    expect(appt.status, JSON.stringify(appt.body)).toBe(201);
    const session = await artist.request<SessionRecord>('PUT', `/api/appointments/${appt.body.id}/session`, {
      body: { zones: ['crown'], durationMinutes: 110, notes: 'First pass', beforePhotoIds: [photo.id] },
    });
    note(artist);
    expect(session.status, JSON.stringify(session.body)).toBe(200);
    const read = await artist.get<{ items: SessionRecord[] }>(`/api/clients/${client.id}/sessions`);
    note(artist);
    expect(read.body.items.map((s) => s.id)).toContain(session.body.id);

    const feed = await artist.post<CalendarFeed>('/api/calendar-feeds', {
      kind: 'artist',
      subjectId: studio.artist.id,
    });
    note(artist);
    expect(feed.status).toBe(201);
    // Without STIPPLE_PUBLIC_URL the feed's address is a path the web app completes.
    const path = new URL(feed.body.url!, 'http://studio.invalid').pathname;
    for (const instance of instances) {
      const ics = await fetch(instance.url + path);
      expect(ics.status).toBe(200);
      expect(await ics.text()).toContain('BEGIN:VEVENT');
    }
  });

  it('reminders due now go out exactly once, although both instances run the dispatcher', async () => {
    const clientIds: string[] = [];
    for (let i = 0; i < REMINDED_CLIENTS; i++) {
      const c = await owner.post<Client>('/api/clients', {
        givenName: `Rem${i}`,
        familyName: 'Inder',
        email: `reminder-${i}@mail.example`,
        preferredLanguage: 'en',
      });
      note(owner);
      clientIds.push(c.body.id);
      const appt = await owner.post<Appointment>('/api/appointments', {
        clientId: c.body.id,
        artistId: studio.owner.id,
        kind: 'consultation',
        startsAt: new Date(Date.now() + (60 + i * 40) * 60_000).toISOString(),
        durationMinutes: 30,
      });
      note(owner);
      expect(appt.status, JSON.stringify(appt.body)).toBe(201);
    }
    await until('every reminder to be sent', async () => {
      const page = (await owner.get<OutboxPage>('/api/outbox?status=sent&pageSize=200')).body;
      const sent = page.items.filter((m) => clientIds.includes(m.clientId));
      return sent.length >= REMINDED_CLIENTS ? sent : undefined;
    });
    // Several more dispatcher runs on both instances: nothing goes out again.
    const runsBefore = jobRuns('outbox.deliver');
    await until('four more outbox runs', () =>
      Promise.resolve(jobRuns('outbox.deliver') >= runsBefore + 4 ? true : undefined),
    );
    const addressed = sink.deliveries.filter((d) => d.to.some((t) => t.startsWith('reminder-')));
    expect(addressed).toHaveLength(REMINDED_CLIENTS);
    for (const [key, n] of sink.counts()) expect(n, key).toBe(1);
    const page = (await owner.get<OutboxPage>('/api/outbox?pageSize=200')).body;
    for (const m of page.items.filter((x) => clientIds.includes(x.clientId))) {
      expect(m.status).toBe('sent');
      expect(m.attempts).toBe(1);
    }
  });

  it('served every step from both instances, and each reports its metrics', async () => {
    expect([...served.keys()].sort()).toEqual(instances.map((i) => i.url).sort());
    for (const instance of instances) {
      const res = await fetch(`${instance.url}/metrics`);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toMatch(
        /stipple_http_request_duration_seconds_bucket\{[^}]*route="\/api\/clients\/:id\/[a-z]+"/,
      );
      expect(text).toMatch(/stipple_job_queue_depth\{queue="outbox.deliver",state="(waiting|scheduled)"\}/);
      expect(text).toMatch(/stipple_outbox_messages\{status="pending"\} \d+/);
      expect(text).toMatch(
        /stipple_blob_store_operation_seconds_count\{store="s3",operation="(get|open|put)"\}/,
      );
    }
  });

  it('wrote nothing of the client into either instance’s log', () => {
    const logs = instances.map((i) => i.allOutput()).join('\n');
    expect(logs.length).toBeGreaterThan(1000);
    for (const secret of [...Object.values(SECRET), '7700 900123', 'First pass'])
      expect(logs).not.toContain(secret);
  });
});

/** How many runs of a job the instances have logged so far. */
function jobRuns(name: string): number {
  return instances
    .flatMap((i) => i.allOutput().split('\n'))
    .filter((l) => l.includes('"msg":"job done"') && l.includes(`"job":"${name}"`)).length;
}
