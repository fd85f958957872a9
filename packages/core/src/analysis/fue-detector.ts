/**
 * FUE punch scars: round pale dots 0.6-1.0 mm across (punches of 0.6-1.0 mm; Rose & Morgan 2018),
 * found as bright blobs (inverted polarity) on a coarse copy of the luminance, flattened against a
 * 3 mm background. A dot must be hair-free, must not be a specular glint (clipped, or far
 * brighter than hypopigmented skin gets), must sit in measured skin (the lit fringe of stubble
 * on a head's silhouette looks like a row of pale dots) and must be pale all over at fine scale (a
 * tuft of crossing grey stubble is pale and round at this scale too, but is made of thin lines).
 */
import type { RgbImage } from './analysis-input.js';
import { detectBlobs, type Blob } from './blob-detector.js';
import { linearRgbToLab, SRGB8_TO_LINEAR, type Lab } from './color-space.js';
import { gaussianBlur, sampleBilinear } from './gaussian-filter.js';
import { buildScaleSpace } from './scale-space.js';
import { makeTileGrid } from './tile-grid.js';
import { dogNoisePerTile } from './tile-noise.js';

export const FUE_RADIUS_MM = [0.29, 0.55] as const;
/** Background scale for the dots (mm): larger than a dot, smaller than a lighting gradient. */
const FUE_BACKGROUND_MM = 3;
/** Scar tissue is paler than skin but not a mirror: brighter than this ratio is a glint. */
const FUE_MAX_RATIO = 2.6;
const FUE_CAP_RATIO = 2;
const FUE_MIN_CONTRAST = 0.1;
/** Punch scars are round; tufts of stubble and shine streaks are not. */
const FUE_MAX_ELONGATION = 2.2;
/** The dot and the skin around it (this far, mm) must all be resolved skin: not a lit silhouette. */
const FUE_CONTEXT_MM = 2;
/** Share of a dot's core that must be pale (fine scale): a disc, not a tuft of lines. */
const FUE_MIN_FILL = 0.75;
/** A scar keeps at least this share of the surrounding skin's chroma. */
const FUE_MIN_CHROMA_SHARE = 0.45;
const COARSE_INPUT_SIGMA = 0.5;

export interface FueDot {
  /** Working-pixel coordinates. */
  x: number;
  y: number;
  r: number;
  contrast: number;
  snr: number;
}

export interface CoarseLuminance {
  step: number;
  width: number;
  height: number;
  data: Float32Array;
}

/**
 * `toPhoto` maps working pixels to photo pixels (to check clipping in the photo); `isHairy` tells
 * whether a follicle lies within a radius of a working-pixel position.
 */
export function detectFueDots(
  coarse: CoarseLuminance,
  pxPerMm: number,
  image: RgbImage,
  toPhoto: (x: number, y: number) => [number, number],
  isHairy: (x: number, y: number, radius: number) => boolean,
  isMeasured: (x: number, y: number) => boolean,
  paleFill: (x: number, y: number, radius: number, contrast: number) => number,
): FueDot[] {
  const q = coarse.step;
  const ppmCoarse = pxPerMm / q;
  const { width: w, height: h } = coarse;
  if (w < 16 || h < 16) return [];
  const ratio = flattened(coarse.data, w, h, Math.max(2, Math.round(ppmCoarse)), FUE_BACKGROUND_MM);
  // Specular specks are far brighter than scar tissue; capped, they cannot outshine a scar nearby.
  for (let i = 0; i < ratio.length; i++) if (ratio[i]! > FUE_CAP_RATIO) ratio[i] = FUE_CAP_RATIO;
  const minSigma = FUE_RADIUS_MM[0] * ppmCoarse * Math.SQRT1_2;
  const maxSigma = FUE_RADIUS_MM[1] * ppmCoarse * Math.SQRT1_2;
  // The coarse image is a block mean: about half a pixel of blur of its own, no smoothing needed.
  const space = buildScaleSpace(ratio, w, h, 2 * maxSigma, undefined, COARSE_INPUT_SIGMA);
  const grid = makeTileGrid(w, h, 6 * ppmCoarse);
  const noise = space.dogs.map((d) => dogNoisePerTile(d, grid));
  const found = detectBlobs(space, noise, grid, {
    polarity: 'bright',
    minSigma,
    maxSigma,
    snr: 4,
    minContrast: FUE_MIN_CONTRAST,
    edgeRatio: FUE_MAX_ELONGATION,
    minSeparation: 1.0 * ppmCoarse,
  });
  const dots: FueDot[] = [];
  for (const b of found.blobs) {
    const r = RADIUS_PER_SIGMA_FUE * b.sigma * q;
    const x = b.x * q + (q - 1) / 2;
    const y = b.y * q + (q - 1) / 2;
    if (1 + b.contrast > FUE_MAX_RATIO || isClipped(image, ...toPhoto(x, y))) continue;
    if (!keepsSkinColour(image, toPhoto, x, y, r)) continue;
    if (isHairy(x, y, r)) continue;
    const reach = r + FUE_CONTEXT_MM * pxPerMm;
    let context = isMeasured(x, y);
    for (let k = 0; k < 8 && context; k++)
      context = isMeasured(x + reach * Math.cos((k * Math.PI) / 4), y + reach * Math.sin((k * Math.PI) / 4));
    if (!context) continue;
    // A scar is pale all over; a tuft of glinting stubble is as bright on average but is thin
    // lines with skin between them.
    if (paleFill(x, y, r, b.contrast) < FUE_MIN_FILL) continue;
    dots.push({ x, y, r, contrast: b.contrast, snr: b.snr });
  }
  return dots;
}

/** Radius of a disc from the σ at which its DoG response peaks (r = √2·σ, Lindeberg). */
const RADIUS_PER_SIGMA_FUE = Math.SQRT2;

/** Image over its background: block means of `block` px smoothed by σ = `sigmaBlocks` blocks. */
function flattened(
  data: Float32Array,
  w: number,
  h: number,
  block: number,
  sigmaBlocks: number,
): Float32Array {
  const bc = Math.ceil(w / block);
  const br = Math.ceil(h / block);
  const sums = new Float32Array(bc * br);
  const counts = new Float32Array(bc * br);
  for (let y = 0; y < h; y++) {
    const row = Math.floor(y / block) * bc;
    for (let x = 0; x < w; x++) {
      const k = row + Math.floor(x / block);
      sums[k] = sums[k]! + data[y * w + x]!;
      counts[k] = counts[k]! + 1;
    }
  }
  for (let k = 0; k < sums.length; k++) sums[k] = sums[k]! / counts[k]!;
  const bg = gaussianBlur(sums, bc, br, sigmaBlocks);
  const out = new Float32Array(w * h);
  const row = new Float32Array(w);
  for (let x = 0; x < w; x++) row[x] = (x + 0.5) / block - 0.5;
  for (let y = 0; y < h; y++) {
    const gy = (y + 0.5) / block - 0.5;
    for (let x = 0; x < w; x++)
      out[y * w + x] = data[y * w + x]! / Math.max(sampleBilinear(bg, bc, br, row[x]!, gy), 0.002);
  }
  return out;
}

/**
 * Hypopigmented scar tissue is paler skin: it keeps some of the skin's chroma and its hue. Lint,
 * dandruff and glints are near-neutral white.
 */
function keepsSkinColour(
  image: RgbImage,
  toPhoto: (x: number, y: number) => [number, number],
  x: number,
  y: number,
  r: number,
): boolean {
  const mean = (radius0: number, radius1: number): Lab => {
    const sums = [0, 0, 0];
    let n = 0;
    for (let k = 0; k < 24; k++) {
      const a = (k * Math.PI) / 12;
      for (const rr of [radius0, (radius0 + radius1) / 2, radius1]) {
        const [px, py] = toPhoto(x + rr * Math.cos(a), y + rr * Math.sin(a));
        const xi = Math.round(px);
        const yi = Math.round(py);
        if (xi < 0 || yi < 0 || xi >= image.width || yi >= image.height) continue;
        const s = (yi * image.width + xi) * image.channels;
        for (let c = 0; c < 3; c++) sums[c] = sums[c]! + SRGB8_TO_LINEAR[image.data[s + c]!]!;
        n++;
      }
    }
    return linearRgbToLab(sums[0]! / n, sums[1]! / n, sums[2]! / n);
  };
  const dot = mean(0, 0.5 * r);
  const ring = mean(1.6 * r, 2.4 * r);
  const cDot = Math.hypot(dot[1], dot[2]);
  const cRing = Math.hypot(ring[1], ring[2]);
  return cDot >= FUE_MIN_CHROMA_SHARE * cRing;
}

function isClipped(image: RgbImage, x: number, y: number): boolean {
  const xi = Math.round(x);
  const yi = Math.round(y);
  if (xi < 0 || yi < 0 || xi >= image.width || yi >= image.height) return false;
  const s = (yi * image.width + xi) * image.channels;
  return image.data[s]! >= 250 && image.data[s + 1]! >= 250 && image.data[s + 2]! >= 250;
}

export type { Blob };
