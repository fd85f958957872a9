/**
 * Does each region of the photo resolve structures the size of a follicle opening? A wrong density
 * is worse than none, so every tile gets a status and, when unresolved, the measured reason:
 *
 * - pixel-scale: below 8 px/mm a 0.2 mm opening is under 2 px: nothing to detect;
 * - not-scalp / overexposed: less than half of the tile is scalp on the head and scalp map
 *   (background, clothing, face, neck); or a highlight that clips the sensor;
 * - blur: the dark spots the tile does show peak at scales larger than any follicle (the
 *   scale-space detector reports where each blob is strongest, so defocus shows up as spots
 *   that are too big); the median spot size gives the blur estimate;
 * - noise: a tile without follicles of its own where even a clear one (0.2 mm across, 30 % darker
 *   than skin, after the measured blur) would not stand out from the noise floor of its DoG bands;
 * - no-detail: too little structure in and around the tile to judge focus by.
 *
 * Tiles with too few spots of their own take the verdict of their neighbours (focus varies slowly
 * across a head), so a bald or scarred patch inside a sharp region stays measurable: zero
 * follicles there is a finding, not a failure.
 */
import type { Blob } from './blob-detector.js';
import { FOLLICLE_SNR, follicleSigmaRange } from './follicle-detector.js';
import type { Shaft } from './shaft-detector.js';
import type { DogLevel } from './scale-space.js';
import type { TileColour } from './tile-colour.js';
import { tileIndexAt, type TileGrid } from './tile-grid.js';

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
/** Reference follicle for the noise test: 0.2 mm across, 30 % darker than the skin around it. */
const REFERENCE_RADIUS_MM = 0.1;
const REFERENCE_CONTRAST = 0.3;
/** A spot counts as evidence when it clears the detection threshold by this factor. */
const EVIDENCE_SNR = 1.5 * FOLLICLE_SNR;
/** Share of too-large spots above which a tile is called blurred. */
const BLURRED_SHARE = 0.6;
const MIN_EVIDENCE = 2;
/** How far (in tiles) a tile without evidence looks for neighbours that have it. */
const NEIGHBOUR_REACH = 3;
const MAX_CLIPPED_SHARE = 0.3;
/** A tile belongs to the scalp when at least half of it is scalp on the map. */
const MIN_SCALP_SHARE = 0.5;

export interface TileResolvability {
  status: RegionStatus;
  /** Estimated blur (Gaussian σ, mm) from the size of the tile's dark spots; null when unmeasured. */
  blurMm: number | null;
  /** Median diameter of the tile's strongest dark spots (mm). */
  spotMm: number | null;
  /** Expected signal-to-noise of the reference follicle in this tile. */
  referenceSnr: number;
  /** Spots of follicle size and larger-than-follicle spots seen in the tile. */
  sharpSpots: number;
  blurredSpots: number;
}

export interface ResolvabilityInput {
  grid: TileGrid;
  pxPerMm: number;
  openings: Blob[];
  tooLarge: Blob[];
  shafts: Shaft[];
  dogs: DogLevel[];
  noise: Float32Array[];
  colour: TileColour;
  /** Share of each tile that is scalp on the head and scalp map. */
  scalpShare: Float32Array;
}

/**
 * Expected peak DoG response of a dark disc (radius r px, Weber contrast c) blurred by σb px, at
 * DoG scale σ: the disc taken as a Gaussian of the same mass (Lindeberg's normalised Laplacian).
 */
function expectedDiscResponse(contrast: number, radius: number, blur: number, sigma: number): number {
  const v0 = (radius * radius) / 2;
  const v = v0 + 0.25 + blur * blur;
  const t = sigma * sigma;
  return ((Math.SQRT2 - 1) * 2 * contrast * v0 * t) / (v + t) ** 2;
}

export function assessResolvability(input: ResolvabilityInput): TileResolvability[] {
  const { grid, pxPerMm, colour } = input;
  const n = grid.cols * grid.rows;
  const [, maxSigma] = follicleSigmaRange(pxPerMm);
  const referenceSigma = REFERENCE_RADIUS_MM * pxPerMm * Math.SQRT1_2;
  const sharp = new Float32Array(n);
  const blurred = new Float32Array(n);
  const spotSigmas: number[][] = Array.from({ length: n }, () => []);
  for (const b of input.openings) {
    if (b.snr < EVIDENCE_SNR) continue;
    const k = tileIndexAt(grid, b.x, b.y);
    sharp[k] = sharp[k]! + 1;
    spotSigmas[k]!.push(b.sigma);
  }
  for (const s of input.shafts) {
    const k = tileIndexAt(grid, s.x, s.y);
    sharp[k] = sharp[k]! + 1;
  }
  for (const b of input.tooLarge) {
    if (b.snr < FOLLICLE_SNR || b.sigma > 4 * maxSigma) continue;
    const k = tileIndexAt(grid, b.x, b.y);
    blurred[k] = blurred[k]! + 1;
    spotSigmas[k]!.push(b.sigma);
  }

  const out: TileResolvability[] = [];
  // 0 unknown, 1 sharp, 2 blurred
  const state = new Uint8Array(n);
  const weight = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    const sigmas = spotSigmas[k]!.sort((a, b) => a - b);
    const median = sigmas.length ? sigmas[sigmas.length >> 1]! : null;
    const blurPx =
      median === null ? null : Math.sqrt(Math.max(0, median * median - referenceSigma * referenceSigma));
    let referenceSnr = 0;
    for (let j = 0; j < input.dogs.length; j++) {
      const nz = input.noise[j]![k]!;
      if (!(nz > 0)) continue;
      const r = expectedDiscResponse(
        REFERENCE_CONTRAST,
        REFERENCE_RADIUS_MM * pxPerMm,
        blurPx ?? 0,
        input.dogs[j]!.sigma,
      );
      referenceSnr = Math.max(referenceSnr, r / nz);
    }
    const tile: TileResolvability = {
      status: 'resolved',
      blurMm: blurPx === null ? null : blurPx / pxPerMm,
      spotMm: median === null ? null : (2 * Math.SQRT2 * median) / pxPerMm,
      referenceSnr,
      sharpSpots: sharp[k]!,
      blurredSpots: blurred[k]!,
    };
    out.push(tile);
    if (pxPerMm < MIN_PX_PER_MM) tile.status = 'pixel-scale';
    else if (input.scalpShare[k]! < MIN_SCALP_SHARE) tile.status = 'not-scalp';
    else if (colour.clipped[k]! > MAX_CLIPPED_SHARE) tile.status = 'overexposed';
    else {
      const total = sharp[k]! + blurred[k]!;
      if (total >= MIN_EVIDENCE) {
        state[k] = blurred[k]! / total > BLURRED_SHARE ? 2 : 1;
        weight[k] = total;
      }
    }
  }
  for (let k = 0; k < n; k++) {
    const tile = out[k]!;
    if (tile.status !== 'resolved') continue;
    const s = neighbourhoodVerdict(state, weight, grid, k);
    if (s === 0) tile.status = 'no-detail';
    else if (s === 2) tile.status = 'blur';
    // A tile that shows follicles of its own is its own proof; one that borrows its neighbours'
    // verdict must at least be quiet enough that a clear follicle would have shown.
    else if (state[k] !== 1 && tile.referenceSnr < FOLLICLE_SNR) tile.status = 'noise';
  }
  // An isolated "sharp" tile in a blurred neighbourhood is a few chance spots, not a focused patch.
  const status = out.map((t) => t.status);
  for (let k = 0; k < n; k++)
    if (status[k] === 'resolved' && countNeighbours(status, grid, k, 'blur') >= 5) out[k]!.status = 'blur';
  // A "noisy" tile amid resolved ones is quiet skin between follicles that its neighbours, at
  // the same noise, show would have been seen.
  for (let k = 0; k < n; k++)
    if (status[k] === 'noise' && countNeighbours(status, grid, k, 'resolved') >= 6)
      out[k]!.status = 'resolved';
  return out;
}

/**
 * Focus varies slowly: a tile's verdict (0 unknown, 1 sharp, 2 blurred) is a vote of its
 * neighbourhood, its own evidence counting most; a tile without evidence looks further.
 */
function neighbourhoodVerdict(state: Uint8Array, weight: Float32Array, grid: TileGrid, k: number): 0 | 1 | 2 {
  const reach = state[k] === 0 ? NEIGHBOUR_REACH : 1;
  const c = k % grid.cols;
  const r = Math.floor(k / grid.cols);
  let wSharp = 0;
  let wBlur = 0;
  for (let dr = -reach; dr <= reach; dr++)
    for (let dc = -reach; dc <= reach; dc++) {
      const rr = r + dr;
      const cc = c + dc;
      if (rr < 0 || cc < 0 || rr >= grid.rows || cc >= grid.cols) continue;
      const j = rr * grid.cols + cc;
      const w = weight[j]! / (1 + Math.max(Math.abs(dr), Math.abs(dc)));
      if (state[j] === 1) wSharp += w;
      else if (state[j] === 2) wBlur += w;
    }
  if (wSharp + wBlur < MIN_EVIDENCE) return 0;
  return wBlur / (wSharp + wBlur) > BLURRED_SHARE ? 2 : 1;
}

/** How many of the 8 tiles around tile k have the given status. */
function countNeighbours(
  status: readonly RegionStatus[],
  grid: TileGrid,
  k: number,
  wanted: RegionStatus,
): number {
  const c = k % grid.cols;
  const r = Math.floor(k / grid.cols);
  let count = 0;
  for (let dr = -1; dr <= 1; dr++)
    for (let dc = -1; dc <= 1; dc++) {
      const rr = r + dr;
      const cc = c + dc;
      if (
        (dr || dc) &&
        rr >= 0 &&
        cc >= 0 &&
        rr < grid.rows &&
        cc < grid.cols &&
        status[rr * grid.cols + cc] === wanted
      )
        count++;
    }
  return count;
}

const REASON_TEXT: Record<Exclude<RegionStatus, 'resolved'>, string> = {
  'pixel-scale': 'too few pixels per mm to see follicle openings',
  blur: 'out of focus: dark spots are larger than follicle openings',
  noise: 'too noisy to tell follicle openings from skin texture',
  'no-detail': 'no detail to judge focus by',
  'not-scalp': 'not scalp (background, clothing, face or neck)',
  'not-skin': 'not skin',
  overexposed: 'blown-out highlight',
};

export function describeStatus(status: RegionStatus): string {
  return status === 'resolved' ? 'resolved' : REASON_TEXT[status];
}
