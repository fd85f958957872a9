// The head and scalp map through the real server, job queue and blob store, on a real scalp photo:
// the analysis stores its automatic map; the artist's correction is saved with the zones (same
// version), checked against the map's size and classes naming the field, and the analysis runs
// again inside it (no follicle left where the artist removed the scalp); another studio sees none
// of it, and the front desk may not read or write it.
import { fileURLToPath } from 'node:url';
import type {
  Photo,
  PhotoAnalysisRecord,
  PhotoScalpMap,
  PhotoZones,
  PreviewRender,
  SaveZonesInput,
  ScalpMapLabels,
} from '@stipple/core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClientFixture, createStudioFixture, type FixtureStudio } from '../test-support/fixtures.js';
import { signedInAs } from '../test-support/signed-in.js';
import { startTestServer, type ApiClient, type TestServer } from '../test-support/test-server.js';

const SCALP_PHOTO = fileURLToPath(
  new URL('../../../../fixtures/photos/shaved-crown-stubble.jpg', import.meta.url),
);
/** A 1500×1200 crop of the crown at full resolution (about 20 px/mm): follicles resolve, quick to analyse. */
const CROP = { left: 1400, top: 700, width: 1500, height: 1200 };
const PX_PER_MM = 20;

const zonesFile = (): SaveZonesInput['zones'] => ({
  calibration: { pxPerMm: PX_PER_MM },
  seed: 3,
  sessions: 2,
  zones: [
    {
      id: 'crown',
      kind: 'fill',
      polygon: [
        [300, 200],
        [700, 200],
        [700, 500],
        [300, 500],
      ],
      densityPerCm2: 60,
      shade: 32,
    },
  ],
});

let ts: TestServer;
let studio: FixtureStudio;
let other: FixtureStudio;
let artist: ApiClient;
let desk: ApiClient;
let otherOwner: ApiClient;
let photo: Photo;

function decode(map: ScalpMapLabels): Uint8Array {
  const out = new Uint8Array(map.width * map.height);
  let i = 0;
  for (let k = 0; k < map.classesRle.length; k += 2) {
    out.fill(map.classesRle[k]!, i, i + map.classesRle[k + 1]!);
    i += map.classesRle[k + 1]!;
  }
  expect(i).toBe(map.width * map.height);
  return out;
}

function encode(labels: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < labels.length;) {
    let j = i + 1;
    while (j < labels.length && labels[j] === labels[i]) j++;
    out.push(labels[i]!, j - i);
    i = j;
  }
  return out;
}

async function waitForAnalysis(): Promise<PhotoAnalysisRecord> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const record = (await artist.get<PhotoAnalysisRecord>(`/api/photos/${photo.id}/analysis`)).body;
    if (record.status === 'done' || record.status === 'failed') return record;
    if (Date.now() > deadline) throw new Error(`analysis still ${record.status} after 120 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function waitForRender(id: string): Promise<PreviewRender> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const res = await artist.get<PreviewRender>(`/api/renders/${id}`);
    if (res.body.status === 'done' || res.body.status === 'failed') return res.body;
    if (Date.now() > deadline) throw new Error(`render ${id} still ${res.body.status} after 120 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const save = (body: Record<string, unknown>) =>
  artist.request<PhotoZones & { fields?: { field: string; message: string }[] }>(
    'PUT',
    `/api/photos/${photo.id}/zones`,
    { body },
  );

beforeAll(async () => {
  ts = await startTestServer();
  studio = await createStudioFixture(ts.server.db, 'Map Studio');
  other = await createStudioFixture(ts.server.db, 'Other Map Studio');
  const clientId = await createClientFixture(ts.server.db, studio.id, {
    givenName: 'Mei',
    familyName: 'Lin',
  });
  artist = await signedInAs(ts, studio.artist.email);
  desk = await signedInAs(ts, studio.desk.email);
  otherOwner = await signedInAs(ts, other.owner.email);
  const jpeg = await sharp(SCALP_PHOTO).extract(CROP).jpeg({ quality: 90 }).toBuffer();
  const up = await artist.request<Photo>(
    'POST',
    `/api/clients/${clientId}/photos?view=top&takenOn=2026-11-02`,
    {
      rawBody: jpeg,
      contentType: 'image/jpeg',
    },
  );
  expect(up.status).toBe(201);
  photo = (await artist.patch<Photo>(`/api/photos/${up.body.id}`, { calibration: { pxPerMm: PX_PER_MM } }))
    .body;
});
afterAll(() => ts?.close());

describe('the head and scalp map', () => {
  let automatic: NonNullable<PhotoScalpMap['automatic']>;
  let corrected: ScalpMapLabels;
  let automaticCount = 0;

  it('has no map before the analysis, and refuses a correction without one, naming the field', async () => {
    const res = await artist.get<PhotoScalpMap>(`/api/photos/${photo.id}/scalp-map`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ photoId: photo.id, automatic: null, corrected: null, version: 0 });
    const refused = await save({
      zones: zonesFile(),
      version: 0,
      scalpMap: { width: 4, height: 3, classesRle: [2, 12] },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.fields?.map((f) => f.field)).toEqual(['scalpMap']);
    expect((await artist.get<PhotoZones>(`/api/photos/${photo.id}/zones`)).body.version).toBe(0);
  });

  it('stores the automatic map with the analysis: classes for every map pixel, scalp among them', async () => {
    expect((await artist.post(`/api/photos/${photo.id}/analysis`)).status).toBe(202);
    const record = await waitForAnalysis();
    expect(record.error).toBeNull();
    expect(record.scalpMap).toBe('automatic');
    automaticCount = record.follicleCount!;
    expect(automaticCount).toBeGreaterThan(50);
    const res = await artist.get<PhotoScalpMap>(`/api/photos/${photo.id}/scalp-map`);
    expect(res.body.corrected).toBeNull();
    automatic = res.body.automatic!;
    // The map covers the photo to within a map pixel, a few hundred pixels on its long side.
    expect(Math.abs(automatic.width * automatic.factor - photo.width)).toBeLessThan(2 * automatic.factor);
    expect(Math.abs(automatic.height * automatic.factor - photo.height)).toBeLessThan(2 * automatic.factor);
    const labels = decode(automatic);
    const scalp = labels.filter((c) => c === 2 || c === 3).length;
    // The crop is of the crown: most of it is scalp.
    expect(scalp / labels.length).toBeGreaterThan(0.3);
  }, 240_000);

  it('refuses a correction of the wrong size or with an unknown class, naming the field, and keeps nothing', async () => {
    const base = { zones: zonesFile(), version: 0 };
    const wrongSize = await save({
      ...base,
      scalpMap: { width: automatic.width + 1, height: automatic.height, classesRle: automatic.classesRle },
    });
    expect(wrongSize.status).toBe(400);
    expect(wrongSize.body.fields?.map((f) => f.field)).toEqual(['scalpMap.width']);
    expect(wrongSize.body.fields?.[0]?.message).toMatch(/map of this photo is/);
    const n = automatic.width * automatic.height;
    const unknown = await save({
      ...base,
      scalpMap: { ...automatic, factor: undefined, classesRle: [7, n] },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields?.map((f) => f.field)).toEqual(['scalpMap.classesRle']);
    expect(unknown.body.fields?.[0]?.message).toMatch(/unknown class 7/);
    const short = await save({
      ...base,
      scalpMap: { width: automatic.width, height: automatic.height, classesRle: [2, n - 1] },
    });
    expect(short.status).toBe(400);
    expect(short.body.fields?.[0]?.field).toBe('scalpMap.classesRle');
    const stray = await save({
      ...base,
      scalpMap: { width: automatic.width, height: automatic.height, classesRle: [2, n], colour: 'red' },
    });
    expect(stray.status).toBe(400);
    const zones = await artist.get<PhotoZones>(`/api/photos/${photo.id}/zones`);
    expect(zones.body).toMatchObject({ version: 0, scalpMapCorrected: false });
  });

  it('saves the correction with the zones and runs the analysis again inside it', async () => {
    // The artist takes the lower half of the photo out of the scalp.
    const labels = decode(automatic);
    const half = Math.floor(automatic.height / 2);
    labels.fill(0, half * automatic.width);
    corrected = { width: automatic.width, height: automatic.height, classesRle: encode(labels) };
    const res = await save({ zones: zonesFile(), version: 0, scalpMap: corrected });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 1, scalpMapCorrected: true });
    const map = (await artist.get<PhotoScalpMap>(`/api/photos/${photo.id}/scalp-map`)).body;
    expect(map.corrected).toEqual(corrected);
    expect(map.version).toBe(1);
    // Until the rerun finishes the old analysis is marked stale, then it is the corrected one.
    const record = await waitForAnalysis();
    expect(record.error).toBeNull();
    expect(record.scalpMap).toBe('corrected');
    expect(record.stale).toBe(false);
    // Fewer follicles, and none where the scalp was taken out.
    expect(record.follicleCount).toBeGreaterThan(0);
    expect(record.follicleCount).toBeLessThan(automaticCount);
    const lowest = half * automatic.factor;
    for (let i = 1; i < record.follicles.length; i += 2) expect(record.follicles[i]).toBeLessThan(lowest);
    // The render waited for the analysis, then ran.
    const render = await waitForRender(res.body.latestRender!.id);
    expect(render.status).toBe('done');
    // The automatic map is kept beside the correction.
    expect(map.automatic?.classesRle).toEqual(automatic.classesRle);
  }, 240_000);

  it('keeps the correction when the zones are saved without it, and removes it when sent null', async () => {
    const kept = await save({ zones: zonesFile(), version: 1 });
    expect(kept.body).toMatchObject({ version: 2, scalpMapCorrected: true });
    expect((await artist.get<PhotoScalpMap>(`/api/photos/${photo.id}/scalp-map`)).body.corrected).toEqual(
      corrected,
    );
    const removed = await save({ zones: zonesFile(), version: 2, scalpMap: null });
    expect(removed.body).toMatchObject({ version: 3, scalpMapCorrected: false });
    expect((await artist.get<PhotoScalpMap>(`/api/photos/${photo.id}/scalp-map`)).body.corrected).toBeNull();
    const record = await waitForAnalysis();
    expect(record.scalpMap).toBe('automatic');
    await waitForRender(removed.body.latestRender!.id);
  }, 240_000);

  it('is for owners and artists of the studio only', async () => {
    expect((await desk.get(`/api/photos/${photo.id}/scalp-map`)).status).toBe(403);
    expect(
      (
        await desk.request('PUT', `/api/photos/${photo.id}/zones`, {
          body: { zones: zonesFile(), version: 3, scalpMap: corrected },
        })
      ).status,
    ).toBe(403);
    expect((await otherOwner.get(`/api/photos/${photo.id}/scalp-map`)).status).toBe(404);
    const foreign = await otherOwner.request('PUT', `/api/photos/${photo.id}/zones`, {
      body: { zones: zonesFile(), version: 3, scalpMap: corrected },
    });
    expect(foreign.status).toBe(404);
    const zones = await artist.get<PhotoZones>(`/api/photos/${photo.id}/zones`);
    expect(zones.body).toMatchObject({ version: 3, scalpMapCorrected: false });
  });
});
