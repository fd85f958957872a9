/** Resolvability tiles as the analysis reports them: regions in photo pixels, counts and notes. */
import type { Roi } from './analysis-input.js';
import type { RegionAssessment } from './analysis-result.js';
import { noteOf, UNRESOLVED_CAUSES, type Note } from '../domain/note.schema.js';
import type { RegionStatus, TileResolvability } from './resolvability.js';
import { tileRect, type TileGrid } from './tile-grid.js';

/** Mean of `fn` (photo coordinates) over a 3 × 3 sample of each tile of a working-pixel grid. */
export function tileMeans(
  grid: TileGrid,
  factor: number,
  roi: Roi,
  fn: (x: number, y: number) => number,
): Float32Array {
  const out = new Float32Array(grid.cols * grid.rows);
  for (let k = 0; k < out.length; k++) {
    const rect = tileRect(grid, k);
    let sum = 0;
    for (let sy = 0; sy < 3; sy++)
      for (let sx = 0; sx < 3; sx++)
        sum += fn(
          roi.x + (rect.x + ((sx + 0.5) / 3) * rect.w) * factor,
          roi.y + (rect.y + ((sy + 0.5) / 3) * rect.h) * factor,
        );
    out[k] = sum / 9;
  }
  return out;
}

export function regionOf(
  grid: TileGrid,
  k: number,
  roi: Roi,
  factor: number,
  tile: TileResolvability,
): RegionAssessment {
  const rect = tileRect(grid, k);
  return {
    x: Math.round(roi.x + rect.x * factor),
    y: Math.round(roi.y + rect.y * factor),
    w: Math.round(rect.w * factor),
    h: Math.round(rect.h * factor),
    status: tile.status,
    blurMm: tile.blurMm === null ? null : round3(tile.blurMm),
    spotMm: tile.spotMm === null ? null : round3(tile.spotMm),
    referenceSnr: Math.round(tile.referenceSnr * 100) / 100,
  };
}

export function countStatuses(regions: readonly RegionAssessment[]): Partial<Record<RegionStatus, number>> {
  const counts: Partial<Record<RegionStatus, number>> = {};
  for (const r of regions) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

export function resolvabilityNotes(
  counts: Partial<Record<RegionStatus, number>>,
  scalpTiles: number,
  tiles: readonly TileResolvability[],
): Note[] {
  if (scalpTiles === 0) return [noteOf('noScalpInRegion')];
  const unresolved = scalpTiles - (counts.resolved ?? 0);
  if (unresolved === 0) return [];
  // The regions of each cause, and for blur the median finest detail: the apps word them.
  const params: Note['params'] = { share: Math.round((100 * unresolved) / scalpTiles) };
  for (const [status, param] of UNRESOLVED_CAUSES) if (counts[status]) params[param] = counts[status];
  const widths = tiles
    .filter((t) => t.status === 'blur' && t.blurMm !== null)
    .map((t) => t.blurMm!)
    .sort((a, b) => a - b);
  if (counts.blur && widths.length) params.blurMm = Math.round(widths[widths.length >> 1]! * 100) / 100;
  return [noteOf('unresolved', params)];
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}
