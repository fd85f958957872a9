// Pieces of one hair that noise broke apart, joined again; and the square-grid index that finds
// neighbours for it and for the follicle assembly.
import type { LineSegment } from './line-segments.js';

/**
 * Joins pieces of one hair that noise broke apart: nearly parallel, end to end within `gap`,
 * and on one line. Pairs are found through a spatial index and joined by union-find; each group
 * becomes one segment along its length-weighted direction.
 */
export function joinBroken(segments: LineSegment[], gap: number, maxAngle: number): LineSegment[] {
  const cosMin = Math.cos(maxAngle);
  const longest = segments.reduce((m, s) => Math.max(m, s.length), 0);
  const index = new SpatialIndex<number>(Math.max(2, longest + gap));
  segments.forEach((s, i) => index.add(s.x, s.y, i));
  const parent = segments.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  segments.forEach((a, i) => {
    index.forEachNear(a.x, a.y, (a.length + longest) / 2 + gap, (j) => {
      if (j <= i) return;
      const b = segments[j]!;
      if (a.bright !== b.bright || Math.abs(a.dx * b.dx + a.dy * b.dy) < cosMin) return;
      const ends = [b.tA, b.tB].map((t) => {
        const x = b.x + t * b.dx - a.x;
        const y = b.y + t * b.dy - a.y;
        return { along: x * a.dx + y * a.dy, across: Math.abs(-x * a.dy + y * a.dx) };
      });
      if (ends.some((e) => e.across > Math.max(1, 0.5 * gap))) return;
      const lo = Math.min(ends[0]!.along, ends[1]!.along);
      const hi = Math.max(ends[0]!.along, ends[1]!.along);
      if (Math.max(lo - a.tB, a.tA - hi) > gap) return;
      parent[find(j)] = find(i);
    });
  });
  const groups = new Map<number, LineSegment[]>();
  segments.forEach((s, i) => {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(s);
    else groups.set(r, [s]);
  });
  const out: LineSegment[] = [];
  for (const g of groups.values()) {
    if (g.length === 1) {
      out.push(g[0]!);
      continue;
    }
    const ref = g[0]!;
    let dx = 0;
    let dy = 0;
    let n = 0;
    let snr = 0;
    for (const s of g) {
      const sign = s.dx * ref.dx + s.dy * ref.dy >= 0 ? 1 : -1;
      dx += sign * s.dx * s.length;
      dy += sign * s.dy * s.length;
      n += s.n;
      snr += s.snr * s.n;
    }
    const len = Math.hypot(dx, dy);
    dx /= len;
    dy /= len;
    let lo = Infinity;
    let hi = -Infinity;
    let spread = 0;
    for (const s of g)
      for (const t of [s.tA, s.tB]) {
        const along = (s.x + t * s.dx - ref.x) * dx + (s.y + t * s.dy - ref.y) * dy;
        lo = Math.min(lo, along);
        hi = Math.max(hi, along);
        spread = Math.max(spread, s.spread);
      }
    const mid = 0.5 * (lo + hi);
    out.push({
      x: ref.x + mid * dx,
      y: ref.y + mid * dy,
      dx,
      dy,
      tA: lo - mid,
      tB: hi - mid,
      length: hi - lo,
      snr: snr / n,
      n,
      spread,
      bright: ref.bright,
    });
  }
  return out;
}

/** Items bucketed on a square grid for neighbourhood queries. */
export class SpatialIndex<T> {
  private readonly cells = new Map<number, { x: number; y: number; item: T }[]>();
  constructor(private readonly cell: number) {}
  private key(cx: number, cy: number): number {
    return cy * 1_000_003 + cx;
  }
  add(x: number, y: number, item: T): void {
    const k = this.key(Math.floor(x / this.cell), Math.floor(y / this.cell));
    const list = this.cells.get(k);
    if (list) list.push({ x, y, item });
    else this.cells.set(k, [{ x, y, item }]);
  }
  forEachNear(x: number, y: number, radius: number, visit: (item: T) => void): void {
    const r2 = radius * radius;
    const c0 = Math.floor((x - radius) / this.cell);
    const c1 = Math.floor((x + radius) / this.cell);
    const r0 = Math.floor((y - radius) / this.cell);
    const r1 = Math.floor((y + radius) / this.cell);
    for (let cy = r0; cy <= r1; cy++)
      for (let cx = c0; cx <= c1; cx++)
        for (const p of this.cells.get(this.key(cx, cy)) ?? [])
          if ((p.x - x) ** 2 + (p.y - y) ** 2 <= r2) visit(p.item);
  }
}
