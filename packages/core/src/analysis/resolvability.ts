/**
 * Does each region of the photo let follicles be told apart? A wrong density is worse than none,
 * so every tile gets a status and, when unresolved, the measured reason:
 *
 * - pixel-scale (too far): under 8 px/mm a 0.2 mm opening spans under 2 px;
 * - not-scalp: less than half of the tile is scalp on the head and scalp map;
 * - overexposed: a highlight clips the sensor over much of the tile;
 * - blur: the tile's finest structures are wider than the sharp photos' (over 0.21 mm σ, so that
 *   two openings 0.4-0.5 mm apart blur into one: Sparrow's limit for spots 2σ apart), measured
 *   from the image (sharpness.ts), whether from focus, motion or a phone's denoising;
 * - noise: the tile's noise floor is so high that neither an opening nor a hair shaft 30 % off the
 *   skin's tone would clear the detector's thresholds (in glare the floor is the flecks' texture, which the pore
 *   detector handles on its own terms, so glare is not called noisy);
 * - no-detail: nothing to measure sharpness by (too little scalp in reach).
 *
 * Focus and noise vary slowly across a head: the per-tile measures are already medians over their
 * 3 × 3 neighbourhood, so one odd tile does not flip.
 */
import { LINE_HIGH_SNR, PORE_MIN_SNR } from './follicle-detector.js';
import type { TileGrid } from './tile-grid.js';

export type RegionStatus =
  | 'resolved'
  | 'pixel-scale'
  | 'blur'
  | 'noise'
  | 'no-detail'
  | 'not-scalp'
  /** Written by analyses made before the scalp map; new analyses say "not-scalp". */
  | 'not-skin'
  | 'overexposed';

/** Below this a follicle opening of 0.2 mm spans under 2 px. */
export const MIN_PX_PER_MM = 8;
/**
 * Finest structures wider than this (Gaussian σ, mm) cannot be told apart at follicle spacing.
 * Measured finest-detail widths: 0.13-0.21 mm on sharp phone photos and synthetic scalps (the crown
 * fixture's 90th percentile 0.207), 0.21-0.30 mm where a phone was out of focus or its denoising
 * smeared the skin (the diffuse top fixture: 90 % of its tiles above 0.21, its median 0.27).
 */
export const BLUR_LIMIT_MM = 0.21;
/** Reference opening for the noise test: Gaussian σ 0.085 mm (0.2 mm across at half depth), 30 % darker. */
const REFERENCE_SIGMA_MM = 0.085;
const REFERENCE_CONTRAST = 0.3;
/** Reference hair shaft: Gaussian σ 0.05 mm (0.12 mm wide at half contrast), 30 % off the skin. */
const REFERENCE_SHAFT_SIGMA_MM = 0.05;
const MAX_CLIPPED_SHARE = 0.5;
/**
 * Tiles (each way) within which a resolved tile must hold at least one follicle structure: 5 × 5
 * tiles of 3 mm hold about twenty follicles on the sparsest scalp that is still counted (10/cm²).
 */
const EVIDENCE_REACH_TILES = 2;
/** A resolved region smaller than this (mm²) amid unresolved scalp is not believed (see dissolveIslands). */
const MIN_ISLAND_MM2 = 100;
/**
 * Nor one under this share of the scalp: a phone's depth of field spans the curve of a head, so a
 * sharp sliver of an otherwise blurred scalp is something else in the focal plane (a shirt's print
 * the map took for scalp, a hand), not scalp.
 */
const MIN_ISLAND_SHARE = 0.05;
/** A tile without structures whose finest detail is this wide (σ, mm) or wider is called blurred. */
const SOFT_MM = 0.17;
/** A tile belongs to the scalp when at least half of it is scalp on the map. */
const MIN_SCALP_SHARE = 0.5;

export interface TileResolvability {
  status: RegionStatus;
  /** Effective width of the finest structures (Gaussian σ, mm); null when unmeasured. */
  blurMm: number | null;
  /** The same as a diameter at half depth (mm). */
  spotMm: number | null;
  /** Expected signal-to-noise of the reference opening in this tile. */
  referenceSnr: number;
}

export interface ResolvabilityInput {
  grid: TileGrid;
  /** Working pixels per mm. */
  pxPerMm: number;
  /** Effective structure width per tile (working px, sharpness.ts). */
  structureWidth: Float32Array;
  /** Noise floor per tile at the pore scale, and that scale (working px). */
  poreNoise: Float32Array;
  poreSigma: number;
  /** Noise floor per tile at the shaft scale, and that scale (working px). */
  lineNoise: Float32Array;
  lineSigma: number;
  scalpShare: Float32Array;
  /**
   * Follicle structures (shafts and openings, resolved or not) found per tile. A region where
   * nothing at all was found within reach shows no detail the sharpness or noise measures can
   * vouch for: a smooth blur or a phone's denoising leaves exactly that.
   */
  structures: Float32Array;
  clipped: Float32Array;
  glare: Float32Array;
  glareShare: number;
}

/**
 * Peak dark-spot response (smaller Hessian eigenvalue × σp²) of a Gaussian dip of depth c and
 * σ0, seen at scale σp.
 */
export function expectedSpotResponse(contrast: number, sigma0: number, sigmaP: number): number {
  const v = sigma0 * sigma0 + sigmaP * sigmaP;
  return (contrast * sigma0 * sigma0 * sigmaP * sigmaP) / (v * v);
}

/** Peak line response (largest curvature × σh²) of a Gaussian line profile of depth c and σ0 at scale σh. */
export function expectedLineResponse(contrast: number, sigma0: number, sigmaH: number): number {
  const v = sigma0 * sigma0 + sigmaH * sigmaH;
  return (contrast * sigma0 * sigmaH * sigmaH) / Math.pow(v, 1.5);
}

export function assessResolvability(input: ResolvabilityInput): TileResolvability[] {
  const { grid, pxPerMm } = input;
  const reference = expectedSpotResponse(REFERENCE_CONTRAST, REFERENCE_SIGMA_MM * pxPerMm, input.poreSigma);
  // A shaft is found when somewhere along it the response reaches the high threshold: over the
  // n ≈ 1 mm of pixels of a short hair, noise lifts at least one of them by z with even odds,
  // where Φ(z) = 0.5^(1/n).
  const n = Math.max(1, Math.round(pxPerMm));
  const shaftNeeded = LINE_HIGH_SNR + inverseNormal(Math.pow(0.5, 1 / n));
  const shaftReference = expectedLineResponse(
    REFERENCE_CONTRAST,
    REFERENCE_SHAFT_SIGMA_MM * pxPerMm,
    input.lineSigma,
  );
  const evidence = neighbourhoodSums(grid, input.structures, EVIDENCE_REACH_TILES);
  const out: TileResolvability[] = [];
  for (let k = 0; k < grid.cols * grid.rows; k++) {
    const width = input.structureWidth[k]!;
    const blurMm = Number.isFinite(width) ? width / pxPerMm : Number.isNaN(width) ? null : Infinity;
    const noise = input.poreNoise[k]!;
    const referenceSnr = noise > 0 ? reference / noise : 0;
    const lineNoise = input.lineNoise[k]!;
    // a tile where neither a clear opening nor a clear shaft would pass the detector is noise
    const visible =
      referenceSnr >= PORE_MIN_SNR || (lineNoise > 0 && shaftReference / lineNoise >= shaftNeeded);
    const tile: TileResolvability = {
      status: 'resolved',
      blurMm: blurMm === Infinity ? null : blurMm,
      spotMm: blurMm === null || blurMm === Infinity ? null : 2.355 * blurMm,
      referenceSnr,
    };
    if (input.scalpShare[k]! < MIN_SCALP_SHARE) tile.status = 'not-scalp';
    else if (input.clipped[k]! > MAX_CLIPPED_SHARE) tile.status = 'overexposed';
    else if (blurMm === null) tile.status = 'no-detail';
    else if (blurMm > BLUR_LIMIT_MM) tile.status = 'blur';
    else if (input.glare[k]! < input.glareShare && !visible) tile.status = 'noise';
    else if (evidence[k] === 0) tile.status = blurMm > SOFT_MM ? 'blur' : 'no-detail';
    out.push(tile);
  }
  const scalpTiles = out.filter((t) => t.status !== 'not-scalp').length;
  dissolveIslands(
    grid,
    out,
    Math.max(
      Math.ceil(MIN_ISLAND_MM2 / (grid.size / pxPerMm) ** 2),
      Math.ceil(MIN_ISLAND_SHARE * scalpTiles),
    ),
  );
  return out;
}

/**
 * Resolved islands under `minTiles` take the commonest reason of the unresolved scalp around them:
 * a few tiles that pass amid a blurred or noisy photo are chance, not a sharp region.
 */
function dissolveIslands(grid: TileGrid, tiles: TileResolvability[], minTiles: number): void {
  const seen = new Uint8Array(tiles.length);
  for (let start = 0; start < tiles.length; start++) {
    if (seen[start] || tiles[start]!.status !== 'resolved') continue;
    const island: number[] = [start];
    seen[start] = 1;
    const reasons = new Map<RegionStatus, number>();
    for (let q = 0; q < island.length; q++) {
      const k = island[q]!;
      const c = k % grid.cols;
      const r = (k - c) / grid.cols;
      for (const [dc, dr] of [
        [1, 0],
        [-1, 0],
        [0, 1],
        [0, -1],
      ] as const) {
        const cc = c + dc;
        const rr = r + dr;
        if (cc < 0 || rr < 0 || cc >= grid.cols || rr >= grid.rows) continue;
        const j = rr * grid.cols + cc;
        const status = tiles[j]!.status;
        if (status === 'resolved') {
          if (!seen[j]) {
            seen[j] = 1;
            island.push(j);
          }
        } else if (status !== 'not-scalp') reasons.set(status, (reasons.get(status) ?? 0) + 1);
      }
    }
    if (island.length >= minTiles || reasons.size === 0) continue;
    const reason = [...reasons.entries()].sort((a, b) => b[1] - a[1])[0]![0];
    for (const k of island) tiles[k]!.status = reason;
  }
}

/** Sum of `values` over each tile's (2·reach + 1)² neighbourhood. */
function neighbourhoodSums(grid: TileGrid, values: Float32Array, reach: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let r = 0; r < grid.rows; r++)
    for (let c = 0; c < grid.cols; c++) {
      let sum = 0;
      for (let rr = Math.max(0, r - reach); rr <= Math.min(grid.rows - 1, r + reach); rr++)
        for (let cc = Math.max(0, c - reach); cc <= Math.min(grid.cols - 1, c + reach); cc++)
          sum += values[rr * grid.cols + cc]!;
      out[r * grid.cols + c] = sum;
    }
  return out;
}

/** Φ⁻¹(p): the standard normal quantile (Acklam's rational approximation, |error| < 1.2e-9). */
export function inverseNormal(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  if (p > 1 - lo) return -inverseNormal(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}
