/**
 * Specular glare: light reflected by the skin's surface (sweat, sebum, a flash) rather than from
 * within it. It adds the light source's own colour, nearly white, so a glare pixel is brighter than
 * the skin around it and much less saturated than the skin's own colour; where it covers a region
 * (not a single glint on a hair) it hides the skin's texture and fakes bright lines and, between
 * its flecks, dark spots.
 *
 * Measured on a coarse grid of cells (about 0.5 mm) from the photo's pixels: the share of pixels
 * that are at once bright for this scalp (above its 90th percentile of brightness, and at least
 * 1.25 × its median) and desaturated (under half the scalp's median saturation). Both references
 * come from the scalp itself, so pale skin, dark skin and any exposure are judged alike.
 */
import type { RgbImage, Roi } from './analysis-input.js';
import { SRGB8_TO_LINEAR } from './color-space.js';
import { CHANNEL_WEIGHTS } from './working-channel.js';

export interface GlareMap {
  /** Photo pixels per cell. */
  cellPx: number;
  originX: number;
  originY: number;
  cols: number;
  rows: number;
  /** Share of glare pixels per cell (0-1). */
  share: Float32Array;
  /** Share of clipped pixels (a channel ≥ 250) per cell. */
  clipped: Float32Array;
  /**
   * Diffuse share per cell (0-1, 1 = no sheen): how much of the light is the skin's own. A sheen
   * adds the light source's white to every channel alike, so it lowers the skin's saturation
   * (max - min over max, in linear light) by the same factor as it dilutes the brightest
   * channel's diffuse light; the cell's saturation (over 3 × 3 cells) over that of the sheen-free
   * skin gives that factor, and from it the share of the working channel's light (the one the
   * detector's contrasts are read in) that is the skin's own.
   */
  diffuse: Float32Array;
}

/** A cell with at least this share of glare pixels lies in glare. */
export const GLARE_CELL_SHARE = 0.25;
const GLARE_SATURATION_RATIO = 0.5;
const GLARE_BRIGHTNESS_RATIO = 1.25;

export function measureGlare(
  image: RgbImage,
  roi: Roi,
  cellPx: number,
  inScalp: (x: number, y: number) => boolean,
): GlareMap {
  const cell = Math.max(2, Math.round(cellPx));
  const cols = Math.ceil(roi.w / cell);
  const rows = Math.ceil(roi.h / cell);
  const ch = image.channels;
  const d = image.data;
  // the scalp's own brightness and saturation, from a sparse sample
  const step = Math.max(2, Math.floor(Math.sqrt((roi.w * roi.h) / 40000)));
  const bright: number[] = [];
  const sat: number[] = [];
  for (let y = roi.y + (step >> 1); y < roi.y + roi.h; y += step)
    for (let x = roi.x + (step >> 1); x < roi.x + roi.w; x += step) {
      if (!inScalp(x, y)) continue;
      const s = (y * image.width + x) * ch;
      const mx = Math.max(d[s]!, d[s + 1]!, d[s + 2]!);
      const mn = Math.min(d[s]!, d[s + 1]!, d[s + 2]!);
      bright.push(mx);
      sat.push(mx > 0 ? 1 - mn / mx : 0);
    }
  const share = new Float32Array(cols * rows);
  const clipped = new Float32Array(cols * rows);
  const diffuse = new Float32Array(cols * rows).fill(1);
  if (bright.length < 16)
    return { cellPx: cell, originX: roi.x, originY: roi.y, cols, rows, share, clipped, diffuse };
  bright.sort((a, b) => a - b);
  sat.sort((a, b) => a - b);
  const medianBright = bright[bright.length >> 1]!;
  const brightLimit = Math.min(
    250,
    Math.max(bright[Math.floor(0.9 * (bright.length - 1))]!, GLARE_BRIGHTNESS_RATIO * medianBright),
  );
  const satLimit = GLARE_SATURATION_RATIO * sat[sat.length >> 1]!;
  const count = new Float32Array(cols * rows);
  const sumR = new Float32Array(cols * rows);
  const sumG = new Float32Array(cols * rows);
  const sumB = new Float32Array(cols * rows);
  // every other pixel of every other row: a cell of 10 px still gets 25 samples
  for (let y = 0; y < roi.h; y += 2) {
    const r = Math.floor(y / cell);
    let s = ((roi.y + y) * image.width + roi.x) * ch;
    for (let x = 0; x < roi.w; x += 2, s += 2 * ch) {
      const k = r * cols + Math.floor(x / cell);
      const mx = Math.max(d[s]!, d[s + 1]!, d[s + 2]!);
      count[k] = count[k]! + 1;
      sumR[k] = sumR[k]! + SRGB8_TO_LINEAR[d[s]!]!;
      sumG[k] = sumG[k]! + SRGB8_TO_LINEAR[d[s + 1]!]!;
      sumB[k] = sumB[k]! + SRGB8_TO_LINEAR[d[s + 2]!]!;
      if (mx >= 250) clipped[k] = clipped[k]! + 1;
      if (mx < brightLimit) continue;
      const mn = Math.min(d[s]!, d[s + 1]!, d[s + 2]!);
      if (1 - mn / mx <= satLimit) share[k] = share[k]! + 1;
    }
  }
  for (let k = 0; k < share.length; k++) {
    const n = Math.max(1, count[k]!);
    share[k] = share[k]! / n;
    clipped[k] = clipped[k]! / n;
  }
  measureDiffuse(diffuse, sumR, sumG, sumB, cols, rows, (k) =>
    inScalp(roi.x + ((k % cols) + 0.5) * cell, roi.y + (Math.floor(k / cols) + 0.5) * cell),
  );
  return { cellPx: cell, originX: roi.x, originY: roi.y, cols, rows, share, clipped, diffuse };
}

/**
 * The skin's own saturation is taken from its most saturated tenth: a sheen on a bald head is broad
 * and seldom spares less than that, and redness or a tan that saturate a patch further only make
 * the correction smaller.
 */
const SHEEN_FREE_QUANTILE = 0.9;
/** Lowest diffuse share believed: beyond it the skin's own colour is too diluted to measure. */
const MIN_DIFFUSE = 0.25;

function measureDiffuse(
  out: Float32Array,
  sumR: Float32Array,
  sumG: Float32Array,
  sumB: Float32Array,
  cols: number,
  rows: number,
  onScalp: (k: number) => boolean,
): void {
  const sat = new Float32Array(cols * rows).fill(Number.NaN);
  const mean = new Float32Array(3 * cols * rows);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      let R = 0;
      let G = 0;
      let B = 0;
      for (let rr = Math.max(0, r - 1); rr <= Math.min(rows - 1, r + 1); rr++)
        for (let cc = Math.max(0, c - 1); cc <= Math.min(cols - 1, c + 1); cc++) {
          const j = rr * cols + cc;
          R += sumR[j]!;
          G += sumG[j]!;
          B += sumB[j]!;
        }
      const mx = Math.max(R, G, B);
      const k = r * cols + c;
      if (mx > 0) sat[k] = 1 - Math.min(R, G, B) / mx;
      mean[3 * k] = R;
      mean[3 * k + 1] = G;
      mean[3 * k + 2] = B;
    }
  const values = sat.filter((v, k) => !Number.isNaN(v) && onScalp(k)).sort();
  const reference = values.length ? values[Math.floor(SHEEN_FREE_QUANTILE * (values.length - 1))]! : 0;
  if (!(reference > 0)) return;
  for (let k = 0; k < out.length; k++) {
    const v = sat[k]!;
    if (Number.isNaN(v)) continue;
    const share = luminanceShare(v / reference, mean[3 * k]!, mean[3 * k + 1]!, mean[3 * k + 2]!);
    out[k] = Math.min(1, Math.max(MIN_DIFFUSE, share));
  }
}

/**
 * The saturation ratio is the diffuse share of the brightest channel (red on skin); the detector
 * reads contrast in the working channel (working-channel.ts), weighted to green, where the skin is
 * darker and the same white sheen dilutes it more. The sheen's light is the brightest channel's
 * share beyond the ratio; its share of the working channel's light is what the contrast lost. On
 * dark skin under a sheen adding 0.12 (linear), red keeps 0.39 of its light and the working
 * channel 0.28; on pale skin the two are close.
 */
function luminanceShare(maxShare: number, r: number, g: number, b: number): number {
  const lum = CHANNEL_WEIGHTS[0] * r + CHANNEL_WEIGHTS[1] * g + CHANNEL_WEIGHTS[2] * b;
  if (!(lum > 0) || maxShare >= 1) return Math.min(1, maxShare);
  const sheen = (1 - maxShare) * Math.max(r, g, b);
  return 1 - sheen / lum;
}

/** Diffuse share at a photo position (1 outside the map). */
export function diffuseShareAt(map: GlareMap, x: number, y: number): number {
  const c = Math.floor((x - map.originX) / map.cellPx);
  const r = Math.floor((y - map.originY) / map.cellPx);
  if (r < 0 || c < 0 || r >= map.rows || c >= map.cols) return 1;
  return map.diffuse[r * map.cols + c]!;
}

/** Glare share around a photo position: the mean over the 3 × 3 cells centred on it. */
export function glareShareAt(map: GlareMap, x: number, y: number): number {
  const c = Math.floor((x - map.originX) / map.cellPx);
  const r = Math.floor((y - map.originY) / map.cellPx);
  let sum = 0;
  let n = 0;
  for (let dr = -1; dr <= 1; dr++)
    for (let dc = -1; dc <= 1; dc++) {
      const rr = r + dr;
      const cc = c + dc;
      if (rr < 0 || cc < 0 || rr >= map.rows || cc >= map.cols) continue;
      sum += map.share[rr * map.cols + cc]!;
      n++;
    }
  return n ? sum / n : 0;
}
