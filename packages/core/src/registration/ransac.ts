import { apply, depth, determinant, type Matrix3, type Point } from './matrix3.js';
import { cross, fitHomography, fitSimilarity } from './model-fit.js';

export type RansacModel = 'homography' | 'similarity';

export interface RansacResult {
  matrix: Matrix3;
  inliers: boolean[];
  count: number;
}

export interface RansacOptions {
  /** Inlier distance in destination pixels. */
  threshold: number;
  maxIterations?: number;
  confidence?: number;
  seed?: number;
}

const SAMPLE_SIZE: Record<RansacModel, number> = { homography: 4, similarity: 2 };

/**
 * RANSAC with an MSAC score (inliers count by how well they fit, not only whether) and local
 * optimisation (Chum et al. 2003): each new best model is refitted to its inliers by least
 * squares, which finds the consensus that a minimal sample only approaches. Seeded, so the same
 * photos always give the same answer.
 */
export function ransac(
  src: readonly Point[],
  dst: readonly Point[],
  model: RansacModel,
  options: RansacOptions,
): RansacResult | null {
  const n = src.length;
  const m = SAMPLE_SIZE[model];
  if (n < m + 1) return null;
  const t2 = options.threshold ** 2;
  const maxIterations = options.maxIterations ?? 4000;
  const confidence = options.confidence ?? 0.999;
  let seed = options.seed ?? 0x9e3779b9;
  const random = (k: number) => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) % k;
  };
  const fit = model === 'homography' ? fitHomography : fitSimilarity;

  const score = (h: Matrix3, inliers: boolean[] | null): { cost: number; count: number } => {
    let cost = 0;
    let count = 0;
    for (let i = 0; i < n; i++) {
      const e = error2(h, src[i]!, dst[i]!);
      const inside = e < t2;
      if (inside) {
        cost += e;
        count++;
      } else cost += t2;
      if (inliers) inliers[i] = inside;
    }
    return { cost, count };
  };
  const refine = (h: Matrix3): Matrix3 => {
    // Local optimisation: refit to the inliers at a looser, then the true threshold.
    let cur = h;
    for (const widen of [2, 1.5, 1, 1]) {
      const s: Point[] = [];
      const d: Point[] = [];
      for (let i = 0; i < n; i++)
        if (error2(cur, src[i]!, dst[i]!) < t2 * widen * widen) {
          s.push(src[i]!);
          d.push(dst[i]!);
        }
      if (s.length < m + 1) break;
      const next = fit(s, d);
      if (!next || !orientationKept(next, s)) break;
      cur = next;
    }
    return cur;
  };

  let best: Matrix3 | null = null;
  let bestCost = Infinity;
  let needed = maxIterations;
  const idx = new Array<number>(m);
  for (let it = 0; it < needed && it < maxIterations; it++) {
    for (let k = 0; k < m; k++) {
      let r: number;
      do r = random(n);
      while (idx.slice(0, k).includes(r));
      idx[k] = r;
    }
    const s = idx.map((i) => src[i]!);
    const d = idx.map((i) => dst[i]!);
    if (model === 'homography' && !sampleUsable(s, d)) continue;
    const h = fit(s, d);
    if (!h) continue;
    const { cost, count } = score(h, null);
    if (cost >= bestCost) continue;
    const refined = refine(h);
    const r = score(refined, null);
    const [useH, use] = r.cost < cost ? [refined, r] : [h, { cost, count }];
    if (use.cost >= bestCost) continue;
    best = useH;
    bestCost = use.cost;
    const w = use.count / n;
    const p = Math.pow(w, m);
    if (p >= 1) needed = 0;
    else if (p > 1e-12)
      needed = Math.min(maxIterations, Math.ceil(Math.log(1 - confidence) / Math.log(1 - p)));
  }
  if (!best) return null;
  const inliers = new Array<boolean>(n).fill(false);
  const { count } = score(best, inliers);
  return { matrix: best, inliers, count };
}

function error2(h: Matrix3, s: Point, d: Point): number {
  const w = depth(h, s);
  if (!(w > 0)) return Infinity;
  const p = apply(h, s);
  return (p.x - d.x) ** 2 + (p.y - d.y) ** 2;
}

/**
 * A minimal sample for a homography is worth fitting only if no three points are on one line on
 * either side and the four keep their order round the quadrilateral (a photo is not mirrored).
 */
function sampleUsable(s: Point[], d: Point[]): boolean {
  const triples = [
    [0, 1, 2],
    [0, 1, 3],
    [0, 2, 3],
    [1, 2, 3],
  ] as const;
  for (const [a, b, c] of triples) {
    const cs = cross(s[a]!, s[b]!, s[c]!);
    const cd = cross(d[a]!, d[b]!, d[c]!);
    if (Math.abs(cs) < 1 || Math.abs(cd) < 1 || Math.sign(cs) !== Math.sign(cd)) return false;
  }
  return true;
}

/** The transform keeps every point in front (positive depth) and does not mirror near them. */
export function orientationKept(h: Matrix3, points: readonly Point[]): boolean {
  // With every depth positive, the local Jacobian's sign is the determinant's.
  if (determinant(h) * Math.sign(h[8] || 1) <= 0) return false;
  return points.every((p) => depth(h, p) > 0);
}
