/**
 * `"densityPerCm2": "match"` on a scar: the follicle density of the client's own scalp in a ring
 * round it (outside its feather), measured where the photo analysis resolves follicles. Never a
 * photo-wide figure: a junk analysis of a blurred or noisy photo has a median of its own that has
 * nothing to do with the hair round this scar, so where the ring is not resolved, or holds too few
 * follicles to count, "match" is refused with the reason and the artist gives a number.
 */
import { boundingBox, rasterizePolygon, type Vec2 } from '../geometry/polygon.js';
import { signedDistance } from '../geometry/distance-transform.js';

/** What "match" reads of a photo analysis (the `stipple analyze` output or the stored one). */
export interface FollicleAnalysis {
  follicles?: readonly { x: number; y: number }[];
  /**
   * The analysis's density map: follicles per cm² per cell, null where the photo does not resolve
   * follicles. Without it (an older analysis) every follicle-free part of the ring counts as bare.
   */
  densityMap?: {
    originX: number;
    originY: number;
    cellPx: number;
    cols: number;
    rows: number;
    perCm2: readonly (number | null)[];
  } | null;
}

/** Ring round a scar where "match" counts follicles, outside its feather (mm). */
export const MATCH_RING_MM = 5;
/**
 * The resolved part of the ring must be at least this share of it and this area (a count over
 * half a square centimetre), and hold at least MIN_FOLLICLES.
 */
const MIN_RESOLVED_SHARE = 0.25;
const MIN_RESOLVED_CM2 = 0.5;
const MIN_FOLLICLES = 5;
/** The densest a zone may be (the zones schema's bound); more round a scar is a detection error. */
const MAX_PER_CM2 = 200;

export type MatchDensity =
  | { ok: true; perCm2: number; resolvedShare: number; follicles: number }
  | {
      ok: false;
      reason: string;
      /** For the apps' own words: why, and its figures. */
      code: 'match-no-analysis' | 'match-unresolved' | 'match-too-few' | 'match-too-dense';
      params: Record<string, number>;
    };

/** Follicles per cm² in the ring round `polygon` (photo pixels), or why there is no such figure. */
export function matchDensity(
  polygon: readonly Vec2[],
  pxPerMm: number,
  analysis: FollicleAnalysis | undefined,
  featherMm: number,
): MatchDensity {
  if (!analysis)
    return {
      ok: false,
      code: 'match-no-analysis',
      params: {},
      reason:
        'is "match", which needs a photo analysis (--analysis analysis.json) to measure the follicle density round the scar',
    };
  const box = boundingBox(polygon);
  const margin = (featherMm + MATCH_RING_MM) * pxPerMm;
  const x0 = Math.floor(box.x0 - margin);
  const y0 = Math.floor(box.y0 - margin);
  const cell = pxPerMm / 2; // 0.5 mm cells are enough to measure a ring's area
  const gw = Math.ceil((box.x1 + margin - x0) / cell) + 1;
  const gh = Math.ceil((box.y1 + margin - y0) / cell) + 1;
  const mask = new Uint8Array(gw * gh);
  rasterizePolygon(
    mask,
    gw,
    gh,
    polygon.map(([x, y]) => [x - x0, y - y0] as const),
    1 / cell,
  );
  const sd = signedDistance(mask, gw, gh);
  const map = analysis.densityMap;
  const resolvedAt = (x: number, y: number) => {
    if (!map) return true;
    const c = Math.floor((x - map.originX) / map.cellPx);
    const r = Math.floor((y - map.originY) / map.cellPx);
    if (c < 0 || r < 0 || c >= map.cols || r >= map.rows) return false;
    return map.perCm2[r * map.cols + c] != null;
  };
  // 1 in the ring where resolved, 2 in the ring where not.
  const ring = new Uint8Array(gw * gh);
  let ringCells = 0;
  let resolvedCells = 0;
  for (let gy = 0, i = 0; gy < gh; gy++)
    for (let gx = 0; gx < gw; gx++, i++) {
      const mm = (sd[i]! * cell) / pxPerMm;
      if (mm < featherMm || mm >= featherMm + MATCH_RING_MM) continue;
      ringCells++;
      if (resolvedAt(x0 + (gx + 0.5) * cell, y0 + (gy + 0.5) * cell)) {
        ring[i] = 1;
        resolvedCells++;
      } else ring[i] = 2;
    }
  const resolvedShare = ringCells ? resolvedCells / ringCells : 0;
  const percent = Math.round(resolvedShare * 100);
  const resolvedCm2 = (resolvedCells * cell * cell) / (pxPerMm * pxPerMm * 100);
  if (resolvedShare < MIN_RESOLVED_SHARE || resolvedCm2 < MIN_RESOLVED_CM2)
    return {
      ok: false,
      code: 'match-unresolved',
      params: { percent, cm2: Math.round(resolvedCm2 * 10) / 10 },
      reason: `is "match", but the photo resolves follicles on only ${percent} % (${Math.round(resolvedCm2 * 10) / 10} cm²) of the scalp round this scar (blur, noise, glare or background), too little to measure: give a number, or analyse a sharp close-up`,
    };
  let count = 0;
  for (const f of analysis.follicles ?? []) {
    const gx = Math.floor((f.x - x0) / cell);
    const gy = Math.floor((f.y - y0) / cell);
    if (gx >= 0 && gy >= 0 && gx < gw && gy < gh && ring[gy * gw + gx] === 1) count++;
  }
  if (count < MIN_FOLLICLES)
    return {
      ok: false,
      code: 'match-too-few',
      params: { count },
      reason: `is "match", but the analysis found ${count} follicle(s) on the resolved scalp round this scar, too few to measure a density: give a number`,
    };
  const perCm2 = count / resolvedCm2;
  if (perCm2 > MAX_PER_CM2)
    return {
      ok: false,
      code: 'match-too-dense',
      params: { perCm2: Math.round(perCm2), max: MAX_PER_CM2 },
      reason: `is "match", but the analysis counts ${Math.round(perCm2)} follicles per cm² round this scar, more than a scalp carries (at most ${MAX_PER_CM2}): check the photo's calibration, or give a number`,
    };
  return { ok: true, perCm2: Math.max(1, perCm2), resolvedShare, follicles: count };
}
