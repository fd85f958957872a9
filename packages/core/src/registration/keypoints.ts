import { firBlur } from '../analysis/gaussian-filter.js';
import { gradients, resizeArea, type Plane } from './plane.js';

/** A corner found at one level of the pyramid, placed in the level-0 frame. */
export interface Keypoint {
  /** Position in the frame of pyramid level 0 (the working image). */
  x: number;
  y: number;
  level: number;
  /** Level size / level-0 size: how much coarser the level's pixels are (< 1 above level 0). */
  scale: number;
  /** Dominant gradient direction, radians. */
  angle: number;
  response: number;
  /** Position in the level's own frame. */
  lx: number;
  ly: number;
}

export interface PyramidLevel {
  image: Plane;
  /** Smoothed for descriptor sampling. */
  smooth: Plane;
  scale: number;
}

/** Each level √2 smaller than the one before, down to a side of about 64 px. */
export const LEVEL_FACTOR = Math.SQRT1_2;
const MIN_LEVEL_SIDE = 64;
/** Keypoints keep this far from a level's border, so a rotated descriptor patch stays inside. */
export const BORDER = 18;

export function buildPyramid(base: Plane, maxLevels = 7): PyramidLevel[] {
  const levels: PyramidLevel[] = [];
  let image = base;
  for (let k = 0; k < maxLevels; k++) {
    const smooth = { ...image, data: firBlur(image.data, image.width, image.height, 1.6) };
    levels.push({ image, smooth, scale: image.width / base.width });
    const w = Math.round(image.width * LEVEL_FACTOR);
    const h = Math.round(image.height * LEVEL_FACTOR);
    if (Math.min(w, h) < MIN_LEVEL_SIDE) break;
    image = resizeArea(image, w, h);
  }
  return levels;
}

/**
 * Minimum-eigenvalue (Shi-Tomasi) corners at every level, spread over a grid so that faint skin
 * texture gets its share beside strong edges: each cell keeps only its best few.
 */
export function detectKeypoints(levels: PyramidLevel[], target: number): Keypoint[] {
  const areas = levels.map((l) => l.image.width * l.image.height);
  const total = areas.reduce((a, b) => a + b, 0);
  const out: Keypoint[] = [];
  levels.forEach((level, k) => {
    const want = Math.max(16, Math.round((target * areas[k]!) / total));
    out.push(...detectAtLevel(level, k, want));
  });
  return out;
}

function cornerResponse(image: Plane): Plane {
  const { width, height } = image;
  const s = firBlur(image.data, width, height, 1);
  const { gx, gy } = gradients({ width, height, data: s });
  const n = width * height;
  const xx = new Float32Array(n);
  const yy = new Float32Array(n);
  const xy = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const a = gx.data[i]!;
    const b = gy.data[i]!;
    xx[i] = a * a;
    yy[i] = b * b;
    xy[i] = a * b;
  }
  const scratch = new Float32Array(n);
  // Truncated at 2.5 σ: radius 5, the filter's unrolled path.
  const a = firBlur(xx, width, height, 2, undefined, 2.5, scratch);
  const c = firBlur(yy, width, height, 2, undefined, 2.5, scratch);
  const b = firBlur(xy, width, height, 2, undefined, 2.5, scratch);
  const r = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const h = (a[i]! - c[i]!) / 2;
    r[i] = (a[i]! + c[i]!) / 2 - Math.sqrt(h * h + b[i]! * b[i]!);
  }
  return { width, height, data: r };
}

/** On the lighting-normalised image a corner this weak is noise, not texture. */
const MIN_RESPONSE = 0.004;

function detectAtLevel(level: PyramidLevel, k: number, want: number): Keypoint[] {
  const r = cornerResponse(level.image);
  const { width, height, data } = r;
  if (width <= 2 * BORDER + 2 || height <= 2 * BORDER + 2) return [];
  const perCell = 3;
  const cells = Math.max(1, want / perCell);
  const cell = Math.max(8, Math.round(Math.sqrt(((width - 2 * BORDER) * (height - 2 * BORDER)) / cells)));
  const cols = Math.ceil((width - 2 * BORDER) / cell);
  const rows = Math.ceil((height - 2 * BORDER) / cell);
  const best: { i: number; v: number }[][] = Array.from({ length: cols * rows }, () => []);
  for (let y = BORDER; y < height - BORDER; y++) {
    for (let x = BORDER; x < width - BORDER; x++) {
      const i = y * width + x;
      const v = data[i]!;
      if (v < MIN_RESPONSE) continue;
      if (
        v < data[i - 1]! ||
        v <= data[i + 1]! ||
        v < data[i - width]! ||
        v <= data[i + width]! ||
        v < data[i - width - 1]! ||
        v < data[i - width + 1]! ||
        v <= data[i + width - 1]! ||
        v <= data[i + width + 1]!
      )
        continue;
      const list = best[Math.floor((y - BORDER) / cell) * cols + Math.floor((x - BORDER) / cell)]!;
      if (list.length < perCell) {
        list.push({ i, v });
        list.sort((p, q) => q.v - p.v);
      } else if (v > list[perCell - 1]!.v) {
        list[perCell - 1] = { i, v };
        list.sort((p, q) => q.v - p.v);
      }
    }
  }
  const { gx, gy } = gradients(level.smooth);
  const out: Keypoint[] = [];
  for (const list of best) {
    for (const { i, v } of list) {
      const x = i % width;
      const y = (i - x) / width;
      // Sub-pixel peak: a parabola through the response across each axis.
      const dx = peakOffset(data[i - 1]!, v, data[i + 1]!);
      const dy = peakOffset(data[i - width]!, v, data[i + width]!);
      const lx = x + dx;
      const ly = y + dy;
      for (const angle of orientations(gx, gy, x, y)) {
        out.push({
          x: (lx + 0.5) / level.scale - 0.5,
          y: (ly + 0.5) / level.scale - 0.5,
          level: k,
          scale: level.scale,
          angle,
          response: v,
          lx,
          ly,
        });
      }
    }
  }
  return out;
}

function peakOffset(a: number, b: number, c: number): number {
  const d = a - 2 * b + c;
  if (d >= 0) return 0;
  return Math.max(-0.5, Math.min(0.5, (0.5 * (a - c)) / d));
}

const BINS = 36;
const ORIENT_RADIUS = 12;
const ORIENT_SIGMA = 6;
/** Gaussian weights of the orientation window, row-major over (2r + 1)², zero outside the disc. */
const ORIENT_WEIGHTS = (() => {
  const side = 2 * ORIENT_RADIUS + 1;
  const w = new Float32Array(side * side);
  for (let dy = -ORIENT_RADIUS; dy <= ORIENT_RADIUS; dy++)
    for (let dx = -ORIENT_RADIUS; dx <= ORIENT_RADIUS; dx++) {
      const d2 = dx * dx + dy * dy;
      if (d2 <= ORIENT_RADIUS * ORIENT_RADIUS)
        w[(dy + ORIENT_RADIUS) * side + dx + ORIENT_RADIUS] = Math.exp(
          -d2 / (2 * ORIENT_SIGMA * ORIENT_SIGMA),
        );
    }
  return w;
})();

/**
 * The dominant gradient directions round (cx, cy): the peak of a weighted histogram, and a second
 * peak when it is nearly as strong (a corner of two edges gives two readings; keeping both keeps
 * the match when the photos disagree on which is stronger).
 */
function orientations(gx: Plane, gy: Plane, cx: number, cy: number): number[] {
  const hist = new Float64Array(BINS);
  const w = gx.width;
  const side = 2 * ORIENT_RADIUS + 1;
  for (let dy = -ORIENT_RADIUS; dy <= ORIENT_RADIUS; dy++) {
    for (let dx = -ORIENT_RADIUS; dx <= ORIENT_RADIUS; dx++) {
      const weight = ORIENT_WEIGHTS[(dy + ORIENT_RADIUS) * side + dx + ORIENT_RADIUS]!;
      if (weight === 0) continue;
      const i = (cy + dy) * w + cx + dx;
      const a = gx.data[i]!;
      const b = gy.data[i]!;
      const mag = Math.sqrt(a * a + b * b) * weight;
      let bin = Math.floor(((Math.atan2(b, a) + Math.PI) / (2 * Math.PI)) * BINS);
      if (bin >= BINS) bin = 0;
      hist[bin] = hist[bin]! + mag;
    }
  }
  // Smooth the histogram twice with [1 2 1]/4 so one noisy bin does not decide.
  for (let pass = 0; pass < 2; pass++) {
    const c = hist.slice();
    for (let b = 0; b < BINS; b++) hist[b] = (c[(b + BINS - 1) % BINS]! + 2 * c[b]! + c[(b + 1) % BINS]!) / 4;
  }
  const peaks: { angle: number; v: number }[] = [];
  for (let b = 0; b < BINS; b++) {
    const l = hist[(b + BINS - 1) % BINS]!;
    const m = hist[b]!;
    const r = hist[(b + 1) % BINS]!;
    if (m > l && m >= r) {
      const off = peakOffset(l, m, r);
      peaks.push({ angle: ((b + 0.5 + off) / BINS) * 2 * Math.PI - Math.PI, v: m });
    }
  }
  peaks.sort((p, q) => q.v - p.v);
  if (!peaks.length) return [0];
  const keep = [peaks[0]!.angle];
  if (peaks[1] && peaks[1].v >= 0.8 * peaks[0]!.v) keep.push(peaks[1].angle);
  return keep;
}
