/**
 * One zone's weight (0-1) on the working grid: how fully the zone applies at each cell, feathered
 * at its edges. A hairline also says how strongly it claims each cell (see hairlineLayer). A live
 * preview recomputes only the cells a vertex move can change (patchPolygonLayer).
 */
import type { HairlineZone } from '../domain/zones.schema.js';
import { signedDistance } from '../geometry/distance-transform.js';
import { boundingBox, distanceToSegment, rasterizePolygon, type Vec2 } from '../geometry/polygon.js';
import { fractalNoise2 } from '../geometry/value-noise.js';
import { hashSeed } from '../sampling/rng.js';

/** A zone's weight on the working grid within the cells [x0, x1) × [y0, y1). */
export interface ZoneLayer {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  weight: Float32Array;
  /**
   * Hairlines only: how strongly the hairline governs each cell (1 from in front of its line to the
   * end of its transition, fading behind): there its soft, irregular profile replaces any fill.
   */
  claim?: Float32Array;
}

/** The working grid, as density-field.ts makes it: `scale` cells per image pixel. */
export interface LayerGrid {
  ww: number;
  wh: number;
  scale: number;
  cellsPerMm: number;
}

export type PolygonEdge = 'centred' | 'outward';

export interface CellRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export const smoothstep = (e0: number, e1: number, x: number): number => {
  const t = Math.min(1, Math.max(0, (x - e0) / (e1 - e0)));
  return t * t * (3 - 2 * t);
};

/** How far from a polygon's edge its weight still changes, in cells (plus a cell of slack). */
function reachCells(edge: PolygonEdge, featherMm: number, cellsPerMm: number): number {
  const mm = edge === 'centred' ? featherMm / 2 : featherMm + 1 / cellsPerMm;
  return Math.ceil(mm * cellsPerMm) + 2;
}

/** The cells a polygon's layer spans: its bounding box plus the feather, clipped to the grid. */
function layerBox(polygon: readonly Vec2[], grid: LayerGrid, reach: number): CellRect {
  const box = boundingBox(polygon);
  return {
    x0: Math.max(0, Math.floor(box.x0 * grid.scale) - reach),
    y0: Math.max(0, Math.floor(box.y0 * grid.scale) - reach),
    x1: Math.min(grid.ww, Math.ceil(box.x1 * grid.scale) + reach),
    y1: Math.min(grid.wh, Math.ceil(box.y1 * grid.scale) + reach),
  };
}

/**
 * Weights of a polygon for the cells of `rect`, into `out` (row-major over `box`). The signed
 * distance is computed on the rect plus the reach, which is exact within the rect: a cell whose
 * edge lies farther than the reach has a saturated weight (0 or 1) either way.
 */
function polygonWeights(
  polygon: readonly Vec2[],
  edge: PolygonEdge,
  grid: LayerGrid,
  featherMm: number,
  rect: CellRect,
  box: CellRect,
  out: Float32Array,
): void {
  if (rect.x1 <= rect.x0 || rect.y1 <= rect.y0) return;
  const { scale, cellsPerMm } = grid;
  const reach = reachCells(edge, featherMm, cellsPerMm);
  const ox = rect.x0 - reach;
  const oy = rect.y0 - reach;
  const lw = rect.x1 - rect.x0 + 2 * reach;
  const lh = rect.y1 - rect.y0 + 2 * reach;
  const mask = new Uint8Array(lw * lh);
  rasterizePolygon(
    mask,
    lw,
    lh,
    polygon.map(([x, y]) => [x - ox / scale, y - oy / scale] as const),
    scale,
  );
  const sd = signedDistance(mask, lw, lh);
  const bw = box.x1 - box.x0;
  // Outward edges start one cell outside the polygon, so that every pixel inside it, after the
  // bilinear upsampling, lies between fully applied cells: an excluded mole gets exactly nothing.
  const oneCell = 1 / cellsPerMm;
  for (let y = rect.y0; y < rect.y1; y++) {
    for (let x = rect.x0; x < rect.x1; x++) {
      const mm = sd[(y - oy) * lw + (x - ox)]! / cellsPerMm;
      out[(y - box.y0) * bw + (x - box.x0)] =
        edge === 'centred'
          ? featherMm === 0
            ? mm <= 0
              ? 1
              : 0
            : 1 - smoothstep(-featherMm / 2, featherMm / 2, mm)
          : mm <= oneCell
            ? 1
            : featherMm === 0
              ? 0
              : 1 - smoothstep(oneCell, oneCell + featherMm, mm);
    }
  }
}

/** Zone weight (0-1) of a polygon on the working grid, within its bounding box plus the feather. */
export function polygonLayer(
  polygon: readonly Vec2[],
  edge: PolygonEdge,
  grid: LayerGrid,
  featherMm: number,
): ZoneLayer {
  const box = layerBox(polygon, grid, reachCells(edge, featherMm, grid.cellsPerMm));
  const weight = new Float32Array(Math.max(0, box.x1 - box.x0) * Math.max(0, box.y1 - box.y0));
  polygonWeights(polygon, edge, grid, featherMm, box, box, weight);
  return { ...box, weight };
}

/**
 * The points whose bounding box holds every cell a change of outline can change: the ends of the
 * edges the outlines do not share (a moved vertex, with both neighbours, old and new; or the
 * stretch a brush stroke traced anew). A cell's weight depends on its distance to the nearest edge
 * and on which side of the outline it lies, and both can change only near those edges or in the
 * area they enclose between them. Edges are compared without direction, and counted, so that a
 * cut travelled both ways (a hole joined to its outline) is two edges.
 */
function changedEdgeEnds(before: readonly Vec2[], after: readonly Vec2[]): Vec2[] {
  const keyOf = (a: Vec2, b: Vec2) =>
    a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1])
      ? `${a[0]},${a[1]},${b[0]},${b[1]}`
      : `${b[0]},${b[1]},${a[0]},${a[1]}`;
  const count = new Map<string, number>();
  const n = before.length;
  const m = after.length;
  for (let i = 0; i < n; i++) {
    const k = keyOf(before[i]!, before[(i + 1) % n]!);
    count.set(k, (count.get(k) ?? 0) + 1);
  }
  const ends: Vec2[] = [];
  for (let i = 0; i < m; i++) {
    const a = after[i]!;
    const b = after[(i + 1) % m]!;
    const k = keyOf(a, b);
    const left = count.get(k) ?? 0;
    if (left > 0) count.set(k, left - 1);
    else ends.push(a, b);
  }
  for (let i = 0; i < n; i++) {
    const a = before[i]!;
    const b = before[(i + 1) % n]!;
    const k = keyOf(a, b);
    const left = count.get(k) ?? 0;
    if (left > 0) {
      count.set(k, left - 1);
      ends.push(a, b);
    }
  }
  return ends;
}

/**
 * The layer of a polygon after its outline changed, from the layer before: only the cells within
 * reach of the edges that changed are computed again (what a vertex drag or a brush stroke
 * changes), and those cells are returned as `changed`.
 */
export function patchPolygonLayer(
  previous: ZoneLayer,
  before: readonly Vec2[],
  after: readonly Vec2[],
  edge: PolygonEdge,
  grid: LayerGrid,
  featherMm: number,
): { layer: ZoneLayer; changed: CellRect | null } {
  const moved = changedEdgeEnds(before, after);
  const reach = reachCells(edge, featherMm, grid.cellsPerMm);
  const box = layerBox(after, grid, reach);
  const bw = Math.max(0, box.x1 - box.x0);
  const weight = new Float32Array(bw * Math.max(0, box.y1 - box.y0));
  // Outside the changed edges nothing changed: copy what the layers share.
  const pw = previous.x1 - previous.x0;
  for (let y = Math.max(box.y0, previous.y0); y < Math.min(box.y1, previous.y1); y++) {
    const from = Math.max(box.x0, previous.x0);
    const to = Math.min(box.x1, previous.x1);
    if (to <= from) break;
    weight.set(
      previous.weight.subarray(
        (y - previous.y0) * pw + (from - previous.x0),
        (y - previous.y0) * pw + (to - previous.x0),
      ),
      (y - box.y0) * bw + (from - box.x0),
    );
  }
  let changed: CellRect | null = null;
  if (moved.length > 0) {
    changed = layerBox(moved, grid, reach);
    const rect = {
      x0: Math.max(changed.x0, box.x0),
      y0: Math.max(changed.y0, box.y0),
      x1: Math.min(changed.x1, box.x1),
      y1: Math.min(changed.y1, box.y1),
    };
    polygonWeights(after, edge, grid, featherMm, rect, box, weight);
  }
  return { layer: { ...box, weight }, changed };
}

/**
 * A hairline: density that rises irregularly over `transitionMm` behind the drawn line, never
 * along a straight or sharp edge (domain.md §3.4: "irregular irregularity", graded density,
 * scattered islands; left-right differences up to 2 mm are natural). The line itself wanders by
 * up to about ±1.5 mm along its length; in front of it sit isolated impressions and small
 * clusters; behind the transition the zone keeps its density for `depthMm`, then fades.
 *
 * It claims the skin from `frontMm` plus the feather in front of its line to the end of its
 * transition (then fading over the feather): a fill drawn up to the hairline, the natural way to
 * draw one, gives way there, so the hairline keeps its soft, irregular transition.
 */
export function hairlineLayer(
  zone: HairlineZone,
  seed: number,
  index: number,
  grid: LayerGrid,
  defaults: { featherMm: number; transitionMm: number; frontMm: number; depthMm: number },
): ZoneLayer {
  const { ww, wh, scale, cellsPerMm } = grid;
  const line = zone.polyline;
  const featherMm = zone.featherMm ?? defaults.featherMm;
  const transition = zone.transitionMm ?? defaults.transitionMm;
  const front = zone.frontMm ?? defaults.frontMm;
  const depth = zone.depthMm ?? defaults.depthMm;
  const pxPerMm = cellsPerMm / scale;
  const s = hashSeed(seed, `hairline:${zone.id}:${index}`);
  const wanderSeed = hashSeed(s, 'wander');
  const frontSeed = hashSeed(s, 'front');
  const riseSeed = hashSeed(s, 'rise');

  // Which side is the scalp: the side of the segment nearest to the inward point.
  let nearest = 0;
  let best = Infinity;
  for (let k = 0; k + 1 < line.length; k++) {
    const { d } = distanceToSegment(zone.inward[0], zone.inward[1], line[k]!, line[k + 1]!);
    if (d < best) [best, nearest] = [d, k];
  }
  const side = Math.sign(cross(line[nearest]!, line[nearest + 1]!, zone.inward)) || 1;

  const box = boundingBox(line);
  const reach = (Math.max(front + featherMm, depth) + featherMm + 3) * pxPerMm;
  const x0 = Math.max(0, Math.floor((box.x0 - reach) * scale));
  const y0 = Math.max(0, Math.floor((box.y0 - reach) * scale));
  const x1 = Math.min(ww, Math.ceil((box.x1 + reach) * scale));
  const y1 = Math.min(wh, Math.ceil((box.y1 + reach) * scale));
  const lw = Math.max(0, x1 - x0);
  const weight = new Float32Array(lw * Math.max(0, y1 - y0));
  const claim = new Float32Array(weight.length);
  const claimFront = front + featherMm;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const px = (x + 0.5) / scale;
      const py = (y + 0.5) / scale;
      // Nearest point on the line: signed depth behind it (mm) and how far past an end it lies.
      let dMin = Infinity;
      let seg = 0;
      let tAt = 0;
      // The nearest segment, written out: this runs for every cell of a band centimetres wide.
      for (let k = 0; k + 1 < line.length; k++) {
        const ax = line[k]![0];
        const ay = line[k]![1];
        const dx = line[k + 1]![0] - ax;
        const dy = line[k + 1]![1] - ay;
        const len2 = dx * dx + dy * dy;
        const t = len2 > 0 ? Math.min(1, Math.max(0, ((px - ax) * dx + (py - ay) * dy) / len2)) : 0;
        const d2 = (px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2;
        if (d2 < dMin) {
          dMin = d2;
          seg = k;
          tAt = t;
        }
      }
      dMin = Math.sqrt(dMin);
      if (dMin > reach) continue;
      const a = line[seg]!;
      const b = line[seg + 1]!;
      const segLen = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
      const crossN = cross(a, b, [px, py]) / segLen; // signed perpendicular distance, px
      const atEnd = (seg === 0 && tAt === 0) || (seg === line.length - 2 && tAt === 1);
      const behindPx = atEnd ? side * Math.sign(crossN) * Math.abs(crossN) : side * crossN;
      const pastEndMm = atEnd ? Math.sqrt(Math.max(0, dMin * dMin - crossN * crossN)) / pxPerMm : 0;
      // The line wanders along its length: slow undulation plus finer irregularity, keyed to the
      // place on the line (not its arc length) so that moving one vertex changes only its edges.
      const footX = (a[0] + tAt * (b[0] - a[0])) / pxPerMm;
      const footY = (a[1] + tAt * (b[1] - a[1])) / pxPerMm;
      const wander = 1.5 * fractalNoise2(wanderSeed, footX, footY, 18, 3);
      const d = behindPx / pxPerMm - wander;
      const mmX = px / pxPerMm;
      const mmY = py / pxPerMm;
      let w: number;
      if (d < -front) w = 0;
      else if (d < 0) {
        // In front: isolated impressions and small clusters, thinning towards the forehead.
        const clump = Math.max(0, fractalNoise2(frontSeed, mmX, mmY, 3, 2));
        w = 0.35 * clump * clump * 4 * (1 + d / front);
      } else if (d < transition) {
        // The transition: density rises irregularly, never along a straight contour.
        const jitter = 0.35 * transition * fractalNoise2(riseSeed, mmX, mmY, 4, 3);
        w = 0.2 + 0.8 * smoothstep(0, transition, d + jitter);
      } else w = 1;
      if (d > depth) w *= 1 - smoothstep(depth, depth + featherMm, d);
      let c = d < -claimFront ? 1 - smoothstep(-claimFront - featherMm, -claimFront, d) : 1;
      if (d > transition) c *= 1 - smoothstep(transition, transition + Math.max(1, featherMm), d);
      if (pastEndMm > 0) {
        const end = 1 - smoothstep(0, featherMm, pastEndMm);
        w *= end;
        c *= end;
      }
      const k = (y - y0) * lw + (x - x0);
      weight[k] = Math.min(1, Math.max(0, w));
      claim[k] = Math.min(1, Math.max(0, c));
    }
  }
  return { x0, y0, x1, y1, weight, claim };
}

function cross(a: Vec2, b: Vec2, p: Vec2): number {
  return (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
}
