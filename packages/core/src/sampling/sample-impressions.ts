import { createRng } from './rng.js';
import { cellRadii, grownF32, grownF64, grownI32, neighbourOffsets } from './sampler-grid.js';

/** Target impressions per cm² for every pixel of a photo, row-major. */
export interface DensityField {
  width: number;
  height: number;
  /** Calibration: photo pixels per millimetre on the scalp. */
  pxPerMm: number;
  perCm2: Float32Array;
}

/** Impression centres in photo pixels. */
export interface Impressions {
  count: number;
  x: Float32Array;
  y: Float32Array;
  /** The density (per cm²) of the pixel under each impression, where the sampler read it. */
  density?: Float32Array;
}

export interface SampleOptions {
  seed: number;
  /**
   * Impressions already placed (photo pixels of this field, possibly just outside it) that new
   * ones must keep their distance from, with their exclusion radii. A live preview resamples one
   * window this way while the pattern around it stays; they are not part of the result.
   */
  fixed?: { count: number; x: ArrayLike<number>; y: ArrayLike<number>; r: ArrayLike<number> };
  /** `estimateDensity(field)`, when the caller has it already: it reads 190,000 scattered pixels. */
  estimate?: DensityEstimate;
}

export interface DensityEstimate {
  /** Largest density (per cm²) seen. */
  max: number;
  /** Impressions the field asks for. */
  expectedCount: number;
}

/**
 * Achieved packing: impressions per area × r², with r the exclusion distance, measured on uniform
 * fields (sample-impressions.test.ts fails if it drifts). It turns a target density into the
 * exclusion distance that produces that density on average.
 */
export const PACKING = 0.77;

/**
 * Densities below this fraction of the field's largest are not sampled. It bounds the ratio of
 * the largest to the smallest spacing to 8, which keeps neighbour searches short; at 1/64 of a
 * full-density zone a square centimetre holds one or two impressions: the far end of a feather.
 * The largest density is estimated on a lattice of every 8th pixel, so a denser spot narrower
 * than that lattice does not raise the floor (it is still sampled, at some cost in speed).
 */
export const MIN_RELATIVE_DENSITY = 1 / 64;

/** How the growth runs; the defaults are what `sampleImpressions` uses (experiments may vary them). */
export interface SamplerTuning {
  /** Candidates around each impression, one per equal angular step (Roberts' variant of Bridson). */
  candidates: number;
  /**
   * Candidates sit at a random distance in [d, d·(1 + shell)], d the exclusion distance. Exactly
   * on d (Roberts as published, and fast-2d-poisson-disk-sampling) the pattern crystallises into
   * hexagonal patches with straight rows, which reads as a grid on a scalp.
   */
  shell: number;
  /**
   * The next impression to grow is a random one among the `recent` most recently placed: fully
   * random order scatters memory access over the whole image, strictly first-in-first-out order
   * propagates rows along the growth front.
   */
  recent: number;
}

export const DEFAULT_TUNING: SamplerTuning = { candidates: 24, shell: 0.25, recent: 64 };

/** The exclusion distance in pixels that yields `perCm2` impressions per cm² at `pxPerMm`. */
export function exclusionRadiusPx(perCm2: number, pxPerMm: number): number {
  return (Math.sqrt(PACKING * 100) * pxPerMm) / Math.sqrt(perCm2);
}

/**
 * Variable-density blue noise in O(n) time and memory on flat typed arrays, deterministic per
 * seed: Bridson's growth with candidates stepped around each impression (Roberts), kept
 * irregular by a thin random shell, random skips and a randomised growth order.
 *
 * Two impressions p and q never lie closer than the mean of their exclusion radii (r_p + r_q) / 2
 * (the symmetric "mean" conflict rule), r being `exclusionRadiusPx` of the target density. A
 * candidate's radius is that of its grid cell, read once per cell at its centre (a cell is under
 * 0.71 of the smallest spacing, finer than any feathered zone edge); whether the pixel under an
 * impression is sampled at all is checked exactly, so exclusion edges are exact to the pixel. A
 * final scan puts a dart into every empty cell and grows again from each that fits, which seeds
 * every separate zone and fills gaps left where growth fronts met.
 */
export function sampleImpressions(field: DensityField, options: SampleOptions): Impressions {
  return sampleImpressionsTuned(field, options, DEFAULT_TUNING);
}

export function sampleImpressionsTuned(
  field: DensityField,
  options: SampleOptions,
  tuning: SamplerTuning,
): Impressions {
  const { width: w, height: h, pxPerMm, perCm2 } = field;
  if (!(w > 0 && h > 0) || !Number.isInteger(w) || !Number.isInteger(h) || perCm2.length !== w * h) {
    throw new RangeError(`density field: perCm2 has ${perCm2.length} values, expected ${w}×${h}`);
  }
  if (!(pxPerMm > 0) || !Number.isFinite(pxPerMm)) {
    throw new RangeError('density field: pxPerMm must be a positive number');
  }
  const estimate = options.estimate ?? estimateDensity(field);
  if (!(estimate.max > 0)) return { count: 0, x: new Float32Array(0), y: new Float32Array(0) };

  const radiusScale = Math.sqrt(PACKING * 100) * pxPerMm;
  const floor = estimate.max * MIN_RELATIVE_DENSITY;

  // Background grid of buckets sized from the estimated smallest spacing: a cell then holds at
  // most one impression (if the estimate missed a denser spot, a few, which costs a little time
  // and nothing else). Padded by the largest reach so that lookups need no bounds checks.
  const cell = (radiusScale / Math.sqrt(estimate.max)) * Math.SQRT1_2;
  const pad = Math.ceil(radiusScale / Math.sqrt(floor) / cell) + 1;
  const gw = Math.ceil(w / cell);
  const gh = Math.ceil(h / cell);
  const stride = gw + 2 * pad;
  const heads = new Int32Array(stride * (gh + 2 * pad));
  const { offsets, lowerBound2 } = neighbourOffsets(pad, cell, stride);

  // Exclusion radius per cell, read from the field at its centre up front, row by row: reading it
  // where candidates fall, two dozen per impression, costs more in cache and TLB misses on a
  // 12-megapixel field than all the rest. A cell whose centre is unsampled (a zone edge crosses
  // it) takes the densest of its corners; one with none sampled (0: a zone smaller than a cell)
  // falls back to the pixel asked about (`exactRadius`).
  const cellRadius = cellRadii(field, cell, gw, gh, pad, stride, radiusScale, floor);
  const exactRadius = (x: number, y: number): number => {
    const d = perCm2[(y | 0) * w + (x | 0)]!;
    return d >= floor ? radiusScale / Math.sqrt(d) : 0;
  };

  // Impressions as interleaved x, y, r: one cache line per neighbour check. The hot loop below
  // works on locals only (state captured by closures that are reassigned lives in a heap context
  // that V8 reloads on every access), so the conflict check is written out where it is used.
  const fixed = options.fixed;
  let capacity = Math.max(64, Math.ceil(estimate.expectedCount * 1.25) + 64) + (fixed?.count ?? 0);
  let xyr = new Float64Array(capacity * 3);
  let next = new Int32Array(capacity);
  let active = new Int32Array(capacity);
  let densities = new Float32Array(capacity);
  let count = 0;
  let activeCount = 0;
  // A conflict needs a placed neighbour, so the largest radius placed near a candidate bounds the
  // search: the largest in its block and the eight round it (blocks are `pad` cells wide, wider
  // than any reach). The largest placed anywhere would widen every search over the dense skin
  // fourfold once one impression sits in a sparse feather.
  const invBlock = 1 / (cell * pad);
  const bw = Math.ceil(gw / pad) + 4;
  const nearMax = new Float32Array(bw * (Math.ceil(gh / pad) + 4));
  const blockMax = new Float32Array(nearMax.length);
  const raiseNear = (x: number, y: number, r: number) => {
    const b = (Math.floor(y * invBlock) + 2) * bw + Math.floor(x * invBlock) + 2;
    if (r <= blockMax[b]!) return;
    blockMax[b] = r;
    for (let dy = -bw; dy <= bw; dy += bw)
      for (let dx = -1; dx <= 1; dx++) if (nearMax[b + dy + dx]! < r) nearMax[b + dy + dx] = r;
  };

  const rng = createRng(options.seed);
  const candidates = tuning.candidates;
  const stepAngle = (2 * Math.PI) / candidates;
  const stepCos = Math.cos(stepAngle);
  const stepSin = Math.sin(stepAngle);
  // After a success, the arc the new neighbour blocks is skipped: 60° at equal radii, plus a
  // random part of a step (exactly 60° proposes the next neighbour where a hexagon would have it).
  const skipSteps = Math.ceil(candidates / 6);
  const shell = tuning.shell;
  const recent = Math.max(1, tuning.recent);
  const nOffsets = offsets.length;
  const invCell = 1 / cell;

  // Fixed impressions go into the grid first (within the padding, where they can conflict), not
  // into the active list: the scan below grows the new pattern up to them.
  if (fixed) {
    const largestReach = radiusScale / Math.sqrt(floor);
    for (let k = 0; k < fixed.count; k++) {
      const fx = fixed.x[k]!;
      const fy = fixed.y[k]!;
      const gx = Math.floor(fx * invCell);
      const gy = Math.floor(fy * invCell);
      if (gx < -pad || gy < -pad || gx >= gw + pad || gy >= gh + pad) continue;
      const fr = Math.min(largestReach, fixed.r[k]!);
      const c = (gy + pad) * stride + gx + pad;
      xyr[3 * count] = fx;
      xyr[3 * count + 1] = fy;
      xyr[3 * count + 2] = fr;
      next[count] = heads[c]!;
      heads[c] = ++count;
      raiseNear(fx, fy, fr);
    }
  }
  const fixedCount = count;

  // Seeds and gap filling in one scan: a dart at a random point of every empty cell over sampled
  // skin; one that fits starts growth from there, until no impression can grow any more.
  for (let gy = 0; gy < gh; gy++) {
    for (let gx = 0; gx < gw; gx++) {
      const seedCell = (gy + pad) * stride + gx + pad;
      if (heads[seedCell] !== 0) continue;
      let qx = Math.min((gx + rng.next()) * cell, w - 1e-3);
      let qy = Math.min((gy + rng.next()) * cell, h - 1e-3);
      let qc = seedCell;
      let qr = cellRadius[qc]! || exactRadius(qx, qy);
      if (qr === 0) continue;

      // Growth: `i` is the impression growing, -1 while the seed dart is being tried.
      let i = -1;
      let px = 0;
      let py = 0;
      let pr = 0;
      let c = 1;
      let s = 0;
      let t = candidates;
      for (;;) {
        if (i >= 0) {
          // The next candidate around impression i.
          if (t >= candidates) {
            if (activeCount === 0) break;
            const k = activeCount - 1 - ((rng.next() * (activeCount < recent ? activeCount : recent)) | 0);
            i = active[k]!;
            active[k] = active[--activeCount]!;
            px = xyr[3 * i]!;
            py = xyr[3 * i + 1]!;
            pr = xyr[3 * i + 2]!;
            const a = rng.next() * 2 * Math.PI;
            c = Math.cos(a);
            s = Math.sin(a);
            t = 0;
          }
          // Where the candidate just clears impression i under the mean rule, with the radius at
          // the candidate itself: towards sparser skin it steps further out.
          const jitter = 1 + shell * rng.next();
          qx = px + c * pr * jitter;
          qy = py + s * pr * jitter;
          let ok = qx >= 0 && qy >= 0 && qx < w && qy < h;
          if (ok) {
            qc = (((qy * invCell) | 0) + pad) * stride + ((qx * invCell) | 0) + pad;
            qr = cellRadius[qc]! || exactRadius(qx, qy);
            if (qr === 0) ok = false;
            else if (qr !== pr) {
              const d = (pr + qr) * 0.5 * jitter;
              qx = px + c * d;
              qy = py + s * d;
              ok = qx >= 0 && qy >= 0 && qx < w && qy < h;
              if (ok) {
                qc = (((qy * invCell) | 0) + pad) * stride + ((qx * invCell) | 0) + pad;
                qr = cellRadius[qc]! || exactRadius(qx, qy);
                ok = qr !== 0 && (pr + qr) * 0.5 <= d;
              }
            }
          }
          if (!ok) {
            const nc = c * stepCos - s * stepSin;
            s = s * stepCos + c * stepSin;
            c = nc;
            t++;
            continue;
          }
        }

        // Does (qx, qy) with radius qr keep its distance from every impression?
        let fits = true;
        const reach = (qr + nearMax[(((qy * invBlock) | 0) + 2) * bw + ((qx * invBlock) | 0) + 2]!) * 0.5;
        const reach2 = reach * reach;
        search: for (let k = 0; k < nOffsets; k++) {
          if (lowerBound2[k]! >= reach2) break;
          for (let id = heads[qc + offsets[k]!]!; id !== 0; id = next[id - 1]!) {
            const j = 3 * (id - 1);
            const dx = xyr[j]! - qx;
            const dy = xyr[j + 1]! - qy;
            const min = (qr + xyr[j + 2]!) * 0.5;
            if (dx * dx + dy * dy < min * min) {
              fits = false;
              break search;
            }
          }
        }
        // The exact pixel, read only for a candidate that fits: exclusion edges stay exact, and
        // the final scan does not read the 12-megapixel field for every empty cell.
        let density = 0;
        if (fits) {
          density = perCm2[(qy | 0) * w + (qx | 0)]!;
          fits = density >= floor;
        }

        if (fits) {
          if (count === capacity) {
            capacity *= 2;
            xyr = grownF64(xyr, capacity * 3);
            next = grownI32(next, capacity);
            active = grownI32(active, capacity);
            densities = grownF32(densities, capacity);
          }
          xyr[3 * count] = qx;
          xyr[3 * count + 1] = qy;
          xyr[3 * count + 2] = qr;
          densities[count] = density;
          next[count] = heads[qc]!;
          heads[qc] = ++count;
          active[activeCount++] = count - 1;
          raiseNear(qx, qy, qr);
        }
        if (i < 0) {
          if (!fits) break; // the seed dart did not fit
          i = 0;
          t = candidates; // take an impression from the active list
        } else if (fits) {
          const a = Math.atan2(s, c) + skipSteps * stepAngle + rng.next() * stepAngle;
          c = Math.cos(a);
          s = Math.sin(a);
          t += skipSteps;
        } else {
          const nc = c * stepCos - s * stepSin;
          s = s * stepCos + c * stepSin;
          c = nc;
          t++;
        }
      }
    }
  }

  const placed = count - fixedCount;
  const x = new Float32Array(placed);
  const y = new Float32Array(placed);
  for (let k = 0; k < placed; k++) {
    x[k] = xyr[3 * (k + fixedCount)]!;
    y[k] = xyr[3 * (k + fixedCount) + 1]!;
  }
  return { count: placed, x, y, density: densities.slice(fixedCount, count) };
}

/** The density below which the sampler places nothing on this field (see MIN_RELATIVE_DENSITY). */
export function samplingFloor(field: DensityField, estimate = estimateDensity(field)): number {
  return estimate.max * MIN_RELATIVE_DENSITY;
}

/** Largest density, and the expected impression count, from every 8th pixel of every 8th row. */
export function estimateDensity(field: DensityField): DensityEstimate {
  const { width: w, height: h, pxPerMm, perCm2 } = field;
  const step = w * h > 1 << 16 ? 8 : 1;
  let max = 0;
  let sum = 0;
  let n = 0;
  for (let y = step >> 1; y < h; y += step) {
    for (let x = step >> 1; x < w; x += step) {
      const d = perCm2[y * w + x]!;
      n++;
      if (d > 0 && Number.isFinite(d)) {
        sum += d;
        if (d > max) max = d;
      }
    }
  }
  if (max === 0 && step > 1) {
    // A zone narrower than the stride: look at every pixel.
    for (let i = 0; i < perCm2.length; i++) {
      const d = perCm2[i]!;
      if (d > max && Number.isFinite(d)) max = d;
    }
    return { max, expectedCount: 64 };
  }
  const meanPerCm2 = n ? sum / n : 0;
  return { max, expectedCount: (meanPerCm2 * w * h) / (100 * pxPerMm * pxPerMm) };
}
