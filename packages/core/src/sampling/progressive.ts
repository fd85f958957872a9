import { createRng, hashSeed } from './rng.js';
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
  const session = new Uint8Array(points.count).fill(shares.length);
  const n = points.count;
  if (n === 0 || shares.length === 1) return { ...points, session };

  const { width: w, height: h, perCm2, pxPerMm } = field;
  const radius = new Float32Array(n);
  let smallest = Infinity;
  for (let i = 0; i < n; i++) {
    const d = perCm2[Math.min(h - 1, points.y[i]! | 0) * w + Math.min(w - 1, points.x[i]! | 0)]!;
    radius[i] = d > 0 ? exclusionRadiusPx(d, pxPerMm) : 0;
    if (radius[i]! > 0 && radius[i]! < smallest) smallest = radius[i]!;
  }

  const rng = createRng(hashSeed(seed, 'sessions'));
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = (rng.next() * (i + 1)) | 0;
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }

  // One grid for all earlier sessions, sized for the first (sparsest) one's spacing.
  const cell = smallest / Math.sqrt(shares[0]!);
  const gw = Math.ceil(w / cell) + 1;
  const gh = Math.ceil(h / cell) + 1;
  const heads = new Int32Array(gw * gh).fill(-1);
  const next = new Int32Array(n);
  const assigned = new Uint8Array(n);

  for (let k = 0; k + 1 < shares.length; k++) {
    const share = shares[k]!;
    let want = Math.round(share * n);
    for (let i = 0; i < n; i++) if (assigned[i]) want--;
    // Greedy selection stops short of the sampler's packing; start at its spacing and relax it
    // until the session has its share.
    for (let relax = 1; want > 0 && relax > 0.3; relax *= 0.9) {
      const scale = relax / Math.sqrt(share);
      for (let o = 0; o < n && want > 0; o++) {
        const i = order[o]!;
        if (assigned[i] || radius[i] === 0) continue;
        const x = points.x[i]!;
        const y = points.y[i]!;
        const ri = radius[i]! * scale;
        const reach = 2 * ri;
        const gx0 = Math.max(0, Math.floor((x - reach) / cell));
        const gx1 = Math.min(gw - 1, Math.floor((x + reach) / cell));
        const gy0 = Math.max(0, Math.floor((y - reach) / cell));
        const gy1 = Math.min(gh - 1, Math.floor((y + reach) / cell));
        let free = true;
        search: for (let gy = gy0; gy <= gy1; gy++) {
          for (let gx = gx0; gx <= gx1; gx++) {
            for (let j = heads[gy * gw + gx]!; j >= 0; j = next[j]!) {
              const min = (ri + radius[j]! * scale) / 2;
              const dx = points.x[j]! - x;
              const dy = points.y[j]! - y;
              if (dx * dx + dy * dy < min * min) {
                free = false;
                break search;
              }
            }
          }
        }
        if (!free) continue;
        assigned[i] = 1;
        session[i] = k + 1;
        const c = Math.floor(y / cell) * gw + Math.floor(x / cell);
        next[i] = heads[c]!;
        heads[c] = i;
        want--;
      }
    }
  }
  return { ...points, session };
}
