import { gaussianBlur } from '../analysis/gaussian-filter.js';

/** One channel of float samples, row-major. */
export interface Plane {
  width: number;
  height: number;
  data: Float32Array;
}

/** Interleaved 8-bit sRGB(A) pixels, as sharp's raw output or a canvas ImageData. */
export interface PhotoPixels {
  width: number;
  height: number;
  channels: number;
  data: Uint8Array | Uint8ClampedArray;
}

export function plane(width: number, height: number): Plane {
  return { width, height, data: new Float32Array(width * height) };
}

/** Luma (Rec. 601 weights on the encoded values), 0-255. */
export function luma(photo: PhotoPixels): Plane {
  const { width, height, channels, data } = photo;
  const out = plane(width, height);
  const o = out.data;
  for (let i = 0, j = 0; i < o.length; i++, j += channels)
    o[i] = 0.299 * data[j]! + 0.587 * data[j + 1]! + 0.114 * data[j + 2]!;
  return out;
}

/**
 * Area resampling to `width` × `height` (smaller or equal): each output pixel is the mean of the
 * input area it covers, partial pixels weighted by their share. Separable, rows then columns.
 */
export function resizeArea(src: Plane, width: number, height: number): Plane {
  if (width === src.width && height === src.height) return { width, height, data: src.data.slice() };
  return resample(src.width, src.height, width, height, (y, row) =>
    row.set(src.data.subarray(y * src.width, (y + 1) * src.width)),
  );
}

/**
 * The luma of a photo, area-resampled to `width` × `height` in one pass: no full-size grey copy
 * of a 12-megapixel photo is ever made.
 */
export function lumaResized(photo: PhotoPixels, width: number, height: number): Plane {
  const { width: w, channels: c, data } = photo;
  return resample(w, photo.height, width, height, (y, row) => {
    for (let x = 0, j = y * w * c; x < w; x++, j += c)
      row[x] = 0.299 * data[j]! + 0.587 * data[j + 1]! + 0.114 * data[j + 2]!;
  });
}

/** Separable area resampling of rows delivered one at a time by `readRow`. */
function resample(
  srcWidth: number,
  srcHeight: number,
  width: number,
  height: number,
  readRow: (y: number, row: Float32Array) => void,
): Plane {
  const xs = coverage(srcWidth, width);
  const ys = coverage(srcHeight, height);
  const taps = xs.taps;
  const line = new Float32Array(srcWidth);
  const rows = new Float32Array(width * srcHeight);
  for (let y = 0; y < srcHeight; y++) {
    readRow(y, line);
    const o = y * width;
    for (let x = 0; x < width; x++) {
      const start = xs.start[x]!;
      const wo = x * taps;
      let s = 0;
      for (let k = 0; k < taps; k++) s += xs.weights[wo + k]! * line[start + k]!;
      rows[o + x] = s;
    }
  }
  const out = plane(width, height);
  for (let y = 0; y < height; y++) {
    const o = y * width;
    for (let k = 0; k < ys.taps; k++) {
      const w = ys.weights[y * ys.taps + k]!;
      if (w === 0) continue;
      const ro = (ys.start[y]! + k) * width;
      for (let x = 0; x < width; x++) out.data[o + x] = out.data[o + x]! + w * rows[ro + x]!;
    }
  }
  return out;
}

/** For each output pixel: first input index and `taps` weights (zero-padded, never past the end). */
function coverage(n: number, m: number): { start: Int32Array; weights: Float32Array; taps: number } {
  const step = n / m;
  const taps = Math.ceil(step) + 1;
  const start = new Int32Array(m);
  const weights = new Float32Array(m * taps);
  for (let i = 0; i < m; i++) {
    const a = i * step;
    const b = Math.min(n, (i + 1) * step);
    const first = Math.min(Math.floor(a), n - taps < 0 ? 0 : n - taps);
    start[i] = first;
    for (let k = Math.floor(a); k < Math.min(n, Math.ceil(b)); k++)
      weights[i * taps + k - first] = (Math.min(b, k + 1) - Math.max(a, k)) / (b - a);
  }
  return { start, weights, taps };
}

/** The size that fits `maxSide` on the long side, never larger than the source. */
export function fitSize(width: number, height: number, maxSide: number): { width: number; height: number } {
  const s = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * s)), height: Math.max(1, Math.round(height * s)) };
}

/**
 * Lighting-free texture: the log of the intensity, less its local mean, over its local standard
 * deviation. The log turns a change of exposure (gain), of tone curve (gamma: a power, so a
 * factor on the log) and a smooth fall-off of light (a slowly varying factor) into an offset and
 * a contrast factor that the local mean and spread remove. `sigma` is the neighbourhood (px).
 */
export function normaliseLighting(gray: Plane, sigma: number): Plane {
  const { width, height } = gray;
  const n = width * height;
  const log = new Float32Array(n);
  // A floor of a few grey levels keeps sensor noise in deep shadow from exploding in the log.
  for (let i = 0; i < n; i++) log[i] = Math.log(gray.data[i]! + 6);
  const mean = gaussianBlur(log, width, height, sigma);
  const sq = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const d = log[i]! - mean[i]!;
    sq[i] = d * d;
  }
  const variance = gaussianBlur(sq, width, height, sigma);
  // A floor on the spread: featureless skin stays flat instead of amplifying noise to full contrast.
  const floor = 0.02 * 0.02;
  const out = plane(width, height);
  for (let i = 0; i < n; i++) out.data[i] = (log[i]! - mean[i]!) / Math.sqrt(variance[i]! + floor);
  return out;
}

/** Bilinear sample; NaN outside the plane (so callers can tell "no data" from a value). */
export function sample(p: Plane, x: number, y: number): number {
  if (!(x >= 0 && y >= 0 && x <= p.width - 1 && y <= p.height - 1)) return NaN;
  const x0 = Math.min(Math.floor(x), p.width - 2);
  const y0 = Math.min(Math.floor(y), p.height - 2);
  const fx = x - x0;
  const fy = y - y0;
  const i = y0 * p.width + x0;
  const a = p.data[i]!;
  const b = p.data[i + 1]!;
  const c = p.data[i + p.width]!;
  const d = p.data[i + p.width + 1]!;
  return a + (b - a) * fx + (c - a) * fy + (a - b - c + d) * fx * fy;
}

/** Central-difference gradients (one-sided at the border). */
export function gradients(p: Plane): { gx: Plane; gy: Plane } {
  const { width, height, data } = p;
  const gx = plane(width, height);
  const gy = plane(width, height);
  for (let y = 0; y < height; y++) {
    const o = y * width;
    const up = y > 0 ? o - width : o;
    const down = y < height - 1 ? o + width : o;
    const fy = y > 0 && y < height - 1 ? 0.5 : 1;
    for (let x = 0; x < width; x++) {
      const l = x > 0 ? x - 1 : x;
      const r = x < width - 1 ? x + 1 : x;
      gx.data[o + x] = (data[o + r]! - data[o + l]!) / (r - l || 1);
      gy.data[o + x] = (data[down + x]! - data[up + x]!) * fy;
    }
  }
  return { gx, gy };
}
