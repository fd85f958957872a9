/**
 * Scale-space blob detection on the DoG stack: local extrema over (x, y, σ), thresholded against
 * the tile's noise floor, refined to sub-pixel position and sub-level scale, and screened:
 *
 * - scale: a blob whose best σ lies outside the requested range is too small (noise, pores) or
 *   too large (freckles, moles, shadows);
 * - shape: the SIFT edge test on the Hessian of the band, tr²/det < (ρ+1)²/ρ, rejects ridges
 *   (hair shafts lying on the skin, the rims of scars);
 * - contrast: the centre must differ from the median of a ring around it. This also rejects the
 *   false "dark" extrema that the DoG rings create around a bright specular speck: there the ring
 *   median is plain skin and the centre is no darker than it.
 */
import {
  dogAt,
  dogAtIndex,
  gaussianAt,
  gaussianLevelFor,
  type DogLevel,
  type ScaleSpace,
} from './scale-space.js';
import type { TileGrid } from './tile-grid.js';

export type Polarity = 'dark' | 'bright';

export interface BlobDetectionParams {
  polarity: Polarity;
  /** Range of blob σ (working px) accepted as the structure sought. */
  minSigma: number;
  maxSigma: number;
  /** Minimum DoG response in units of the tile's noise floor of that band. */
  snr: number;
  /** Minimum log-contrast between centre and surrounding ring (0.05 ≈ 5 %). */
  minContrast: number;
  /** Largest accepted ratio of principal curvatures. */
  edgeRatio: number;
  /** Blobs closer than this (working px) are one structure; the stronger is kept. */
  minSeparation: number;
  /** Contrast a too-large blob needs to be reported (defaults to `minContrast`). */
  tooLargeMinContrast?: number;
}

export interface Blob {
  x: number;
  y: number;
  sigma: number;
  response: number;
  /** Response over the tile's noise floor. */
  snr: number;
  /** Log-contrast centre vs ring (positive = of the sought polarity). */
  contrast: number;
  /** Ratio of principal curvatures, 1 = round. */
  elongation: number;
  /** Channel value at the centre and the median on the ring around it (smoothed at σ ≈ 1 px). */
  centre: number;
  ring: number;
}

export type BlobRejection = 'too-small' | 'too-large' | 'elongated' | 'low-contrast';

export interface BlobDetection {
  blobs: Blob[];
  /** Blobs of the right polarity and contrast but larger than `maxSigma` (blurred detail, freckles). */
  tooLarge: Blob[];
  rejected: Record<BlobRejection, number>;
  candidates: number;
}

const RING_SAMPLES = 16;
/** A blob of radius ≥ 1 px keeps at least this fraction of its finest-band response one level up. */
const FINEST_LEVEL_PERSISTENCE = 0.6;
const RING_COS = Float64Array.from({ length: RING_SAMPLES }, (_, k) =>
  Math.cos((2 * Math.PI * k) / RING_SAMPLES),
);
const RING_SIN = Float64Array.from({ length: RING_SAMPLES }, (_, k) =>
  Math.sin((2 * Math.PI * k) / RING_SAMPLES),
);

interface RawCandidate {
  level: number;
  ix: number;
  iy: number;
  value: number;
  noise: number;
}

function findExtrema(
  space: ScaleSpace,
  j: number,
  sign: number,
  noise: Float32Array,
  grid: TileGrid,
  snr: number,
  out: RawCandidate[],
): void {
  const level = space.dogs[j]!;
  const below = j > 0 ? space.dogs[j - 1]! : null;
  const above = space.dogs[j + 1]!;
  const { width: w, height: h, step } = level;
  const up = level.upper.data;
  const lo = level.lower.data;
  const tileOwn = grid.size / step;
  for (let y = 1; y < h - 1; y++) {
    const tr = Math.min(grid.rows - 1, Math.floor(y / tileOwn));
    for (let c = 0; c < grid.cols; c++) {
      const nz = noise[tr * grid.cols + c]!;
      const thr = Number.isNaN(nz) ? Number.POSITIVE_INFINITY : snr * nz;
      const xStart = Math.max(1, Math.floor(c * tileOwn));
      const xEnd = Math.min(w - 1, Math.floor((c + 1) * tileOwn));
      for (let x = xStart; x < xEnd; x++) {
        const i = y * w + x;
        const v = sign * (up[i]! - lo[i]!);
        if (v <= thr) continue;
        // 3×3 spatial maximum (ties go to the first pixel in scan order)
        if (
          v <= sign * (up[i - w - 1]! - lo[i - w - 1]!) ||
          v <= sign * (up[i - w]! - lo[i - w]!) ||
          v <= sign * (up[i - w + 1]! - lo[i - w + 1]!) ||
          v <= sign * (up[i - 1]! - lo[i - 1]!) ||
          v < sign * (up[i + 1]! - lo[i + 1]!) ||
          v < sign * (up[i + w - 1]! - lo[i + w - 1]!) ||
          v < sign * (up[i + w]! - lo[i + w]!) ||
          v < sign * (up[i + w + 1]! - lo[i + w + 1]!)
        )
          continue;
        const bx = x * step;
        const by = y * step;
        const vAbove = sign * dogAt(above, bx, by);
        if (below) {
          if (v < vAbove || v < sign * dogAt(below, bx, by)) continue;
        } else if (vAbove < FINEST_LEVEL_PERSISTENCE * v) {
          // Nothing finer to compare with: a blob must persist one level up, or it is a pixel-sized
          // spike (noise, JPEG ringing, a pore), not an opening.
          continue;
        }
        out.push({ level: j, ix: x, iy: y, value: v, noise: nz });
      }
    }
  }
}

/**
 * The centre and the surrounding skin level: the median of a ring around it. A stub or a
 * neighbour crossing the ring moves the median little, and so does a bright speck beside it.
 */
function ringLevel(
  space: ScaleSpace,
  sigmaCentre: number,
  x: number,
  y: number,
  radius: number,
): { centre: number; ring: number } {
  const g = gaussianLevelFor(space, sigmaCentre);
  const samples = new Float64Array(RING_SAMPLES);
  for (let k = 0; k < RING_SAMPLES; k++)
    samples[k] = gaussianAt(g, x + radius * RING_COS[k]!, y + radius * RING_SIN[k]!);
  samples.sort();
  return {
    centre: gaussianAt(g, x, y),
    ring: 0.5 * (samples[RING_SAMPLES / 2 - 1]! + samples[RING_SAMPLES / 2]!),
  };
}

export function detectBlobs(
  space: ScaleSpace,
  noiseByLevel: Float32Array[],
  grid: TileGrid,
  params: BlobDetectionParams,
): BlobDetection {
  const sign = params.polarity === 'dark' ? 1 : -1;
  const rejected: Record<BlobRejection, number> = {
    'too-small': 0,
    'too-large': 0,
    elongated: 0,
    'low-contrast': 0,
  };
  const levels: number[] = [];
  // Search up to twice the largest accepted σ so that larger blobs peak where they can be seen
  // and rejected, instead of leaking into the top accepted level.
  for (let j = 0; j < space.dogs.length - 1; j++) {
    const s = space.dogs[j]!.sigma;
    if (s >= params.minSigma / 1.5 && s <= params.maxSigma * 2) levels.push(j);
  }
  const raw: RawCandidate[] = [];
  for (const j of levels) findExtrema(space, j, sign, noiseByLevel[j]!, grid, params.snr, raw);

  const curvatureLimit = (params.edgeRatio + 1) ** 2 / params.edgeRatio;
  const accepted: Blob[] = [];
  const tooLarge: Blob[] = [];
  for (const c of raw) {
    const level: DogLevel = space.dogs[c.level]!;
    const w = level.width;
    const i = c.iy * w + c.ix;
    const d = (k: number): number => sign * dogAtIndex(level, k);
    const v = c.value;
    const dxx = d(i + 1) + d(i - 1) - 2 * v;
    const dyy = d(i + w) + d(i - w) - 2 * v;
    const dxy = 0.25 * (d(i + w + 1) - d(i + w - 1) - d(i - w + 1) + d(i - w - 1));
    const tr = dxx + dyy;
    const det = dxx * dyy - dxy * dxy;
    if (det <= 0 || (tr * tr) / det >= curvatureLimit) {
      rejected.elongated++;
      continue;
    }
    const disc = Math.sqrt(Math.max(0, (dxx - dyy) ** 2 + 4 * dxy * dxy));
    const l1 = Math.abs(0.5 * (tr - disc));
    const l2 = Math.abs(0.5 * (tr + disc));
    const elongation = Math.max(l1, l2) / Math.max(1e-12, Math.min(l1, l2));
    // sub-pixel offset from the quadratic model
    const gx = 0.5 * (d(i + 1) - d(i - 1));
    const gy = 0.5 * (d(i + w) - d(i - w));
    let ox = -(dyy * gx - dxy * gy) / det;
    let oy = -(dxx * gy - dxy * gx) / det;
    if (Math.abs(ox) > 0.6 || Math.abs(oy) > 0.6) ox = oy = 0;
    const x = (c.ix + ox) * level.step;
    const y = (c.iy + oy) * level.step;
    // sub-level scale from a parabola in log σ through the neighbouring bands
    const below = c.level > 0 ? sign * dogAt(space.dogs[c.level - 1]!, x, y) : v;
    const above = sign * dogAt(space.dogs[c.level + 1]!, x, y);
    const curve = below - 2 * v + above;
    const delta =
      c.level > 0 && curve < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (below - above)) / curve)) : 0;
    const sigma = level.sigma * Math.pow(2, delta / 2);
    const response = v - 0.25 * (below - above) * delta;
    if (sigma < params.minSigma) {
      rejected['too-small']++;
      continue;
    }
    const { centre, ring } = ringLevel(space, Math.max(1, 0.6 * sigma), x, y, 2.5 * sigma + 1);
    const contrast = sign * (ring - centre);
    const blob: Blob = { x, y, sigma, response, snr: response / c.noise, contrast, elongation, centre, ring };
    if (sigma > params.maxSigma) {
      rejected['too-large']++;
      if (contrast >= (params.tooLargeMinContrast ?? params.minContrast)) tooLarge.push(blob);
      continue;
    }
    if (contrast < params.minContrast) {
      rejected['low-contrast']++;
      continue;
    }
    accepted.push(blob);
  }
  return {
    blobs: suppressNeighbours(accepted, params.minSeparation),
    tooLarge,
    rejected,
    candidates: raw.length,
  };
}

/** Keeps the strongest of blobs closer than `minSeparation` (or overlapping). */
function suppressNeighbours(blobs: Blob[], minSeparation: number): Blob[] {
  const sorted = [...blobs].sort((a, b) => b.snr - a.snr);
  const cell = Math.max(1, minSeparation);
  const largest = blobs.reduce((m, b) => Math.max(m, b.sigma), 0);
  const reach = Math.ceil(Math.max(minSeparation, 0.8 * Math.SQRT2 * 2 * largest) / cell) + 1;
  const hash = new Map<number, Blob[]>();
  const key = (cx: number, cy: number): number => cy * 1_000_003 + cx;
  const kept: Blob[] = [];
  for (const b of sorted) {
    const cx = Math.floor(b.x / cell);
    const cy = Math.floor(b.y / cell);
    let clash = false;
    for (let dy = -reach; dy <= reach && !clash; dy++)
      for (let dx = -reach; dx <= reach && !clash; dx++) {
        const list = hash.get(key(cx + dx, cy + dy));
        if (!list) continue;
        for (const o of list) {
          const limit = Math.max(minSeparation, 0.8 * Math.SQRT2 * (b.sigma + o.sigma));
          if ((o.x - b.x) ** 2 + (o.y - b.y) ** 2 < limit * limit) {
            clash = true;
            break;
          }
        }
      }
    if (clash) continue;
    kept.push(b);
    const k = key(cx, cy);
    const list = hash.get(k);
    if (list) list.push(b);
    else hash.set(k, [b]);
  }
  return kept;
}
