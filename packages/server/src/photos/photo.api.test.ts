// Photos through the real server: stored oriented and without EXIF/GPS, renditions made by the
// job, bad files refused with a 4xx naming the field and leaving no file or row, served only to
// owners and artists and never cached (no-store), and hidden from the gallery without photo consent.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ConsentRecord, ConsentTemplate, Gallery, Photo, PhotoList } from '@stipple/core';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/database.js';
import { seedTemplates } from '../demo/demo-records.js';
import { createClientFixture, createStudioFixture, type FixtureStudio } from '../test-support/fixtures.js';
import { signedInAs } from '../test-support/signed-in.js';
import {
  heicBytes,
  hundredMegapixelPng,
  jpegWithGps,
  plainImage,
  signaturePng,
  truncatedJpeg,
} from '../test-support/images.js';
import {
  startTestServer,
  type ApiClient,
  type ApiResponse,
  type TestServer,
} from '../test-support/test-server.js';

let ts: TestServer;
let studio: FixtureStudio;
let artist: ApiClient;
let desk: ApiClient;
let clientId: string;

beforeAll(async () => {
  ts = await startTestServer({ env: { STIPPLE_PHOTO_MAX_MB: '2' } });
  studio = await createStudioFixture(ts.server.db, 'Photo Studio');
  await ts.server.db.asSystem((tx) => seedTemplates(tx, studio.id, studio.owner.id));
  clientId = await createClientFixture(ts.server.db, studio.id, { givenName: 'Łukasz', familyName: 'Nowak' });
  artist = await signedInAs(ts, studio.artist.email);
  desk = await signedInAs(ts, studio.desk.email);
});
afterAll(() => ts?.close());

const upload = (
  body: Buffer,
  contentType: string,
  query = 'view=top&takenOn=2026-11-02',
  who: ApiClient = artist,
  id = clientId,
) => who.request<Photo>('POST', `/api/clients/${id}/photos?${query}`, { rawBody: body, contentType });

function blobFiles(): string[] {
  const root = ts.config.blobDir;
  const out: string[] = [];
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const n of names) {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(n);
    }
  };
  walk(root);
  return out.sort();
}

const photoRows = async () =>
  (
    await ts.server.db.asSystem((tx) =>
      queryRows<{ n: number }>(tx, sql`select count(*)::int as n from photo`),
    )
  )[0]!.n;

async function waitForDerivatives(id: string): Promise<Photo> {
  for (let i = 0; i < 100; i++) {
    const res = await artist.get<Photo>(`/api/photos/${id}`);
    if (res.body.derivatives !== 'pending') return res.body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('renditions were not made');
}

describe('photo upload', () => {
  let photo: Photo;

  it('stores a JPEG turned upright and without EXIF or GPS, and makes preview and thumbnail in a job', async () => {
    const original = await jpegWithGps(120, 60);
    expect((await sharp(original).metadata()).exif?.toString('latin1')).toContain('GPS');
    const res = await upload(original, 'image/jpeg', 'view=top&takenOn=2026-11-02&filename=IMG_0001.JPG');
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    photo = res.body;
    // Orientation 6 means the camera was turned: the stored image is 60 wide and 120 high.
    expect(photo).toMatchObject({ clientId, view: 'top', takenOn: '2026-11-02', width: 60, height: 120 });
    const stored = await artist.get(`/api/photos/${photo.id}/file?size=original`);
    expect(stored.status).toBe(200);
    const bytes = Buffer.from(stored.body as unknown as string, 'latin1');
    expect(bytes.length).toBeGreaterThan(0);
    const done = await waitForDerivatives(photo.id);
    expect(done.derivatives).toBe('ready');
    for (const size of ['original', 'preview', 'thumb'] as const) {
      const res2 = await fetch(`${ts.url}/api/photos/${photo.id}/file?size=${size}`, {
        headers: { cookie: `stipple_session=${artist.cookie}` },
      });
      expect(res2.status).toBe(200);
      // Health data: no browser or proxy keeps a copy.
      expect(res2.headers.get('cache-control')).toBe('no-store');
      const data = Buffer.from(await res2.arrayBuffer());
      const meta = await sharp(data).metadata();
      expect(meta.exif, size).toBeUndefined();
      expect(meta.orientation ?? 1, size).toBe(1);
      expect(data.toString('latin1')).not.toContain('GPS');
      expect(meta.height > meta.width, size).toBe(true);
      const etag = res2.headers.get('etag')!;
      const again = await fetch(`${ts.url}/api/photos/${photo.id}/file?size=${size}`, {
        headers: { cookie: `stipple_session=${artist.cookie}`, 'if-none-match': etag },
      });
      expect(again.status).toBe(304);
    }
  });

  it('takes PNG and WebP, and stores the same bytes once', async () => {
    const png = await plainImage('png');
    const a = await upload(png, 'image/png', 'view=left&takenOn=2026-11-02&filename=left.png');
    const b = await upload(png, 'image/png', 'view=left&takenOn=2026-11-03');
    const w = await upload(
      await plainImage('webp'),
      'image/webp',
      'view=right&takenOn=2026-11-02&filename=r.webp',
    );
    expect([a.status, b.status, w.status]).toEqual([201, 201, 201]);
    expect(a.body.sha256).toBe(b.body.sha256);
    expect(w.body.contentType).toBe('image/webp');
  });

  it('sets a calibration from two ruler points', async () => {
    const res = await artist.patch<Photo>(`/api/photos/${photo.id}`, {
      calibration: {
        points: [
          { x: 10, y: 10 },
          { x: 10, y: 110 },
        ],
        mm: 20,
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.pxPerMm).toBe(5);
    const direct = await artist.patch<Photo>(`/api/photos/${photo.id}`, { calibration: { pxPerMm: 12.5 } });
    expect(direct.body.pxPerMm).toBe(12.5);
  });

  it('refuses a ruler whose points make more pixels a millimetre than a scalp photo has, keeping the scale', async () => {
    const res = await artist.patch<Photo>(`/api/photos/${photo.id}`, {
      calibration: {
        points: [
          { x: 10, y: 10 },
          { x: 20_010, y: 10 },
        ],
        mm: 1,
      },
    });
    expect(res.status).toBe(400);
    const field = res.body.fields?.find((f) => f.field === 'calibration.mm');
    expect(field?.message, JSON.stringify(res.body)).toMatch(
      /^Makes 20000 pixels a millimetre, more than the 1000/,
    );
    expect((await artist.get<Photo>(`/api/photos/${photo.id}`)).body.pxPerMm).toBe(12.5);
  });

  describe('refuses bad files with a clear 4xx and leaves nothing behind', () => {
    let before: { files: string[]; rows: number };
    beforeAll(async () => {
      // Renditions of the earlier uploads are written by the job; let it finish first.
      for (const p of (await artist.get<PhotoList>(`/api/clients/${clientId}/photos`)).body.items)
        await waitForDerivatives(p.id);
      before = { files: blobFiles(), rows: await photoRows() };
    });

    const expectRefusal = (
      res: ApiResponse<Photo>,
      status: number,
      where: string,
      field: string,
      message: RegExp,
    ) => {
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      const f = res.body.fields?.find((x) => x.in === where && x.field === field);
      expect(f, JSON.stringify(res.body)).toBeDefined();
      expect(f!.message).toMatch(message);
    };

    it('a 0-byte file', async () => {
      expectRefusal(await upload(Buffer.alloc(0), 'image/jpeg'), 400, 'body', 'body', /empty/);
    });
    it('a truncated JPEG', async () => {
      expectRefusal(
        await upload(await truncatedJpeg(), 'image/jpeg'),
        422,
        'body',
        'body',
        /damaged or truncated/,
      );
    });
    it('a 100-megapixel PNG', async () => {
      const res = await upload(await hundredMegapixelPng(), 'image/png');
      expectRefusal(res, 422, 'body', 'body', /100\.0 megapixels/);
      expect(res.body.error).toBe('too_many_pixels');
    });
    it('a file whose extension does not match its bytes', async () => {
      expectRefusal(
        await upload(
          await plainImage('jpeg'),
          'image/jpeg',
          'view=top&takenOn=2026-11-02&filename=scalp.png',
        ),
        400,
        'query',
        'filename',
        /^Does not match the file, which is a JPEG file/,
      );
    });
    it('a file whose content type does not match its bytes', async () => {
      expectRefusal(
        await upload(await plainImage('png'), 'image/jpeg'),
        415,
        'headers',
        'content-type',
        /^Says image\/jpeg but the file is a PNG file/,
      );
    });
    it('a HEIC, by its label, its bytes or its name, with a way to send a JPEG', async () => {
      for (const res of [
        await upload(heicBytes(), 'image/heic'),
        await upload(heicBytes(), 'image/jpeg'),
        await upload(
          await plainImage('jpeg'),
          'image/jpeg',
          'view=top&takenOn=2026-11-02&filename=IMG_1.HEIC',
        ),
      ]) {
        expect(res.status).toBe(415);
        expect(res.body.message).toMatch(/Most Compatible/);
      }
    });
    it('a file of no image format at all, in words a person reads, in both languages', async () => {
      const text = Buffer.from('these are notes, not a photo\n'.repeat(20));
      const res = await upload(text, 'image/jpeg');
      expectRefusal(
        res,
        415,
        'body',
        'body',
        /^Is not a photo this server can read: send a JPEG, PNG or WebP photo$/,
      );
      expect(res.body.message).toBe(
        'The file is not a photo this server can read: send a JPEG, PNG or WebP photo.',
      );
      const zh = await artist.request<Photo>(
        'POST',
        `/api/clients/${clientId}/photos?view=top&takenOn=2026-11-02`,
        {
          rawBody: text,
          contentType: 'image/jpeg',
          headers: { 'accept-language': 'zh-CN' },
        },
      );
      expect(zh.status).toBe(415);
      expect(zh.body.message).toBe('该文件不是本服务器能读取的照片，请发送 JPEG、PNG 或 WebP 照片。');
    });
    it('a GIF, and a body over the size limit', async () => {
      const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
      expectRefusal(
        await upload(gif, 'image/gif'),
        415,
        'headers',
        'content-type',
        /image\/jpeg, image\/png or image\/webp/,
      );
      const big = Buffer.concat([await plainImage('jpeg'), Buffer.alloc(3 * 1024 * 1024)]);
      const res = await upload(big, 'image/jpeg');
      expectRefusal(res, 413, 'body', 'body', /2 MB/);
    });
    it('bad view, date or client', async () => {
      expectRefusal(
        await upload(await plainImage('jpeg'), 'image/jpeg', 'view=side&takenOn=2026-11-02'),
        400,
        'query',
        'view',
        /./,
      );
      expectRefusal(
        await upload(await plainImage('jpeg'), 'image/jpeg', 'view=top&takenOn=2026-02-30'),
        400,
        'query',
        'takenOn',
        /real date/,
      );
      const missing = await upload(
        await plainImage('jpeg'),
        'image/jpeg',
        undefined,
        artist,
        '00000000-0000-4000-8000-000000000000',
      );
      expect(missing.status).toBe(404);
    });
    it('and afterwards no blob file or photo row was added, and the server still serves', async () => {
      expect(blobFiles()).toEqual(before.files);
      expect(blobFiles().some((f) => f.endsWith('.tmp'))).toBe(false);
      expect(await photoRows()).toBe(before.rows);
      expect((await ts.client().get('/readyz')).status).toBe(200);
      expect((await upload(await plainImage('jpeg', 40, 40, 30), 'image/jpeg')).status).toBe(201);
    });
  });

  it('is clinical: front desk may neither upload nor see photos', async () => {
    const count = async () =>
      (await artist.get<PhotoList>(`/api/clients/${clientId}/photos`)).body.items.length;
    const before = await count();
    const refused = await upload(await plainImage('jpeg'), 'image/jpeg', undefined, desk);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: 'forbidden' });
    expect(await count()).toBe(before);
    expect((await desk.get(`/api/clients/${clientId}/photos`)).status).toBe(403);
    expect((await desk.get(`/api/photos/${photo.id}/file`)).status).toBe(403);
    expect((await ts.client().get(`/api/photos/${photo.id}/file`)).status).toBe(401);
  });

  it('shows photos in the gallery only while the client has a photo-use consent', async () => {
    const inGallery = async () =>
      (await artist.get<Gallery>('/api/photos/gallery')).body.items.map((p) => p.id);
    expect(await inGallery()).not.toContain(photo.id);
    const templates = (await artist.get<{ items: ConsentTemplate[] }>('/api/consent-templates')).body.items;
    const photoTemplate = templates.find((t) => t.kind === 'photo' && t.language === 'en' && t.current)!;
    const signed = await artist.post<ConsentRecord>(`/api/clients/${clientId}/consents`, {
      templateId: photoTemplate.id,
      signerName: 'Łukasz Nowak',
      signature: await signaturePng(),
    });
    expect(signed.status).toBe(201);
    expect(await inGallery()).toContain(photo.id);
    const list = (await artist.get<PhotoList>(`/api/clients/${clientId}/photos`)).body.items;
    expect(list.find((p) => p.id === photo.id)?.photoConsent).toBe(true);
    expect(list.every((p) => p.photoConsent)).toBe(true);
    const withdrawn = await artist.post<ConsentRecord>(`/api/consents/${signed.body.id}/withdraw`, {
      reason: 'changed mind',
    });
    expect(withdrawn.body.status).toBe('withdrawn');
    expect(await inGallery()).not.toContain(photo.id);
    const after = (await artist.get<PhotoList>(`/api/clients/${clientId}/photos`)).body.items;
    expect(after.find((p) => p.id === photo.id)?.photoConsent).toBe(false);
    expect(after.every((p) => !p.photoConsent)).toBe(true);
  });
});
