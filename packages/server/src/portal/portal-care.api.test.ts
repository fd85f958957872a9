// The portal's care pages through the real server: the plan in the client's language (the same
// translated rules as the consultation report), the preview of their own photo (healed, and the
// poor end for a scar) with its images, the aftercare checklist (ticks stored, days to come
// refused) with its reminder emails, and the download of their data (audited). Every new route is
// probed with another client's ids, in the same studio and in another one: nothing is found,
// and their own data is left as it was.
import type {
  Appointment,
  AuditPage,
  ConsentTemplate,
  Photo,
  PhotoZones,
  PortalAftercare,
  PortalPlan,
  PortalPreviews,
  PreviewRender,
  SaveZonesInput,
  TreatmentCourse,
} from '@stipple/core';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTime } from '../appointments/studio-time.js';
import { issueLink } from '../auth/one-time-links.js';
import { seedTemplates } from '../demo/demo-records.js';
import { createClientFixture, createStudioFixture, type FixtureStudio } from '../test-support/fixtures.js';
import { signaturePng } from '../test-support/images.js';
import { openLink } from '../test-support/public-visitor.js';
import type { ClientExport } from './portal-export.service.js';
import { startTestServer, type ApiClient, type TestServer } from '../test-support/test-server.js';
import { signedInStudio } from '../test-support/signed-in.js';
import { futAssessment, pigmentLotOf, WEEKDAY_HOURS, workdayAt } from '../test-support/treatment-fixtures.js';

const SCALP_PHOTO = fileURLToPath(
  new URL('../../../../fixtures/photos/shaved-crown-stubble.jpg', import.meta.url),
);
const SCALE = 0.5;
const s = (points: [number, number][]) => points.map(([x, y]) => [x * SCALE, y * SCALE] as [number, number]);
const ZONES: SaveZonesInput['zones'] = {
  calibration: { pxPerMm: 20 * SCALE },
  seed: 3,
  sessions: 3,
  zones: [
    {
      id: 'strip',
      kind: 'scar',
      polygon: s([
        [1330, 2110],
        [1900, 2180],
        [2480, 2230],
        [2500, 2290],
        [1890, 2250],
        [1320, 2170],
      ]),
      densityPerCm2: 80,
      texture: 'atrophic',
      featherMm: 2,
    },
  ],
};

let ts: TestServer;
let studio: FixtureStudio;
let other: FixtureStudio;
let artist: ApiClient;
let owner: ApiClient;

interface Person {
  clientId: string;
  portal: ApiClient;
}
let ana: Person;
let bo: Person;
let carl: Person;
const anas = { photoId: '', renderId: '', sessionId: '', performedOn: '' };

async function portalOf(studioId: string, clientId: string): Promise<ApiClient> {
  const token = await ts.server.db.withStudio(studioId, async (tx) => {
    const { token } = await issueLink(tx, {
      purpose: 'portal_sign_in',
      studioId,
      clientId,
      expiresAt: new Date(Date.now() + 600_000),
    });
    return token;
  });
  const opened = await openLink(ts, token);
  expect(opened.status).toBe(200);
  return opened.api;
}

const daysAgo = (n: number) =>
  new Date(Date.parse(`${localTime(new Date(), 'Europe/London').date}T00:00:00Z`) - n * 86_400_000)
    .toISOString()
    .slice(0, 10);

async function consultAndPlan(clientId: string): Promise<void> {
  const c = await artist.post<{ id: string }>(`/api/clients/${clientId}/consultations`, {
    assessment: futAssessment(daysAgo(20)),
  });
  expect(c.status, JSON.stringify(c.body)).toBe(201);
  expect((await artist.post(`/api/consultations/${c.body.id}/plans`, { basedOnVersion: 0 })).status).toBe(
    201,
  );
}

/** A session `workdaysBack` working days ago, completed on its day (a session is never completed ahead). */
async function completedSession(
  clientId: string,
  workdaysBack: number,
  hhmm: string,
): Promise<{ id: string; performedOn: string }> {
  const startsAt = workdayAt(-workdaysBack, hhmm);
  const performedOn = localTime(new Date(startsAt), 'Europe/London').date;
  const course = await artist.post<TreatmentCourse>(`/api/clients/${clientId}/courses`, { title: 'Scar' });
  const appt = await artist.post<Appointment>('/api/appointments', {
    clientId,
    artistId: studio.artist.id,
    kind: 'session',
    courseId: course.body.id,
    startsAt,
    durationMinutes: 120,
  });
  expect(appt.status, JSON.stringify(appt.body)).toBe(201);
  const templates = (await artist.get<{ items: ConsentTemplate[] }>('/api/consent-templates')).body.items;
  const treatment = templates.find((t) => t.kind === 'treatment' && t.language === 'en' && t.current)!;
  expect(
    (
      await artist.post(`/api/clients/${clientId}/consents`, {
        templateId: treatment.id,
        signerName: 'Client',
        signature: await signaturePng(),
      })
    ).status,
  ).toBe(201);
  const saved = await artist.request<{ id: string }>('PUT', `/api/appointments/${appt.body.id}/session`, {
    body: { performedOn, zones: ['scar'], materials: [{ lotId: await pigmentLotOf(owner) }], complete: true },
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  return { id: saved.body.id, performedOn };
}

async function waitForRender(id: string): Promise<PreviewRender> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const r = await artist.get<PreviewRender>(`/api/renders/${id}`);
    if (r.body.status === 'done' || r.body.status === 'failed') return r.body;
    if (Date.now() > deadline) throw new Error(`render ${id} still ${r.body.status} after 90 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(async () => {
  ts = await startTestServer();
  ({ studio, artist, owner } = await signedInStudio(ts, 'Care Studio'));
  other = await createStudioFixture(ts.server.db, 'Far Studio');
  await ts.server.db.asSystem((tx) => seedTemplates(tx, studio.id, studio.owner.id));
  for (const who of [studio.owner.id, studio.artist.id])
    await owner.request('PUT', `/api/staff/${who}/working-hours`, { body: WEEKDAY_HOURS });

  const anaId = await createClientFixture(ts.server.db, studio.id, {
    givenName: 'Ana',
    familyName: 'Silva',
    email: 'ana@care.example',
  });
  const boId = await createClientFixture(ts.server.db, studio.id, {
    givenName: '博',
    familyName: '陈',
    email: 'bo@care.example',
    preferredLanguage: 'zh-CN',
  });
  const carlId = await createClientFixture(ts.server.db, other.id, { givenName: 'Carl', familyName: 'Far' });

  await consultAndPlan(anaId);
  await consultAndPlan(boId);
  const anasSession = await completedSession(anaId, 3, '10:00');
  anas.performedOn = anasSession.performedOn;
  anas.sessionId = anasSession.id;
  await completedSession(boId, 1, '14:00');

  const jpeg = await sharp(SCALP_PHOTO)
    .resize(Math.round(4032 * SCALE))
    .jpeg({ quality: 90 })
    .toBuffer();
  const up = await artist.request<Photo>(
    'POST',
    `/api/clients/${anaId}/photos?view=top&takenOn=${daysAgo(20)}`,
    {
      rawBody: jpeg,
      contentType: 'image/jpeg',
    },
  );
  expect(up.status).toBe(201);
  anas.photoId = up.body.id;
  await artist.patch(`/api/photos/${anas.photoId}`, { calibration: { pxPerMm: 20 * SCALE } });
  const zones = await artist.request<PhotoZones>('PUT', `/api/photos/${anas.photoId}/zones`, {
    body: { zones: ZONES, version: 0 },
  });
  expect(zones.status, JSON.stringify(zones.body)).toBe(200);
  const render = await waitForRender(zones.body.latestRender!.id);
  expect(render.status).toBe('done');
  anas.renderId = render.id;

  ana = { clientId: anaId, portal: await portalOf(studio.id, anaId) };
  bo = { clientId: boId, portal: await portalOf(studio.id, boId) };
  carl = { clientId: carlId, portal: await portalOf(other.id, carlId) };
}, 180_000);
afterAll(() => ts?.close());

const image = async (who: ApiClient, path: string) => {
  const res = await fetch(`${ts.url}${path}`, { headers: { cookie: `stipple_portal=${who.portalCookie}` } });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    body: Buffer.from(await res.arrayBuffer()),
  };
};

describe('the plan', () => {
  it('shows the saved plan with each session in numbers the page words', async () => {
    const res = await ana.portal.get<PortalPlan>('/api/portal/plan');
    expect(res.status).toBe(200);
    const plan = res.body.plan!;
    expect(plan.eligibility).toBe('eligible');
    expect(plan.sessions).toHaveLength(plan.sessionCount);
    expect(plan.sessions.map((s) => s.earliestDay)).toEqual(
      plan.sessions.map((_, i) => i * plan.minIntervalDays),
    );
    // Each zone reaches its full density by its last session.
    const reached = new Map<string, number>();
    for (const s of plan.sessions) for (const z of s.zones) reached.set(z.kind, z.reachedPercent);
    for (const percent of reached.values()) expect(percent).toBe(100);
    expect(plan.expectations.map((e) => e.scar)).toContain('strip');
    expect(plan.reasons[0]!.text).toMatch(/[a-z]/);
  });

  it('words it in Chinese for a Chinese-speaking client, from the same translated rules as the report', async () => {
    const res = await bo.portal.get<PortalPlan>('/api/portal/plan');
    expect(res.status).toBe(200);
    const texts = [...res.body.plan!.reasons, ...res.body.plan!.expectations].map((r) => r.text);
    for (const t of texts) expect(t).toMatch(/[\u4e00-\u9fff]/);
  });

  it('is empty for a client without a plan, not another client’s', async () => {
    const res = await carl.portal.get<PortalPlan>('/api/portal/plan');
    expect(res.status).toBe(200);
    expect(res.body.plan).toBeNull();
  });
});

describe('the preview', () => {
  it('lists the newest render of the client’s photo with the healed look and the poor end for the scar', async () => {
    const res = await ana.portal.get<PortalPreviews>('/api/portal/previews');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    const [p] = res.body.items;
    expect(p).toMatchObject({ photoId: anas.photoId, renderId: anas.renderId, healed: 'healed' });
    expect(p!.poorScars).toBe('healed-scar-poor');
    expect(p!.scars).toEqual([
      {
        texture: 'atrophic',
        retentionPercent: expect.any(Number) as number,
        poorRetentionPercent: expect.any(Number) as number,
        box: expect.any(Object) as object,
      },
    ]);
    expect(p!.scars[0]!.poorRetentionPercent).toBeLessThan(p!.scars[0]!.retentionPercent);
    // The close-up: the scar with its margin, inside the picture.
    const box = p!.scars[0]!.box;
    expect(box.width).toBeGreaterThan(0.2);
    expect(box.height).toBeLessThan(0.2);
    expect(box.left + box.width).toBeLessThanOrEqual(1);
    expect(box.top + box.height).toBeLessThanOrEqual(1);
    expect(p!.aspect).toBeCloseTo(4 / 3, 2);
  });

  it('serves the photo and the stages as JPEG to their client', async () => {
    const [p] = (await ana.portal.get<PortalPreviews>('/api/portal/previews')).body.items;
    for (const path of [
      `/api/portal/photos/${p!.photoId}/image`,
      `/api/portal/renders/${p!.renderId}/stages/${p!.healed}`,
      `/api/portal/renders/${p!.renderId}/stages/${p!.poorScars!}`,
    ]) {
      const res = await image(ana.portal, path);
      expect(res.status, path).toBe(200);
      expect(res.type).toBe('image/jpeg');
      const meta = await sharp(res.body).metadata();
      expect(meta.format).toBe('jpeg');
      expect(Math.max(meta.width, meta.height)).toBeLessThanOrEqual(1600);
    }
    const healed = await image(ana.portal, `/api/portal/renders/${p!.renderId}/stages/healed`);
    const poor = await image(ana.portal, `/api/portal/renders/${p!.renderId}/stages/healed-scar-poor`);
    expect(healed.body.equals(poor.body)).toBe(false);
  });
});

describe('aftercare', () => {
  it('lists each day from the session with its steps, and the reminder emails that come', async () => {
    const res = await ana.portal.get<PortalAftercare>('/api/portal/aftercare');
    expect(res.status).toBe(200);
    const [session] = res.body.sessions;
    expect(res.body.sessions).toHaveLength(1);
    expect(session).toMatchObject({ sessionId: anas.sessionId, performedOn: anas.performedOn });
    expect(session!.days[0]).toMatchObject({ date: anas.performedOn, day: 0, done: false });
    expect(session!.days[0]!.steps.map((s) => s.title)).toContain('Keep your scalp dry');
    expect(session!.days.at(-1)!.day).toBe(30);
    // The template's reminders: one email per step marked remind, at 09:00 on its first day.
    expect(session!.reminders).toHaveLength(5);
    expect(session!.reminderAddress).toBe('ana@care.example');
    const later = session!.reminders.filter((r) => Date.parse(r.sendAfter) > Date.now());
    expect(later.length).toBeGreaterThan(0);
    for (const r of later) expect(r.status).toBe('pending');
  });

  it('keeps the ticks, and refuses a day that has not come', async () => {
    const today = localTime(new Date(), 'Europe/London').date;
    const tick = (date: string, done: boolean) =>
      ana.portal.request<PortalAftercare>('PUT', `/api/portal/aftercare/${anas.sessionId}/days/${date}`, {
        body: { done },
      });
    expect((await tick(anas.performedOn, true)).status).toBe(200);
    const res = await tick(today, true);
    expect(res.status).toBe(200);
    const done = res.body.sessions[0]!.days.filter((d) => d.done).map((d) => d.date);
    expect(done).toEqual([anas.performedOn, today]);
    expect(
      (await tick(today, false)).body.sessions[0]!.days.filter((d) => d.done).map((d) => d.date),
    ).toEqual([anas.performedOn]);
    const ahead = await tick(daysAgo(-2), true);
    expect(ahead.status).toBe(409);
    expect(ahead.body.error).toBe('aftercare_day_ahead');
    expect((await tick('2020-01-01', true)).status).toBe(404);
    const again = await ana.portal.get<PortalAftercare>('/api/portal/aftercare');
    expect(again.body.sessions[0]!.days.filter((d) => d.done).map((d) => d.date)).toEqual([anas.performedOn]);
  });
});

describe('the data download', () => {
  it('holds the client’s record, appointments, consents, sessions, plans and photo list, and is audited', async () => {
    const res = await ana.portal.get('/api/portal/export');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="?my-data-\d{4}-\d{2}-\d{2}\.json"?$/,
    );
    expect(res.headers.get('cache-control')).toContain('no-store');
    const data = res.body as unknown as ClientExport;
    expect(data.format).toBe('stipple.client-data/1');
    expect(data.client).toMatchObject({ id: ana.clientId, givenName: 'Ana', email: 'ana@care.example' });
    expect(data.appointments).toHaveLength(1);
    expect(data.consents.map((c) => c.kind)).toEqual(['treatment']);
    expect(data.consultations[0]!.plans[0]!.plan.eligibility).toBe('eligible');
    expect(data.sessions[0]).toMatchObject({ id: anas.sessionId, aftercareDaysTicked: [anas.performedOn] });
    expect(data.photos).toEqual([
      expect.objectContaining({ id: anas.photoId, url: `/api/portal/photos/${anas.photoId}/image` }),
    ]);
    expect(data.previews[0]!.stages.map((st) => st.name)).toContain('healed-scar-poor');
    // The links in it work for the client who downloaded it.
    expect((await image(ana.portal, data.photos[0]!.url)).status).toBe(200);
    expect(data.messages.length).toBeGreaterThanOrEqual(5);

    const audit = await owner.get<AuditPage>(`/api/audit?entityId=${ana.clientId}&action=portal.export`);
    expect(audit.body.items).toHaveLength(1);
  });
});

describe('isolation', () => {
  it('finds nothing of another client’s, in the same studio or another, through any new route', async () => {
    const probes: [string, string, unknown?][] = [
      ['GET', `/api/portal/photos/${anas.photoId}/image`],
      ['GET', `/api/portal/renders/${anas.renderId}/stages/healed`],
      ['GET', `/api/portal/renders/${anas.renderId}/stages/healed-scar-poor`],
      ['PUT', `/api/portal/aftercare/${anas.sessionId}/days/${anas.performedOn}`, { done: false }],
    ];
    for (const who of [bo, carl])
      for (const [method, path, body] of probes) {
        const res = await who.portal.request(method, path, body === undefined ? {} : { body });
        expect(res.status, `${method} ${path}`).toBe(404);
      }
    for (const [method, path, body] of [
      ...probes,
      ['GET', '/api/portal/plan'],
      ['GET', '/api/portal/previews'],
      ['GET', '/api/portal/aftercare'],
      ['GET', '/api/portal/export'],
    ] as [string, string, unknown?][]) {
      const anonymous = await ts.client().request(method, path, body === undefined ? {} : { body });
      expect(anonymous.status, `anonymous ${method} ${path}`).toBe(401);
    }
    // Their own lists and downloads name nothing of Ana's.
    for (const who of [bo, carl]) {
      const seen = JSON.stringify([
        (await who.portal.get('/api/portal/previews')).body,
        (await who.portal.get('/api/portal/aftercare')).body,
        (await who.portal.get('/api/portal/plan')).body,
        (await who.portal.get('/api/portal/export')).body,
      ]);
      for (const id of [ana.clientId, anas.photoId, anas.renderId, anas.sessionId])
        expect(seen).not.toContain(id);
      expect(seen).not.toContain('ana@care.example');
    }
    // Ana's tick is still there.
    const mine = await ana.portal.get<PortalAftercare>('/api/portal/aftercare');
    expect(mine.body.sessions[0]!.days[0]!.done).toBe(true);
  });
});
