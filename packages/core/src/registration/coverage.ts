import { apply, depth, type Matrix3, type Point } from './matrix3.js';

const GRID = 96;

/**
 * Share of the earlier photo (width × height) whose points land inside the later photo under
 * `laterFromEarlier`, on a regular grid of sample points.
 */
export function overlapShare(
  laterFromEarlier: Matrix3,
  earlier: { width: number; height: number },
  later: { width: number; height: number },
): number {
  let inside = 0;
  for (let j = 0; j < GRID; j++) {
    for (let i = 0; i < GRID; i++) {
      const p = { x: ((i + 0.5) / GRID) * earlier.width - 0.5, y: ((j + 0.5) / GRID) * earlier.height - 0.5 };
      if (!(depth(laterFromEarlier, p) > 0)) continue;
      const q = apply(laterFromEarlier, p);
      if (q.x >= -0.5 && q.y >= -0.5 && q.x <= later.width - 0.5 && q.y <= later.height - 0.5) inside++;
    }
  }
  return inside / (GRID * GRID);
}

/** Area of the convex hull of the points (Andrew's monotone chain). */
export function hullArea(points: readonly Point[]): number {
  if (points.length < 3) return 0;
  const p = [...points].sort((a, b) => a.x - b.x || a.y - b.y);
  const turn = (o: Point, a: Point, b: Point) => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
  const lower: Point[] = [];
  for (const q of p) {
    while (lower.length >= 2 && turn(lower[lower.length - 2]!, lower[lower.length - 1]!, q) <= 0) lower.pop();
    lower.push(q);
  }
  const upper: Point[] = [];
  for (let k = p.length - 1; k >= 0; k--) {
    const q = p[k]!;
    while (upper.length >= 2 && turn(upper[upper.length - 2]!, upper[upper.length - 1]!, q) <= 0) upper.pop();
    upper.push(q);
  }
  const hull = [...lower.slice(0, -1), ...upper.slice(0, -1)];
  let area = 0;
  for (let k = 0; k < hull.length; k++) {
    const a = hull[k]!;
    const b = hull[(k + 1) % hull.length]!;
    area += a.x * b.y - b.x * a.y;
  }
  return Math.abs(area) / 2;
}
