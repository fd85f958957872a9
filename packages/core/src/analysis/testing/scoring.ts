/**
 * Scoring a detector against a synthetic scalp's truth: one-to-one matching of detections to
 * follicles within a distance, and the overlap (IoU) of outlines by rasterising both.
 */
export interface MatchScore {
  truePositives: number;
  detections: number;
  truths: number;
  precision: number;
  recall: number;
}

/** Greedy one-to-one matching, closest pairs first, within `tolerance` pixels. */
export function matchPoints(
  truth: readonly { x: number; y: number }[],
  found: readonly { x: number; y: number }[],
  tolerance: number,
  include: (p: { x: number; y: number }) => boolean = () => true,
): MatchScore {
  const t = truth.filter(include);
  const f = found.filter(include);
  const pairs: [number, number, number][] = [];
  const cell = tolerance;
  const grid = new Map<string, number[]>();
  f.forEach((p, j) => {
    const k = `${Math.floor(p.x / cell)},${Math.floor(p.y / cell)}`;
    (grid.get(k) ?? grid.set(k, []).get(k)!).push(j);
  });
  t.forEach((p, i) => {
    const cx = Math.floor(p.x / cell);
    const cy = Math.floor(p.y / cell);
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++)
        for (const j of grid.get(`${cx + dx},${cy + dy}`) ?? []) {
          const d = Math.hypot(f[j]!.x - p.x, f[j]!.y - p.y);
          if (d <= tolerance) pairs.push([d, i, j]);
        }
  });
  pairs.sort((a, b) => a[0] - b[0]);
  const usedT = new Uint8Array(t.length);
  const usedF = new Uint8Array(f.length);
  let tp = 0;
  for (const [, i, j] of pairs) {
    if (usedT[i] || usedF[j]) continue;
    usedT[i] = 1;
    usedF[j] = 1;
    tp++;
  }
  return {
    truePositives: tp,
    detections: f.length,
    truths: t.length,
    precision: f.length ? tp / f.length : 1,
    recall: t.length ? tp / t.length : 1,
  };
}

function inside(poly: readonly [number, number][], x: number, y: number): boolean {
  let c = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i]!;
    const [xj, yj] = poly[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
  }
  return c;
}

/** Intersection over union of two polygons, by sampling a grid of `step` pixels over both. */
export function polygonIoU(a: readonly [number, number][], b: readonly [number, number][], step = 1): number {
  const xs = [...a, ...b].map((p) => p[0]);
  const ys = [...a, ...b].map((p) => p[1]);
  let inter = 0;
  let union = 0;
  for (let y = Math.min(...ys); y <= Math.max(...ys); y += step)
    for (let x = Math.min(...xs); x <= Math.max(...xs); x += step) {
      const ia = inside(a, x, y);
      const ib = inside(b, x, y);
      if (ia && ib) inter++;
      if (ia || ib) union++;
    }
  return union ? inter / union : 0;
}

/** Intersection over union of two circles. */
export function circleIoU(
  a: { x: number; y: number; r: number },
  b: { x: number; y: number; r: number },
): number {
  const d = Math.hypot(a.x - b.x, a.y - b.y);
  const areaA = Math.PI * a.r * a.r;
  const areaB = Math.PI * b.r * b.r;
  let inter: number;
  if (d >= a.r + b.r) inter = 0;
  else if (d <= Math.abs(a.r - b.r)) inter = Math.min(areaA, areaB);
  else {
    const r1 = a.r * a.r;
    const r2 = b.r * b.r;
    const alpha = Math.acos((d * d + r1 - r2) / (2 * d * a.r));
    const beta = Math.acos((d * d + r2 - r1) / (2 * d * b.r));
    inter =
      r1 * alpha +
      r2 * beta -
      0.5 * Math.sqrt(Math.max(0, (-d + a.r + b.r) * (d + a.r - b.r) * (d - a.r + b.r) * (d + a.r + b.r)));
  }
  return inter / (areaA + areaB - inter);
}
