/**
 * Second-order structure of the working channel at one Gaussian scale: the Hessian's eigenvalues
 * λ1 ≤ λ2 tell lines from spots.
 *
 * - A pale hair lying on the skin is a bright line: strongly negative curvature across it (λ1),
 *   none along it (λ2 ≈ 0). Its strength is −λ1 − |λ2|, which a round bright speck (glint, glare
 *   fleck: λ1 ≈ λ2) does not have.
 * - Dark stubble is a dark line: λ2 − |λ1|.
 * - A pore is a dark spot: curvature positive in every direction, so its strength is λ1 (the
 *   smaller one) when positive; a dark line has λ1 ≈ 0 and does not count.
 *
 * The Laplacian (λ1 + λ2) of skin without structure is noise centred on zero: its spread per tile
 * is the noise floor every response is measured against.
 */
import { firBlur } from './gaussian-filter.js';

export interface HessianFeatures {
  width: number;
  height: number;
  sigma: number;
  /** The channel smoothed at σ (for the Hessian at any pixel, and for contrasts). */
  smooth: Float32Array;
  /** Bright-line strength −λ1 − |λ2| (0 where not a bright line), scaled by σ². */
  brightLine: Float32Array;
  /** Dark-line strength λ2 − |λ1|, scaled by σ². */
  darkLine: Float32Array;
  /** Dark-spot strength λ1 when both curvatures are positive, scaled by σ². */
  darkSpot: Float32Array;
  /** Laplacian scaled by σ² (for noise floors). */
  laplacian: Float32Array;
}

export interface Which {
  brightLine?: boolean;
  darkLine?: boolean;
  darkSpot?: boolean;
}

export function hessianFeatures(
  channel: Float32Array,
  width: number,
  height: number,
  sigma: number,
  which: Which,
  scratch?: Float32Array,
): HessianFeatures {
  const smooth = firBlur(channel, width, height, sigma, undefined, 3, scratch);
  const n = width * height;
  const brightLine = which.brightLine ? new Float32Array(n) : new Float32Array(0);
  const darkLine = which.darkLine ? new Float32Array(n) : new Float32Array(0);
  const darkSpot = which.darkSpot ? new Float32Array(n) : new Float32Array(0);
  const laplacian = new Float32Array(n);
  const s2 = sigma * sigma;
  const wantB = !!which.brightLine;
  const wantD = !!which.darkLine;
  const wantS = !!which.darkSpot;
  if (!wantB && !wantD && !wantS) {
    for (let y = 1; y < height - 1; y++) {
      const o = y * width;
      for (let x = 1; x < width - 1; x++) {
        const i = o + x;
        const c = smooth[i]!;
        // the same sum as below, so a plane asked for alone equals one asked for with the others
        laplacian[i] =
          (smooth[i - 1]! + smooth[i + 1]! - 2 * c) * s2 +
          (smooth[i - width]! + smooth[i + width]! - 2 * c) * s2;
      }
    }
    return { width, height, sigma, smooth, brightLine, darkLine, darkSpot, laplacian };
  }
  for (let y = 1; y < height - 1; y++) {
    const o = y * width;
    for (let x = 1; x < width - 1; x++) {
      const i = o + x;
      const c = smooth[i]!;
      const hxx = (smooth[i - 1]! + smooth[i + 1]! - 2 * c) * s2;
      const hyy = (smooth[i - width]! + smooth[i + width]! - 2 * c) * s2;
      const hxy =
        0.25 *
        (smooth[i + width + 1]! - smooth[i + width - 1]! - smooth[i - width + 1]! + smooth[i - width - 1]!) *
        s2;
      const half = 0.5 * (hxx + hyy);
      const d = Math.sqrt(0.25 * (hxx - hyy) * (hxx - hyy) + hxy * hxy);
      const l1 = half - d;
      const l2 = half + d;
      laplacian[i] = hxx + hyy;
      if (wantB) {
        const v = -l1 - (l2 < 0 ? -l2 : l2);
        brightLine[i] = v > 0 ? v : 0;
      }
      if (wantD) {
        const v = l2 - (l1 < 0 ? -l1 : l1);
        darkLine[i] = v > 0 ? v : 0;
      }
      if (wantS) darkSpot[i] = l1 > 0 ? l1 : 0;
    }
  }
  return { width, height, sigma, smooth, brightLine, darkLine, darkSpot, laplacian };
}

/** Hessian (scaled by σ²) at an interior pixel of the smoothed image. */
export function hessianAt(f: HessianFeatures, i: number): { hxx: number; hyy: number; hxy: number } {
  const { smooth: g, width: w } = f;
  const s2 = f.sigma * f.sigma;
  const c = g[i]!;
  return {
    hxx: (g[i - 1]! + g[i + 1]! - 2 * c) * s2,
    hyy: (g[i - w]! + g[i + w]! - 2 * c) * s2,
    hxy: 0.25 * (g[i + w + 1]! - g[i + w - 1]! - g[i - w + 1]! + g[i - w - 1]!) * s2,
  };
}

/**
 * Unit vector across a line at pixel i: the eigenvector of the curvature of largest magnitude
 * (λ1 for a bright line, λ2 for a dark one).
 */
export function acrossDirection(f: HessianFeatures, i: number, bright: boolean): [number, number] {
  const { hxx, hyy, hxy } = hessianAt(f, i);
  const half = 0.5 * (hxx + hyy);
  const d = Math.sqrt(0.25 * (hxx - hyy) ** 2 + hxy * hxy);
  const l = bright ? half - d : half + d;
  // (hxy, l − hxx) and (l − hyy, hxy) are both eigenvectors; take the better conditioned one
  let ux = hxy;
  let uy = l - hxx;
  const vx = l - hyy;
  const vy = hxy;
  if (ux * ux + uy * uy < vx * vx + vy * vy) {
    ux = vx;
    uy = vy;
  }
  const len = Math.hypot(ux, uy);
  return len > 0 ? [ux / len, uy / len] : [1, 0];
}

/**
 * Smaller over larger curvature of a smoothed image at interior pixel i, for a spot (both
 * curvatures positive): 1 is round, 0 a line.
 */
export function roundnessAt(g: Float32Array, w: number, i: number): number {
  const c = g[i]!;
  const hxx = g[i - 1]! + g[i + 1]! - 2 * c;
  const hyy = g[i - w]! + g[i + w]! - 2 * c;
  const hxy = 0.25 * (g[i + w + 1]! - g[i + w - 1]! - g[i - w + 1]! + g[i - w - 1]!);
  const half = 0.5 * (hxx + hyy);
  const d = Math.sqrt(0.25 * (hxx - hyy) ** 2 + hxy * hxy);
  const l2 = half + d;
  return l2 > 0 ? Math.max(0, half - d) / l2 : 0;
}

/**
 * Sub-pixel offset of a strict local maximum of `strength` at interior pixel i (ties go to the
 * first in raster order, so a plateau gives one peak), from a parabola through its neighbours on
 * each axis; null where i is no peak.
 */
export function peakOffset(strength: Float32Array, w: number, i: number): [number, number] | null {
  const v = strength[i]!;
  if (
    v <= strength[i - w - 1]! ||
    v <= strength[i - w]! ||
    v <= strength[i - w + 1]! ||
    v <= strength[i - 1]! ||
    v < strength[i + 1]! ||
    v < strength[i + w - 1]! ||
    v < strength[i + w]! ||
    v < strength[i + w + 1]!
  )
    return null;
  const ax = strength[i - 1]! - 2 * v + strength[i + 1]!;
  const ay = strength[i - w]! - 2 * v + strength[i + w]!;
  const ox = ax < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (strength[i - 1]! - strength[i + 1]!)) / ax)) : 0;
  const oy = ay < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (strength[i - w]! - strength[i + w]!)) / ay)) : 0;
  return [ox, oy];
}
