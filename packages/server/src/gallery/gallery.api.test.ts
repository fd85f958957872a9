// The before-and-after gallery through the real server: a pair enters only with the client's
// active consent to the use of their photos (refused with the reason otherwise), carries its record (dates, days
// since the session, same view, alignment, unretouched), its pictures are the stored originals
// cropped and watermarked, and withdrawing the consent takes it off the gallery and the public
// page at once. Another studio sees none of it.
import type {
  ConsentRecord,
  ConsentTemplate,
  GalleryPair,
  Photo,
  PublicGallery,
  StaffGalleryPairList,
} from '@stipple/core';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/database.js';
import { seedTemplates } from '../demo/demo-records.js';
import { createClientFixture } from '../test-support/fixtures.js';
import { healedFollowUp, pngOf, skinPhoto } from '../test-support/follow-up-photos.js';
import { signaturePng } from '../test-support/images.js';
import { signedInStudio, type SignedInStudio } from '../test-support/signed-in.js';
import { startTestServer, type ApiClient, type TestServer } from '../test-support/test-server.js';

let ts: TestServer;
let home: SignedInStudio;
let other: SignedInStudio;
let slug: string;
let clientId: string;
let before: Photo;
let after: Photo;
let frontView: Photo;

const upload = async (who: ApiClient, client: string, png: Buffer, takenOn: string, view = 'top') =>
  (
    await who.request<Photo>('POST', `/api/clients/${client}/photos?view=${view}&takenOn=${takenOn}`, {
      rawBody: png,
      contentType: 'image/png',
    })
  ).body;

/** A public request: no session, no cookie. */
const visitor = async (path: string) => {
  const res = await fetch(ts.url + path);
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    bytes: Buffer.from(await res.arrayBuffer()),
  };
};

beforeAll(async () => {
  ts = await startTestServer();
  home = await signedInStudio(ts, 'Gallery Studio');
  other = await signedInStudio(ts, 'Other Gallery Studio');
  await ts.server.db.asSystem((tx) => seedTemplates(tx, home.studio.id, home.studio.owner.id));
  [{ slug }] = (await ts.server.db.asSystem((tx) =>
    queryRows<{ slug: string }>(tx, sql`select slug from studio where id = ${home.studio.id}`),
  )) as [{ slug: string }];
  clientId = await createClientFixture(ts.server.db, home.studio.id, { familyName: 'Haddad' });
  before = await upload(home.artist, clientId, await pngOf(skinPhoto()), '2026-09-01');
  after = await upload(home.artist, clientId, await pngOf(healedFollowUp(0.85)), '2026-10-20');
  frontView = await upload(home.artist, clientId, await pngOf(skinPhoto()), '2026-10-21', 'front');
});
afterAll(() => ts?.close());

const pair = { crop: { x: 40, y: 40, w: 440, h: 240 } };

describe('a pair enters the gallery only with the photo-use consent', () => {
  it('without it, is refused with the reason, in English and Chinese', async () => {
    const body = { beforePhotoId: before.id, afterPhotoId: after.id, ...pair };
    const res = await home.artist.post(`/api/clients/${clientId}/gallery-pairs`, body);
    expect(res.status).toBe(422);
    expect(res.body.message).toMatch(/no active consent to the use of their photos/);
    const zh = await home.artist.post(`/api/clients/${clientId}/gallery-pairs`, body, {
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(zh.body.message).toContain('照片使用同意书');
  });

  it('refuses two views, the wrong order and a crop outside the photo, naming the field', async () => {
    const views = await home.artist.post(`/api/clients/${clientId}/gallery-pairs`, {
      beforePhotoId: before.id,
      afterPhotoId: frontView.id,
    });
    expect(views.status).toBe(422);
    expect(views.body.fields?.[0]).toMatchObject({ field: 'afterPhotoId' });
    const order = await home.artist.post(`/api/clients/${clientId}/gallery-pairs`, {
      beforePhotoId: after.id,
      afterPhotoId: before.id,
    });
    expect(order.status).toBe(422);
    const crop = await home.artist.post(`/api/clients/${clientId}/gallery-pairs`, {
      beforePhotoId: before.id,
      afterPhotoId: after.id,
      crop: { x: 400, y: 0, w: 200, h: 100 },
    });
    expect(crop.status).toBe(400);
    expect(crop.body.fields?.[0]).toMatchObject({ field: 'crop' });
  });

  it('with it, shows with its record and watermarked crops; withdrawal takes it off at once', async () => {
    const templates = (await home.artist.get<{ items: ConsentTemplate[] }>('/api/consent-templates')).body
      .items;
    const photoUse = templates.find((t) => t.kind === 'photo' && t.language === 'en' && t.current)!;
    const signed = await home.artist.post<ConsentRecord>(`/api/clients/${clientId}/consents`, {
      templateId: photoUse.id,
      signerName: 'Rana Haddad',
      signature: await signaturePng(),
    });
    expect(signed.status).toBe(201);
    const added = await home.artist.post<GalleryPair>(`/api/clients/${clientId}/gallery-pairs`, {
      beforePhotoId: before.id,
      afterPhotoId: after.id,
      transform: [1, 0, 0, 0, 1, 0, 0, 0, 1],
      ...pair,
    });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({
      view: 'top',
      beforeTakenOn: '2026-09-01',
      afterTakenOn: '2026-10-20',
      aligned: true,
      unretouched: true,
      crop: pair.crop,
    });
    const again = await home.artist.post(`/api/clients/${clientId}/gallery-pairs`, {
      beforePhotoId: before.id,
      afterPhotoId: after.id,
    });
    expect(again.status).toBe(409);

    const staff = await home.owner.get<StaffGalleryPairList>('/api/gallery-pairs');
    expect(staff.body.items.map((p) => p.id)).toEqual([added.body.id]);
    const publicPage = await visitor(`/api/public/studios/${slug}/gallery`);
    const listed = JSON.parse(publicPage.bytes.toString()) as PublicGallery;
    expect(listed.items.map((p) => p.id)).toEqual([added.body.id]);
    expect(JSON.stringify(listed)).not.toContain('Haddad');

    // The after picture is the stored original cropped: its pixels match the upload's crop.
    const picture = await visitor(`/api/public/studios/${slug}/gallery/${added.body.id}/after`);
    expect(picture.status).toBe(200);
    expect(picture.type).toBe('image/jpeg');
    const { data, info } = await sharp(picture.bytes).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([440, 240]);
    const original = healedFollowUp(0.85);
    let diff = 0;
    for (let y = 0; y < 150; y++)
      for (let x = 0; x < 440; x++)
        diff += Math.abs(data[(y * 440 + x) * 3]! - original.data[((y + 40) * 520 + x + 40) * 3]!);
    expect(diff / (150 * 440)).toBeLessThan(3);
    // The watermark darkens the bottom strip.
    let bottom = 0;
    for (let x = 0; x < 440; x++) bottom += data[(235 * 440 + x) * 3]!;
    expect(bottom / 440).toBeLessThan(170);

    // The staff's own picture route: owners and artists, not the front desk.
    const staffPicture = await home.owner.get(`/api/gallery-pairs/${added.body.id}/before`);
    expect(staffPicture.status).toBe(200);
    expect(staffPicture.headers.get('content-type')).toBe('image/jpeg');
    expect((await home.desk.get(`/api/gallery-pairs/${added.body.id}/before`)).status).toBe(403);

    const withdrawn = await home.artist.post<ConsentRecord>(`/api/consents/${signed.body.id}/withdraw`, {
      reason: 'no longer wants to appear',
    });
    expect(withdrawn.body.status).toBe('withdrawn');
    expect((await home.owner.get<StaffGalleryPairList>('/api/gallery-pairs')).body.items).toEqual([]);
    const gone = JSON.parse(
      (await visitor(`/api/public/studios/${slug}/gallery`)).bytes.toString(),
    ) as PublicGallery;
    expect(gone.items).toEqual([]);
    expect((await visitor(`/api/public/studios/${slug}/gallery/${added.body.id}/after`)).status).toBe(404);
    expect((await home.owner.get(`/api/gallery-pairs/${added.body.id}/before`)).status).toBe(404);
  });
});

describe('roles and studios', () => {
  it('front desk may not add pairs; another studio cannot add from or see this client', async () => {
    const body = { beforePhotoId: before.id, afterPhotoId: after.id };
    expect((await home.desk.post(`/api/clients/${clientId}/gallery-pairs`, body)).status).toBe(403);
    const foreign = await other.artist.post(`/api/clients/${clientId}/gallery-pairs`, body);
    expect(foreign.status).toBe(422);
    expect(foreign.body.fields?.[0]).toMatchObject({ field: 'beforePhotoId' });
    expect((await other.owner.get<StaffGalleryPairList>('/api/gallery-pairs')).body.items).toEqual([]);
  });
});
