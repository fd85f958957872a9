// Outcomes of sessions: a healed follow-up photo measured zone by zone against the preview's
// prediction on the earlier photo of the same view (core measureOutcome), stored with the skin
// type so that the studio learns its retention per scar texture and skin type; the planner reads
// both (outcomeFactsFor). Clinical records: owners and artists only, every read audited.
import {
  Assessment,
  IDENTITY,
  measureOutcome,
  OutcomeInputError,
  SCAR_RETENTION,
  scarId,
  STUDIO_RETENTION_MIN_CASES,
  ZonesFile,
  type OutcomeFactsInput,
  type RecordOutcomeRequest,
  type SessionOutcome,
  type SessionOutcomeList,
  type StudioRetention,
  type ZoneOutcomeView,
} from '@stipple/core';
import { audit } from '../audit/audit-trail.js';
import { alignmentRepository } from '../alignment/alignment.repository.js';
import type { Actor } from '../auth/actor.js';
import { CLINICAL, requireRole } from '../auth/roles.js';
import type { BlobStore } from '../blobs/blob-store.js';
import { consultationRepository } from '../consultations/consultation.repository.js';
import type { Database, Tx } from '../db/database.js';
import { bodyField, invalid, notFound, unprocessable } from '../http/app-error.js';
import { decodeRgb } from '../media/image-processing.js';
import { requireLaterOfSameView } from '../photos/photo-pair.js';
import { photoRepository } from '../photos/photo.repository.js';
import { usesMatch, type AnalysisAccess } from '../previews/preview.service.js';
import { previewRepository } from '../previews/preview.repository.js';
import { outcomeRepository, type OutcomeView } from './outcome.repository.js';

const toOutcome = (row: OutcomeView): SessionOutcome => ({
  id: row.id,
  clientId: row.clientId,
  photoId: row.photoId,
  earlierPhotoId: row.earlierPhotoId,
  view: row.view as SessionOutcome['view'],
  afterSession: row.afterSession,
  takenOn: row.takenOn,
  earlierTakenOn: row.earlierTakenOn,
  transform: row.transform,
  fitzpatrick: row.fitzpatrick,
  densityMeasured: row.densityMeasured,
  zones: row.zones as ZoneOutcomeView[],
  createdAt: row.createdAt.toISOString(),
});

/** The client's skin type from their latest consultation that records one. */
async function fitzpatrickOf(tx: Tx, clientId: string): Promise<number | null> {
  for (const c of await consultationRepository.listByClient(tx, clientId)) {
    const parsed = Assessment.safeParse(c.assessment);
    if (parsed.success && parsed.data.fitzpatrick !== undefined) return parsed.data.fitzpatrick;
  }
  return null;
}

export class OutcomeService {
  constructor(
    private readonly deps: { db: Database; blobs: BlobStore; analysis: () => AnalysisAccess | undefined },
  ) {}

  /** Measures the follow-up photo `photoId` against the earlier photo's zones and records it. */
  async record(actor: Actor, photoId: string, request: RecordOutcomeRequest): Promise<SessionOutcome> {
    requireRole(actor, CLINICAL);
    const { db, blobs } = this.deps;
    const found = await db.withStudio(actor.studioId, async (tx) => {
      const later = await photoRepository.findById(tx, photoId);
      if (!later) throw notFound('photo');
      const earlier = await photoRepository.findById(tx, request.earlierPhotoId);
      if (!earlier || earlier.clientId !== later.clientId)
        throw unprocessable('invalid_photo', 'unknownPhoto', {}, [bodyField('earlierPhotoId', 'invalid')]);
      requireLaterOfSameView(earlier, later, 'earlierPhotoId');
      const zonesRow = await previewRepository.findZones(tx, earlier.id);
      if (!zonesRow)
        throw unprocessable('no_zones', 'noZonesOnEarlier', {}, [bodyField('earlierPhotoId', 'invalid')]);
      return {
        later,
        earlier,
        // The artist's transform, else the stored alignment of the follow-up onto that photo.
        transform: request.transform ??
          (await alignmentRepository.doneTransform(tx, later.id, earlier.id)) ?? [...IDENTITY],
        zones: ZonesFile.parse(zonesRow.zones),
        fitzpatrick: await fitzpatrickOf(tx, later.clientId),
      };
    });
    const { later, earlier, transform, zones, fitzpatrick } = found;
    if (request.afterSession > zones.sessions)
      throw invalid([bodyField('afterSession', 'notAPlanSession', { max: zones.sessions })]);
    const analysis = this.deps.analysis();
    const [earlierPixels, laterPixels, follicles, hair] = await Promise.all([
      blobs.get(earlier.sha256).then((b) => decodeRgb(b)),
      blobs.get(later.sha256).then((b) => decodeRgb(b)),
      // As the preview's render read them (PreviewService.runRender), so that the prediction is the one the client saw.
      usesMatch(zones) ? analysis?.follicleAnalysis(actor.studioId, earlier.id) : undefined,
      analysis?.clientHair(actor.studioId, earlier.id),
    ]);
    let measured;
    try {
      measured = measureOutcome({
        earlier: earlierPixels,
        followUp: laterPixels,
        followUpToEarlier: transform,
        zones,
        afterSession: request.afterSession,
        ...(follicles ? { analysis: follicles } : {}),
        ...(hair ? { hair } : {}),
      });
    } catch (err) {
      if (err instanceof OutcomeInputError && err.field === 'followUpToEarlier')
        throw invalid([bodyField('transform', 'notInvertible')]);
      throw err;
    }
    return db.withStudio(actor.studioId, async (tx) => {
      const id = await outcomeRepository.replace(tx, {
        studioId: actor.studioId,
        clientId: later.clientId,
        photoId: later.id,
        earlierPhotoId: earlier.id,
        afterSession: request.afterSession,
        transform,
        fitzpatrick,
        densityMeasured: measured.densityMeasured,
        zones: measured.zones,
        createdBy: actor.userId,
      });
      await audit(tx, actor, 'outcome.record', 'session_outcome', id, {
        clientId: later.clientId,
        photoId: later.id,
        zones: measured.zones.length,
      });
      return toOutcome((await outcomeRepository.findById(tx, id))!);
    });
  }

  async listByClient(actor: Actor, clientId: string): Promise<SessionOutcomeList> {
    requireRole(actor, CLINICAL);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const rows = await outcomeRepository.listByClient(tx, clientId);
      await audit(tx, actor, 'outcome.list', 'client', clientId, { count: rows.length });
      return { items: rows.map(toOutcome) };
    });
  }

  /** The studio's retention per scar texture and skin type, beside the product's defaults. */
  async studioRetention(actor: Actor): Promise<StudioRetention> {
    requireRole(actor, CLINICAL);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const rows = await outcomeRepository.studioRetention(tx);
      await audit(tx, actor, 'outcome.retention', 'studio', actor.studioId);
      return {
        minCases: STUDIO_RETENTION_MIN_CASES,
        rows: rows.flatMap((r) =>
          r.texture in SCAR_RETENTION
            ? [
                {
                  texture: r.texture as keyof typeof SCAR_RETENTION,
                  fitzpatrick: r.fitzpatrick,
                  percent: r.percent,
                  cases: r.cases,
                  defaultPercent: Math.round(SCAR_RETENTION[r.texture as keyof typeof SCAR_RETENTION] * 100),
                  used: r.cases >= STUDIO_RETENTION_MIN_CASES,
                },
              ]
            : [],
        ),
      };
    });
  }
}

/**
 * What the planner reads of outcomes for a client's assessment: the retention the latest
 * follow-up measured in each scar zone, given to the scar with the zone's id, else to the scars of
 * the zone's texture (a single scar takes any scar zone), unless it is uncertain; and the studio's figures that rest on
 * enough cases.
 */
export async function outcomeFactsFor(
  tx: Tx,
  clientId: string,
  assessment: Assessment,
): Promise<OutcomeFactsInput> {
  const scars = (assessment.scars ?? []).map((s, i) => ({ id: scarId(s, i), texture: s.texture }));
  const measured: NonNullable<OutcomeFactsInput['measured']>[number][] = [];
  const latest = (await outcomeRepository.listByClient(tx, clientId))[0];
  for (const zone of (latest?.zones ?? []) as ZoneOutcomeView[]) {
    // A measurement the noise could explain does not change a plan.
    if (zone.kind !== 'scar' || zone.retention === null || zone.notes.includes('uncertain')) continue;
    const byId = scars.filter((s) => s.id === zone.zoneId);
    const targets = byId.length
      ? byId
      : scars.length === 1
        ? scars
        : scars.filter((s) => s.texture === zone.texture);
    for (const s of targets) measured.push({ scar: s.id, percent: zone.retention * 100 });
  }
  const studio = (await outcomeRepository.studioRetention(tx)).filter(
    (r) => r.cases >= STUDIO_RETENTION_MIN_CASES,
  );
  return { measured, studio };
}
