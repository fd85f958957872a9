// Outcomes through the real server: a healed follow-up (the preview's own render of session 1 at a
// known scar retention) measured against the earlier photo's zones, recorded, listed, counted in
// the studio's retention, and read by the next plan; refused for the front desk, for another
// studio, and with a clear reason for bad input.
import type {
  Photo,
  PhotoAlignment,
  PlanVersion,
  SessionOutcome,
  SessionOutcomeList,
  StudioRetention,
} from '@stipple/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClientFixture } from '../test-support/fixtures.js';
import { followUpZones, healedFollowUp, pngOf, skinPhoto } from '../test-support/follow-up-photos.js';
import { signedInStudio, type SignedInStudio } from '../test-support/signed-in.js';
import { startTestServer, type ApiClient, type TestServer } from '../test-support/test-server.js';
import { futAssessment } from '../test-support/treatment-fixtures.js';

let ts: TestServer;
let home: SignedInStudio;
let other: SignedInStudio;
let clientId: string;
let earlier: Photo;
let later: Photo;

const upload = async (who: ApiClient, client: string, png: Buffer, takenOn: string) =>
  (
    await who.request<Photo>('POST', `/api/clients/${client}/photos?view=top&takenOn=${takenOn}`, {
      rawBody: png,
      contentType: 'image/png',
    })
  ).body;

beforeAll(async () => {
  ts = await startTestServer();
  home = await signedInStudio(ts, 'Outcome Studio');
  other = await signedInStudio(ts, 'Other Outcome Studio');
  clientId = await createClientFixture(ts.server.db, home.studio.id, { familyName: 'Okafor' });
  earlier = await upload(home.artist, clientId, await pngOf(skinPhoto()), '2026-09-01');
  const saved = await home.artist.request('PUT', `/api/photos/${earlier.id}/zones`, {
    body: { zones: followUpZones(), version: 0 },
  });
  expect(saved.status).toBe(200);
  later = await upload(home.artist, clientId, await pngOf(healedFollowUp(0.45, 8)), '2026-10-20');
});
afterAll(() => ts?.close());

describe('recording an outcome', () => {
  it('measures each zone of the follow-up against the prediction: the scar kept about 45 %', async () => {
    const res = await home.artist.post<SessionOutcome>(`/api/photos/${later.id}/outcome`, {
      earlierPhotoId: earlier.id,
      afterSession: 1,
      transform: [1, 0, 8, 0, 1, 0, 0, 0, 1],
    });
    expect(res.status).toBe(200);
    const scar = res.body.zones.find((z) => z.zoneId === 'strip')!;
    expect(scar.expectedRetention).toBe(0.85);
    expect(Math.abs(scar.retention! - 0.45) / 0.45).toBeLessThan(0.1);
    expect(scar.difference.deltaL).toBeGreaterThan(0);
    const crown = res.body.zones.find((z) => z.zoneId === 'crown')!;
    expect(Math.abs(crown.retention! - 1)).toBeLessThan(0.1);
    const list = await home.owner.get<SessionOutcomeList>(`/api/clients/${clientId}/outcomes`);
    expect(list.body.items.map((o) => o.photoId)).toEqual([later.id]);
  });

  it('the next plan of the client adds a session for the scar, citing the rule', async () => {
    const created = await home.artist.post<{ id: string }>(`/api/clients/${clientId}/consultations`, {
      assessment: futAssessment('2026-10-21'),
    });
    expect(created.status).toBe(201);
    const plan = await home.artist.post<PlanVersion>(`/api/consultations/${created.body.id}/plans`, {
      overrides: [],
      basedOnVersion: 0,
    });
    expect(plan.status).toBe(201);
    expect(plan.body.plan.citations['sessions.count']).toContain('outcome.scar.low-retention');
    expect(plan.body.plan.reasons.find((r) => r.ruleId === 'outcome.scar.low-retention')!.text).toMatch(
      /kept 4\d% of its pigment/,
    );
  });

  it("counts the scar in the studio's retention, beside the default, not yet used (one case)", async () => {
    const res = await home.artist.get<StudioRetention>('/api/outcomes/retention');
    expect(res.status).toBe(200);
    expect(res.body.minCases).toBe(10);
    const flat = res.body.rows.find((r) => r.texture === 'flat' && r.fitzpatrick === null)!;
    expect(flat.cases).toBe(1);
    expect(flat.defaultPercent).toBe(85);
    expect(flat.used).toBe(false);
    expect(Math.abs(flat.percent - 45)).toBeLessThan(4.5);
  });
});

describe('with the stored alignment', () => {
  const alignmentOf = async () =>
    (await home.artist.get<PhotoAlignment | null>(`/api/photos/${later.id}/alignment`)).body;
  const settled = (statuses: RegExp) =>
    expect
      .poll(async () => (await alignmentOf())?.status, { timeout: 120_000, interval: 500 })
      .toMatch(statuses);

  it('takes the follow-up’s finished alignment onto the earlier photo when no transform is given', async () => {
    // Uploading the follow-up of the same view started its alignment; plain skin gives the feature
    // matcher nothing to hold, so the artist aligns it by four tapped pairs, 8 px apart as rendered
    // (the render sits 8 px to the left of the earlier photo).
    await settled(/^(done|refused)$/);
    const pairs = [
      [60, 60],
      [460, 60],
      [460, 260],
      [60, 260],
    ].map(([x, y]) => ({ earlier: { x: x!, y: y! }, later: { x: x! - 8, y: y! } }));
    const corrected = await home.artist.request('PUT', `/api/photos/${later.id}/alignment/points`, {
      body: { pairs },
    });
    expect(corrected.status, JSON.stringify(corrected.body)).toBeLessThan(300);
    await settled(/^done$/);
    const alignment = await alignmentOf();
    // As the transform the first test gives by hand: follow-up x + 8 is the earlier photo's x.
    expect(alignment.earlierFromLater![2]).toBeCloseTo(8, 3);
    const res = await home.artist.post<SessionOutcome>(`/api/photos/${later.id}/outcome`, {
      earlierPhotoId: earlier.id,
      afterSession: 1,
    });
    expect(res.status).toBe(200);
    expect(res.body.transform).toEqual(alignment.earlierFromLater);
    const scar = res.body.zones.find((z) => z.zoneId === 'strip')!;
    expect(Math.abs(scar.retention! - 0.45) / 0.45).toBeLessThan(0.1);
  });
});

describe('refusals', () => {
  it('front desk may not record or read outcomes', async () => {
    const res = await home.desk.post(`/api/photos/${later.id}/outcome`, {
      earlierPhotoId: earlier.id,
      afterSession: 1,
    });
    expect(res.status).toBe(403);
    expect((await home.desk.get(`/api/clients/${clientId}/outcomes`)).status).toBe(403);
    expect((await home.desk.get('/api/outcomes/retention')).status).toBe(403);
  });

  it("another studio finds neither the photo nor the client's outcomes", async () => {
    const res = await other.artist.post(`/api/photos/${later.id}/outcome`, {
      earlierPhotoId: earlier.id,
      afterSession: 1,
    });
    expect(res.status).toBe(404);
    const list = await other.artist.get<SessionOutcomeList>(`/api/clients/${clientId}/outcomes`);
    expect(list.body.items ?? []).toEqual([]);
    const retention = await other.artist.get<StudioRetention>('/api/outcomes/retention');
    expect(retention.body.rows).toEqual([]);
  });

  it('names the field: a transform that is not 9 numbers, or cannot be inverted, and a session past the plan', async () => {
    const short = await home.artist.post(`/api/photos/${later.id}/outcome`, {
      earlierPhotoId: earlier.id,
      afterSession: 1,
      transform: [1, 0, 0],
    });
    expect(short.status).toBe(400);
    expect(short.body.fields?.map((f) => f.field)).toEqual(['transform']);
    const flat = await home.artist.post(`/api/photos/${later.id}/outcome`, {
      earlierPhotoId: earlier.id,
      afterSession: 1,
      transform: [0, 0, 0, 0, 0, 0, 0, 0, 1],
    });
    expect(flat.status).toBe(400);
    expect(flat.body.fields?.[0]).toMatchObject({ field: 'transform' });
    expect(flat.body.message).toMatch(/alignment of the photos/);
    const past = await home.artist.post(`/api/photos/${later.id}/outcome`, {
      earlierPhotoId: earlier.id,
      afterSession: 4,
    });
    expect(past.status).toBe(400);
    expect(past.body.fields?.[0]).toMatchObject({ field: 'afterSession' });
  });

  it('refuses in Chinese too, and an earlier photo taken after the follow-up', async () => {
    const res = await home.artist.post(
      `/api/photos/${earlier.id}/outcome`,
      { earlierPhotoId: later.id, afterSession: 1 },
      { headers: { 'accept-language': 'zh-CN' } },
    );
    expect(res.status).toBe(422);
    expect(res.body.message).toContain('复诊照片必须晚于较早的照片拍摄');
  });
});
