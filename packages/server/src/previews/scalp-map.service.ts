// The head and scalp map of a photo: the automatic one the analysis job stores with the analysis,
// and the artist's correction saved with the photo's zones (same version, same audit trail).
// The analysis, the "match" density of the preview and the camouflage score all work inside the
// corrected map when there is one: saving a new correction runs the analysis again.
import {
  decodeScalpMap,
  type PhotoAnalysis,
  type PhotoScalpMap,
  type ScalpMap,
  type ScalpMapLabels,
} from '@stipple/core';
import { audit } from '../audit/audit-trail.js';
import type { Actor } from '../auth/actor.js';
import { CLINICAL, requireRole } from '../auth/roles.js';
import type { BlobStore } from '../blobs/blob-store.js';
import type { Database, Tx } from '../db/database.js';
import { bodyField, invalid, notFound } from '../http/app-error.js';
import { photoRepository } from '../photos/photo.repository.js';
import { previewRepository, type AnalysisRow } from './preview.repository.js';
import { encodedOf, getLabels, labelsOf, putLabels } from './scalp-map-labels.js';

/** What the analysis row's summary keeps of the automatic map (the labels are a blob). */
export interface StoredMapSize {
  width: number;
  height: number;
  factor: number;
}

export function automaticMapSize(row: AnalysisRow | undefined): StoredMapSize | null {
  if (!row?.scalpMapSha256) return null;
  const size = (row.summary as { scalpMap?: StoredMapSize } | null)?.scalpMap;
  return size ?? null;
}

/**
 * The artist's map as sent with the zones, checked against the automatic map of the photo and
 * stored: the blob of the labels, null to remove the correction, undefined when left out.
 */
export async function storeCorrection(
  tx: Tx,
  blobs: BlobStore,
  photoId: string,
  sent: ScalpMapLabels | null | undefined,
): Promise<string | null | undefined> {
  if (sent === undefined || sent === null) return sent;
  const size = automaticMapSize(await previewRepository.findAnalysis(tx, photoId));
  if (!size) throw invalid([bodyField('scalpMap', 'mapNeedsAnalysis')]);
  const labels = labelsOf(sent, size);
  if (Array.isArray(labels)) throw invalid(labels);
  return putLabels(blobs, labels);
}

/**
 * Stores the automatic map of a finished analysis as a label PNG; the summary keeps its size.
 * Without a correction the analysis refines the map it worked in: that one is the automatic map.
 */
export async function storeAutomaticMap(
  blobs: BlobStore,
  result: PhotoAnalysis,
  automatic: ScalpMap | null,
): Promise<{ sha256: string; size: StoredMapSize }> {
  const map = automatic ?? decodeScalpMap(result.scalpMap);
  const sha256 = await putLabels(blobs, { width: map.width, height: map.height, data: map.classes });
  return { sha256, size: { width: map.width, height: map.height, factor: map.factor } };
}

export class ScalpMapService {
  constructor(private readonly deps: { db: Database; blobs: BlobStore }) {}

  async get(actor: Actor, photoId: string): Promise<PhotoScalpMap> {
    requireRole(actor, CLINICAL);
    const found = await this.deps.db.withStudio(actor.studioId, async (tx) => {
      const photo = await photoRepository.findById(tx, photoId);
      if (!photo) throw notFound('photo');
      const analysis = await previewRepository.findAnalysis(tx, photoId);
      const zones = await previewRepository.findZones(tx, photoId);
      await audit(tx, actor, 'scalp_map.read', 'photo', photoId, {
        clientId: photo.clientId,
        version: zones?.version ?? 0,
      });
      return { analysis, zones };
    });
    const size = automaticMapSize(found.analysis);
    const automatic = size
      ? {
          ...encodedOf(await getLabels(this.deps.blobs, found.analysis!.scalpMapSha256!)),
          factor: size.factor,
        }
      : null;
    const correctionSha = found.zones?.scalpMapSha256;
    return {
      photoId,
      automatic,
      corrected: correctionSha ? encodedOf(await getLabels(this.deps.blobs, correctionSha)) : null,
      version: found.zones?.version ?? 0,
    };
  }
}
