/**
 * The image follicles are found in: the photo's region of interest area-averaged to a working
 * scale just fine enough for follicle structures, as one luminance channel divided by its local
 * background (Weber contrast: 1 is skin level, a pale hair above 1, a pore below).
 *
 * - Working scale: a pore is 0.1-0.3 mm across and a hair shaft, with a phone's blur, 0.12-0.25 mm
 *   wide; at about 12 px/mm both span 1.5-3 px, which second-derivative filters resolve. Finer
 *   photos are area-averaged down to it (by any real factor, so the cost is the same for every
 *   fine photo); averaging also lowers the sensor and JPEG noise the detector has to clear.
 * - Weights: pale and dark hairs and pores differ from skin most in green and blue (melanin and
 *   blood absorb short wavelengths, skin reflects red), and green is the quietest channel of a
 *   Bayer sensor (two photosites per quad); red keeps some weight for dark skin, where the skin
 *   itself is dark in green and blue.
 * - Divided by the background (a ~1 mm median): lighting gradients, vignetting and skin tone
 *   multiply the image; the ratio removes them, so one contrast threshold holds under a window, in
 *   shade and on every skin tone.
 */
import type { RgbImage, Roi } from './analysis-input.js';
import { SRGB8_TO_LINEAR } from './color-space.js';
import { gaussianBlur } from './gaussian-filter.js';
import { quantileInPlace } from './robust-stats.js';

export const CHANNEL_WEIGHTS = [0.35, 0.55, 0.1] as const;
/** Keeps the ratio finite where the background is black (outside the head, deep shadow). */
const BACKGROUND_FLOOR = 0.002;

const W_R = Float32Array.from(SRGB8_TO_LINEAR, (v) => v * CHANNEL_WEIGHTS[0]);
const W_G = Float32Array.from(SRGB8_TO_LINEAR, (v) => v * CHANNEL_WEIGHTS[1]);
const W_B = Float32Array.from(SRGB8_TO_LINEAR, (v) => v * CHANNEL_WEIGHTS[2]);

export interface WorkingChannel {
  /** Photo pixels per working pixel (≥ 1, any real number). */
  factor: number;
  /** Top-left of the region in photo pixels. */
  originX: number;
  originY: number;
  width: number;
  height: number;
  /** Working pixels per mm. */
  pxPerMm: number;
  /** Weighted linear luminance over its local background (skin ≈ 1). */
  channel: Float32Array;
  /** The weighted linear luminance itself (no ratio), for pale-area and glare measures. */
  luminance: Float32Array;
}

/** Photo x of a working x: working pixel X covers photo pixels [X·f, (X+1)·f) of the region. */
export function photoX(wc: WorkingChannel, x: number): number {
  return wc.originX + (x + 0.5) * wc.factor - 0.5;
}

export function photoY(wc: WorkingChannel, y: number): number {
  return wc.originY + (y + 0.5) * wc.factor - 0.5;
}

/**
 * Box resampling of one row of `n` values by a real `factor` ≥ 1: each source pixel falls into at
 * most two output pixels; these tables say which and with what weight.
 */
export interface ResampleTable {
  index: Int32Array;
  weight: Float32Array;
  outLength: number;
}

export function resampleTable(n: number, factor: number): ResampleTable {
  const outLength = Math.max(1, Math.floor(n / factor));
  const index = new Int32Array(n);
  const weight = new Float32Array(n);
  for (let x = 0; x < n; x++) {
    const o = Math.floor(x / factor);
    index[x] = o;
    // share of source pixel [x, x+1) inside output pixel o, which ends at (o+1)·factor
    weight[x] = Math.min(1, (o + 1) * factor - x);
  }
  return { index, weight, outLength };
}

export function workingFactor(pxPerMm: number, targetPxPerMm: number): number {
  return Math.max(1, pxPerMm / targetPxPerMm);
}

/**
 * Area-averaged weighted linear luminance of `roi` at `factor` photo px per working px.
 * Output pixel (X, Y) covers photo pixels [X·f, (X+1)·f) × [Y·f, (Y+1)·f) of the region.
 */
export function resampleLuminance(
  image: RgbImage,
  roi: Roi,
  factor: number,
): { data: Float32Array; width: number; height: number } {
  const cols = resampleTable(roi.w, factor);
  const rows = resampleTable(roi.h, factor);
  const width = cols.outLength;
  const height = rows.outLength;
  const out = new Float32Array(width * height);
  const row = new Float32Array(width + 2);
  const ch = image.channels;
  const data = image.data;
  const inv = 1 / (factor * factor);
  const ci = cols.index;
  const cw = cols.weight;
  for (let y = 0; y < roi.h; y++) {
    const oy = rows.index[y]!;
    if (oy >= height) break;
    row.fill(0);
    let s = ((roi.y + y) * image.width + roi.x) * ch;
    for (let x = 0; x < roi.w; x++, s += ch) {
      const v = W_R[data[s]!]! + W_G[data[s + 1]!]! + W_B[data[s + 2]!]!;
      const o = ci[x]!;
      const w = cw[x]!;
      row[o] = row[o]! + v * w;
      row[o + 1] = row[o + 1]! + v * (1 - w);
    }
    const wy = rows.weight[y]! * inv;
    const o0 = oy * width;
    for (let x = 0; x < width; x++) out[o0 + x] = out[o0 + x]! + row[x]! * wy;
    if (oy + 1 < height && wy < inv) {
      const o1 = o0 + width;
      const wy1 = inv - wy;
      for (let x = 0; x < width; x++) out[o1 + x] = out[o1 + x]! + row[x]! * wy1;
    }
  }
  return { data: out, width, height };
}

/**
 * Local skin level: medians of blocks about half a background σ wide (bright hairs and dark pores
 * cover a minority of a block, so they do not move it), smoothed, interpolated back per pixel.
 * Returns the ratio image.
 */
export function divideByBackground(
  lum: Float32Array,
  width: number,
  height: number,
  backgroundSigma: number,
): Float32Array {
  const block = Math.max(2, Math.round(backgroundSigma / 2));
  const bc = Math.ceil(width / block);
  const br = Math.ceil(height / block);
  const medians = new Float32Array(bc * br);
  // a 5 × 5 sample of each block gives the median as well and five times cheaper
  const stride = Math.max(1, Math.floor(block / 5));
  const buf = new Float32Array(Math.ceil(block / stride) ** 2);
  for (let r = 0; r < br; r++)
    for (let c = 0; c < bc; c++) {
      let n = 0;
      const y1 = Math.min(height, (r + 1) * block);
      const x1 = Math.min(width, (c + 1) * block);
      for (let y = r * block; y < y1; y += stride)
        for (let x = c * block; x < x1; x += stride) buf[n++] = lum[y * width + x]!;
      medians[r * bc + c] = quantileInPlace(buf, 0.5, n);
    }
  const background = gaussianBlur(medians, bc, br, backgroundSigma / block);
  const out = new Float32Array(width * height);
  // bilinear interpolation of 1/background, separably (the background is smooth)
  const x0s = new Int32Array(width);
  const fxs = new Float32Array(width);
  for (let x = 0; x < width; x++) {
    const gx = Math.min(Math.max((x + 0.5) / block - 0.5, 0), bc - 1);
    const x0 = Math.min(Math.floor(gx), Math.max(0, bc - 2));
    x0s[x] = x0;
    fxs[x] = bc > 1 ? gx - x0 : 0;
  }
  const inv = new Float32Array(bc + 1);
  for (let y = 0; y < height; y++) {
    const gy = Math.min(Math.max((y + 0.5) / block - 0.5, 0), br - 1);
    const y0 = Math.min(Math.floor(gy), Math.max(0, br - 2));
    const fy = br > 1 ? gy - y0 : 0;
    const y1 = br > 1 ? y0 + 1 : y0;
    for (let c = 0; c < bc; c++)
      inv[c] =
        1 / Math.max(background[y0 * bc + c]! * (1 - fy) + background[y1 * bc + c]! * fy, BACKGROUND_FLOOR);
    inv[bc] = inv[bc - 1]!;
    const o = y * width;
    for (let x = 0; x < width; x++) {
      const x0 = x0s[x]!;
      out[o + x] = lum[o + x]! * (inv[x0]! + (inv[x0 + 1]! - inv[x0]!) * fxs[x]!);
    }
  }
  return out;
}

/** Working pixels per mm the detector aims at (see the module note). */
export const TARGET_WORKING_PX_PER_MM = 10;

export function buildWorkingChannel(
  image: RgbImage,
  roi: Roi,
  photoPxPerMm: number,
  targetPxPerMm = TARGET_WORKING_PX_PER_MM,
): WorkingChannel {
  const factor = workingFactor(photoPxPerMm, targetPxPerMm);
  const lum = resampleLuminance(image, roi, factor);
  const pxPerMm = photoPxPerMm / factor;
  const channel = divideByBackground(lum.data, lum.width, lum.height, 1.0 * pxPerMm);
  return {
    factor,
    originX: roi.x,
    originY: roi.y,
    width: lum.width,
    height: lum.height,
    pxPerMm,
    channel,
    luminance: lum.data,
  };
}
