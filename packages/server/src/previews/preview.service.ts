// Zones and previews: the zones an artist draws on a photo (one ZonesFile per photo, versioned),
// and the full-resolution render every save starts as a job (low concurrency: the job queue runs
// one at a time). The stage images go to the blob store; the render row tracks progress, the
// stages, and the camouflage score of each scar zone once measured. Clinical records: owners and
// artists only.
import type {
  ClientHair,
  FollicleAnalysis,
  Note,
  PhotoZones,
  PreviewList,
  PreviewRender,
  PreviewRenderList,
  SaveZonesRequest,
  ScarCamouflageScore,
  ZonesFile,
} from '@stipple/core';
import { noteOf } from '@stipple/core';
import type { FastifyBaseLogger } from 'fastify';
import { audit } from '../audit/audit-trail.js';
import type { Actor } from '../auth/actor.js';
import { CLINICAL, requireRole } from '../auth/roles.js';
import type { BlobStore } from '../blobs/blob-store.js';
import type { ComputeThread } from '../compute/compute-thread.js';
import type { Database } from '../db/database.js';
import { invalid, notFound, stale } from '../http/app-error.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { sniffFormat } from '../media/image-processing.js';
import { photoRepository } from '../photos/photo.repository.js';
import { formatName } from '../text/person-name.js';
import { checkZonesFit } from './zones-fit.js';
import { toPhotoZones, toRender, type StoredScore } from './preview-views.js';
import { previewRepository, type StoredStage } from './preview.repository.js';
import { failureNote, photoNotes, RenderFailure } from './render-notes.js';
import { renderZones } from './render-zones.js';
import { storeCorrection } from './scalp-map.service.js';

export const PREVIEW_RENDER_JOB = 'preview.render';
// The consultation report reads a render's scores through the service module.
export { scoresOf } from './preview-views.js';

/** Scores and the follicle data of a finished photo analysis, when one exists (photo-analysis module). */
export interface AnalysisAccess {
  follicleAnalysis(studioId: string, photoId: string): Promise<FollicleAnalysis | undefined>;
  /** The client's own hair from the photo's finished analysis (the preview blends with it). */
  clientHair(studioId: string, photoId: string): Promise<ClientHair | undefined>;
  /** Runs the analysis again inside a new scalp map, then queues the render; false without one. */
  rerunForCorrection(actor: Actor, photoId: string, thenRender: string): Promise<boolean>;
  camouflage(input: {
    studioId: string;
    photoId: string;
    before: { data: Uint8Array; width: number; height: number; channels: 3 | 4 };
    after: { data: Uint8Array | Uint8ClampedArray; width: number; height: number; channels: 3 | 4 };
    zones: ZonesFile;
  }): Promise<{ scores: ScarCamouflageScore[] | null; notes: Note[] }>;
}

/** Whether a scar zone asks to match the follicle density round it: only then do renders read the analysis's follicles. */
export const usesMatch = (zones: ZonesFile) =>
  zones.zones.some((z) => z.kind === 'scar' && z.densityPerCm2 === 'match');

export class PreviewService {
  constructor(
    private readonly deps: {
      db: Database;
      blobs: BlobStore;
      jobs: () => JobQueue | undefined;
      analysis: () => AnalysisAccess | undefined;
      compute: ComputeThread;
      log: FastifyBaseLogger;
    },
  ) {}

  async getZones(actor: Actor, photoId: string): Promise<PhotoZones> {
    requireRole(actor, CLINICAL);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const photo = await photoRepository.findById(tx, photoId);
      if (!photo) throw notFound('photo');
      const zones = await previewRepository.findZones(tx, photoId);
      const [latest] = await previewRepository.listRenders(tx, photoId, 1);
      await audit(tx, actor, 'zones.read', 'photo', photoId, {
        clientId: photo.clientId,
        version: zones?.version ?? 0,
      });
      return toPhotoZones(photo, zones, latest);
    });
  }

  /** Saves the zones (a new version) and queues the full-resolution render of them. */
  async saveZones(actor: Actor, photoId: string, request: SaveZonesRequest): Promise<PhotoZones> {
    requireRole(actor, CLINICAL);
    let mapChanged = false;
    const result = await this.deps.db.withStudio(actor.studioId, async (tx) => {
      const photo = await photoRepository.findById(tx, photoId);
      if (!photo) throw notFound('photo');
      const current = await previewRepository.findZones(tx, photoId, { forUpdate: true });
      const currentVersion = current?.version ?? 0;
      if (request.version !== currentVersion) throw stale('version', currentVersion);
      const misfits = checkZonesFit(request.zones, photo);
      if (misfits.length) throw invalid(misfits);
      const sentMap = await storeCorrection(tx, this.deps.blobs, photoId, request.scalpMap);
      const scalpMapSha256 = sentMap === undefined ? (current?.scalpMapSha256 ?? null) : sentMap;
      mapChanged = scalpMapSha256 !== (current?.scalpMapSha256 ?? null);
      const zonesJson = request.zones as unknown as Record<string, unknown>;
      if (current)
        await previewRepository.updateZones(tx, current, {
          zones: zonesJson,
          scalpMapSha256,
          updatedBy: actor.userId,
        });
      else
        await previewRepository.insertZones(tx, {
          studioId: actor.studioId,
          photoId,
          clientId: photo.clientId,
          zones: zonesJson,
          scalpMapSha256,
          updatedBy: actor.userId,
        });
      const render = await previewRepository.insertRender(tx, {
        studioId: actor.studioId,
        photoId,
        clientId: photo.clientId,
        zonesVersion: currentVersion + 1,
        zones: zonesJson,
        createdBy: actor.userId,
      });
      await audit(tx, actor, 'zones.save', 'photo', photoId, {
        clientId: photo.clientId,
        version: currentVersion + 1,
        zones: request.zones.zones.map((z) => `${z.kind}:${z.id}`),
        renderId: render.id,
        scalpMap: mapChanged ? (scalpMapSha256 ? 'corrected' : 'automatic') : 'unchanged',
      });
      const zones = await previewRepository.findZones(tx, photoId);
      const latest = await previewRepository.findRender(tx, render.id);
      return toPhotoZones(photo, zones, latest);
    });
    const renderId = result.latestRender!.id;
    // Everything that depends on the map follows a new one: the analysis runs inside it, then the render.
    if (mapChanged && (await this.deps.analysis()?.rerunForCorrection(actor, photoId, renderId)))
      return result;
    const matching = request.zones.zones.find((z) => z.kind === 'scar' && z.densityPerCm2 === 'match');
    if (matching && !(await this.deps.analysis()?.follicleAnalysis(actor.studioId, photoId))) {
      // Saved, but the render cannot resolve "match" without an analysis: say so on the render.
      await this.failRender(
        actor.studioId,
        result.latestRender!.id,
        noteOf('renderMatchNoAnalysis', { zone: matching.id }),
      );
      return { ...result, latestRender: { ...result.latestRender!, status: 'failed' } };
    }
    await this.queueRender(actor.studioId, result.latestRender!.id);
    return result;
  }

  async listRenders(actor: Actor, photoId: string): Promise<PreviewRenderList> {
    requireRole(actor, CLINICAL);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const photo = await photoRepository.findById(tx, photoId);
      if (!photo) throw notFound('photo');
      const rows = await previewRepository.listRenders(tx, photoId);
      await audit(tx, actor, 'render.list', 'photo', photoId, {
        clientId: photo.clientId,
        ids: rows.map((r) => r.id),
      });
      return { items: rows.map(toRender) };
    });
  }

  async getRender(actor: Actor, id: string): Promise<PreviewRender> {
    requireRole(actor, CLINICAL);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const row = await previewRepository.findRender(tx, id);
      if (!row) throw notFound('render');
      await audit(tx, actor, 'render.read', 'preview_render', id, {
        clientId: row.clientId,
        photoId: row.photoId,
      });
      return toRender(row);
    });
  }

  /** Progress only, for the page that polls while a render runs: no client data, so no audit entry. */
  async renderStatus(
    actor: Actor,
    id: string,
  ): Promise<{
    id: string;
    status: PreviewRender['status'];
    progress: number;
    error: PreviewRender['error'];
  }> {
    requireRole(actor, CLINICAL);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const row = await previewRepository.findRender(tx, id);
      if (!row) throw notFound('render');
      return { id: row.id, status: row.status, progress: row.progress, error: row.error };
    });
  }

  async stageFile(
    actor: Actor,
    renderId: string,
    name: string,
    size: 'full' | 'preview',
  ): Promise<{ data: Buffer; contentType: string; etag: string }> {
    requireRole(actor, CLINICAL);
    const stage = await this.deps.db.withStudio(actor.studioId, async (tx) => {
      const row = await previewRepository.findRender(tx, renderId);
      if (!row) throw notFound('render');
      const found = (row.stages as StoredStage[]).find((s) => s.name === name);
      if (!found) throw notFound('stage');
      await audit(tx, actor, 'render.read', 'preview_render', renderId, {
        clientId: row.clientId,
        stage: name,
        size,
      });
      return found;
    });
    const sha = size === 'full' ? stage.sha256 : stage.previewSha256;
    const data = await this.deps.blobs.get(sha);
    // Full-size stages are JPEG; renders made before that kept PNG.
    return { data, contentType: sniffFormat(data) === 'png' ? 'image/png' : 'image/jpeg', etag: `"${sha}"` };
  }

  async listRecent(actor: Actor): Promise<PreviewList> {
    requireRole(actor, CLINICAL);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const rows = await previewRepository.listRecent(tx, 100);
      await audit(tx, actor, 'zones.read', 'photo', null, {
        ids: rows.map((r) => r.photoId),
        count: rows.length,
      });
      return {
        items: rows.map((r) => ({
          photoId: r.photoId,
          clientId: r.clientId,
          clientName: formatName(r),
          view: r.view,
          takenOn: r.takenOn,
          zoneCount: ((r.zones as { zones?: unknown[] }).zones ?? []).length,
          version: r.version,
          updatedAt: r.updatedAt.toISOString(),
          latestRender:
            r.renderId && r.renderStatus
              ? {
                  id: r.renderId,
                  status: r.renderStatus,
                  progress: r.renderProgress ?? 0,
                  finishedAt: r.renderFinishedAt?.toISOString() ?? null,
                }
              : null,
        })),
      };
    });
  }

  /** The job: renders every stage at full resolution and stores them. */
  async runRender(studioId: string, renderId: string): Promise<void> {
    const { db, blobs, log } = this.deps;
    const started = await db.withStudio(studioId, async (tx) => {
      const row = await previewRepository.findRender(tx, renderId);
      if (!row || row.status === 'done' || row.status === 'failed' || row.status === 'superseded')
        return null;
      if (await previewRepository.newerRenderExists(tx, row)) return { row, superseded: true } as const;
      await previewRepository.updateRender(tx, renderId, {
        status: 'running',
        progress: 1,
        startedAt: new Date(),
      });
      return { row, superseded: false, photo: await photoRepository.findById(tx, row.photoId) } as const;
    });
    if (!started) return;
    if (started.superseded) {
      // Not a failure: the newer zones have a render of their own, and this one is not needed.
      await db.withStudio(studioId, (tx) =>
        previewRepository.updateRender(tx, renderId, {
          status: 'superseded',
          finishedAt: new Date(),
        }),
      );
      return;
    }
    const { row, photo } = started;
    try {
      if (!photo) throw new RenderFailure(noteOf('renderPhotoMissing'));
      const zones = row.zones as unknown as ZonesFile;
      const analysis = this.deps.analysis();
      const follicles = usesMatch(zones)
        ? await analysis?.follicleAnalysis(studioId, row.photoId)
        : undefined;
      const hair = await analysis?.clientHair(studioId, row.photoId);
      // Decoded in the compute thread into shared memory: it goes back there for the render, the
      // fill scores and the camouflage without a copy, and the event loop never copies its pixels.
      const encoded = await blobs.get(photo.sha256);
      const original = await this.deps.compute.run('decodeShared', [encoded], undefined, {
        handOver: [encoded],
      });
      const notes = photoNotes(original, photo, zones);
      const rendered = await renderZones(original, zones, {
        ...(follicles ? { analysis: follicles } : {}),
        ...(hair ? { hair } : {}),
        compute: this.deps.compute,
        onProgress: (progress) =>
          db.withStudio(studioId, (tx) => previewRepository.updateRender(tx, renderId, { progress })),
      });
      const stages: StoredStage[] = [];
      for (const s of rendered.stages) {
        const full = await blobs.put(s.full);
        const preview = await blobs.put(s.preview);
        stages.push({
          name: s.name,
          look: s.look,
          afterSession: s.afterSession,
          years: s.years,
          scarRetention: s.scarRetention,
          width: s.width,
          height: s.height,
          bytes: full.bytes,
          sha256: full.sha256,
          previewSha256: preview.sha256,
        });
      }
      const fills = await this.deps.compute.run('fillMatches', [
        zones,
        { healed: rendered.healed, summary: rendered.summary },
        original,
        hair,
      ]);
      let camouflage: StoredScore[] | null = fills.length ? fills : null;
      if (zones.zones.some((z) => z.kind === 'scar')) {
        if (analysis) {
          const measured = await analysis.camouflage({
            studioId,
            photoId: row.photoId,
            before: original,
            after: rendered.healed,
            zones,
          });
          if (measured.scores) camouflage = [...measured.scores, ...fills];
          notes.push(...measured.notes);
        } else notes.push(noteOf('camouflageNeedsAnalysis'));
      }
      await db.withStudio(studioId, (tx) =>
        previewRepository.updateRender(tx, renderId, {
          status: 'done',
          progress: 100,
          stages,
          camouflage,
          notes,
          impressions: rendered.impressions,
          finishedAt: new Date(),
        }),
      );
    } catch (err) {
      // The reader gets a note in her language; the exception's own words go to the log only.
      log.error({ err, renderId }, 'preview render failed');
      await this.failRender(studioId, renderId, failureNote(err, row.zones as unknown as ZonesFile));
    }
  }

  /** At start: renders whose job was lost (queued, or running when the server stopped). */
  async queueUnfinishedRenders(): Promise<number> {
    // System: a sweep over every studio's renders. A render running for ten minutes has lost its
    // process (another instance may be running a younger one right now).
    const rows = await this.deps.db.asSystem((tx) =>
      previewRepository.listUnfinished(tx, new Date(Date.now() - 10 * 60_000)),
    );
    for (const r of rows) {
      await this.deps.db.withStudio(r.studioId, (tx) =>
        previewRepository.updateRender(tx, r.id, { status: 'queued', progress: 0 }),
      );
      await this.queueRender(r.studioId, r.id);
    }
    return rows.length;
  }

  private async failRender(studioId: string, renderId: string, error: Note): Promise<void> {
    await this.deps.db.withStudio(studioId, (tx) =>
      previewRepository.updateRender(tx, renderId, { status: 'failed', error, finishedAt: new Date() }),
    );
  }

  private async queueRender(studioId: string, renderId: string): Promise<void> {
    try {
      await this.deps.jobs()?.send(PREVIEW_RENDER_JOB, { studioId, renderId }, { singletonKey: renderId });
    } catch (err) {
      // The start-up sweep picks it up again.
      this.deps.log.error({ err, renderId }, 'could not queue the preview render');
    }
  }
}
