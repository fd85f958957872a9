/**
 * The channel follicles are found in: red-weighted linear luminance divided by its local
 * background (Weber contrast, 1 = skin level).
 *
 * - Red weighted: melanin absorbs least in red, so skin of every Fitzpatrick type stays bright in
 *   red while black or brown stubble stays dark; on type V-VI skin the blue and green channels
 *   carry little contrast between stubble and skin. Red also plays down erythema and small blood
 *   spots, which are not follicles.
 * - Divided by the background (a ~1 mm local median): a lighting gradient, a vignette or darker
 *   skin multiplies the image; the ratio removes it (flat-field), so one contrast threshold holds
 *   under a window, in shade and on every skin tone. A logarithm would do the same but inflates
 *   the pixel noise inside dark stubble into spurious extrema.
 */
import type { RgbImage, Roi } from './analysis-input.js';
import { SRGB8_TO_LINEAR } from './color-space.js';
import { gaussianBlur } from './gaussian-filter.js';
import { quantileInPlace } from './robust-stats.js';

export const CHANNEL_WEIGHTS = [0.6, 0.3, 0.1] as const;
/**
 * Follicles are darker than skin; anything brighter than this (specular specks, glints on stubble,
 * a pale scar) is clipped to it, so bright structures leave no dark side lobes in the DoG.
 */
export const BRIGHT_CLIP = 1.15;
/** Keeps the ratio finite where the background is black (outside the head, deep shadow). */
const BACKGROUND_FLOOR = 0.002;

const W_R = Float32Array.from(SRGB8_TO_LINEAR, (v) => v * CHANNEL_WEIGHTS[0]);
const W_G = Float32Array.from(SRGB8_TO_LINEAR, (v) => v * CHANNEL_WEIGHTS[1]);
const W_B = Float32Array.from(SRGB8_TO_LINEAR, (v) => v * CHANNEL_WEIGHTS[2]);

export interface WorkingImage {
  /** Photo pixels per working pixel (integer area averaging). */
  factor: number;
  /** Top-left of the analysed region in photo pixels. */
  originX: number;
  originY: number;
  width: number;
  height: number;
  /**
   * Red-weighted luminance over its local background, clipped above skin level and smoothed once
   * with [1 2 1]/4 (σ ≈ 0.87 px with the photo's own blur): the first level of the scale space.
   */
  channel: Float32Array;
  /** The local background (linear), on a coarse grid of `backgroundBlock` working pixels. */
  background: Float32Array;
  backgroundBlock: number;
  backgroundCols: number;
  backgroundRows: number;
  /** Memory of the size of `channel` the caller may overwrite (the luminance, no longer needed). */
  scratch: Float32Array;
  /** The red-weighted luminance itself (no ratio, no clip), block-averaged by `step` (for pale scars). */
  coarse: { step: number; width: number; height: number; data: Float32Array };
}

/**
 * Builds the detection channel over `roi`, area-averaged by an integer `factor` in linear light;
 * `backgroundSigma` (working px) sets the scale of the flat-field (about 1 mm); `coarseStep` the
 * block size of the unclipped coarse copy.
 */
export function buildDetectionChannel(
  image: RgbImage,
  roi: Roi,
  factor: number,
  backgroundSigma: number,
  coarseStep = 4,
): WorkingImage {
  const f = Math.max(1, Math.floor(factor));
  const width = Math.floor(roi.w / f);
  const height = Math.floor(roi.h / f);
  const lum = new Float32Array(width * height);
  const ch = image.channels;
  const data = image.data;
  const invArea = 1 / (f * f);
  for (let y = 0; y < height; y++) {
    const o = y * width;
    for (let dy = 0; dy < f; dy++) {
      let s = ((roi.y + y * f + dy) * image.width + roi.x) * ch;
      if (f === 1) {
        for (let x = 0; x < width; x++, s += ch)
          lum[o + x] = W_R[data[s]!]! + W_G[data[s + 1]!]! + W_B[data[s + 2]!]!;
      } else {
        for (let x = 0; x < width; x++)
          for (let dx = 0; dx < f; dx++, s += ch)
            lum[o + x] = lum[o + x]! + (W_R[data[s]!]! + W_G[data[s + 1]!]! + W_B[data[s + 2]!]!) * invArea;
      }
    }
  }

  // Background: block medians (bright stubble and specks must not lift the skin level), smoothed,
  // then interpolated back per pixel.
  const block = Math.max(2, Math.round(backgroundSigma / 2));
  const bc = Math.ceil(width / block);
  const br = Math.ceil(height / block);
  const medians = new Float32Array(bc * br);
  // The median of a 5 × 5 sample of each block is as good a skin level and five times cheaper.
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

  const channel = new Float32Array(width * height);
  const ratioRow = new Float32Array(width);
  const q = Math.max(1, Math.floor(coarseStep));
  const cw = Math.floor(width / q);
  const chh = Math.floor(height / q);
  const coarse = new Float32Array(cw * chh);
  // Bilinear interpolation of the background, separably: columns once per row, then along x
  // with precomputed indices and weights.
  const x0s = new Int32Array(width);
  const fxs = new Float32Array(width);
  for (let x = 0; x < width; x++) {
    const gx = Math.min(Math.max((x + 0.5) / block - 0.5, 0), bc - 1);
    const x0 = Math.min(Math.floor(gx), Math.max(0, bc - 2));
    x0s[x] = x0;
    fxs[x] = bc > 1 ? gx - x0 : 0;
  }
  const bgRow = new Float32Array(bc + 1);
  for (let y = 0; y < height; y++) {
    const gy = Math.min(Math.max((y + 0.5) / block - 0.5, 0), br - 1);
    const y0 = Math.min(Math.floor(gy), Math.max(0, br - 2));
    const fy = br > 1 ? gy - y0 : 0;
    const y1 = br > 1 ? y0 + 1 : y0;
    for (let c = 0; c < bc; c++)
      bgRow[c] = background[y0 * bc + c]! * (1 - fy) + background[y1 * bc + c]! * fy;
    bgRow[bc] = bgRow[bc - 1]!;
    // interpolating 1/background instead of dividing per pixel: the background is smooth
    for (let c = 0; c <= bc; c++) bgRow[c] = 1 / Math.max(bgRow[c]!, BACKGROUND_FLOOR);
    const o = y * width;
    for (let x = 0; x < width; x++) {
      const x0 = x0s[x]!;
      const v = lum[o + x]! * (bgRow[x0]! + (bgRow[x0 + 1]! - bgRow[x0]!) * fxs[x]!);
      ratioRow[x] = v > BRIGHT_CLIP ? BRIGHT_CLIP : v;
    }
    if (y < chh * q) {
      const co = Math.floor(y / q) * cw;
      for (let cx = 0; cx < cw; cx++) {
        let sum = 0;
        for (let x = cx * q, e = x + q; x < e; x++) sum += lum[o + x]!;
        coarse[co + cx] = coarse[co + cx]! + sum;
      }
    }
    // The luminance row is used up: it now holds the row smoothed across by [1 2 1]/4.
    if (width === 1) lum[o] = ratioRow[0]!;
    else {
      lum[o] = 0.5 * (ratioRow[0]! + ratioRow[1]!);
      for (let x = 1; x < width - 1; x++)
        lum[o + x] = 0.5 * ratioRow[x]! + 0.25 * (ratioRow[x - 1]! + ratioRow[x + 1]!);
      lum[o + width - 1] = 0.5 * (ratioRow[width - 1]! + ratioRow[width - 2]!);
    }
  }
  // … and down, into the channel.
  for (let y = 0; y < height; y++) {
    const o = y * width;
    const up = (y > 0 ? y - 1 : Math.min(1, height - 1)) * width;
    const down = (y < height - 1 ? y + 1 : Math.max(0, height - 2)) * width;
    for (let x = 0; x < width; x++)
      channel[o + x] = 0.5 * lum[o + x]! + 0.25 * (lum[up + x]! + lum[down + x]!);
  }
  const inv = 1 / (q * q);
  for (let i = 0; i < coarse.length; i++) coarse[i] = coarse[i]! * inv;
  return {
    factor: f,
    originX: roi.x,
    originY: roi.y,
    width,
    height,
    channel,
    background,
    backgroundBlock: block,
    backgroundCols: bc,
    backgroundRows: br,
    coarse: { step: q, width: cw, height: chh, data: coarse },
    scratch: lum,
  };
}
