/**
 * The light of the zones measured on a photo pair, for the outcome: luma in the earlier photo's
 * frame, each zone's pixels and the untreated ring round it, the dots found in a zone, the change
 * of light between the photos fitted over that ring, and the retention at which the preview's
 * renderer reproduces what the follow-up shows.
 */
import { analyzePhoto } from '../analysis/analyze-photo.js';
import { invert, type Matrix3 } from '../registration/matrix3.js';
import { buildImpressionSet, type ImpressionSet } from '../render/impression-set.js';
import type { RgbImage } from '../render/render-stage.js';
import type { Simulation } from '../render/simulate.js';

/** Untreated skin round a zone, out to this distance, is the reference for the light. */
const REFERENCE_RING_MM = 6;
/** Retention is sought up to this: more than healthy skin keeps means a darker shade was used. */
export const MAX_RETENTION = 1.5;

/**
 * Luma of each pixel (encoded values, 0-1; channels 3 or 4). Encoded, not linear: a camera's
 * exposure and tone curve multiply the encoded values closely, while in linear light they scale
 * dark dots less than bright skin, and the change of light would leak into the pigment's figure.
 * The renderer is inverted on the same scale, so its non-linearity does not matter.
 */
export function luma(image: { width: number; height: number; channels: number; data: ArrayLike<number> }) {
  const n = image.width * image.height;
  const out = new Float32Array(n);
  const c = image.channels;
  const d = image.data;
  for (let i = 0, j = 0; i < n; i++, j += c)
    out[i] = (0.299 * d[j]! + 0.587 * d[j + 1]! + 0.114 * d[j + 2]!) / 255;
  return out;
}

/**
 * The follow-up's luma resampled into the earlier photo's frame, bilinear, kept in floating point
 * (an 8-bit copy would round away the faint edge of every blurred dot, always towards the skin:
 * at session 1 that is a sixth of the pigment). NaN where the follow-up does not reach.
 */
export function lumaInFrame(
  plane: Float32Array,
  lw: number,
  lh: number,
  laterFromEarlier: Matrix3,
  width: number,
  height: number,
): Float32Array {
  const out = new Float32Array(width * height).fill(Number.NaN);
  const m = laterFromEarlier;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const d = m[6] * x + m[7] * y + m[8];
      if (!(d > 0)) continue;
      const u = (m[0] * x + m[1] * y + m[2]) / d;
      const v = (m[3] * x + m[4] * y + m[5]) / d;
      if (!(u >= 0 && v >= 0 && u <= lw - 1 && v <= lh - 1)) continue;
      const x0 = Math.min(Math.floor(u), lw - 2 < 0 ? 0 : lw - 2);
      const y0 = Math.min(Math.floor(v), lh - 2 < 0 ? 0 : lh - 2);
      const fx = u - x0;
      const fy = v - y0;
      const i = y0 * lw + x0;
      out[y * width + x] =
        (1 - fx) * (1 - fy) * plane[i]! +
        fx * (1 - fy) * plane[i + 1]! +
        (1 - fx) * fy * plane[i + lw]! +
        fx * fy * plane[i + lw + 1]!;
    }
  return out;
}

/** CIELAB L* of an encoded luma (sRGB's curve taken as a 2.2 power). */
const lightness = (v: number) => {
  const y = Math.pow(v, 2.2);
  const f = y > 216 / 24389 ? Math.cbrt(y) : (24389 / 27 / 116) * y + 16 / 116;
  return 116 * f - 16;
};

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

interface ZonePixels {
  inside: Int32Array;
  ring: Int32Array;
}

/** The pixels of each zone proper, and the untreated skin round it. */
export function zonePixels(sim: Simulation, width: number, height: number): ZonePixels[] {
  const b = sim.built;
  const cell = (x: number, y: number) =>
    Math.min(b.workHeight - 1, Math.floor(y * b.scale)) * b.workWidth +
    Math.min(b.workWidth - 1, Math.floor(x * b.scale));
  const inside = b.zones.map(() => [] as number[]);
  const box = b.zones.map(() => [width, height, -1, -1]);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const z = b.zoneCore[cell(x, y)]!;
      if (z === 0) continue;
      inside[z - 1]!.push(y * width + x);
      const r = box[z - 1]!;
      r[0] = Math.min(r[0]!, x);
      r[1] = Math.min(r[1]!, y);
      r[2] = Math.max(r[2]!, x);
      r[3] = Math.max(r[3]!, y);
    }
  const reach = Math.ceil(REFERENCE_RING_MM * sim.pxPerMm);
  return b.zones.map((_, i) => {
    const [x0, y0, x1, y1] = box[i]!;
    const ring: number[] = [];
    if (x1! >= 0)
      for (let y = Math.max(0, y0! - reach); y <= Math.min(height - 1, y1! + reach); y++)
        for (let x = Math.max(0, x0! - reach); x <= Math.min(width - 1, x1! + reach); x++) {
          const c = cell(x, y);
          if (b.zoneIndex[c] === 0 && b.density[c] === 0) ring.push(y * width + x);
        }
    return { inside: Int32Array.from(inside[i]!), ring: Int32Array.from(ring) };
  });
}

/** Dots the analysis finds in each zone. */
export function dotsPerZone(image: RgbImage, pixels: ZonePixels[], pxPerMm: number, width: number): number[] {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -1, -1];
  const zoneOf = new Map<number, number>();
  pixels.forEach((p, z) => {
    for (const i of p.inside) {
      zoneOf.set(i, z);
      const x = i % width;
      const y = (i - x) / width;
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x);
      y1 = Math.max(y1, y);
    }
  });
  const counts = pixels.map(() => 0);
  if (x1 < 0) return counts;
  const result = analyzePhoto(image, {
    calibration: { pxPerMm },
    roi: { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 },
  });
  for (const f of result.follicles) {
    const z = zoneOf.get(Math.round(f.y) * width + Math.round(f.x));
    if (z !== undefined) counts[z]!++;
  }
  return counts;
}

export function sum(values: Float32Array, set: Int32Array, gain: (p: number) => number): number {
  let total = 0;
  for (let k = 0; k < set.length; k++) total += values[set[k]!]! / gain(set[k]!);
  return total;
}

export function meanLightness(
  values: Float32Array,
  set: Int32Array,
  gain: (p: number) => number = () => 1,
): number {
  let total = 0;
  for (let k = 0; k < set.length; k++) total += lightness(values[set[k]!]! / gain(set[k]!));
  return total / Math.max(1, set.length);
}

export interface LightField {
  gain: (p: number) => number;
  /** Robust spread of the blocks' log ratios: how much a 2 mm patch of skin differs between the photos. */
  spread: number;
  blocks: number;
  blockPixels: number;
}

/**
 * How the light changed between the photos over a zone, from the untreated skin round it: the
 * ratio of luminance sums in blocks of about 2 mm (sums, so that resampling blur cancels), and a
 * plane fitted to their logarithms (a lamp or window falls off across a head; a constant alone
 * leaves that fall-off in the zone's figure). Returns the gain at a pixel.
 */
export function lightField(
  ring: Int32Array,
  before: Float32Array,
  after: Float32Array,
  width: number,
  pxPerMm: number,
): LightField {
  const block = Math.max(4, Math.round(2 * pxPerMm));
  const blocks = new Map<number, { a: number; b: number; x: number; y: number; n: number }>();
  for (const p of ring) {
    const x = p % width;
    const y = (p - x) / width;
    const key = Math.floor(y / block) * 1_000_003 + Math.floor(x / block);
    const e = blocks.get(key) ?? { a: 0, b: 0, x: 0, y: 0, n: 0 };
    e.a += after[p]!;
    e.b += before[p]!;
    e.x += x;
    e.y += y;
    e.n++;
    blocks.set(key, e);
  }
  // Weighted least squares of log(ratio) = c0 + c1·x + c2·y, in coordinates centred on the ring.
  // Blocks unlike the rest (a shadow, hair grown back, the follow-up's edge) are left out.
  const usable = [...blocks.values()].filter((e) => e.n >= block && e.a > 0 && e.b > 0);
  const logs = usable.map((e) => Math.log(e.a / e.b));
  const centre = logs.length ? median(logs) : 0;
  const spread = logs.length ? 1.4826 * median(logs.map((l) => Math.abs(l - centre))) : 0;
  const rows = usable.filter((_, k) => Math.abs(logs[k]! - centre) <= Math.max(3 * spread, 0.003));
  const total = rows.reduce((t, e) => t + e.n, 0);
  const mx = rows.reduce((t, e) => t + e.x, 0) / total;
  const my = rows.reduce((t, e) => t + e.y, 0) / total;
  const m = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  const v = [0, 0, 0];
  for (const e of rows) {
    const f = [1, e.x / e.n - mx, e.y / e.n - my];
    const t = Math.log(e.a / e.b);
    for (let r = 0; r < 3; r++) {
      v[r]! += e.n * f[r]! * t;
      for (let c = 0; c < 3; c++) m[r * 3 + c]! += e.n * f[r]! * f[c]!;
    }
  }
  const inverse = rows.length >= 6 ? invert(m as unknown as Matrix3) : null;
  const known = { spread, blocks: rows.length, blockPixels: block * block };
  if (!inverse) {
    const ratio = rows.reduce((t, e) => t + e.a, 0) / rows.reduce((t, e) => t + e.b, 0) || 1;
    return { ...known, gain: () => ratio };
  }
  const c = [0, 1, 2].map(
    (r) => inverse[r * 3]! * v[0]! + inverse[r * 3 + 1]! * v[1]! + inverse[r * 3 + 2]! * v[2]!,
  );
  return {
    ...known,
    gain: (p) => {
      const x = p % width;
      return Math.exp(c[0]! + c[1]! * (x - mx) + c[2]! * ((p - x) / width - my));
    },
  };
}

/**
 * The impressions as they would be had zone `zone` kept `kept`. A scar is rebuilt through the
 * impression model with that share (some dots do not take, the rest keep round it); healthy skin,
 * which the model gives no such spread, has its pigment scaled.
 */
export function withZoneRetention(sim: Simulation, zone: number, kept: number, seed: number): ImpressionSet {
  const z = sim.built.zones[zone]!;
  if (z.kind === 'scar') {
    const zones = sim.built.zones.map((other, k) => (k === zone ? { ...other, retention: kept } : other));
    return buildImpressionSet(sim.points, { ...sim.built, zones }, seed);
  }
  const set = sim.impressions;
  const factor = kept / z.retention;
  const retention = Float32Array.from(set.retention, (r, k) => (set.zone[k] === zone ? r * factor : r));
  return { ...set, retention };
}

/**
 * The retention at which the preview darkens the zone as much as the follow-up shows: the
 * darkening rises with the pigment kept (monotonic, not linear: dots overlap and saturate), so
 * bisection on the renderer itself, to 0.2 % of the range.
 */
export function solveRetention(predictedAt: (kept: number) => number, achieved: number): number {
  if (achieved <= 0) return 0;
  if (predictedAt(MAX_RETENTION) <= achieved) return MAX_RETENTION;
  let lo = 0;
  let hi = MAX_RETENTION;
  while (hi - lo > 0.003) {
    const mid = (lo + hi) / 2;
    if (predictedAt(mid) < achieved) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
