import { createRng } from './rng.js';

/** Target density of impressions, per pixel, in impressions per cm². Row-major. */
export interface DensityField {
  width: number;
  height: number;
  /** Calibration: image pixels per millimetre of scalp. */
  pxPerMm: number;
  perCm2: Float32Array;
  /** Largest value in `perCm2`, when the producer knows it; saves the sampler a pass over the field. */
  maxPerCm2?: number;
}

/** Impression centres in image pixels. `x` and `y` hold at least `count` entries. */
export interface Impressions {
  count: number;
  x: Float32Array;
  y: Float32Array;
}

export interface SampleOptions {
  /** Same seed, same field, same options: same impressions. */
  seed?: number;
  /** Candidates tried round each impression before it retires (Bridson's k). */
  tries?: number;
  /** Below this density (per cm²) nothing is placed: the field's feathered tails end here. */
  minPerCm2?: number;
  /**
   * Impressions already placed (an earlier session). They are kept, come first in the
   * result, block conflicting candidates and seed growth. They must respect this field's
   * spacing rule among themselves, as an earlier pass of this sampler at a lower density does.
   */
  existing?: Impressions;
}

/**
 * Impressions per r² that the sampler places when the spacing is r: r² = PACKING / density.
 * Measured on large uniform fields (see blue-noise-sampler.test.ts, "packing constant").
 */
export const SAMPLER_PACKING = 0.787;
export const DEFAULT_TRIES = 24;
export const DEFAULT_MIN_PER_CM2 = 0.5;

/** Minimum distance, in pixels, the sampler keeps round an impression where the target is `perCm2`. */
export function spacingPx(perCm2: number, pxPerMm: number): number {
  return 10 * pxPerMm * Math.sqrt(SAMPLER_PACKING / perCm2);
}

const ANGLE_ON_SUCCESS = Math.PI / 3 + 2e-14;
const RING_EPSILON = 1 + 1e-7;
const FOUR_THIRDS_PI = (4 * Math.PI) / 3;

/**
 * Variable-density blue noise (Bridson 2007 with Roberts' r+ε stepped candidates), on flat
 * typed arrays, O(number of grid cells) ≈ O(n) for bounded density ratios.
 *
 * Conflict rule ("min"): impressions i and j may not be closer than min(r(xᵢ), r(xⱼ)), where
 * r(x) = spacingPx(perCm2(x)). So the guarantee is dᵢⱼ ≥ min(rᵢ, rⱼ) for every pair, and the
 * neighbour search only reaches the candidate's own r. Coverage: after growth stops, every
 * empty grid cell (side r_min/√2) gets one more dart, which seeds disconnected regions and
 * fills the few gaps Bridson leaves.
 */
export function sampleImpressions(field: DensityField, options: SampleOptions = {}): Impressions {
  const { width: W, height: H, pxPerMm, perCm2: D } = field;
  if (!Number.isInteger(W) || !Number.isInteger(H) || W <= 0 || H <= 0)
    throw new RangeError(`field width and height must be positive integers (got ${W}×${H})`);
  if (D.length !== W * H)
    throw new RangeError(`field.perCm2 has ${D.length} values; ${W}×${H} needs ${W * H}`);
  if (!(pxPerMm > 0)) throw new RangeError('field.pxPerMm must be greater than 0');
  const tries = Math.round(options.tries ?? DEFAULT_TRIES);
  if (!(tries >= 3 && tries <= 200)) throw new RangeError('tries must be between 3 and 200');
  const minD = options.minPerCm2 ?? DEFAULT_MIN_PER_CM2;
  if (!(minD > 0)) throw new RangeError('minPerCm2 must be greater than 0');
  const rnd = createRng(options.seed ?? 1);
  const existing = options.existing;

  const maxD = field.maxPerCm2 ?? maxOf(D);
  // r² = K / density, with r in pixels and density per cm².
  const K = 100 * pxPerMm * pxPerMm * SAMPLER_PACKING;
  const emptyResult = (): Impressions => copyImpressions(existing);
  if (!(maxD >= minD)) return emptyResult();

  const rMin = Math.sqrt(K / maxD);
  // Half-open cells whose diagonal is below r_min hold at most one impression.
  const cell = rMin * Math.SQRT1_2 * (1 - 1e-9);
  const invCell = 1 / cell;
  const gw = Math.ceil(W * invCell);
  const gh = Math.ceil(H * invCell);
  if (gw * gh > 1 << 28) throw new RangeError('density too high for the image size (grid too large)');
  const grid = new Int32Array(gw * gh);

  let capacity = Math.max(1024, Math.min(gw * gh, 1 << 16) + (existing?.count ?? 0));
  let px = new Float64Array(capacity);
  let py = new Float64Array(capacity);
  let pr = new Float64Array(capacity);
  let pa = new Float64Array(capacity);
  let pt = new Uint8Array(capacity);
  let active = new Int32Array(capacity);
  let n = 0;
  let activeCount = 0;

  const grow = (): void => {
    capacity *= 2;
    const g64 = (a: Float64Array): Float64Array => {
      const b = new Float64Array(capacity);
      b.set(a);
      return b;
    };
    px = g64(px);
    py = g64(py);
    pr = g64(pr);
    pa = g64(pa);
    const t = new Uint8Array(capacity);
    t.set(pt);
    pt = t;
    const a = new Int32Array(capacity);
    a.set(active);
    active = a;
  };

  /** True when no impression lies closer to (x, y) than min(r, its own r). */
  const free = (x: number, y: number, r: number): boolean => {
    let gx0 = ((x - r) * invCell) | 0;
    let gx1 = ((x + r) * invCell) | 0;
    let gy0 = ((y - r) * invCell) | 0;
    let gy1 = ((y + r) * invCell) | 0;
    if (gx0 < 0) gx0 = 0;
    if (gy0 < 0) gy0 = 0;
    if (gx1 >= gw) gx1 = gw - 1;
    if (gy1 >= gh) gy1 = gh - 1;
    const r2 = r * r;
    for (let gy = gy0; gy <= gy1; gy++) {
      const row = gy * gw;
      for (let gx = gx0; gx <= gx1; gx++) {
        const k = grid[row + gx]!;
        if (k !== 0) {
          const j = k - 1;
          const dx = px[j]! - x;
          const dy = py[j]! - y;
          const d2 = dx * dx + dy * dy;
          if (d2 < r2) {
            const rj = pr[j]!;
            if (rj >= r || d2 < rj * rj) return false;
          }
        }
      }
    }
    return true;
  };

  const add = (x: number, y: number, r: number, angle: number): void => {
    if (n === capacity) grow();
    px[n] = x;
    py[n] = y;
    pr[n] = r;
    pa[n] = angle;
    pt[n] = 0;
    grid[((y * invCell) | 0) * gw + ((x * invCell) | 0)] = n + 1;
    active[activeCount++] = n;
    n++;
  };

  const angleStep = (2 * Math.PI) / tries;
  const stepCos = Math.cos(angleStep);
  const stepSin = Math.sin(angleStep);
  const triesOnSuccess = Math.ceil(ANGLE_ON_SUCCESS / angleStep);

  const grow_from_active = (): void => {
    while (activeCount > 0) {
      const j = (rnd() * activeCount) | 0;
      const i = active[j]!;
      let t = pt[i]!;
      let a = pa[i]!;
      if (t === 0) a += (rnd() - 0.5) * FOUR_THIRDS_PI;
      const xi = px[i]!;
      const yi = py[i]!;
      const ring = pr[i]! * RING_EPSILON;
      let c = Math.cos(a);
      let s = Math.sin(a);
      let placed = false;
      for (; t < tries; t++) {
        const x = xi + c * ring;
        const y = yi + s * ring;
        if (x >= 0 && y >= 0 && x < W && y < H) {
          const d = D[(y | 0) * W + (x | 0)]!;
          if (d >= minD) {
            const r = Math.sqrt(K / d);
            if (free(x, y, r)) {
              add(x, y, r, a);
              pa[i] = a + ANGLE_ON_SUCCESS + rnd() * angleStep;
              pt[i] = t + triesOnSuccess;
              placed = true;
              break;
            }
          }
        }
        const c2 = c * stepCos - s * stepSin;
        s = s * stepCos + c * stepSin;
        c = c2;
        a += angleStep;
      }
      if (!placed) active[j] = active[--activeCount]!;
    }
  };

  if (existing) {
    for (let i = 0; i < existing.count; i++) {
      const x = existing.x[i]!;
      const y = existing.y[i]!;
      if (!(x >= 0 && y >= 0 && x < W && y < H))
        throw new RangeError(`existing impression ${i} at (${x}, ${y}) lies outside the field`);
      const d = D[(y | 0) * W + (x | 0)]!;
      const slot = ((y * invCell) | 0) * gw + ((x * invCell) | 0);
      if (grid[slot] !== 0)
        throw new RangeError(`existing impression ${i} is closer to another than this field's spacing allows`);
      add(x, y, d >= minD ? Math.sqrt(K / d) : Infinity, rnd() * 2 * Math.PI);
    }
    grow_from_active();
  }

  // One dart per empty cell: seeds every region the density reaches and closes leftover gaps.
  for (let gy = 0; gy < gh; gy++) {
    const row = gy * gw;
    for (let gx = 0; gx < gw; gx++) {
      if (grid[row + gx] !== 0) continue;
      const x = (gx + rnd()) * cell;
      const y = (gy + rnd()) * cell;
      if (x >= W || y >= H) continue;
      const d = D[(y | 0) * W + (x | 0)]!;
      if (!(d >= minD)) continue;
      const r = Math.sqrt(K / d);
      if (!free(x, y, r)) continue;
      add(x, y, r, rnd() * 2 * Math.PI);
      grow_from_active();
    }
  }

  const x = new Float32Array(n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = px[i]!;
    y[i] = py[i]!;
  }
  return { count: n, x, y };
}

function maxOf(a: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const v = a[i]!;
    if (v > m) m = v;
  }
  return m;
}

function copyImpressions(p: Impressions | undefined): Impressions {
  if (!p) return { count: 0, x: new Float32Array(0), y: new Float32Array(0) };
  return { count: p.count, x: p.x.slice(0, p.count), y: p.y.slice(0, p.count) };
}
