// The before-and-after gallery. A pair enters only with the client's active consent to the use of
// their photos, the consent whose text allows the before-and-after gallery and the studio's
// website (the consent called "marketing" here is for news and offers by email, and says nothing
// of photos); the pair keeps a reference to it; every read joins that consent, so withdrawing it takes the pair
// out of the studio's gallery and its public page at once. A pair is two stored originals of one
// view, the after photo taken later; the pictures are those originals cropped (never a render: a
// simulation is never shown as a result), scaled and watermarked.
import type { AddGalleryPairRequest, GalleryPair, PublicGallery, StaffGalleryPairList } from '@stipple/core';
import { audit } from '../audit/audit-trail.js';
import { alignmentRepository } from '../alignment/alignment.repository.js';
import type { Actor } from '../auth/actor.js';
import { CLINICAL, requireRole } from '../auth/roles.js';
import type { BlobStore } from '../blobs/blob-store.js';
import { consentRepository } from '../consents/consent.repository.js';
import type { Database } from '../db/database.js';
import { bodyField, conflict, invalid, notFound, unprocessable } from '../http/app-error.js';
import { requireLaterOfSameView } from '../photos/photo-pair.js';
import { photoRepository } from '../photos/photo.repository.js';
import { studioRepository } from '../studio/studio.repository.js';
import { formatName } from '../text/person-name.js';
import { afterCrop, pairImage } from './gallery-image.js';
import { galleryRepository, type PairRow } from './gallery.repository.js';

export type PairSide = 'before' | 'after';

const DAY_MS = 86_400_000;

function toPair(row: PairRow): GalleryPair {
  return {
    id: row.id,
    view: row.view as GalleryPair['view'],
    beforeTakenOn: row.beforeTakenOn,
    afterTakenOn: row.afterTakenOn,
    sessionOn: row.sessionOn,
    daysSinceSession: row.sessionOn
      ? Math.round((Date.parse(row.afterTakenOn) - Date.parse(row.sessionOn)) / DAY_MS)
      : null,
    aligned: row.transform !== null,
    crop: row.crop,
    unretouched: true,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

export class GalleryService {
  constructor(private readonly deps: { db: Database; blobs: BlobStore }) {}

  async add(actor: Actor, clientId: string, request: AddGalleryPairRequest): Promise<GalleryPair> {
    requireRole(actor, CLINICAL);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const before = await photoRepository.findById(tx, request.beforePhotoId);
      const after = await photoRepository.findById(tx, request.afterPhotoId);
      if (!before || before.clientId !== clientId)
        throw unprocessable('invalid_photo', 'unknownPhoto', {}, [bodyField('beforePhotoId', 'invalid')]);
      if (!after || after.clientId !== clientId)
        throw unprocessable('invalid_photo', 'unknownPhoto', {}, [bodyField('afterPhotoId', 'invalid')]);
      requireLaterOfSameView(before, after, 'afterPhotoId');
      const crop = request.crop ?? { x: 0, y: 0, w: before.width, h: before.height };
      if (crop.x + crop.w > before.width || crop.y + crop.h > before.height)
        throw invalid([bodyField('crop', 'cropOutside', { width: before.width, height: before.height })]);
      const consentId = await consentRepository.activeConsent(tx, clientId, 'photo', new Date());
      if (!consentId) throw unprocessable('no_gallery_consent', 'noGalleryConsent');
      if (await galleryRepository.exists(tx, before.id, after.id)) throw conflict('pairInGallery');
      const id = await galleryRepository.create(tx, {
        studioId: actor.studioId,
        clientId,
        beforePhotoId: before.id,
        afterPhotoId: after.id,
        consentId,
        crop,
        transform:
          request.transform ?? (await alignmentRepository.doneTransform(tx, after.id, before.id)) ?? null,
        createdBy: actor.userId,
      });
      await audit(tx, actor, 'gallery_pair.add', 'gallery_pair', id, { clientId, consentId });
      return toPair((await galleryRepository.findVisible(tx, id))!);
    });
  }

  async list(actor: Actor): Promise<StaffGalleryPairList> {
    requireRole(actor, CLINICAL);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const rows = await galleryRepository.listVisible(tx);
      await audit(tx, actor, 'gallery_pair.list', 'gallery_pair', null, { count: rows.length });
      return {
        items: rows.map((r) => ({ ...toPair(r), clientId: r.clientId, clientName: formatName(r) })),
      };
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    requireRole(actor, CLINICAL);
    await this.deps.db.withStudio(actor.studioId, async (tx) => {
      if (!(await galleryRepository.remove(tx, id))) throw notFound('galleryPair');
      await audit(tx, actor, 'gallery_pair.remove', 'gallery_pair', id);
    });
  }

  /** One side of a pair the staff may see (consent active). */
  async image(actor: Actor, id: string, side: PairSide): Promise<Buffer> {
    requireRole(actor, CLINICAL);
    const { row, studio } = await this.deps.db.withStudio(actor.studioId, async (tx) => {
      const found = await galleryRepository.findVisible(tx, id);
      if (!found) throw notFound('galleryPair');
      await audit(tx, actor, 'gallery_pair.image', 'gallery_pair', id, { side });
      return { row: found, studio: (await studioRepository.findById(tx, actor.studioId))! };
    });
    return this.render(row, side, studio.name);
  }

  /** The public page's gallery: pairs with active consent, no client named. */
  async publicGallery(studioId: string): Promise<PublicGallery> {
    return this.deps.db.withStudio(studioId, async (tx) => {
      const studio = (await studioRepository.findById(tx, studioId))!;
      return { studioName: studio.name, items: (await galleryRepository.listVisible(tx, 60)).map(toPair) };
    });
  }

  async publicImage(studioId: string, id: string, side: PairSide): Promise<Buffer> {
    const { row, studio } = await this.deps.db.withStudio(studioId, async (tx) => {
      const found = await galleryRepository.findVisible(tx, id);
      if (!found) throw notFound('galleryPair');
      return { row: found, studio: (await studioRepository.findById(tx, studioId))! };
    });
    return this.render(row, side, studio.name);
  }

  private async render(row: PairRow, side: PairSide, studioName: string): Promise<Buffer> {
    const original = await this.deps.blobs.get(side === 'before' ? row.beforeSha256 : row.afterSha256);
    const rect =
      side === 'after' ? afterCrop(row.crop, row.transform, row.afterWidth, row.afterHeight) : row.crop;
    return pairImage(original, rect, {
      studio: studioName,
      date: side === 'before' ? row.beforeTakenOn : row.afterTakenOn,
    });
  }
}
