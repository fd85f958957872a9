// Comparable photos (issue 13): a follow-up photo registered to the earlier photo of the same
// view by a job (core registration on the stored originals), or through the artist's point pairs.
// The originals stay untouched; the row keeps the transform (both directions, 3×3 row-major, in
// the originals' full-size pixels), its quality, the method and whether the artist corrected it,
// and derived images at preview size: the follow-up resampled into the earlier photo's frame and
// a difference image.
import {
  ACCEPTANCE,
  composeTransforms,
  invertTransform,
  resampleFrame,
  transformFromPointPairs,
  type CorrectAlignmentRequest,
  type Matrix3,
  type MessageParams,
  type PhotoAlignment,
  type PhotoPixels,
  type StartAlignmentRequest,
  type UiLocale,
} from '@stipple/core';
import type { FastifyBaseLogger } from 'fastify';
import { audit } from '../audit/audit-trail.js';
import type { Actor } from '../auth/actor.js';
import { CLINICAL, requireRole } from '../auth/roles.js';
import type { BlobStore } from '../blobs/blob-store.js';
import type { ComputeThread } from '../compute/compute-thread.js';
import type { StoredImage } from '../http/send-stored-image.js';
import type { Database, Tx } from '../db/database.js';
import { bodyField, invalid, notFound, unprocessable, type FieldError } from '../http/app-error.js';
import type { JobQueue } from '../jobs/job-queue.js';
import {
  decodeRgb,
  encodeJpegRendition,
  encodeRgbaWebp,
  PREVIEW_LONG_EDGE,
} from '../media/image-processing.js';
import { photoRepository, type PhotoRow } from '../photos/photo.repository.js';
import { toAlignment, type AlignmentWarning } from './alignment-record.js';
import { alignmentRepository, NO_RESULT, type AlignmentRow } from './alignment.repository.js';

export const PHOTO_ALIGNMENT_JOB = 'photo.alignment';

const FIELD_OF_REASON = {
  'points-too-close': 'pointsTooClose',
  'points-on-a-line': 'pointsOnALine',
  'mirrored-or-folded': 'pointsMirrored',
} as const;

interface Size {
  width: number;
  height: number;
}

export class AlignmentService {
  constructor(
    private readonly deps: {
      db: Database;
      blobs: BlobStore;
      jobs: () => JobQueue | undefined;
      compute: ComputeThread;
      log: FastifyBaseLogger;
    },
  ) {}

  /** Aligns the photo (again) to the given earlier photo, or to the last earlier photo of its view. */
  async start(
    actor: Actor,
    photoId: string,
    request: StartAlignmentRequest,
    locale: UiLocale,
  ): Promise<PhotoAlignment> {
    requireRole(actor, CLINICAL);
    const { row, later, earlier } = await this.deps.db.withStudio(actor.studioId, async (tx) => {
      const later = await photoRepository.findById(tx, photoId);
      if (!later) throw notFound('photo');
      const earlier = request.referencePhotoId
        ? await this.checkedReference(tx, later, request.referencePhotoId)
        : await alignmentRepository.previousOfView(tx, later);
      if (!earlier) throw unprocessable('no_earlier_photo', 'noEarlierPhoto');
      const row = await this.restart(tx, actor, later, earlier);
      return { row, later, earlier };
    });
    await this.queue(row);
    return toAlignment(row, earlier, later, locale);
  }

  /**
   * After an upload: a follow-up of a view that has an earlier photo is aligned at once, so the
   * comparison is ready when the artist looks. Never fails the upload.
   */
  async startIfFollowUp(actor: Actor, photoId: string): Promise<void> {
    try {
      const row = await this.deps.db.withStudio(actor.studioId, async (tx) => {
        const later = await photoRepository.findById(tx, photoId);
        const earlier = later && (await alignmentRepository.previousOfView(tx, later));
        return later && earlier ? this.restart(tx, actor, later, earlier) : null;
      });
      if (row) await this.queue(row);
    } catch (err) {
      this.deps.log.error({ err, photoId }, 'could not start the alignment of a follow-up photo');
    }
  }

  /** The artist's correction: the transform through their point pairs; images and quality follow in the job. */
  async correct(
    actor: Actor,
    photoId: string,
    request: CorrectAlignmentRequest,
    locale: UiLocale,
  ): Promise<PhotoAlignment> {
    requireRole(actor, CLINICAL);
    const { row, later, earlier } = await this.deps.db.withStudio(actor.studioId, async (tx) => {
      const later = await photoRepository.findById(tx, photoId);
      if (!later) throw notFound('photo');
      const current = await alignmentRepository.findByPhoto(tx, photoId);
      if (!current) throw unprocessable('not_aligned', 'alignmentNotStarted');
      const earlier = (await photoRepository.findById(tx, current.referencePhotoId))!;
      const outside = pairsOutside(request, earlier, later);
      if (outside.length) throw invalid(outside);
      const fit = transformFromPointPairs(request.pairs);
      if (!fit.ok)
        throw unprocessable('alignment_points', 'alignmentPointsUnusable', {}, [
          bodyField('pairs', FIELD_OF_REASON[fit.reason], {
            ...(fit.side
              ? { side: { t: `alignment.side${fit.side === 'earlier' ? 'Earlier' : 'Later'}` } }
              : {}),
            ...(fit.spanPx !== undefined ? { span: Number(fit.spanPx.toFixed(1)) } : {}),
          }),
        ]);
      const row = await alignmentRepository.restartWith(tx, current.id, {
        ...NO_RESULT,
        status: 'queued',
        method: 'points',
        corrected: true,
        correctedBy: actor.userId,
        correctedAt: new Date(),
        model: fit.model,
        laterFromEarlier: [...fit.laterFromEarlier],
        earlierFromLater: [...fit.earlierFromLater],
        residualPx: round(fit.rmsPx, 2),
        pointPairs: request.pairs.map((p, i) => ({ ...p, residualPx: round(fit.residualsPx[i]!, 2) })),
      });
      await audit(tx, actor, 'alignment.correct', 'photo', photoId, {
        clientId: later.clientId,
        referencePhotoId: earlier.id,
        pairs: request.pairs.length,
        model: fit.model,
      });
      return { row, later, earlier };
    });
    await this.queue(row);
    return toAlignment(row, earlier, later, locale);
  }

  async get(actor: Actor, photoId: string, locale: UiLocale): Promise<PhotoAlignment | null> {
    requireRole(actor, CLINICAL);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const later = await photoRepository.findById(tx, photoId);
      if (!later) throw notFound('photo');
      const row = await alignmentRepository.findByPhoto(tx, photoId);
      if (!row) return null;
      const earlier = (await photoRepository.findById(tx, row.referencePhotoId))!;
      await audit(tx, actor, 'alignment.read', 'photo', photoId, { clientId: later.clientId });
      return toAlignment(row, earlier, later, locale);
    });
  }

  /** The follow-up in the earlier photo's frame (WebP with transparency), or the difference image (JPEG). */
  async image(actor: Actor, photoId: string, kind: 'aligned' | 'difference'): Promise<StoredImage> {
    requireRole(actor, CLINICAL);
    const row = await this.deps.db.withStudio(actor.studioId, async (tx) => {
      const found = await alignmentRepository.findByPhoto(tx, photoId);
      if (!found) throw notFound('alignment');
      await audit(tx, actor, 'alignment.read', 'photo', photoId, { clientId: found.clientId, image: kind });
      return found;
    });
    const sha = kind === 'aligned' ? row.alignedSha256 : row.differenceSha256;
    if (row.status !== 'done' || !sha) throw unprocessable('not_ready', 'alignmentNotReady');
    return {
      open: () => this.deps.blobs.open(sha),
      contentType: kind === 'aligned' ? 'image/webp' : 'image/jpeg',
      etag: `"${sha}"`,
    };
  }

  /** The job: registration (or the artist's transform), then the images at preview size. */
  async run(studioId: string, alignmentId: string, version: number): Promise<void> {
    const { db, log } = this.deps;
    const started = await db.withStudio(studioId, async (tx) => {
      const row = await alignmentRepository.findById(tx, alignmentId);
      if (!row || row.version !== version) return null;
      await alignmentRepository.updateAt(tx, row.id, version, { status: 'running' });
      const later = await photoRepository.findById(tx, row.photoId);
      const earlier = await photoRepository.findById(tx, row.referencePhotoId);
      return later && earlier ? { row, later, earlier } : null;
    });
    if (!started) return;
    const write = (patch: Parameters<typeof alignmentRepository.updateAt>[3]) =>
      db.withStudio(studioId, (tx) => alignmentRepository.updateAt(tx, alignmentId, version, patch));
    try {
      const result = await this.align(started.row, started.earlier, started.later);
      await write({ ...result, finishedAt: new Date() });
    } catch (err) {
      log.error({ err, alignmentId }, 'photo alignment failed');
      await write({
        status: 'failed',
        error: err instanceof Error ? err.message : String(err),
        finishedAt: new Date(),
      });
    }
  }

  private async align(
    row: AlignmentRow,
    earlierRow: PhotoRow,
    laterRow: PhotoRow,
  ): Promise<Parameters<typeof alignmentRepository.updateAt>[3]> {
    const { blobs } = this.deps;
    // Independent reads and decodes (sharp decodes off the event loop): side by side.
    const [earlierBytes, laterBytes] = await Promise.all([
      blobs.get(earlierRow.sha256),
      blobs.get(laterRow.sha256),
    ]);
    // The small renditions first: the full photos are then handed to the compute thread, which
    // decodes them itself (36 MB of pixels each never cross between threads).
    const [earlierSmall, laterSmall] = await Promise.all([
      decodeRgb(earlierBytes, PREVIEW_LONG_EDGE),
      decodeRgb(laterBytes, PREVIEW_LONG_EDGE),
    ]);
    const { compute } = this.deps;
    const handOver = { handOver: [earlierBytes, laterBytes] };
    let laterFromEarlier: Matrix3;
    let sizes: { earlier: Size; later: Size };
    let patch: Parameters<typeof alignmentRepository.updateAt>[3];
    const warnings: AlignmentWarning[] = [];
    if (row.method === 'points' && row.laterFromEarlier) {
      laterFromEarlier = row.laterFromEarlier as unknown as Matrix3;
      const assessed = await compute.run(
        'assessAlignment',
        [earlierBytes, laterBytes, laterFromEarlier],
        undefined,
        handOver,
      );
      const q = assessed.quality;
      sizes = assessed.sizes;
      if (q.overlap < ACCEPTANCE.minOverlap)
        warnings.push({
          key: 'alignment.warnPointsLittleOverlap',
          params: { overlap: Math.round(100 * q.overlap) },
        });
      if (q.agreement < ACCEPTANCE.minAgreement)
        warnings.push({
          key: 'alignment.warnPointsPoorAgreement',
          params: { agreement: q.agreement.toFixed(2) },
        });
      patch = { quality: { agreement: round(q.agreement, 3), overlap: round(q.overlap, 3) } };
    } else {
      const registered = await compute.run('registerPhotos', [earlierBytes, laterBytes], undefined, handOver);
      const r = registered.registration;
      if (!r.ok) return { status: 'refused', refusalReason: r.reason, refusalDetails: r.details };
      laterFromEarlier = r.laterFromEarlier;
      sizes = registered.sizes;
      patch = {
        model: r.model,
        laterFromEarlier: [...r.laterFromEarlier],
        earlierFromLater: [...r.earlierFromLater],
        residualPx: r.quality.reprojectionErrorPx.median,
        quality: { ...r.quality },
      };
    }
    const images = await this.images(earlierSmall, laterSmall, sizes, laterFromEarlier);
    return { ...patch, ...images, warnings, status: 'done' };
  }

  /**
   * The aligned follow-up and the difference at preview size: both photos decoded small (area
   * averaged, so the warp does not alias), the transform carried from the full sizes to those frames.
   */
  private async images(
    earlier: PhotoPixels,
    later: PhotoPixels,
    full: { earlier: Size; later: Size },
    laterFromEarlier: Matrix3,
  ) {
    const toSmall = (small: PhotoPixels, fullSize: Size) =>
      resampleFrame(small.width / fullSize.width, small.height / fullSize.height);
    const onSmall = composeTransforms(
      toSmall(later, full.later),
      composeTransforms(laterFromEarlier, invertTransform(toSmall(earlier, full.earlier))!),
    );
    const { aligned, difference } = await this.deps.compute.run('alignedDifference', [
      earlier,
      later,
      onSmall,
    ]);
    const [alignedBlob, differenceBlob] = await Promise.all([
      encodeRgbaWebp(aligned).then((bytes) => this.deps.blobs.put(bytes)),
      encodeJpegRendition(difference.image, PREVIEW_LONG_EDGE).then((bytes) => this.deps.blobs.put(bytes)),
    ]);
    return {
      alignedSha256: alignedBlob.sha256,
      differenceSha256: differenceBlob.sha256,
      difference: { darker: round(difference.darker, 4), lighter: round(difference.lighter, 4) },
    };
  }

  private async checkedReference(tx: Tx, later: PhotoRow, referenceId: string): Promise<PhotoRow> {
    const field = (code: FieldError['code'], params?: MessageParams) =>
      invalid([bodyField('referencePhotoId', code, params)]);
    if (referenceId === later.id) throw field('samePhoto');
    const earlier = await photoRepository.findById(tx, referenceId);
    // Another studio's photo is not there at all under row-level security: the same answer.
    if (!earlier || earlier.clientId !== later.clientId) throw field('notThisClientsPhoto');
    if (earlier.view !== later.view) throw field('otherView');
    const before =
      earlier.takenOn < later.takenOn ||
      (earlier.takenOn === later.takenOn && earlier.createdAt < later.createdAt);
    if (!before) throw field('notBeforeFollowUp');
    return earlier;
  }

  private async restart(tx: Tx, actor: Actor, later: PhotoRow, earlier: PhotoRow): Promise<AlignmentRow> {
    const row = await alignmentRepository.restart(tx, {
      studioId: actor.studioId,
      clientId: later.clientId,
      photoId: later.id,
      referencePhotoId: earlier.id,
      createdBy: actor.userId,
    });
    await audit(tx, actor, 'alignment.start', 'photo', later.id, {
      clientId: later.clientId,
      referencePhotoId: earlier.id,
    });
    return row;
  }

  private async queue(row: AlignmentRow): Promise<void> {
    try {
      await this.deps.jobs()?.send(PHOTO_ALIGNMENT_JOB, {
        studioId: row.studioId,
        alignmentId: row.id,
        version: row.version,
      });
    } catch (err) {
      this.deps.log.error({ err, alignmentId: row.id }, 'could not queue the photo alignment');
    }
  }
}

/** Points that lie off their photo, each named by its field. */
function pairsOutside(request: CorrectAlignmentRequest, earlier: PhotoRow, later: PhotoRow): FieldError[] {
  const out: FieldError[] = [];
  request.pairs.forEach((pair, i) => {
    for (const [side, photo] of [
      ['earlier', earlier],
      ['later', later],
    ] as const) {
      const p = pair[side];
      if (p.x > photo.width - 0.5 || p.y > photo.height - 0.5)
        out.push(
          bodyField(`pairs.${i}.${side}`, 'outsidePhoto', { width: photo.width, height: photo.height }),
        );
    }
  });
  return out;
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
