// The photo analysis of @stipple/core (follicles, density, scar suggestions) run on the stored
// original by a job, and the camouflage score of the preview renders. The full result (every
// follicle, the density map) is a JSON blob; the row keeps what the zone editor shows.
import {
  clientHairFromAnalysis,
  noteOf,
  pxPerMmOf,
  type ClientHair,
  type FollicleAnalysis,
  type Note,
  type PhotoAnalysis,
  type PhotoAnalysisRecord,
  type ScarCamouflageScore,
  type ZonesFile,
} from '@stipple/core';
import type { FastifyBaseLogger } from 'fastify';
import { audit } from '../audit/audit-trail.js';
import type { Actor } from '../auth/actor.js';
import { CLINICAL, requireRole } from '../auth/roles.js';
import type { BlobStore } from '../blobs/blob-store.js';
import type { ComputeThread } from '../compute/compute-thread.js';
import type { Database } from '../db/database.js';
import { notFound } from '../http/app-error.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { photoRepository } from '../photos/photo.repository.js';
import { previewRepository, type AnalysisRow } from './preview.repository.js';
import { PREVIEW_RENDER_JOB, type AnalysisAccess } from './preview.service.js';
import { getLabels } from './scalp-map-labels.js';
import { storeAutomaticMap, type StoredMapSize } from './scalp-map.service.js';

export const PHOTO_ANALYSIS_JOB = 'photo.analysis';

/** What the row keeps of an analysis (the blob has the rest). */
interface AnalysisSummary {
  follicleCount: number;
  density: PhotoAnalysis['density'];
  dotDiameterMm: number | null;
  resolvedFraction: number;
  suggestions: PhotoAnalysisRecord['suggestions'];
  /** Message references; English text in summaries written before notes had codes. */
  notes: PhotoAnalysisRecord['notes'];
  /** Size of the automatic map (its labels are the row's scalp map blob). */
  scalpMap?: StoredMapSize;
  /** Whether the analysis worked inside the artist's corrected map. */
  corrected?: boolean;
}

const samePxPerMm = (a: number | null, b: number | null) =>
  a === null || b === null ? a === b : Math.abs(a / b - 1) < 1e-6;

export class PhotoAnalysisService implements AnalysisAccess {
  constructor(
    private readonly deps: {
      db: Database;
      blobs: BlobStore;
      jobs: () => JobQueue | undefined;
      compute: ComputeThread;
      log: FastifyBaseLogger;
    },
  ) {}

  /**
   * Starts (or restarts) the analysis of a photo with its current calibration and scalp map;
   * `thenRender` is a render waiting for it (queued when the analysis ends).
   */
  async start(actor: Actor, photoId: string, thenRender?: string): Promise<PhotoAnalysisRecord> {
    requireRole(actor, CLINICAL);
    const row = await this.deps.db.withStudio(actor.studioId, async (tx) => {
      const photo = await photoRepository.findById(tx, photoId);
      if (!photo) throw notFound('photo');
      const saved = await previewRepository.upsertAnalysis(tx, {
        studioId: actor.studioId,
        photoId,
        clientId: photo.clientId,
        status: 'queued',
        pxPerMm: photo.pxPerMm,
        createdBy: actor.userId,
      });
      await audit(tx, actor, 'analysis.start', 'photo', photoId, {
        clientId: photo.clientId,
        pxPerMm: photo.pxPerMm,
      });
      return saved;
    });
    try {
      await this.deps.jobs()?.send(PHOTO_ANALYSIS_JOB, {
        studioId: actor.studioId,
        analysisId: row.id,
        ...(thenRender ? { thenRender } : {}),
      });
    } catch (err) {
      this.deps.log.error({ err, photoId }, 'could not queue the photo analysis');
    }
    return this.toRecord(row, row.pxPerMm, null);
  }

  async get(actor: Actor, photoId: string): Promise<PhotoAnalysisRecord | null> {
    requireRole(actor, CLINICAL);
    const found = await this.deps.db.withStudio(actor.studioId, async (tx) => {
      const photo = await photoRepository.findById(tx, photoId);
      if (!photo) throw notFound('photo');
      const row = await previewRepository.findAnalysis(tx, photoId);
      if (row) await audit(tx, actor, 'analysis.read', 'photo', photoId, { clientId: photo.clientId });
      const zones = row ? await previewRepository.findZones(tx, photoId) : undefined;
      return row
        ? { row, photoPxPerMm: photo.pxPerMm, correctionSha256: zones?.scalpMapSha256 ?? null }
        : null;
    });
    if (!found) return null;
    const full =
      found.row.status === 'done' && found.row.resultSha256
        ? await this.result(found.row.resultSha256)
        : null;
    const record = this.toRecord(found.row, found.photoPxPerMm, full);
    // The artist corrected the map since (the rerun that saving starts has not begun yet).
    const otherMap =
      record.status === 'done' && (found.row.correctionSha256 ?? null) !== found.correctionSha256;
    return otherMap ? { ...record, stale: true } : record;
  }

  /** Runs the analysis again after the artist corrected the scalp map; false without one to rerun. */
  async rerunForCorrection(actor: Actor, photoId: string, thenRender: string): Promise<boolean> {
    const existing = await this.deps.db.withStudio(actor.studioId, (tx) =>
      previewRepository.findAnalysis(tx, photoId),
    );
    if (!existing) return false;
    await this.start(actor, photoId, thenRender);
    return true;
  }

  /** The job; a render that waited for it is queued when it ends, whatever the outcome. */
  async run(studioId: string, analysisId: string, thenRender?: string): Promise<void> {
    try {
      await this.analyse(studioId, analysisId);
    } finally {
      if (thenRender)
        await this.deps
          .jobs()
          ?.send(PREVIEW_RENDER_JOB, { studioId, renderId: thenRender }, { singletonKey: thenRender })
          .catch((err: unknown) => this.deps.log.error({ err }, 'could not queue the preview render'));
    }
  }

  private async analyse(studioId: string, analysisId: string): Promise<void> {
    const { db, blobs, log } = this.deps;
    const started = await db.withStudio(studioId, async (tx) => {
      const analysis = await previewRepository.findAnalysisById(tx, analysisId);
      if (!analysis || analysis.status === 'done') return null;
      await previewRepository.updateAnalysis(tx, analysisId, { status: 'running' });
      const zones = await previewRepository.findZones(tx, analysis.photoId);
      return {
        photo: await photoRepository.findById(tx, analysis.photoId),
        correctionSha256: zones?.scalpMapSha256 ?? null,
      };
    });
    if (!started) return;
    try {
      const { photo, correctionSha256 } = started;
      if (!photo) throw new PhotoMissing();
      const encoded = await blobs.get(photo.sha256);
      const pxPerMm = photo.pxPerMm ?? null;
      const correction = correctionSha256
        ? { labels: await getLabels(blobs, correctionSha256), pxPerMm }
        : null;
      // Decoded, segmented for a correction and analysed in the compute thread.
      const { result, automatic } = await this.deps.compute.run(
        'analyzePhoto',
        [encoded, pxPerMm ? { calibration: { pxPerMm } } : {}, correction],
        undefined,
        { handOver: [encoded] },
      );
      const stored = await blobs.put(Buffer.from(JSON.stringify(result)));
      const automaticMap = await storeAutomaticMap(blobs, result, automatic);
      const summary: AnalysisSummary = {
        follicleCount: result.follicles.length,
        density: result.density,
        dotDiameterMm: result.dotDiameterMm,
        resolvedFraction: result.resolvability.resolvedFraction,
        suggestions: result.scarSuggestions.map((s, i) => ({
          id: `suggestion-${i + 1}`,
          kind: s.kind,
          polygon: s.polygon,
          areaCm2: s.areaCm2,
          confidence: s.confidence,
          reasons: s.reasons,
        })),
        notes: result.notes,
        scalpMap: automaticMap.size,
        corrected: Boolean(correction),
      };
      await db.withStudio(studioId, (tx) =>
        previewRepository.updateAnalysis(tx, analysisId, {
          status: 'done',
          pxPerMm: result.pxPerMm,
          summary: summary as unknown as Record<string, unknown>,
          resultSha256: stored.sha256,
          scalpMapSha256: automaticMap.sha256,
          correctionSha256,
          finishedAt: new Date(),
        }),
      );
    } catch (err) {
      // The reader gets a note in her language; the exception's own words go to the log only.
      log.error({ err, analysisId }, 'photo analysis failed');
      await db.withStudio(studioId, (tx) =>
        previewRepository.updateAnalysis(tx, analysisId, {
          status: 'failed',
          error: noteOf(err instanceof PhotoMissing ? 'analysisPhotoMissing' : 'analysisFailed'),
          finishedAt: new Date(),
        }),
      );
    }
  }

  // ---- what the preview renders read ----

  async follicleAnalysis(studioId: string, photoId: string): Promise<FollicleAnalysis | undefined> {
    const done = await this.doneAnalysis(studioId, photoId);
    if (!done) return undefined;
    const full = await this.result(done.resultSha256!);
    return {
      follicles: full.follicles,
      densityMap: full.densityMap,
      ...(full.scalpMap ? { scalpMap: full.scalpMap } : {}),
    };
  }

  async clientHair(studioId: string, photoId: string): Promise<ClientHair | undefined> {
    const done = await this.doneAnalysis(studioId, photoId);
    if (!done) return undefined;
    return clientHairFromAnalysis(await this.result(done.resultSha256!));
  }

  async camouflage(input: {
    studioId: string;
    photoId: string;
    before: { data: Uint8Array; width: number; height: number; channels: 3 | 4 };
    after: { data: Uint8Array | Uint8ClampedArray; width: number; height: number; channels: 3 | 4 };
    zones: ZonesFile;
  }): Promise<{ scores: ScarCamouflageScore[] | null; notes: Note[] }> {
    const scars = input.zones.zones.filter((z) => z.kind === 'scar');
    if (scars.length === 0) return { scores: null, notes: [] };
    const pxPerMm = pxPerMmOf(input.zones.calibration);
    try {
      const done = await this.doneAnalysis(input.studioId, input.photoId);
      const corrected = (done?.summary as AnalysisSummary | null)?.corrected;
      const full = done && corrected ? await this.result(done.resultSha256!) : null;
      const camouflageZones = scars.map((z) => ({
        id: z.id,
        polygon: z.polygon.map(([x, y]) => [x, y] as [number, number]),
      }));
      const compared = await this.deps.compute.run('camouflage', [
        input.before,
        input.after,
        camouflageZones,
        pxPerMm,
        full,
      ]);
      return {
        scores: compared.map((c) => ({
          zoneId: c.id,
          before: pick(c.before),
          after: pick(c.after),
          deltaE00Reduction: c.deltaE00Reduction,
          viewingDistanceMm: 1000,
        })),
        notes: [],
      };
    } catch (err) {
      // Keep the render: a score that cannot be measured is a note, not a failure (why: the log).
      this.deps.log.error({ err, photoId: input.photoId }, 'camouflage score failed');
      return { scores: null, notes: [noteOf('camouflageFailed')] };
    }
  }

  private async doneAnalysis(studioId: string, photoId: string): Promise<AnalysisRow | undefined> {
    const row = await this.deps.db.withStudio(studioId, (tx) => previewRepository.findAnalysis(tx, photoId));
    return row?.status === 'done' && row.resultSha256 ? row : undefined;
  }

  private async result(sha256: string): Promise<PhotoAnalysis> {
    return JSON.parse((await this.deps.blobs.get(sha256)).toString('utf8')) as PhotoAnalysis;
  }

  private toRecord(
    row: AnalysisRow,
    photoPxPerMm: number | null,
    full: PhotoAnalysis | null,
  ): PhotoAnalysisRecord {
    const summary = row.summary as unknown as AnalysisSummary | null;
    const follicles: number[] = [];
    for (const f of full?.follicles ?? []) follicles.push(Math.round(f.x), Math.round(f.y));
    return {
      photoId: row.photoId,
      status: row.status,
      pxPerMm: row.pxPerMm,
      stale: row.status === 'done' && !samePxPerMm(row.pxPerMm, photoPxPerMm),
      follicleCount: summary?.follicleCount ?? null,
      density: summary?.density ?? null,
      dotDiameterMm: summary?.dotDiameterMm ?? null,
      resolvedFraction: summary?.resolvedFraction ?? null,
      suggestions: summary?.suggestions ?? [],
      notes: summary?.notes ?? [],
      follicles,
      stubbleLab: full?.stubbleLab ?? null,
      skinLab: full?.skinLab ?? null,
      error: row.error,
      scalpMap: row.status === 'done' && summary ? (summary.corrected ? 'corrected' : 'automatic') : null,
      createdAt: row.createdAt.toISOString(),
      finishedAt: row.finishedAt?.toISOString() ?? null,
    };
  }
}

/** The photo of an analysis is no longer there (deleted while the job waited). */
class PhotoMissing extends Error {}

function pick(z: {
  deltaE00: number;
  deltaE00P95: number;
  densityInside: number;
  densityAround: number;
  densityRatio: number | null;
}) {
  return {
    deltaE00: z.deltaE00,
    deltaE00P95: z.deltaE00P95,
    densityInside: z.densityInside,
    densityAround: z.densityAround,
    densityRatio: z.densityRatio,
  };
}
