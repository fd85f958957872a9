// The API's view of zones and renders, made from their rows.
import type {
  FillMatchScore,
  PhotoZones,
  PreviewRender,
  ScarCamouflageScore,
  ZonesFile,
} from '@stipple/core';
import type { RenderView, StoredStage, ZonesView } from './preview.repository.js';

export type StoredScore = (ScarCamouflageScore & { kind?: 'scar' }) | (FillMatchScore & { kind: 'fill' });

/** The scar scores and fill matches a render's JSON column holds. */
export function scoresOf(row: { camouflage: unknown }): {
  scars: ScarCamouflageScore[] | null;
  fills: FillMatchScore[];
} {
  const all = row.camouflage as StoredScore[] | null;
  if (!all) return { scars: null, fills: [] };
  const scars: ScarCamouflageScore[] = [];
  const fills: FillMatchScore[] = [];
  for (const { kind, ...score } of all) {
    if (kind === 'fill') fills.push(score as FillMatchScore);
    else scars.push(score as ScarCamouflageScore);
  }
  return { scars: scars.length || !fills.length ? scars : null, fills };
}

export const toRender = (row: RenderView): PreviewRender => ({
  id: row.id,
  photoId: row.photoId,
  clientId: row.clientId,
  zonesVersion: row.zonesVersion,
  status: row.status,
  progress: row.progress,
  stages: (row.stages as StoredStage[]).map((s) => ({
    name: s.name,
    look: s.look,
    afterSession: s.afterSession,
    years: s.years,
    scarRetention: s.scarRetention ?? (s.look === 'healed' ? 'expected' : null),
    width: s.width,
    height: s.height,
    bytes: s.bytes,
  })),
  // One JSON column holds both: scar scores, and fill matches marked `kind: 'fill'`.
  camouflage: scoresOf(row).scars,
  fillMatches: scoresOf(row).fills,
  notes: row.notes,
  error: row.error,
  impressions: row.impressions,
  createdBy: row.createdBy ? { id: row.createdBy, name: row.createdByName ?? '' } : null,
  createdAt: row.createdAt.toISOString(),
  startedAt: row.startedAt?.toISOString() ?? null,
  finishedAt: row.finishedAt?.toISOString() ?? null,
});

export const toPhotoZones = (
  photo: { id: string; clientId: string },
  zones: ZonesView | undefined,
  latest: RenderView | undefined,
): PhotoZones => ({
  photoId: photo.id,
  clientId: photo.clientId,
  zones: (zones?.zones as ZonesFile | undefined) ?? null,
  version: zones?.version ?? 0,
  updatedBy: zones?.updatedBy ? { id: zones.updatedBy, name: zones.updatedByName ?? '' } : null,
  updatedAt: zones?.updatedAt.toISOString() ?? null,
  latestRender: latest ? toRender(latest) : null,
  scalpMapCorrected: Boolean(zones?.scalpMapSha256),
});
