/**
 * Follicle openings and stubble tips: dark blobs of 0.1-0.3 mm in the detection channel, at
 * scales set by the calibration. Bright specular specks never compete: the channel is clipped
 * just above skin level (see detection-channel.ts), so they leave no dark side lobes, and the ring
 * test in the blob detector drops what remains of a halo. The tip of a stubble stub and the
 * opening it comes from are merged when dark stubble joins them, and spots on a freckle or a mole
 * are not openings.
 */
import { detectBlobs, type Blob, type BlobRejection } from './blob-detector.js';
import { gaussianAt, type ScaleSpace } from './scale-space.js';
import type { TileGrid } from './tile-grid.js';

/** Radius range of a follicle opening or stubble tip (mm): 0.1-0.3 mm across, plus what mild blur adds. */
export const FOLLICLE_RADIUS_MM = [0.045, 0.25] as const;
/** Hairs of one follicular unit leave the skin within about this distance (mm). */
export const FOLLICULAR_UNIT_SPREAD_MM = 0.25;
/** σ of the DoG for a disc of radius r: r/√2 (Lindeberg). */
export const SIGMA_PER_RADIUS = Math.SQRT1_2;
/** Minimum DoG response over the tile's noise floor. */
export const FOLLICLE_SNR = 4;
/**
 * Weber contrast against the surrounding ring. Stubble and openings are 20-80 % darker than skin;
 * JPEG blocking on dark skin makes spots of 5-10 % that barely clear the noise floor. A spot that
 * faint (a follicle under a sheen, say) counts only if it also stands well clear of the noise.
 */
export const FOLLICLE_MIN_CONTRAST = 0.06;
const FOLLICLE_CLEAR_CONTRAST = 0.12;
const FAINT_FOLLICLE_SNR = 6;
/** A stubble stub or a second hair of the unit can reach this far from the opening (mm). */
const STUB_REACH_MM = 0.5;
/**
 * Two dark blobs are one unit when the path between them stays this far below skin level (as a
 * fraction of the weaker blob's contrast): stubble joins them, skin separates them.
 */
const CONNECTED_DEPTH = 0.5;

export interface FollicleBlobs {
  follicles: Blob[];
  /** Dark blobs too large for a follicle: blurred follicles, freckles, shadows. */
  tooLarge: Blob[];
  rejected: Record<BlobRejection | 'same-unit', number>;
  candidates: number;
}

export function follicleSigmaRange(pxPerMm: number): [number, number] {
  return [
    FOLLICLE_RADIUS_MM[0] * pxPerMm * SIGMA_PER_RADIUS,
    FOLLICLE_RADIUS_MM[1] * pxPerMm * SIGMA_PER_RADIUS,
  ];
}

export function detectFollicleBlobs(
  space: ScaleSpace,
  noise: Float32Array[],
  grid: TileGrid,
  pxPerMm: number,
): FollicleBlobs {
  const [minSigma, maxSigma] = follicleSigmaRange(pxPerMm);
  const dark = detectBlobs(space, noise, grid, {
    polarity: 'dark',
    minSigma,
    maxSigma,
    snr: FOLLICLE_SNR,
    minContrast: FOLLICLE_MIN_CONTRAST,
    edgeRatio: 6,
    minSeparation: FOLLICULAR_UNIT_SPREAD_MM * pxPerMm,
    // defocus spreads a follicle and takes most of its contrast: still evidence of blur
    tooLargeMinContrast: 0.02,
  });
  const clear = dark.blobs.filter(
    (b) =>
      (b.contrast >= FOLLICLE_CLEAR_CONTRAST || b.snr >= FAINT_FOLLICLE_SNR) &&
      !insideLargerSpot(b, dark.tooLarge),
  );
  const merged = mergeConnected(space, clear, STUB_REACH_MM * pxPerMm);
  return {
    follicles: merged,
    tooLarge: dark.tooLarge,
    rejected: {
      ...dark.rejected,
      'low-contrast': dark.rejected['low-contrast'] + dark.blobs.length - clear.length,
      'same-unit': clear.length - merged.length,
    },
    candidates: dark.candidates,
  };
}

/**
 * A small spot inside a larger dark one (a freckle, a mole, the shadowed rim of a scar) that is
 * no darker than the larger spot's centre is part of it, not an opening in it.
 */
function insideLargerSpot(b: Blob, large: Blob[]): boolean {
  for (const l of large) {
    const reach = Math.SQRT2 * l.sigma;
    if (Math.abs(l.x - b.x) > reach || Math.abs(l.y - b.y) > reach) continue;
    if (Math.hypot(l.x - b.x, l.y - b.y) < reach && b.centre > l.centre - 0.5 * b.contrast) return true;
  }
  return false;
}

/**
 * Merges blobs joined by dark stubble (a hair's tip and its opening); keeps the darkest, which is
 * the opening: the hair is densest where it leaves the skin.
 */
function mergeConnected(space: ScaleSpace, blobs: Blob[], reach: number): Blob[] {
  const g = space.gaussians[0]!;
  const sorted = [...blobs].sort((a, b) => a.centre - a.ring - (b.centre - b.ring));
  const kept: Blob[] = [];
  const cell = Math.max(1, reach);
  const hash = new Map<number, Blob[]>();
  const key = (cx: number, cy: number): number => cy * 1_000_003 + cx;
  for (const b of sorted) {
    const cx = Math.floor(b.x / cell);
    const cy = Math.floor(b.y / cell);
    let joined = false;
    for (let dy = -1; dy <= 1 && !joined; dy++)
      for (let dx = -1; dx <= 1 && !joined; dx++)
        for (const o of hash.get(key(cx + dx, cy + dy)) ?? []) {
          const d = Math.hypot(o.x - b.x, o.y - b.y);
          if (d > reach) continue;
          const skin = 0.5 * (o.ring + b.ring);
          const depth = CONNECTED_DEPTH * Math.min(o.contrast, b.contrast);
          let brightest = -Infinity;
          const steps = Math.max(2, Math.ceil(d));
          for (let k = 1; k < steps; k++) {
            const t = k / steps;
            brightest = Math.max(brightest, gaussianAt(g, b.x + (o.x - b.x) * t, b.y + (o.y - b.y) * t));
          }
          if (skin - brightest >= depth) {
            joined = true;
            break;
          }
        }
    if (joined) continue;
    kept.push(b);
    const k = key(cx, cy);
    const list = hash.get(k);
    if (list) list.push(b);
    else hash.set(k, [b]);
  }
  return kept;
}

export type { Blob };
