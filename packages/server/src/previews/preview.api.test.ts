// Zones on a photo and their full-resolution render, through the real server and job queue, on a
// real scalp photo: saving zones is versioned and starts a render job whose progress can be
// polled; every stage is stored as a PNG the photo's size (plus a screen JPEG) and the healed one
// is darker inside the scar zone than the photo; bad zones are refused naming the field; another
// studio gets 404; and the consultation report shows the photo beside its healed preview.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ZonesFile } from '@stipple/core';
import type {
  Consultation,
  Photo,
  PhotoAnalysisRecord,
  PhotoZones,
  PreviewList,
  PreviewRender,
  PreviewRenderList,
  SaveZonesInput,
} from '@stipple/core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClientFixture, createStudioFixture, type FixtureStudio } from '../test-support/fixtures.js';
import { signedInAs } from '../test-support/signed-in.js';
import { ensurePoppler, lookAtPdf } from '../test-support/pdf-check.js';
import { previewRepository } from './preview.repository.js';
import { startTestServer, type ApiClient, type TestServer } from '../test-support/test-server.js';

const SCALP_PHOTO = fileURLToPath(
  new URL('../../../../fixtures/photos/shaved-crown-stubble.jpg', import.meta.url),
);
/** Half the 4032×3024 fixture: about 10 px/mm near the centre (20 px/mm at full size), enough for the analysis. */
const SCALE = 0.5;
const PX_PER_MM = 20 * SCALE;
const s = (points: [number, number][]) => points.map(([x, y]) => [x * SCALE, y * SCALE] as [number, number]);
const SCAR: [number, number][] = s([
  [1330, 2110],
  [1900, 2180],
  [2480, 2230],
  [2500, 2290],
  [1890, 2250],
  [1320, 2170],
]);

const zonesFile = (extra: Partial<SaveZonesInput['zones']> = {}): SaveZonesInput['zones'] => ({
  calibration: { pxPerMm: PX_PER_MM },
  seed: 3,
  sessions: 3,
  zones: [
    {
      id: 'crown',
      kind: 'fill',
      polygon: s([
        [600, 620],
        [1800, 380],
        [3000, 560],
        [3470, 1200],
        [3500, 1950],
        [3060, 2500],
        [2000, 2740],
        [1000, 2620],
        [480, 2000],
        [400, 1200],
      ]),
      densityPerCm2: 60,
      shade: 32,
    },
    { id: 'strip', kind: 'scar', polygon: SCAR, densityPerCm2: 80, texture: 'flat', featherMm: 2 },
  ],
  ...extra,
});

let ts: TestServer;
let studio: FixtureStudio;
let other: FixtureStudio;
let artist: ApiClient;
let desk: ApiClient;
let otherOwner: ApiClient;
let clientId: string;
let photo: Photo;

/** A test that waits for a render outlasts waitForRender's own deadline, so that its message shows. */
const RENDER_TIMEOUT_MS = 120_000;

async function waitForRender(id: string): Promise<PreviewRender> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const status = await artist.get<{ status: string; progress: number }>(`/api/renders/${id}/status`);
    expect(status.status).toBe(200);
    if (status.body.status === 'done' || status.body.status === 'failed')
      return (await artist.get<PreviewRender>(`/api/renders/${id}`)).body;
    if (Date.now() > deadline) throw new Error(`render ${id} still ${status.body.status} after 90 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Grey pixels of the scar strip's core (its bounding box less the feathered ends). */
async function scarPixels(image: Buffer, polygon: [number, number][]): Promise<Buffer> {
  const xs = polygon.map((p) => p[0]);
  const ys = polygon.map((p) => p[1]);
  const left = Math.round(Math.min(...xs) + 20);
  const top = Math.round(Math.min(...ys) + 4);
  const width = Math.round(Math.max(...xs) - Math.min(...xs) - 40);
  const height = Math.max(4, Math.round(Math.max(...ys) - Math.min(...ys) - 12));
  return sharp(image).extract({ left, top, width, height }).greyscale().raw().toBuffer();
}

/** Share of the scar's pixels that a dot darkened by more than 12 levels. */
async function darkenedShare(before: Buffer, after: Buffer): Promise<number> {
  const a = await scarPixels(before, SCAR);
  const b = await scarPixels(after, SCAR);
  let n = 0;
  for (let i = 0; i < a.length; i++) if (b[i]! < a[i]! - 12) n++;
  return n / a.length;
}

const bytesOf = async (path: string) => {
  const res = await fetch(`${ts.url}${path}`, { headers: { cookie: `stipple_session=${artist.cookie}` } });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    body: Buffer.from(await res.arrayBuffer()),
  };
};

beforeAll(async () => {
  ts = await startTestServer();
  studio = await createStudioFixture(ts.server.db, 'Preview Studio');
  other = await createStudioFixture(ts.server.db, 'Elsewhere Studio');
  clientId = await createClientFixture(ts.server.db, studio.id, { givenName: 'Łukasz', familyName: 'Nowak' });
  artist = await signedInAs(ts, studio.artist.email);
  desk = await signedInAs(ts, studio.desk.email);
  otherOwner = await signedInAs(ts, other.owner.email);
  const jpeg = await sharp(SCALP_PHOTO)
    .resize(Math.round(4032 * SCALE))
    .jpeg({ quality: 90 })
    .toBuffer();
  const up = await artist.request<Photo>(
    'POST',
    `/api/clients/${clientId}/photos?view=top&takenOn=2026-11-02`,
    {
      rawBody: jpeg,
      contentType: 'image/jpeg',
    },
  );
  expect(up.status).toBe(201);
  const calibrated = await artist.patch<Photo>(`/api/photos/${up.body.id}`, {
    calibration: { pxPerMm: PX_PER_MM },
  });
  photo = calibrated.body;
});
afterAll(() => ts?.close());

describe('zones and renders', () => {
  let render: PreviewRender;

  it('has no zones at first', async () => {
    const res = await artist.get<PhotoZones>(`/api/photos/${photo.id}/zones`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ photoId: photo.id, zones: null, version: 0, latestRender: null });
  });

  it(
    'saves the zones as version 1 and renders every stage at full resolution in a job',
    async () => {
      const res = await artist.request<PhotoZones>('PUT', `/api/photos/${photo.id}/zones`, {
        body: { zones: zonesFile(), version: 0 },
      });
      expect(res.status).toBe(200);
      expect(res.body.version).toBe(1);
      expect(res.body.zones?.zones.map((z) => z.id)).toEqual(['crown', 'strip']);
      expect(res.body.updatedBy?.id).toBe(studio.artist.id);
      expect(['queued', 'running', 'done']).toContain(res.body.latestRender?.status);

      render = await waitForRender(res.body.latestRender!.id);
      expect(render.error).toBeNull();
      expect(render.status).toBe('done');
      expect(render.progress).toBe(100);
      expect(render.stages.map((st) => st.name)).toEqual([
        'session-1',
        'session-2',
        'session-3',
        'healed',
        'healed-scar-poor',
        'faded-5y',
      ]);
      expect(render.stages.map((st) => st.scarRetention)).toEqual([
        null,
        null,
        null,
        'expected',
        'poor',
        null,
      ]);
      for (const st of render.stages) expect([st.width, st.height]).toEqual([photo.width, photo.height]);
      expect(render.impressions).toBeGreaterThan(100);
      expect(render.zonesVersion).toBe(1);
    },
    RENDER_TIMEOUT_MS,
  );

  it('serves each stage as a full-size JPEG without chroma subsampling and a screen JPEG; the scar is darker once treated', async () => {
    const full = await bytesOf(`/api/renders/${render.id}/stages/healed?size=full`);
    expect(full.status).toBe(200);
    expect(full.type).toBe('image/jpeg');
    const meta = await sharp(full.body).metadata();
    expect([meta.format, meta.width, meta.height, meta.chromaSubsampling]).toEqual([
      'jpeg',
      photo.width,
      photo.height,
      '4:4:4',
    ]);
    const preview = await bytesOf(`/api/renders/${render.id}/stages/session-1`);
    expect(preview.type).toBe('image/jpeg');
    const original = (await bytesOf(`/api/photos/${photo.id}/file?size=original`)).body;
    const session1 = (await bytesOf(`/api/renders/${render.id}/stages/session-1?size=full`)).body;
    const healed = await darkenedShare(original, full.body);
    const first = await darkenedShare(original, session1);
    expect(healed).toBeGreaterThan(0.01);
    // The first session places about a third of the dots: fewer pixels darkened than in the end.
    expect(first).toBeLessThan(healed);
    expect(first).toBeGreaterThan(0);
    expect((await bytesOf(`/api/renders/${render.id}/stages/nope`)).status).toBe(404);
  });

  it('lists the render on the photo and the photo among the studio’s previews', async () => {
    const renders = await artist.get<PreviewRenderList>(`/api/photos/${photo.id}/renders`);
    expect(renders.body.items.map((r) => r.id)).toEqual([render.id]);
    const list = await artist.get<PreviewList>('/api/previews');
    expect(list.body.items[0]).toMatchObject({
      photoId: photo.id,
      clientName: 'Łukasz Nowak',
      zoneCount: 2,
      latestRender: { id: render.id, status: 'done' },
    });
  });

  it('refuses stale saves and zones that do not fit, naming the field, and queues nothing', async () => {
    const stale = await artist.request('PUT', `/api/photos/${photo.id}/zones`, {
      body: { zones: zonesFile(), version: 0 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.fields?.[0]?.field).toBe('version');
    const outside = zonesFile({
      zones: [
        {
          id: 'far',
          kind: 'fill',
          polygon: [
            [5000, 5000],
            [5100, 5000],
            [5100, 5100],
          ],
        },
      ],
    });
    const far = await artist.request('PUT', `/api/photos/${photo.id}/zones`, {
      body: { zones: outside, version: 1 },
    });
    expect(far.status).toBe(400);
    expect(far.body.fields?.[0]?.field).toBe('zones.zones.0.polygon');
    const dense = zonesFile();
    (dense.zones[1] as { densityPerCm2: number }).densityPerCm2 = 500;
    const tooDense = await artist.request('PUT', `/api/photos/${photo.id}/zones`, {
      body: { zones: dense, version: 1 },
    });
    expect(tooDense.status).toBe(400);
    expect(tooDense.body.fields?.map((f) => f.field)).toContain('zones.zones.1.densityPerCm2');
    const renders = await artist.get<PreviewRenderList>(`/api/photos/${photo.id}/renders`);
    expect(renders.body.items).toHaveLength(1);
  });

  it('runs the photo analysis in a job: follicle density, scar suggestions and the follicles found', async () => {
    const none = await artist.get<PhotoAnalysisRecord | null>(`/api/photos/${photo.id}/analysis`);
    expect(none.status).toBe(200);
    expect(none.body).toBeNull();
    const started = await artist.post<PhotoAnalysisRecord>(`/api/photos/${photo.id}/analysis`);
    expect(started.status).toBe(202);
    expect(started.body.status).toBe('queued');
    expect(started.body.pxPerMm).toBe(PX_PER_MM);
    let record = started.body;
    const deadline = Date.now() + 90_000;
    while (record.status !== 'done' && record.status !== 'failed' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      record = (await artist.get<PhotoAnalysisRecord>(`/api/photos/${photo.id}/analysis`)).body;
    }
    expect(record.error).toBeNull();
    expect(record.status).toBe('done');
    expect(record.stale).toBe(false);
    // A shaved crown with stubble round it: hundreds of follicles and a density per cm². It has
    // no scar (its annotations mark none), so the analysis suggests none: a scar suggested on it
    // would be invented. The CLI's close-up test holds a drawn scar that is suggested.
    expect(record.follicleCount).toBeGreaterThan(300);
    expect(record.follicles).toHaveLength(2 * record.follicleCount!);
    expect(record.density?.perCm2Median).toBeGreaterThan(5);
    expect(record.suggestions).toEqual([]);
    expect((await desk.post(`/api/photos/${photo.id}/analysis`)).status).toBe(403);
  });

  it(
    'measures the camouflage score of each scar zone on the next render',
    async () => {
      const current = await artist.get<PhotoZones>(`/api/photos/${photo.id}/zones`);
      const res = await artist.request<PhotoZones>('PUT', `/api/photos/${photo.id}/zones`, {
        body: { zones: zonesFile(), version: current.body.version },
      });
      const done = await waitForRender(res.body.latestRender!.id);
      expect(done.status).toBe('done');
      expect(done.camouflage?.map((c) => c.zoneId)).toEqual(['strip']);
      const score = done.camouflage![0]!;
      for (const v of [score.before.deltaE00, score.after.deltaE00, score.deltaE00Reduction])
        expect(Number.isFinite(v)).toBe(true);
      expect(score.deltaE00Reduction).toBeCloseTo(score.before.deltaE00 - score.after.deltaE00, 1);
    },
    RENDER_TIMEOUT_MS,
  );

  it(
    'matches a scar zone to the follicle density the analysis measured round it',
    async () => {
      const current = await artist.get<PhotoZones>(`/api/photos/${photo.id}/zones`);
      const match = zonesFile();
      (match.zones[1] as { densityPerCm2: unknown }).densityPerCm2 = 'match';
      const res = await artist.request<PhotoZones>('PUT', `/api/photos/${photo.id}/zones`, {
        body: { zones: match, version: current.body.version },
      });
      const done = await waitForRender(res.body.latestRender!.id);
      expect(done.error).toBeNull();
      expect(done.status).toBe('done');
    },
    RENDER_TIMEOUT_MS,
  );

  it(
    'records a render that cannot match the follicle density without an analysis as failed, saying why',
    async () => {
      const second = await artist.request<Photo>(
        'POST',
        `/api/clients/${clientId}/photos?view=back&takenOn=2026-11-02`,
        {
          rawBody: await sharp(SCALP_PHOTO)
            .resize(Math.round(4032 * SCALE))
            .jpeg({ quality: 80 })
            .toBuffer(),
          contentType: 'image/jpeg',
        },
      );
      const match = zonesFile();
      (match.zones[1] as { densityPerCm2: unknown }).densityPerCm2 = 'match';
      const res = await artist.request<PhotoZones>('PUT', `/api/photos/${second.body.id}/zones`, {
        body: { zones: match, version: 0 },
      });
      expect(res.status).toBe(200);
      expect(res.body.version).toBe(1);
      const done = await waitForRender(res.body.latestRender!.id);
      expect(done.status).toBe('failed');
      // Stored and sent as a message reference the apps word in the reader's language, the zone by id.
      expect(done.error).toEqual({ code: 'renderMatchNoAnalysis', params: { zone: 'strip' } });
      const status = await artist.get<{ error: unknown }>(`/api/renders/${done.id}/status`);
      expect(status.body.error).toEqual(done.error);
    },
    RENDER_TIMEOUT_MS,
  );

  it('is for owners and artists of the studio only', async () => {
    expect((await desk.get(`/api/photos/${photo.id}/zones`)).status).toBe(403);
    expect((await desk.get(`/api/renders/${render.id}`)).status).toBe(403);
    for (const [method, path, body] of [
      ['GET', `/api/photos/${photo.id}/zones`, undefined],
      ['PUT', `/api/photos/${photo.id}/zones`, { zones: zonesFile(), version: 3 }],
      ['GET', `/api/photos/${photo.id}/renders`, undefined],
      ['GET', `/api/renders/${render.id}`, undefined],
      ['GET', `/api/renders/${render.id}/status`, undefined],
      ['GET', `/api/renders/${render.id}/stages/healed`, undefined],
      ['GET', `/api/photos/${photo.id}/analysis`, undefined],
      ['POST', `/api/photos/${photo.id}/analysis`, undefined],
    ] as const) {
      const res = await otherOwner.request(method, path, body ? { body } : {});
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect((await otherOwner.get<PreviewList>('/api/previews')).body.items).toEqual([]);
  });

  it(
    'puts the photo beside its healed preview in the consultation report',
    async () => {
      const c = await artist.post<Consultation>(`/api/clients/${clientId}/consultations`, {
        assessment: {
          consultationDate: '2026-11-02',
          scars: [{ cause: 'fut', texture: 'flat', widthMm: 2 }],
        },
      });
      await artist.post(`/api/consultations/${c.body.id}/plans`, { basedOnVersion: 0 });
      const pdf = await bytesOf(`/api/consultations/${c.body.id}/report.pdf`);
      expect(pdf.status).toBe(200);
      const look = await lookAtPdf(pdf.body);
      expect(look.text).toContain('Left: the photo. Right: the simulated healed result');
      // Two raster images (the photo and the healed render) are embedded.
      ensurePoppler();
      const dir = mkdtempSync(join(tmpdir(), 'stipple-report-'));
      try {
        writeFileSync(join(dir, 'r.pdf'), pdf.body);
        const list = spawnSync('pdfimages', ['-list', join(dir, 'r.pdf')], { encoding: 'utf8' }).stdout;
        const images = list.split('\n').filter((l) => /^\s*\d+\s+\d+\s+image/.test(l));
        expect(images.length).toBeGreaterThanOrEqual(2);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    RENDER_TIMEOUT_MS,
  );
});

// Last: its photo would otherwise show in the report and the lists the tests above count.
describe('a render saved over before it started', () => {
  it('marks a render whose zones were saved again before it started as superseded, not failed', async () => {
    // Two renders of one photo, the older still queued (its job had not started when the zones were
    // saved again): when its job runs, it renders nothing and says it was replaced.
    const small = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#8a6a58' } })
      .jpeg()
      .toBuffer();
    const up = await artist.request<Photo>(
      'POST',
      `/api/clients/${clientId}/photos?view=back&takenOn=2026-11-01`,
      { rawBody: small, contentType: 'image/jpeg' },
    );
    expect(up.status).toBe(201);
    const insert = (createdAt: Date) =>
      ts.server.db.withStudio(studio.id, (tx) =>
        previewRepository.insertRender(tx, {
          studioId: studio.id,
          photoId: up.body.id,
          clientId,
          zonesVersion: 1,
          zones: {},
          createdBy: studio.artist.id,
          createdAt,
        }),
      );
    const older = await insert(new Date(Date.now() - 60_000));
    const newer = await insert(new Date());
    await ts.server.services.previews.runRender(studio.id, older.id);
    const status = await artist.get<{ status: string; error: string | null }>(
      `/api/renders/${older.id}/status`,
    );
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ status: 'superseded', error: null });
    expect((await artist.get<PreviewRender>(`/api/renders/${older.id}`)).body.stages).toEqual([]);
    // The newer one is left to its own job.
    expect((await artist.get<{ status: string }>(`/api/renders/${newer.id}/status`)).body.status).toBe(
      'queued',
    );
  });

  it('stores what a render notes and why it failed as codes with figures, never an exception’s words', async () => {
    const small = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#8a6a58' } })
      .jpeg()
      .toBuffer();
    const up = await artist.request<Photo>(
      'POST',
      `/api/clients/${clientId}/photos?view=left&takenOn=2026-11-01`,
      { rawBody: small, contentType: 'image/jpeg' },
    );
    expect(up.status).toBe(201);
    await artist.patch<Photo>(`/api/photos/${up.body.id}`, { calibration: { pxPerMm: 10 } });
    // As saving stores it: the schema's defaults filled in.
    const fill = (polygon: [number, number][]) =>
      ZonesFile.parse({
        calibration: { pxPerMm: 12 },
        seed: 1,
        sessions: 1,
        zones: [{ id: 'fill-1', kind: 'fill', polygon, densityPerCm2: 40, shade: 30 }],
      });
    const rendered = async (zones: unknown) => {
      const row = await ts.server.db.withStudio(studio.id, (tx) =>
        previewRepository.insertRender(tx, {
          studioId: studio.id,
          photoId: up.body.id,
          clientId,
          zonesVersion: 1,
          zones: zones as Record<string, unknown>,
          createdBy: studio.artist.id,
        }),
      );
      await ts.server.services.previews.runRender(studio.id, row.id);
      const stored = await ts.server.db.withStudio(studio.id, (tx) =>
        previewRepository.findRender(tx, row.id),
      );
      return { stored: stored!, api: (await artist.get<PreviewRender>(`/api/renders/${row.id}`)).body };
    };

    // Drawn at 12 px/mm on a photo calibrated at 10: rendered, with the mismatch as a note.
    const drawn = await rendered(
      fill([
        [160, 110],
        [240, 110],
        [240, 190],
        [160, 190],
      ]),
    );
    expect(drawn.api.status).toBe('done');
    const mismatch = { code: 'calibrationMismatch', params: { zonesPxPerMm: 12, photoPxPerMm: 10 } };
    expect(drawn.stored.notes).toEqual([mismatch]);
    expect(drawn.api.notes).toEqual([mismatch]);

    // A zone off the photo (saving refuses it; an older file may hold one): its code, size and zone.
    const outside = await rendered(
      fill([
        [500, 400],
        [560, 400],
        [560, 440],
      ]),
    );
    expect(outside.api.status).toBe('failed');
    expect(outside.stored.error).toEqual({
      code: 'renderZoneOutside',
      params: { zone: 'fill-1', width: 400, height: 300 },
    });

    // A failure of ours (a zones file without zones): a generic code; the exception stays in the log.
    const broken = await rendered({ calibration: { pxPerMm: 10 } });
    expect(broken.api.status).toBe('failed');
    expect(broken.stored.error).toEqual({ code: 'renderFailed', params: {} });
    expect(JSON.stringify(broken.api)).not.toMatch(/undefined|Cannot read|TypeError/);
  });

  it('still shows the English text of renders stored before notes had codes, as it is', async () => {
    const latest = await ts.server.db.withStudio(studio.id, async (tx) => {
      const row = await previewRepository.insertRender(tx, {
        studioId: studio.id,
        photoId: photo.id,
        clientId,
        zonesVersion: 1,
        zones: {},
        createdBy: studio.artist.id,
      });
      await previewRepository.updateRender(tx, row.id, {
        status: 'failed',
        notes: ['The stored photo is 10×10 px, not 20×20.'],
        error: 'The render failed: an older failure',
      });
      return row;
    });
    const res = await artist.get<PreviewRender>(`/api/renders/${latest.id}`);
    expect(res.status).toBe(200);
    expect(res.body.notes).toEqual(['The stored photo is 10×10 px, not 20×20.']);
    expect(res.body.error).toBe('The render failed: an older failure');
  });
});
