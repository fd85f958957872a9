import { distanceToSegment, signedArea, type Vec2 } from './polygon.js';

/**
 * An outline traced again after a local change (a brush stroke), with the stretches of the
 * original outline the change did not reach put back exactly as they were. A traced outline
 * follows its grid and wanders up to a cell or two off the original everywhere; put back, the
 * untouched edges are the same edges, and whatever depends on the outline (the zone's layer, its
 * dots in the live preview) changes only where the stroke went.
 *
 * `untouched` says which original edges the change cannot have moved; `tolerance` is how far the
 * traced outline may lie from an untouched edge. Whenever the stretches cannot be placed in order
 * round the traced outline, the traced outline is returned as it is.
 */
export function restoreUntouched(
  original: readonly Vec2[],
  traced: [number, number][],
  untouched: (a: Vec2, b: Vec2) => boolean,
  tolerance: number,
): [number, number][] {
  const n = original.length;
  const m = traced.length;
  if (n < 3 || m < 3) return traced;
  const o =
    Math.sign(signedArea(original)) === Math.sign(signedArea(traced)) ? original : [...original].reverse();
  const kept = o.map((a, i) => untouched(a, o[(i + 1) % n]!));
  const onTraced = (p: Vec2) => nearestEdge(traced, p);
  if (kept.every(Boolean))
    return o.every((p) => onTraced(p).d <= tolerance) ? original.map(([x, y]) => [x, y]) : traced;

  // The runs of untouched edges, each as its vertices, and where it lies on the traced outline.
  const placed: { run: Vec2[]; from: number; to: number }[] = [];
  for (let i = 0; i < n; i++) {
    if (!kept[i] || kept[(i + n - 1) % n]) continue;
    const run: Vec2[] = [o[i]!];
    for (let j = i; kept[j % n]; j++) run.push(o[(j + 1) % n]!);
    const hits = run.map(onTraced);
    // A run off the traced outline lies along a piece the stroke cut away, or along a hole.
    if (hits.some((h) => h.d > tolerance)) continue;
    const from = hits[0]!.edge;
    const to = hits[hits.length - 1]!.edge;
    if (from === to && run.length > 2) return traced; // wraps round, or cannot be told apart
    placed.push({ run, from, to });
  }
  if (placed.length === 0) return traced;
  placed.sort((a, b) => a.from - b.from);
  // In order round the traced outline, once: each run, then the traced vertices up to the next.
  let travelled = 0;
  const out: [number, number][] = [];
  placed.forEach((p, k) => {
    const q = placed[(k + 1) % placed.length]!;
    const between = (q.from - p.to + m) % m;
    travelled += ((p.to - p.from + m) % m) + between;
    for (const [x, y] of p.run) out.push([x, y]);
    for (let e = 1; e <= between; e++) out.push(traced[(p.to + e) % m]!);
  });
  return travelled === m ? out : traced;
}

/** The edge of a closed outline nearest to `p` (edge i runs from vertex i to vertex i + 1), and its distance. */
function nearestEdge(ring: readonly Vec2[], p: Vec2): { edge: number; d: number } {
  let edge = 0;
  let best = Infinity;
  for (let i = 0; i < ring.length; i++) {
    const { d } = distanceToSegment(p[0], p[1], ring[i]!, ring[(i + 1) % ring.length]!);
    if (d < best) [best, edge] = [d, i];
  }
  return { edge, d: best };
}

/** The distance between segments ab and cd (0 when they cross). */
export function segmentDistance(a: Vec2, b: Vec2, c: Vec2, d: Vec2): number {
  const side = (p: Vec2, q: Vec2, r: Vec2) => (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
  const d1 = side(a, b, c);
  const d2 = side(a, b, d);
  const d3 = side(c, d, a);
  const d4 = side(c, d, b);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return 0;
  return Math.min(
    distanceToSegment(c[0], c[1], a, b).d,
    distanceToSegment(d[0], d[1], a, b).d,
    distanceToSegment(a[0], a[1], c, d).d,
    distanceToSegment(b[0], b[1], c, d).d,
  );
}
