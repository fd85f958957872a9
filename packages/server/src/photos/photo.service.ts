// Client photos: upload (checked and stripped of metadata in the request, renditions made by a
// job), listing, calibration, the studio gallery, and serving the bytes. Photos are clinical
// records: owners and artists only. Galleries show only clients with an active photo-use consent.
import type {
  Gallery,
  Photo,
  PhotoCalibration,
  PhotoList,
  PhotoUploadQuery,
  UpdatePhotoRequest,
} from '@stipple/core';
import type { FastifyBaseLogger } from 'fastify';
import { audit } from '../audit/audit-trail.js';
import type { Actor } from '../auth/actor.js';
import { CLINICAL, requireRole } from '../auth/roles.js';
import { mkdir, rm } from 'node:fs/promises';
import type { BlobStore, PutResult } from '../blobs/blob-store.js';
import type { StoredImage } from '../http/send-stored-image.js';
import { clientRepository } from '../clients/client.repository.js';
import type { Database, Tx } from '../db/database.js';
import { notFound } from '../http/app-error.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { PREVIEW_LONG_EDGE, rendition, THUMB_LONG_EDGE } from '../media/image-processing.js';
import { formatName } from '../text/person-name.js';
import { CONTENT_TYPES, intakePhoto } from './photo-intake.js';
import { photoRepository, type PhotoRow, type PhotoWithConsent } from './photo.repository.js';
import { isSpooledUpload, tempPath, type SpooledUpload } from './upload-spool.js';

export const PHOTO_DERIVATIVES_JOB = 'photo.derivatives';

export type PhotoSize = 'original' | 'preview' | 'thumb';

export function pxPerMmOf(calibration: PhotoCalibration | null | undefined): number | null {
  if (!calibration) return null;
  if ('pxPerMm' in calibration) return calibration.pxPerMm;
  const [a, b] = calibration.points;
  return Math.hypot(a.x - b.x, a.y - b.y) / calibration.mm;
}

export const toPhoto = (row: PhotoWithConsent): Photo => ({
  id: row.id,
  clientId: row.clientId,
  sessionId: row.sessionId,
  sessionRole: row.sessionRole,
  view: row.view,
  takenOn: row.takenOn,
  contentType: row.contentType,
  width: row.width,
  height: row.height,
  bytes: row.bytes,
  sha256: row.sha256,
  calibration: (row.calibration as PhotoCalibration | null) ?? null,
  pxPerMm: row.pxPerMm,
  derivatives: row.derivatives,
  photoConsent: row.photoConsent,
  createdAt: row.createdAt.toISOString(),
});

export class PhotoService {
  private uploadedHooks: ((actor: Actor, photo: Photo) => Promise<void>)[] = [];

  constructor(
    private readonly deps: {
      db: Database;
      blobs: BlobStore;
      jobs: () => JobQueue | undefined;
      maxPixels: number;
      /** Private temporary files of uploads in progress. */
      spoolDir: string;
      log: FastifyBaseLogger;
    },
  ) {}

  async upload(
    actor: Actor,
    clientId: string,
    query: PhotoUploadQuery,
    contentType: string | undefined,
    body: SpooledUpload | undefined,
  ): Promise<Photo> {
    requireRole(actor, CLINICAL);
    // The client first: a photo for someone who is not there is refused before any work.
    const exists = await this.deps.db.withStudio(actor.studioId, (tx) =>
      clientRepository.findById(tx, clientId),
    );
    if (!exists) throw notFound('client');
    const row = await this.store(
      {
        studioId: actor.studioId,
        clientId,
        view: query.view,
        takenOn: query.takenOn,
        uploadedBy: actor.userId,
      },
      { contentType, filename: query.filename, body },
      (tx, created) =>
        audit(tx, actor, 'photo.upload', 'photo', created.id, {
          clientId,
          view: query.view,
          bytes: created.bytes,
        }),
    );
    const photo = toPhoto(row);
    for (const hook of this.uploadedHooks) await hook(actor, photo);
    return photo;
  }

  /** Work that follows a studio upload (aligning a follow-up); a hook must not throw. */
  onUploaded(hook: (actor: Actor, photo: Photo) => Promise<void>): void {
    this.uploadedHooks.push(hook);
  }

  /**
   * Stores a photo the client sent themselves (from the public booking page): the same intake as
   * the studio's photos (label checked, HEIC refused, limits, metadata stripped, renditions in a
   * job). `inTransaction` writes what belongs with it (the booking it came with, the audit entry).
   */
  async storeFromClient(
    studioId: string,
    clientId: string,
    query: { view: PhotoUploadQuery['view']; takenOn: string; filename?: string | undefined },
    contentType: string | undefined,
    body: unknown,
    inTransaction: (tx: Tx, photo: PhotoRow) => Promise<void>,
  ): Promise<PhotoWithConsent> {
    return this.store(
      { studioId, clientId, view: query.view, takenOn: query.takenOn, uploadedBy: null },
      { contentType, filename: query.filename, body },
      inTransaction,
    );
  }

  private async store(
    meta: {
      studioId: string;
      clientId: string;
      view: PhotoUploadQuery['view'];
      takenOn: string;
      uploadedBy: string | null;
    },
    upload: { contentType: string | undefined; filename: string | undefined; body: unknown },
    inTransaction: (tx: Tx, photo: PhotoRow) => Promise<void>,
  ): Promise<PhotoWithConsent> {
    const { db, blobs } = this.deps;
    // Decoding and re-encoding run outside any transaction (PGlite has one connection), file to
    // file: the photo is streamed into the store, never held whole in memory.
    await mkdir(this.deps.spoolDir, { recursive: true, mode: 0o700 });
    const outPath = tempPath(this.deps.spoolDir, 'photo');
    let image: Awaited<ReturnType<typeof intakePhoto>>;
    let stored: PutResult;
    try {
      image = await intakePhoto(
        {
          contentType: upload.contentType,
          filename: upload.filename,
          body: isSpooledUpload(upload.body) ? upload.body : undefined,
        },
        { maxPixels: this.deps.maxPixels, outPath },
      );
      stored = await blobs.putFile(image.path);
    } finally {
      await rm(outPath, { force: true });
    }
    let row: PhotoWithConsent;
    try {
      row = await db.withStudio(meta.studioId, async (tx) => {
        const created = await photoRepository.create(tx, {
          ...meta,
          contentType: CONTENT_TYPES[image.format],
          sha256: stored.sha256,
          bytes: stored.bytes,
          width: image.width,
          height: image.height,
        });
        await inTransaction(tx, created);
        return (await photoRepository.findById(tx, created.id))!;
      });
    } catch (err) {
      // Nothing left behind: the blob goes too, unless these very bytes belong to another row.
      if (stored.created) await this.removeBlobIfUnused(stored.sha256);
      throw err;
    }
    await this.queueDerivatives(meta.studioId, row.id);
    return row;
  }

  async list(actor: Actor, clientId: string): Promise<PhotoList> {
    requireRole(actor, CLINICAL);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      if (!(await clientRepository.findById(tx, clientId))) throw notFound('client');
      const rows = await photoRepository.listByClient(tx, clientId);
      await audit(tx, actor, 'photo.list', 'client', clientId, {
        ids: rows.map((r) => r.id),
        count: rows.length,
      });
      return { items: rows.map(toPhoto) };
    });
  }

  async get(actor: Actor, id: string): Promise<Photo> {
    requireRole(actor, CLINICAL);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const row = await photoRepository.findById(tx, id);
      if (!row) throw notFound('photo');
      await audit(tx, actor, 'photo.read', 'photo', id, { clientId: row.clientId });
      return toPhoto(row);
    });
  }

  async update(actor: Actor, id: string, request: UpdatePhotoRequest): Promise<Photo> {
    requireRole(actor, CLINICAL);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const row = await photoRepository.findById(tx, id);
      if (!row) throw notFound('photo');
      const patch: Parameters<typeof photoRepository.update>[2] = {};
      if (request.view !== undefined) patch.view = request.view;
      if (request.takenOn !== undefined) patch.takenOn = request.takenOn;
      if (request.calibration !== undefined) {
        patch.calibration = request.calibration;
        patch.pxPerMm = pxPerMmOf(request.calibration);
      }
      await photoRepository.update(tx, id, patch);
      await audit(tx, actor, 'photo.update', 'photo', id, {
        clientId: row.clientId,
        fields: Object.keys(request),
      });
      return toPhoto((await photoRepository.findById(tx, id))!);
    });
  }

  /** The studio's gallery: only photos whose client has an active photo-use consent. */
  async gallery(actor: Actor): Promise<Gallery> {
    requireRole(actor, CLINICAL);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const rows = await photoRepository.gallery(tx, 200);
      await audit(tx, actor, 'gallery.list', 'photo', null, {
        ids: rows.map((r) => r.id),
        count: rows.length,
      });
      return { items: rows.map((r) => ({ ...toPhoto(r), clientName: formatName(r) })) };
    });
  }

  /**
   * The bytes of a photo. Renditions not made yet fall back to the stored original (already
   * oriented and without metadata), so a fresh upload shows at once.
   */
  async file(actor: Actor, id: string, size: PhotoSize): Promise<StoredImage> {
    requireRole(actor, CLINICAL);
    const row = await this.deps.db.withStudio(actor.studioId, async (tx) => {
      const found = await photoRepository.findById(tx, id);
      if (!found) throw notFound('photo');
      await audit(tx, actor, 'photo.read', 'photo', id, { clientId: found.clientId, size });
      return found;
    });
    const derived = size === 'preview' ? row.previewSha256 : size === 'thumb' ? row.thumbSha256 : null;
    const sha = derived ?? row.sha256;
    return {
      open: () => this.deps.blobs.open(sha),
      contentType: derived ? 'image/jpeg' : row.contentType,
      etag: `"${sha}"`,
    };
  }

  /** The job: preview (~1600 px) and thumbnail (~320 px), stored in the blob store. */
  async makeDerivatives(studioId: string, photoId: string): Promise<void> {
    const { db, blobs } = this.deps;
    const row = await db.withStudio(studioId, (tx) => photoRepository.findById(tx, photoId));
    if (!row || row.derivatives === 'ready') return;
    let preview, thumb;
    try {
      const original = await blobs.get(row.sha256);
      preview = await blobs.put(await rendition(original, PREVIEW_LONG_EDGE));
      thumb = await blobs.put(await rendition(original, THUMB_LONG_EDGE));
    } catch (err) {
      this.deps.log.error({ err, photoId }, 'photo renditions failed');
      await db.withStudio(studioId, (tx) => photoRepository.update(tx, photoId, { derivatives: 'failed' }));
      return;
    }
    await db.withStudio(studioId, (tx) =>
      photoRepository.update(tx, photoId, {
        previewSha256: preview.sha256,
        thumbSha256: thumb.sha256,
        derivatives: 'ready',
      }),
    );
  }

  /** At start: photos left without renditions (the server stopped before the job ran) get a job. */
  async queuePendingDerivatives(): Promise<number> {
    // System: a sweep over every studio's photos.
    const pending = await this.deps.db.asSystem((tx) => photoRepository.listPendingDerivatives(tx));
    for (const p of pending) await this.queueDerivatives(p.studioId, p.id);
    return pending.length;
  }

  private async queueDerivatives(studioId: string, photoId: string): Promise<void> {
    try {
      await this.deps.jobs()?.send(PHOTO_DERIVATIVES_JOB, { studioId, photoId }, { singletonKey: photoId });
    } catch (err) {
      // The start-up sweep picks it up again.
      this.deps.log.error({ err, photoId }, 'could not queue photo renditions');
    }
  }

  private async removeBlobIfUnused(sha256: string): Promise<void> {
    // System: the same bytes may belong to a photo of another studio.
    const used = await this.deps.db.asSystem((tx) => photoRepository.blobInUse(tx, sha256));
    if (!used) await this.deps.blobs.remove(sha256);
  }
}
