import { firBlur, gaussianBlur } from '../analysis/gaussian-filter.js';
import { quantileInPlace } from '../analysis/robust-stats.js';
import { fitSize, luma, resizeArea, sample, type PhotoPixels, type Plane } from './plane.js';
import type { RgbaPixels } from './warp.js';

export interface Difference {
  /** The earlier photo, faded, with what got darker in blue and what got lighter in orange. */
  image: RgbaPixels;
  /** Share of the overlap that got visibly darker / lighter (beyond the noise floor). */
  darker: number;
  lighter: number;
  /** The later photo's contrast against the earlier's (its tone curve's slope), taken out. */
  contrast: number;
}

/** Grey levels of change below which a pixel counts as unchanged (JPEG noise, slight blur). */
const NOISE_FLOOR = 8;
/** Change at which the colour is at full strength. */
const FULL = 40;
const DARKER = [30, 90, 230] as const;
const LIGHTER = [240, 130, 20] as const;
/** The light is what varies more slowly than this share of the long side. */
const LIGHT_SCALE = 1 / 24;
/** log(v + 6) for luma v in quarter grey levels: the log of 24 million pixels by table. */
const LOG = Float32Array.from({ length: 1021 }, (_, q) => Math.log(q / 4 + 6));
/** Pixels left out along the edge of the aligned photo. */
const EDGE = 2;

/**
 * Where the scalp changed between the sessions, once the light is taken out. In the log of the
 * brightness, exposure and a light from one side are a slowly varying offset (removed with each
 * photo's local mean) and a different tone curve is a factor on the contrast (estimated robustly
 * over the whole overlap, so the changed parts do not bias it). What remains is change of the
 * scalp itself at the scale of dots and scars; new pigment shows as darker.
 */
export function differenceImage(earlier: PhotoPixels, aligned: RgbaPixels): Difference {
  const { width, height } = aligned;
  const n = width * height;
  const ge = luma(earlier);
  const gl = luma(aligned);
  const mask = new Float32Array(n);
  const le = new Float32Array(n);
  const ll = new Float32Array(n);
  for (let i = 0; i < n; i++) mask[i] = aligned.data[i * 4 + 3]! > 0 ? 1 : 0;
  // The later photo's own edge (a border row, the blend at its last pixel) is not a change.
  erode(mask, width, height, EDGE);
  for (let i = 0; i < n; i++) {
    le[i] = LOG[Math.round(4 * ge.data[i]!)]!;
    ll[i] = mask[i] ? LOG[Math.round(4 * gl.data[i]!)]! : 0;
  }
  // A pixel of blur on both sides: the aligned photo has been resampled once more than the
  // earlier, and the thinnest bright hairs lose their peak to it; dots and scars do not.
  blurInPlace(le, width, height);
  blurInPlace(ll, width, height);
  const meanE = localMean(le, mask, width, height);
  const meanL = localMean(ll, mask, width, height);
  const up = upsampler(meanE, width, height);

  // The contrast factor: median ratio of the later's local contrast to the earlier's where both have some.
  const ratios = new Float32Array(Math.ceil(n / 7));
  let k = 0;
  for (let i = 0; i < n; i += 7) {
    if (!mask[i]) continue;
    const x = i % width;
    const y = (i - x) / width;
    const he = le[i]! - up(meanE, x, y);
    const hl = ll[i]! - up(meanL, x, y);
    if (Math.abs(he) > 0.05) ratios[k++] = hl / he;
  }
  const contrast = k > 100 ? Math.min(4, Math.max(0.25, quantileInPlace(ratios, 0.5, k))) : 1;
  // d = (ll − μL) / contrast − (le − μE): the two means fold into one slowly varying offset.
  const offset: Plane = { ...meanE, data: meanL.data.map((v, i) => v / contrast - meanE.data[i]!) };
  const row = new Float32Array(width);

  const out = new Uint8ClampedArray(n * 4);
  let darker = 0;
  let lighter = 0;
  let inside = 0;
  for (let y = 0; y < height; y++) {
    upRow(offset, y, height, up.xs, row);
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const o = i * 4;
      const base = 255 - 0.45 * (255 - ge.data[i]!);
      out[o + 3] = 255;
      if (!mask[i]) {
        // No later pixels here: a faint hatching says so.
        out[o] = out[o + 1] = out[o + 2] = (x + y) % 12 < 2 ? base - 40 : base;
        continue;
      }
      inside++;
      const dLog = ll[i]! / contrast - le[i]! - row[x]!;
      // Back to grey levels of the earlier photo: a change of d in the log is about d × brightness.
      const d = dLog * (ge.data[i]! + 6);
      const m = Math.abs(d);
      let t = 0;
      if (m > NOISE_FLOOR) {
        t = Math.min(1, (m - NOISE_FLOOR) / (FULL - NOISE_FLOOR));
        if (d < 0) darker++;
        else lighter++;
      }
      const col = d < 0 ? DARKER : LIGHTER;
      out[o] = base + (col[0] - base) * t;
      out[o + 1] = base + (col[1] - base) * t;
      out[o + 2] = base + (col[2] - base) * t;
    }
  }
  return {
    image: { width, height, channels: 4, data: out },
    darker: inside ? darker / inside : 0,
    lighter: inside ? lighter / inside : 0,
    contrast,
  };
}

/** Mean of `values` where `mask` is set, over a wide neighbourhood, on a small copy. */
function localMean(values: Float32Array, mask: Float32Array, width: number, height: number): Plane {
  const small = fitSize(width, height, 256);
  const masked = new Float32Array(values.length);
  for (let i = 0; i < masked.length; i++) masked[i] = values[i]! * mask[i]!;
  const v = resizeArea({ width, height, data: masked }, small.width, small.height);
  const m = resizeArea({ width, height, data: mask }, small.width, small.height);
  const sigma = LIGHT_SCALE * Math.max(small.width, small.height);
  const bv = gaussianBlur(v.data, small.width, small.height, sigma);
  const bm = gaussianBlur(m.data, small.width, small.height, sigma);
  const out: Plane = { ...small, data: new Float32Array(small.width * small.height) };
  for (let i = 0; i < out.data.length; i++) out.data[i] = bm[i]! > 1e-3 ? bv[i]! / bm[i]! : 0;
  return out;
}

/** Clears every pixel within `r` (square) of a cleared one: rows, then columns, by running counts. */
function erode(mask: Float32Array, width: number, height: number, r: number): void {
  const src = mask.slice();
  const pass = (n: number, lines: number, at: (line: number, k: number) => number) => {
    for (let line = 0; line < lines; line++) {
      // Cleared pixels in the window [k − r, k + r]; the photo's border counts as set.
      let cleared = 0;
      for (let k = 0; k < Math.min(r, n); k++) cleared += src[at(line, k)]! ? 0 : 1;
      for (let k = 0; k < n; k++) {
        if (k + r < n) cleared += src[at(line, k + r)]! ? 0 : 1;
        if (k - r - 1 >= 0) cleared -= src[at(line, k - r - 1)]! ? 0 : 1;
        mask[at(line, k)] = cleared ? 0 : 1;
      }
    }
  };
  pass(width, height, (y, x) => y * width + x);
  src.set(mask);
  pass(height, width, (x, y) => y * width + x);
}

function blurInPlace(v: Float32Array, width: number, height: number): void {
  v.set(firBlur(v, width, height, 1));
}

/** Column positions of a small map on the full-size grid, and a bilinear read of any map of that size. */
function upsampler(small: Plane, width: number, height: number) {
  const xs = Float32Array.from({ length: width }, (_, x) =>
    clamp((x + 0.5) * (small.width / width) - 0.5, small.width - 1),
  );
  const read = (m: Plane, x: number, y: number) =>
    sample(m, xs[x]!, clamp((y + 0.5) * (m.height / height) - 0.5, m.height - 1));
  return Object.assign(read, { xs });
}

/** One full-size row of a small map, bilinear. */
function upRow(m: Plane, y: number, height: number, xs: Float32Array, row: Float32Array): void {
  const sy = clamp((y + 0.5) * (m.height / height) - 0.5, m.height - 1);
  const y0 = Math.min(Math.floor(sy), Math.max(0, m.height - 2));
  const fy = m.height > 1 ? sy - y0 : 0;
  const r0 = y0 * m.width;
  const r1 = m.height > 1 ? r0 + m.width : r0;
  for (let x = 0; x < row.length; x++) {
    const sx = xs[x]!;
    const x0 = Math.min(Math.floor(sx), Math.max(0, m.width - 2));
    const fx = m.width > 1 ? sx - x0 : 0;
    const x1 = m.width > 1 ? x0 + 1 : x0;
    const top = m.data[r0 + x0]! + (m.data[r0 + x1]! - m.data[r0 + x0]!) * fx;
    const bottom = m.data[r1 + x0]! + (m.data[r1 + x1]! - m.data[r1 + x0]!) * fx;
    row[x] = top + (bottom - top) * fy;
  }
}

function clamp(v: number, max: number): number {
  return Math.min(Math.max(v, 0), max);
}
