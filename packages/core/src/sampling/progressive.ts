import {
  NATURAL_TUNING,
  naturalise,
  spacingPx,
  type NaturalTuning,
  type PlacedImpressions,
} from './natural-pattern.js';
import { createRng, gaussianPairs, hashSeed, type Rng } from './rng.js';
import {
  estimateDensity,
  exclusionRadiusPx,
  sampleImpressions,
  samplingFloor,
  type DensityField,
  type Impressions,
} from './sample-impressions.js';

export interface SessionImpressions extends Impressions {
  /** Session (1-based) in which each impression is placed. */
  session: Uint8Array;
}

export interface SessionOptions {
  tuning?: NaturalTuning;
  /**
   * The client's own follicles (photo pixels, interleaved x, y): new impressions go only where
   * hair is missing, and these count towards the target (they are not part of the result).
   */
  existing?: Float32Array;
}

/**
 * Impressions for a course of sessions, session k bringing the pattern up to the cumulative share
 * `shares[k-1]` of the target (domain.md §1.4: 30 → 70 → 100 %).
 *
 * The final pattern is sampled once as blue noise round the client's own follicles. Each earlier
 * session is then an evenly spread subset of it: the impressions are visited in random order and
 * one joins session k when no impression of sessions 1..k (nor an existing follicle) lies within
 * that session's spacing (its density being `shares[k-1]` of the target). So the first, lighter
 * session covers the whole zone evenly, not a random third with gaps and clumps. Then the pattern
 * is made natural (natural-pattern.ts): the gaps of each session closed as an artist closes them,
 * and each impression scattered off its place.
 */
export function sampleSessions(
  field: DensityField,
  shares: readonly number[],
  seed: number,
  options: SessionOptions = {},
): SessionImpressions {
  const placed = placeSessions(field, shares, seed, options);
  return { count: placed.count, x: placed.x, y: placed.y, session: placed.session };
}

/** As sampleSessions, with the blue-noise place of each impression kept (a live preview needs it). */
export function placeSessions(
  field: DensityField,
  shares: readonly number[],
  seed: number,
  options: SessionOptions = {},
): PlacedImpressions {
  checkShares(shares);
  const estimate = estimateDensity(field);
  const floor = samplingFloor(field, estimate);
  const existing = existingOnTreatedSkin(field, options.existing, floor);
  const points = sampleImpressions(field, { seed, fixed: existing, estimate });
  const n = points.count;
  const session = assignSessions(
    points,
    points.density ? radiiOf(points.density, field.pxPerMm) : radiiAt(field, points),
    { ...existing, session: new Uint8Array(existing.count) },
    shares,
    createRng(hashSeed(seed, 'sessions')),
  );
  // The client's follicles first: they stay where they are and count as cover in every session.
  const e = existing.count;
  const placed = withFixedFirst(existing, { count: n, x: points.x, y: points.y, session });
  // The density under each impression, as the sampler read it: read again, it would cost a cache
  // miss on the 12-megapixel field for every impression.
  let density: Float32Array | undefined;
  if (points.density) {
    density = new Float32Array(e + n);
    for (let i = 0; i < e; i++)
      density[i] = field.perCm2[Math.floor(existing.y[i]!) * field.width + Math.floor(existing.x[i]!)]!;
    density.set(points.density, e);
  }
  const natural = naturalise(placed, field, {
    ...(density ? { density } : {}),
    normals: gaussianPairs(e + n, hashSeed(seed, 'scatter')),
    order: shuffled(e + n, createRng(hashSeed(seed, 'scatter order'))),
    scatterOrder: shuffledByTile(
      placed.baseX,
      placed.baseY,
      e + n,
      TILE_SPACINGS * spacingPx(estimate.max, field.pxPerMm),
      createRng(hashSeed(seed, 'scatter tiles')),
    ),
    shares,
    floor,
    tuning: options.tuning ?? NATURAL_TUNING,
    firstMovable: e,
  }).points;
  // The arrays are this call's own: without follicles in front, no copy is needed.
  const slice = <T extends Float32Array | Uint8Array>(a: T) =>
    (e === 0 && a.length === natural.count ? a : a.slice(e, natural.count)) as T;
  return {
    count: natural.count - e,
    baseX: slice(natural.baseX),
    baseY: slice(natural.baseY),
    x: slice(natural.x),
    y: slice(natural.y),
    session: slice(natural.session),
  };
}

export function checkShares(shares: readonly number[]): void {
  if (shares.length === 0 || shares.length > 255) throw new RangeError('shares: one to 255 sessions');
  shares.forEach((share, k) => {
    if (!(share > 0 && share <= 1) || (k > 0 && share <= shares[k - 1]!)) {
      throw new RangeError(`shares[${k}]: must be in (0, 1] and larger than the share before it`);
    }
  });
  if (shares.at(-1) !== 1) throw new RangeError('shares: the last session must bring the share to 1');
}

/**
 * Impressions that stay where they are (`fixed`: x, y, and a session, 0 for the client's own
 * follicles) followed by movable ones at their blue-noise places, as `naturalise` takes them.
 */
export function withFixedFirst(
  fixed: { count: number; x: ArrayLike<number>; y: ArrayLike<number>; session?: ArrayLike<number> },
  movable: { count: number; x: ArrayLike<number>; y: ArrayLike<number>; session: ArrayLike<number> },
): PlacedImpressions {
  const e = fixed.count;
  const n = e + movable.count;
  const placed: PlacedImpressions = {
    count: n,
    baseX: new Float32Array(n),
    baseY: new Float32Array(n),
    x: new Float32Array(n),
    y: new Float32Array(n),
    session: new Uint8Array(n),
  };
  for (let i = 0; i < e; i++) {
    placed.baseX[i] = placed.x[i] = fixed.x[i]!;
    placed.baseY[i] = placed.y[i] = fixed.y[i]!;
    placed.session[i] = fixed.session ? fixed.session[i]! : 0;
  }
  for (let i = 0; i < movable.count; i++) {
    placed.baseX[e + i] = movable.x[i]!;
    placed.baseY[e + i] = movable.y[i]!;
    placed.session[e + i] = movable.session[i]!;
  }
  return placed;
}

/** Exclusion radius (px) of the target density at each impression. */
/** Exclusion radii from the densities the sampler read under each impression: no second field read. */
function radiiOf(density: Float32Array, pxPerMm: number): Float32Array {
  const radius = new Float32Array(density.length);
  for (let i = 0; i < density.length; i++)
    radius[i] = density[i]! > 0 ? exclusionRadiusPx(density[i]!, pxPerMm) : 0;
  return radius;
}

export function radiiAt(
  field: DensityField,
  points: { count: number; x: ArrayLike<number>; y: ArrayLike<number> },
) {
  const { width: w, height: h, perCm2, pxPerMm } = field;
  const radius = new Float32Array(points.count);
  for (let i = 0; i < points.count; i++) {
    const d =
      perCm2[
        Math.min(h - 1, Math.max(0, points.y[i]! | 0)) * w + Math.min(w - 1, Math.max(0, points.x[i]! | 0))
      ]!;
    radius[i] = d > 0 ? exclusionRadiusPx(d, pxPerMm) : 0;
  }
  return radius;
}

/** Exclusion radius of a client's follicle, as a share of a dot's at the same density. */
export const FOLLICLE_EXCLUSION = 0.7;

/** The client's follicles where the field treats the skin, with their exclusion radius there. */
export function existingOnTreatedSkin(
  field: DensityField,
  existing: Float32Array | undefined,
  floor: number,
): { count: number; x: Float32Array; y: Float32Array; r: Float32Array } {
  const xs: number[] = [];
  const ys: number[] = [];
  const { width: w, height: h, perCm2 } = field;
  for (let i = 0; existing && i + 1 < existing.length; i += 2) {
    const x = existing[i]!;
    const y = existing[i + 1]!;
    if (!(x >= 0 && y >= 0 && x < w && y < h)) continue;
    if (perCm2[(y | 0) * w + (x | 0)]! < floor) continue;
    xs.push(x);
    ys.push(y);
  }
  const x = Float32Array.from(xs);
  const y = Float32Array.from(ys);
  // A follicle keeps dots off less than a dot does: the skin between follicles is where dots go,
  // and a full exclusion round an irregular pattern of follicles leaves the total short.
  const r = radiiAt(field, { count: xs.length, x, y }).map((v) => v * FOLLICLE_EXCLUSION);
  return { count: xs.length, x, y, r };
}

/**
 * Sessions for impressions with their exclusion radii: visited in random order, an impression
 * joins session k when none of sessions 1..k lies within that session's spacing, relaxing the
 * spacing until the session has its share. `around` are impressions that keep their sessions and
 * count as neighbours (a live preview assigns only the impressions an edit placed anew).
 */
export function assignSessions(
  points: { count: number; x: Float32Array; y: Float32Array },
  radius: Float32Array,
  around: { count: number; x: Float32Array; y: Float32Array; r: Float32Array; session: Uint8Array },
  shares: readonly number[],
  rng: Rng,
): Uint8Array {
  const n = points.count;
  const session = new Uint8Array(n).fill(shares.length);
  if (n === 0 || shares.length === 1) return session;
  const total = n + around.count;
  const X = new Float32Array(total);
  const Y = new Float32Array(total);
  const R = new Float32Array(total);
  X.set(points.x);
  Y.set(points.y);
  R.set(radius);
  X.set(around.x, n);
  Y.set(around.y, n);
  R.set(around.r, n);
  let smallest = Infinity;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < total; i++) {
    if (R[i]! > 0 && R[i]! < smallest) smallest = R[i]!;
    x0 = Math.min(x0, X[i]!);
    y0 = Math.min(y0, Y[i]!);
    x1 = Math.max(x1, X[i]!);
    y1 = Math.max(y1, Y[i]!);
  }
  if (!Number.isFinite(smallest)) return session;
  const order = shuffled(n, rng);
  const cell = smallest / Math.sqrt(shares[0]!);
  const gw = Math.ceil((x1 - x0) / cell) + 1;
  const gh = Math.ceil((y1 - y0) / cell) + 1;
  const heads = new Int32Array(gw * gh).fill(-1);
  const next = new Int32Array(total);
  const cellOf = (i: number) => Math.floor((Y[i]! - y0) / cell) * gw + Math.floor((X[i]! - x0) / cell);
  const insert = (i: number) => {
    const c = cellOf(i);
    next[i] = heads[c]!;
    heads[c] = i;
  };
  const assigned = new Uint8Array(n);
  let assignedCount = 0;
  // The client's own follicles (session 0) are there from the start.
  for (let j = 0; j < around.count; j++) if (around.session[j] === 0) insert(n + j);
  for (let k = 0; k + 1 < shares.length; k++) {
    for (let j = 0; j < around.count; j++) if (around.session[j] === k + 1) insert(n + j);
    const share = shares[k]!;
    let want = Math.round(share * n) - assignedCount;
    // Greedy selection stops short of the sampler's packing; start at its spacing and relax it
    // until the session has its share.
    for (let relax = 1; want > 0 && relax > 0.3; relax *= 0.9) {
      const scale = relax / Math.sqrt(share);
      for (let o = 0; o < n && want > 0; o++) {
        const i = order[o]!;
        if (assigned[i] || R[i] === 0) continue;
        const ri = R[i]! * scale;
        const reach = 2 * ri;
        const gx0 = Math.max(0, Math.floor((X[i]! - reach - x0) / cell));
        const gx1 = Math.min(gw - 1, Math.floor((X[i]! + reach - x0) / cell));
        const gy0 = Math.max(0, Math.floor((Y[i]! - reach - y0) / cell));
        const gy1 = Math.min(gh - 1, Math.floor((Y[i]! + reach - y0) / cell));
        let free = true;
        search: for (let gy = gy0; gy <= gy1; gy++) {
          for (let gx = gx0; gx <= gx1; gx++) {
            for (let j = heads[gy * gw + gx]!; j >= 0; j = next[j]!) {
              const min = (ri + R[j]! * scale) / 2;
              const dx = X[j]! - X[i]!;
              const dy = Y[j]! - Y[i]!;
              if (dx * dx + dy * dy < min * min) {
                free = false;
                break search;
              }
            }
          }
        }
        if (!free) continue;
        assigned[i] = 1;
        assignedCount++;
        session[i] = k + 1;
        insert(i);
        want--;
      }
    }
  }
  return session;
}

/** Tiles of this many spacings at the densest hold about as many impressions as fit in a core's cache. */
const TILE_SPACINGS = 8;

/**
 * 0 … n−1 tile by tile, the tiles (squares of `tile` px) in a random order and the points of each
 * in a random order: random where it matters to the pattern, and kind to the cache.
 */
export function shuffledByTile(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  n: number,
  tile: number,
  rng: Rng,
): Int32Array {
  let x1 = 0;
  let y1 = 0;
  for (let i = 0; i < n; i++) {
    x1 = Math.max(x1, x[i]!);
    y1 = Math.max(y1, y[i]!);
  }
  const side = tile > 0 && Number.isFinite(tile) ? tile : 1;
  const cols = Math.floor(x1 / side) + 1;
  const tiles = cols * (Math.floor(y1 / side) + 1);
  const rank = shuffled(tiles, rng);
  const tileOf = new Int32Array(n);
  const start = new Int32Array(tiles + 1);
  for (let i = 0; i < n; i++) {
    const t = rank[Math.floor(Math.max(0, y[i]!) / side) * cols + Math.floor(Math.max(0, x[i]!) / side)]!;
    tileOf[i] = t;
    start[t + 1]!++;
  }
  for (let t = 0; t < tiles; t++) start[t + 1]! += start[t]!;
  const order = new Int32Array(n);
  const fill = start.slice(0, tiles);
  for (let i = 0; i < n; i++) order[fill[tileOf[i]!]!++] = i;
  for (let t = 0; t < tiles; t++) {
    for (let k = start[t + 1]! - 1; k > start[t]!; k--) {
      const j = start[t]! + ((rng.next() * (k - start[t]! + 1)) | 0);
      const v = order[k]!;
      order[k] = order[j]!;
      order[j] = v;
    }
  }
  return order;
}

/** 0 … n−1 in a random order. */
export function shuffled(n: number, rng: Rng): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = (rng.next() * (i + 1)) | 0;
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}
