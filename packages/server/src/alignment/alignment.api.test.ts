// Comparable photos through the real server and job queue, on the real crown photo: a follow-up
// (the photo turned, nearer, relit, with new dots) is aligned to the earlier photo of its view
// as soon as it is uploaded, within 2 px; the artist's three point pairs replace the transform;
// bad pairs are refused naming the field (in English and Chinese); two unrelated photos are
// refused with the reason; another studio's photos are out of reach; the originals never change.
import { fileURLToPath } from 'node:url';
import {
  applyTransform,
  invertTransform,
  type AuditPage,
  type Matrix3,
  type Photo,
  type PhotoAlignment,
  type PhotoPixels,
} from '@stipple/core';
import { syntheticFollowUp } from '@stipple/core/registration/testing/synthetic-follow-up';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClientFixture } from '../test-support/fixtures.js';
import { signedInStudio, type SignedInStudio } from '../test-support/signed-in.js';
import { startTestServer, type ApiClient, type TestServer } from '../test-support/test-server.js';

const photoPath = (name: string) =>
  fileURLToPath(new URL(`../../../../fixtures/photos/${name}`, import.meta.url));
// Registration of two photos in a job: seconds here, far longer on a machine shared by many.
const SLOW = 300_000;

let ts: TestServer;
let s: SignedInStudio;
let other: SignedInStudio;
let clientId: string;
let earlier: Photo;
let followUp: Photo;
let truth: Matrix3;

async function decode(input: string | Buffer, width?: number): Promise<PhotoPixels> {
  let pipeline = sharp(input).rotate().removeAlpha();
  if (width) pipeline = pipeline.resize({ width });
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: 3, data: new Uint8Array(data) };
}

const jpeg = (p: PhotoPixels) =>
  sharp(Buffer.from(p.data), { raw: { width: p.width, height: p.height, channels: 3 } })
    .jpeg({ quality: 88 })
    .toBuffer();

async function upload(api: ApiClient, client: string, body: Buffer, takenOn: string, view = 'top') {
  const res = await api.request<Photo>(
    'POST',
    `/api/clients/${client}/photos?view=${view}&takenOn=${takenOn}`,
    {
      rawBody: body,
      contentType: 'image/jpeg',
    },
  );
  expect(res.status).toBe(201);
  return res.body;
}

/** The alignment once its job has finished (done, refused or failed). */
async function settled(api: ApiClient, photoId: string): Promise<PhotoAlignment> {
  const deadline = Date.now() + 240_000;
  for (;;) {
    const res = await api.get<PhotoAlignment | null>(`/api/photos/${photoId}/alignment`);
    expect(res.status).toBe(200);
    const a = res.body;
    if (a && a.status !== 'queued' && a.status !== 'running') return a;
    if (Date.now() > deadline) throw new Error(`alignment of ${photoId} still ${a?.status} after 240 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Three spots of the follow-up, each paired with where the truth puts it on the earlier photo. */
function truePairs() {
  const inverse = invertTransform(truth)!;
  return [
    { x: 300, y: 250 },
    { x: 1200, y: 350 },
    { x: 700, y: 900 },
  ].map((later) => ({ earlier: applyTransform(inverse, later), later }));
}

/** Largest distance (px of the earlier photo) between where `m` and the truth carry follow-up pixels. */
function worstError(earlierFromLater: number[], size: { width: number; height: number }): number {
  const truthInverse = invertTransform(truth)!;
  let worst = 0;
  for (let j = 1; j < 8; j++)
    for (let i = 1; i < 8; i++) {
      const p = { x: (i / 8) * (size.width - 1), y: (j / 8) * (size.height - 1) };
      const want = applyTransform(truthInverse, p);
      // Only where the follow-up shows the earlier photo.
      if (want.x < 0 || want.y < 0 || want.x > earlier.width - 1 || want.y > earlier.height - 1) continue;
      const got = applyTransform(earlierFromLater as unknown as Matrix3, p);
      worst = Math.max(worst, Math.hypot(got.x - want.x, got.y - want.y));
    }
  return worst;
}

/**
 * How well the aligned follow-up (RGBA, transparent where it does not reach) lies on the earlier
 * photo at the same size: the correlation of their fine texture (luma less its 4 neighbours' mean),
 * with the aligned image shifted by up to 3 px each way. Lined up, the best shift is (0, 0).
 */
function textureFit(
  aligned: { data: Uint8Array; width: number; height: number },
  earlierPixels: PhotoPixels,
): { best: { dx: number; dy: number }; atZero: number; atThree: number } {
  const { width: w, height: h } = aligned;
  expect([earlierPixels.width, earlierPixels.height]).toEqual([w, h]);
  const fine = (at: (i: number) => number) => {
    const lum = new Float32Array(w * h).map((_, i) => at(i));
    const out = new Float32Array(w * h);
    for (let y = 1; y < h - 1; y++)
      for (let x = 1; x < w - 1; x++) {
        const i = y * w + x;
        out[i] = lum[i]! - (lum[i - 1]! + lum[i + 1]! + lum[i - w]! + lum[i + w]!) / 4;
      }
    return out;
  };
  const lumaOf = (data: PhotoPixels['data'], channels: number) => (i: number) =>
    0.299 * data[i * channels]! + 0.587 * data[i * channels + 1]! + 0.114 * data[i * channels + 2]!;
  const a = fine(lumaOf(aligned.data, 4));
  const e = fine(lumaOf(earlierPixels.data, 3));
  const M = 8;
  const correlation = (dx: number, dy: number) => {
    let sab = 0;
    let saa = 0;
    let sbb = 0;
    for (let y = M; y < h - M; y += 2)
      for (let x = M; x < w - M; x++) {
        const j = (y + dy) * w + x + dx;
        // Only where the aligned image has the follow-up's pixels, its neighbours' too.
        if (aligned.data[j * 4 + 3]! < 255 || aligned.data[(j - w - 1) * 4 + 3]! < 255) continue;
        if (aligned.data[(j + w + 1) * 4 + 3]! < 255) continue;
        const av = a[j]!;
        const ev = e[y * w + x]!;
        sab += av * ev;
        saa += av * av;
        sbb += ev * ev;
      }
    return sab / Math.sqrt(saa * sbb);
  };
  let best = { dx: 0, dy: 0, r: -Infinity };
  for (let dy = -3; dy <= 3; dy++)
    for (let dx = -3; dx <= 3; dx++) {
      const r = correlation(dx, dy);
      if (r > best.r) best = { dx, dy, r };
    }
  return { best: { dx: best.dx, dy: best.dy }, atZero: correlation(0, 0), atThree: correlation(3, 3) };
}

beforeAll(async () => {
  ts = await startTestServer();
  s = await signedInStudio(ts, 'Alignment Studio');
  other = await signedInStudio(ts, 'Other Alignment Studio');
  clientId = await createClientFixture(ts.server.db, s.studio.id);
  const source = await decode(photoPath('shaved-crown-stubble.jpg'), 1600);
  const made = syntheticFollowUp(source, {
    angleDeg: 10,
    scale: 0.92,
    shift: [0.03, -0.02],
    gain: 1.2,
    gamma: 0.85,
    gradient: 0.4,
    dotsSeed: 5,
  });
  truth = made.laterFromSource;
  earlier = await upload(s.artist, clientId, await jpeg(source), '2026-10-01');
  followUp = await upload(s.artist, clientId, await jpeg(made.later), '2026-11-20');
}, SLOW);

afterAll(() => ts?.close());

describe('aligning a follow-up photo', () => {
  it(
    'aligns a follow-up to the earlier photo of its view on upload, within 2 px, and leaves both originals as stored',
    async () => {
      const a = await settled(s.artist, followUp.id);
      expect(a.status).toBe('done');
      expect(a.referencePhotoId).toBe(earlier.id);
      expect(a.method).toBe('features');
      expect(a.corrected).toBe(false);
      expect(a.earlierFromLater).toHaveLength(9);
      expect(worstError(a.earlierFromLater!, followUp)).toBeLessThan(2);
      expect(a.residualPx).toBeLessThan(2);
      expect(a.quality!.agreement).toBeGreaterThan(0.5);
      expect(a.quality!.inliers).toBeGreaterThan(50);
      // The new dots show as darker in the difference.
      expect(a.difference!.darker).toBeGreaterThan(0.005);

      const aligned = await s.artist.request(
        'GET',
        `/api/photos/${followUp.id}/alignment/image?kind=aligned`,
      );
      expect(aligned.status).toBe(200);
      expect(aligned.headers.get('content-type')).toBe('image/webp');
      const diff = await s.artist.request(
        'GET',
        `/api/photos/${followUp.id}/alignment/image?kind=difference`,
      );
      expect(diff.headers.get('content-type')).toBe('image/jpeg');

      // The originals are the stored bytes of the upload, unchanged.
      for (const p of [earlier, followUp]) {
        const now = (await s.artist.get<Photo>(`/api/photos/${p.id}`)).body;
        expect(now.sha256).toBe(p.sha256);
      }
      const audit = await s.owner.get<AuditPage>(`/api/audit?entityId=${followUp.id}&action=alignment.start`);
      expect(audit.body.items.length).toBeGreaterThan(0);
      expect(audit.body.items[0]!.details).toMatchObject({ referencePhotoId: earlier.id });
    },
    SLOW,
  );

  it(
    "lays the aligned image on the earlier photo's preview when both photos are larger than a preview",
    async () => {
      // Both photos are resampled to preview size (by different factors) before the warp: the
      // transform has to be carried onto those copies, or the pair is off by tens of pixels.
      const client3 = await createClientFixture(ts.server.db, s.studio.id);
      const big = await decode(photoPath('shaved-crown-stubble.jpg'), 2400);
      const made = syntheticFollowUp(big, {
        angleDeg: -6,
        scale: 0.95,
        shift: [-0.02, 0.02],
        gain: 1.1,
        gamma: 0.9,
        gradient: 0.3,
        outScale: 0.75,
      });
      const bigEarlier = await jpeg(big);
      await upload(s.artist, client3, bigEarlier, '2026-10-01');
      const later = await upload(s.artist, client3, await jpeg(made.later), '2026-11-20');
      expect([later.width, later.height]).toEqual([1800, 1350]);
      const a = await settled(s.artist, later.id);
      expect(a.status).toBe('done');
      const res = await fetch(`${ts.url}/api/photos/${later.id}/alignment/image?kind=aligned`, {
        headers: { cookie: `stipple_session=${s.artist.cookie}` },
      });
      expect(res.status).toBe(200);
      const webp = Buffer.from(await res.arrayBuffer());
      const { data, info } = await sharp(webp).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      expect([info.width, info.height]).toEqual([1600, 1200]);
      const fit = textureFit(
        { data: new Uint8Array(data), width: info.width, height: info.height },
        await decode(bigEarlier, 1600),
      );
      expect(Math.abs(fit.best.dx)).toBeLessThanOrEqual(1);
      expect(Math.abs(fit.best.dy)).toBeLessThanOrEqual(1);
      expect(fit.atZero).toBeGreaterThan(0.4);
      expect(fit.atZero).toBeGreaterThan(2 * fit.atThree);
    },
    SLOW,
  );

  it(
    "takes the artist's three point pairs instead, and records the correction",
    async () => {
      const pairs = truePairs();
      const res = await s.artist.request<PhotoAlignment>(
        'PUT',
        `/api/photos/${followUp.id}/alignment/points`,
        {
          body: { pairs },
        },
      );
      expect(res.status).toBe(202);
      expect(res.body.method).toBe('points');
      expect(res.body.corrected).toBe(true);
      expect(res.body.model).toBe('affine');
      expect(res.body.residualPx).toBeLessThan(0.01);
      const a = await settled(s.artist, followUp.id);
      expect(a.status).toBe('done');
      expect(a.pairs).toHaveLength(3);
      // Three pairs of a similarity fix it exactly: the same 2 px over the photo.
      expect(worstError(a.earlierFromLater!, followUp)).toBeLessThan(2);
      expect(a.quality!.agreement).toBeGreaterThan(0.5);
      expect(a.warnings).toEqual([]);
      const audit = await s.owner.get<AuditPage>(
        `/api/audit?entityId=${followUp.id}&action=alignment.correct`,
      );
      expect(audit.body.items[0]!.details).toMatchObject({ pairs: 3, model: 'affine' });
    },
    SLOW,
  );

  it(
    "warns when the artist's pairs lay the photos where they do not look alike, in English and Chinese",
    async () => {
      // Pairs that fit a transform exactly, but one 250 px off the truth across the follow-up.
      const pairs = truePairs().map((p) => ({ ...p, later: { x: p.later.x + 250, y: p.later.y } }));
      const res = await s.artist.request('PUT', `/api/photos/${followUp.id}/alignment/points`, {
        body: { pairs },
      });
      expect(res.status).toBe(202);
      const a = await settled(s.artist, followUp.id);
      expect(a.status).toBe('done');
      expect(a.quality!.agreement).toBeLessThan(0.2);
      expect(a.warnings).toEqual([expect.stringMatching(/do not look alike where the points lay them/)]);
      const zh = await s.artist.get<PhotoAlignment>(`/api/photos/${followUp.id}/alignment`, {
        headers: { 'accept-language': 'zh-CN' },
      });
      expect(zh.body.warnings).toEqual([expect.stringMatching(/看起来并不相同/)]);
    },
    SLOW,
  );

  it('refuses pairs that cannot fix a transform, naming the field, in English and Chinese', async () => {
    const onALine = [0, 1, 2].map((k) => ({
      earlier: { x: 100 + 200 * k, y: 100 + 100 * k },
      later: { x: 120 + 200 * k, y: 110 + 100 * k },
    }));
    const path = `/api/photos/${followUp.id}/alignment/points`;
    const en = await s.artist.request('PUT', path, { body: { pairs: onALine } });
    expect(en.status).toBe(422);
    expect(en.body.fields?.[0]).toMatchObject({ field: 'pairs', code: 'pointsOnALine' });
    expect(en.body.fields?.[0]?.message).toMatch(/earlier photo lie on one line/);
    const zh = await s.artist.request('PUT', path, {
      body: { pairs: onALine },
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(zh.body.fields?.[0]?.message).toMatch(/更早的照片上的点在一条直线上/);

    const outside = await s.artist.request('PUT', path, {
      body: {
        pairs: [
          { earlier: { x: 10, y: 10 }, later: { x: 5000, y: 10 } },
          { earlier: { x: 500, y: 10 }, later: { x: 500, y: 10 } },
          { earlier: { x: 10, y: 500 }, later: { x: 10, y: 500 } },
        ],
      },
    });
    expect(outside.status).toBe(400);
    expect(outside.body.fields).toEqual([
      expect.objectContaining({ field: 'pairs.0.later', code: 'outsidePhoto' }),
    ]);
    expect(outside.body.message).toMatch(/point pair 1 › follow-up photo/);

    const two = await s.artist.request('PUT', path, { body: { pairs: onALine.slice(0, 2) } });
    expect(two.status).toBe(400);
    expect(two.body.fields?.[0]?.field).toBe('pairs');
  });

  it(
    'refuses two unrelated photos of one view with the reason, and a photo with nothing before it',
    async () => {
      const client2 = await createClientFixture(ts.server.db, s.studio.id);
      const crown = await jpeg(await decode(photoPath('shaved-crown-stubble.jpg'), 1200));
      const top = await jpeg(await decode(photoPath('shaved-top-diffuse.jpg'), 1200));
      const first = await upload(s.owner, client2, crown, '2026-09-01', 'back');
      const second = await upload(s.owner, client2, top, '2026-10-01', 'back');
      const a = await settled(s.owner, second.id);
      expect(a.status).toBe('refused');
      expect(a.earlierFromLater).toBeNull();
      expect(a.refusal!.reason).toMatch(
        /too-few-matches|inconsistent-geometry|matches-too-concentrated|poor-agreement/,
      );
      expect(a.refusal!.message).toMatch(/different views or different people|different people/);
      const zh = await s.owner.get<PhotoAlignment>(`/api/photos/${second.id}/alignment`, {
        headers: { 'accept-language': 'zh-CN' },
      });
      expect(zh.body.refusal!.message).toMatch(/不同的人/);
      // No images for a refused pair.
      const image = await s.owner.request('GET', `/api/photos/${second.id}/alignment/image?kind=aligned`);
      expect(image.status).toBe(422);

      const none = await s.owner.post(`/api/photos/${first.id}/alignment`, {});
      expect(none.status).toBe(422);
      expect(none.body.code).toBe('noEarlierPhoto');
      // Another client's photo is not a reference.
      const wrongView = await s.owner.post(`/api/photos/${second.id}/alignment`, {
        referencePhotoId: earlier.id,
      });
      expect(wrongView.status).toBe(400);
      expect(wrongView.body.fields?.[0]).toMatchObject({
        field: 'referencePhotoId',
        code: 'notThisClientsPhoto',
      });
    },
    SLOW,
  );

  it("keeps another studio's photos out of reach, and front desk out of clinical photos", async () => {
    const theirClient = await createClientFixture(ts.server.db, other.studio.id);
    const theirs = await upload(
      other.owner,
      theirClient,
      await jpeg(await decode(photoPath('shaved-crown-stubble.jpg'), 400)),
      '2026-11-01',
    );
    // Their studio cannot read, start or correct ours.
    expect((await other.owner.get(`/api/photos/${followUp.id}/alignment`)).status).toBe(404);
    expect((await other.owner.post(`/api/photos/${followUp.id}/alignment`, {})).status).toBe(404);
    const pairs = [
      { earlier: { x: 10, y: 10 }, later: { x: 10, y: 10 } },
      { earlier: { x: 300, y: 10 }, later: { x: 300, y: 10 } },
      { earlier: { x: 10, y: 300 }, later: { x: 10, y: 300 } },
    ];
    const put = await other.owner.request('PUT', `/api/photos/${followUp.id}/alignment/points`, {
      body: { pairs },
    });
    expect(put.status).toBe(404);
    expect(
      (await other.owner.request('GET', `/api/photos/${followUp.id}/alignment/image?kind=aligned`)).status,
    ).toBe(404);
    // Nor can we name their photo as the reference.
    const res = await s.artist.post(`/api/photos/${followUp.id}/alignment`, { referencePhotoId: theirs.id });
    expect(res.status).toBe(400);
    expect(res.body.fields?.[0]).toMatchObject({ field: 'referencePhotoId', code: 'notThisClientsPhoto' });
    expect(res.body.message).toMatch(/earlier photo/);
    expect((await s.desk.get(`/api/photos/${followUp.id}/alignment`)).status).toBe(403);
  });
});
