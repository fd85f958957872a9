/**
 * The photo at map resolution (a few hundred pixels on the long side), as per-pixel features for
 * the head and scalp map: CIELAB of the mean colour (averaged in linear light) and a texture
 * measure, the spread of lightness both inside the map pixel (stubble and hair finer than a map
 * pixel, on phone photos) and between it and its neighbours (strands on web photos).
 */
import type { RgbImage } from '../analysis-input.js';
import { linearRgbToLab, SRGB8_TO_LINEAR } from '../color-space.js';

/** Long side of the map: enough for the outline of a head, cheap enough for a graph cut. */
export const MAP_LONG_SIDE = 200;
/** Features per pixel: L*, a*, b*, texture. */
export const FEATURE_DIMS = 4;
/** Texture is capped: beyond this it is all "hair", and the cap keeps the GMMs well-conditioned. */
const MAX_TEXTURE = 40;

export interface MapFeatures {
  width: number;
  height: number;
  /** Photo pixels per map pixel (integer). */
  factor: number;
  /** FEATURE_DIMS values per pixel. */
  features: Float32Array;
  /** Mean linear RGB per pixel (for tone measurements). */
  linear: Float32Array;
}

/** L* of an 8-bit grey level, for the fast lightness of a pixel from its gamma-encoded luma. */
const LSTAR_OF_LUMA = Float32Array.from({ length: 256 }, (_, v) => {
  const y = SRGB8_TO_LINEAR[v]!;
  return y > 216 / 24389 ? 116 * Math.cbrt(y) - 16 : (24389 / 27) * y;
});

export function mapFactorFor(width: number, height: number): number {
  return Math.max(1, Math.ceil(Math.max(width, height) / MAP_LONG_SIDE));
}

export function computeMapFeatures(image: RgbImage): MapFeatures {
  const factor = mapFactorFor(image.width, image.height);
  const w = Math.max(1, Math.floor(image.width / factor));
  const h = Math.max(1, Math.floor(image.height / factor));
  const n = w * h;
  const sr = new Float64Array(n);
  const sg = new Float64Array(n);
  const sb = new Float64Array(n);
  const sl = new Float64Array(n);
  const sll = new Float64Array(n);
  const ch = image.channels;
  const data = image.data;
  for (let y = 0; y < h * factor; y++) {
    const row = Math.floor(y / factor) * w;
    let s = y * image.width * ch;
    for (let mx = 0; mx < w; mx++) {
      const k = row + mx;
      let r = 0;
      let g = 0;
      let b = 0;
      let l = 0;
      let ll = 0;
      for (let dx = 0; dx < factor; dx++, s += ch) {
        const R = data[s]!;
        const G = data[s + 1]!;
        const B = data[s + 2]!;
        r += SRGB8_TO_LINEAR[R]!;
        g += SRGB8_TO_LINEAR[G]!;
        b += SRGB8_TO_LINEAR[B]!;
        const L = LSTAR_OF_LUMA[(54 * R + 183 * G + 19 * B) >> 8]!;
        l += L;
        ll += L * L;
      }
      sr[k] = sr[k]! + r;
      sg[k] = sg[k]! + g;
      sb[k] = sb[k]! + b;
      sl[k] = sl[k]! + l;
      sll[k] = sll[k]! + ll;
    }
  }
  const area = factor * factor;
  const features = new Float32Array(n * FEATURE_DIMS);
  const linear = new Float32Array(n * 3);
  const meanL = new Float32Array(n);
  const withinVar = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    const r = sr[k]! / area;
    const g = sg[k]! / area;
    const b = sb[k]! / area;
    linear[3 * k] = r;
    linear[3 * k + 1] = g;
    linear[3 * k + 2] = b;
    const [L, A, B] = linearRgbToLab(r, g, b);
    features[FEATURE_DIMS * k] = L;
    features[FEATURE_DIMS * k + 1] = A;
    features[FEATURE_DIMS * k + 2] = B;
    const m = sl[k]! / area;
    meanL[k] = m;
    withinVar[k] = Math.max(0, sll[k]! / area - m * m);
  }
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let s = 0;
      let ss = 0;
      let c = 0;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          const yy = y + dy;
          if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
          const v = meanL[yy * w + xx]!;
          s += v;
          ss += v * v;
          c++;
        }
      const k = y * w + x;
      const between = Math.max(0, ss / c - (s / c) ** 2);
      features[FEATURE_DIMS * k + 3] = Math.min(MAX_TEXTURE, Math.sqrt(withinVar[k]! + between));
    }
  return { width: w, height: h, factor, features, linear };
}
