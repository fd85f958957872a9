import { createRng, hashSeed, type Rng } from './rng.js';
import {
  exclusionRadiusPx,
  sampleImpressions,
  type DensityField,
  type Impressions,
} from './sample-impressions.js';

export interface SessionImpressions extends Impressions {
  /** Session (1-based) in which each impression is placed. */
  session: Uint8Array;
}

/**
 * Impressions for a course of sessions, session k bringing the pattern up to the cumulative share
 * `shares[k-1]` of the target (domain.md §1.4: 30 → 70 → 100 %).
 *
 * The final pattern is sampled once, so that what the client lives with is the best blue noise
 * the sampler makes. Each earlier session is then an evenly spread subset of it: the impressions
 * are visited in random order and one joins session k when no impression of sessions 1..k lies
 * within that session's spacing (its density being `shares[k-1]` of the target). So the first,
 * lighter session covers the whole zone evenly, not a random third with gaps and clumps.
 */
export function sampleSessions(
  field: DensityField,
  shares: readonly number[],
  seed: number,
): SessionImpressions {
  if (shares.length === 0 || shares.length > 255) throw new RangeError('shares: one to 255 sessions');
  shares.forEach((share, k) => {
    if (!(share > 0 && share <= 1) || (k > 0 && share <= shares[k - 1]!)) {
      throw new RangeError(`shares[${k}]: must be in (0, 1] and larger than the share before it`);
    }
  });
  if (shares.at(-1) !== 1) throw new RangeError('shares: the last session must bring the share to 1');
  const points = sampleImpressions(field, { seed });
  const n = points.count;

  const { width: w, height: h, perCm2, pxPerMm } = field;
  const radius = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const d = perCm2[Math.min(h - 1, points.y[i]! | 0) * w + Math.min(w - 1, points.x[i]! | 0)]!;
    radius[i] = d > 0 ? exclusionRadiusPx(d, pxPerMm) : 0;
  }

  const none = {
    count: 0,
    x: new Float32Array(0),
    y: new Float32Array(0),
    r: new Float32Array(0),
    session: new Uint8Array(0),
  };
  const session = assignSessions(points, radius, none, shares, createRng(hashSeed(seed, 'sessions')));
  return { ...points, session };
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
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = (rng.next() * (i + 1)) | 0;
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
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
