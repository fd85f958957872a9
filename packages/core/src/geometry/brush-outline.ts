import {
  boundingBox,
  distanceToSegment,
  labelComponents,
  rasterizePolygon,
  signedArea,
  simplifyPolygon,
  traceComponent,
  type Vec2,
} from './polygon.js';
import { restoreUntouched, segmentDistance } from './outline-splice.js';

/** A round brush dragged along `points` (image pixels), adding to an outline or erasing from it. */
export interface BrushStroke {
  points: readonly Vec2[];
  radius: number;
  mode: 'paint' | 'erase';
}

/** Cells per brush radius: fine enough that a stroke's outline follows the brush. */
const CELLS_PER_RADIUS = 8;
/** Upper bound on the working grid, so a huge zone with a tiny brush stays interactive. */
const MAX_CELLS = 4_000_000;
/** Pieces smaller than this many cells are crumbs an eraser leaves behind, not zones. */
const MIN_PIECE_CELLS = 24;

/**
 * The outlines left after a brush stroke over a zone (`outline` null for a new zone): one polygon
 * per separate piece, largest first. Zones stay polygons, so every other part of Stipple (the
 * density field, the editor, the saved zones file) works on painted zones unchanged. A hole the
 * eraser leaves inside a piece is joined to its outline by a horizontal cut travelled both ways:
 * the scanline fill (even-odd) and point-in-polygon tests skip horizontal edges, so the cut adds
 * nothing and the hole stays empty. The edges of the outline the stroke did not reach are kept
 * exactly as they were (outline-splice.ts): only where the brush went does the outline change.
 */
export function brushOutline(outline: readonly Vec2[] | null, stroke: BrushStroke): [number, number][][] {
  if (!(stroke.radius > 0) || stroke.points.length === 0) return outline ? [outline.map(copy)] : [];
  const r = stroke.radius;
  const strokeBox = boundingBox(stroke.points);
  const box = outline ? union(boundingBox(outline), strokeBox) : strokeBox;
  const w = box.x1 - box.x0 + 2 * r;
  const h = box.y1 - box.y0 + 2 * r;
  const cell = Math.max(r / CELLS_PER_RADIUS, Math.sqrt((w * h) / MAX_CELLS), 0.25);
  // Two empty cells round the edge, so that no piece touches the border of the grid.
  const ox = box.x0 - r - 2 * cell;
  const oy = box.y0 - r - 2 * cell;
  const cols = Math.ceil(w / cell) + 4;
  const rows = Math.ceil(h / cell) + 4;
  const mask = new Uint8Array(cols * rows);
  if (outline) {
    rasterizePolygon(
      mask,
      cols,
      rows,
      outline.map(([x, y]) => [x - ox, y - oy] as const),
      1 / cell,
    );
  }
  stamp(mask, cols, rows, ox, oy, cell, stroke);
  // An outline traced on another grid sits up to a cell off the eraser's edge: without an
  // opening, erasing what was painted with the same stroke would leave a thin rim behind. Only
  // round the stroke: a thin part of the zone elsewhere is the artist's, and stays.
  if (stroke.mode === 'erase') {
    const near = new Uint8Array(cols * rows);
    stamp(near, cols, rows, ox, oy, cell, { ...stroke, radius: r + 2 * cell, mode: 'paint' });
    openMask(mask, cols, rows, near);
  }

  const labels = new Int32Array(cols * rows);
  const pieces = labelComponents(mask, cols, rows, labels);
  const cellsOf = new Int32Array(pieces + 1);
  for (const l of labels) cellsOf[l]!++;

  const background = new Uint8Array(cols * rows);
  for (let i = 0; i < mask.length; i++) background[i] = mask[i] ? 0 : 1;
  const gaps = new Int32Array(cols * rows);
  const gapCount = labelComponents(background, cols, rows, gaps);
  // The gap that holds the grid's corner is the outside; every other gap is a hole in the piece
  // just left of its first cell.
  const holesOf = new Map<number, number[]>();
  const seen = new Uint8Array(gapCount + 1);
  seen[gaps[0]!] = 1;
  for (let i = 0; i < gaps.length; i++) {
    const g = gaps[i]!;
    if (g === 0 || seen[g]) continue;
    seen[g] = 1;
    const piece = labels[i - 1]!;
    if (piece > 0) holesOf.set(piece, [...(holesOf.get(piece) ?? []), g]);
  }

  // An edge farther from the stroke than its radius, the opening and a cell of tracing is as it was.
  const segments = strokeSegments(stroke.points);
  const untouched = (a: Vec2, b: Vec2) =>
    segments.every(([c, d]) => segmentDistance(a, b, c, d) > r + 4 * cell);
  const toImage = (ring: readonly Vec2[]): [number, number][] =>
    simplifyPolygon(ring, 0.5) // within half a cell of the traced edge
      .map(([x, y]) => [ox + x * cell, oy + y * cell]);
  const result: { polygon: [number, number][]; cells: number }[] = [];
  for (let piece = 1; piece <= pieces; piece++) {
    if (cellsOf[piece]! < MIN_PIECE_CELLS) continue;
    let ring = toImage(traceComponent(labels, cols, rows, piece));
    if (ring.length < 3) continue;
    if (outline) ring = restoreUntouched(outline, ring, untouched, 2 * cell);
    const outerSign = Math.sign(signedArea(ring));
    for (const gap of holesOf.get(piece) ?? []) {
      let hole = toImage(traceComponent(gaps, cols, rows, gap));
      if (hole.length < 3 || Math.abs(signedArea(hole)) < MIN_PIECE_CELLS * cell * cell) continue;
      if (Math.sign(signedArea(hole)) === outerSign) hole = hole.reverse();
      ring = joinHole(ring, hole);
    }
    result.push({ polygon: ring, cells: cellsOf[piece]! });
  }
  return result.sort((a, b) => b.cells - a.cells).map((p) => p.polygon);
}

function stamp(
  mask: Uint8Array,
  cols: number,
  rows: number,
  ox: number,
  oy: number,
  cell: number,
  stroke: BrushStroke,
): void {
  const value = stroke.mode === 'paint' ? 1 : 0;
  const r = stroke.radius;
  for (const [a, b] of strokeSegments(stroke.points)) {
    const c0 = Math.max(0, Math.floor((Math.min(a[0], b[0]) - r - ox) / cell));
    const c1 = Math.min(cols - 1, Math.ceil((Math.max(a[0], b[0]) + r - ox) / cell));
    const r0 = Math.max(0, Math.floor((Math.min(a[1], b[1]) - r - oy) / cell));
    const r1 = Math.min(rows - 1, Math.ceil((Math.max(a[1], b[1]) + r - oy) / cell));
    for (let row = r0; row <= r1; row++) {
      const y = oy + (row + 0.5) * cell;
      for (let col = c0; col <= c1; col++) {
        const x = ox + (col + 0.5) * cell;
        if (distanceToSegment(x, y, a, b).d <= r) mask[row * cols + col] = value;
      }
    }
  }
}

/** The segments of a stroke; a single point is a segment of no length. */
function strokeSegments(pts: readonly Vec2[]): (readonly [Vec2, Vec2])[] {
  return pts.length === 1 ? [[pts[0]!, pts[0]!]] : pts.slice(1).map((p, i) => [pts[i]!, p] as const);
}

/**
 * Morphological opening by one cell (4-neighbourhood) of the cells `within` marks: removes rims and
 * threads one cell thin.
 */
function openMask(mask: Uint8Array, cols: number, rows: number, within: Uint8Array): void {
  const eroded = new Uint8Array(mask.length);
  for (let r = 1; r < rows - 1; r++)
    for (let c = 1; c < cols - 1; c++) {
      const i = r * cols + c;
      eroded[i] = mask[i]! & mask[i - 1]! & mask[i + 1]! & mask[i - cols]! & mask[i + cols]!;
    }
  for (let r = 1; r < rows - 1; r++)
    for (let c = 1; c < cols - 1; c++) {
      const i = r * cols + c;
      if (within[i])
        mask[i] = eroded[i]! | eroded[i - 1]! | eroded[i + 1]! | eroded[i - cols]! | eroded[i + cols]!;
    }
}

/**
 * The outline with the hole spliced in: from the hole's leftmost vertex a horizontal cut runs left
 * to the nearest edge of the outline, round the hole, and back along the same cut.
 */
function joinHole(outer: [number, number][], hole: [number, number][]): [number, number][] {
  let h = 0;
  for (let i = 1; i < hole.length; i++)
    if (hole[i]![0] < hole[h]![0] || (hole[i]![0] === hole[h]![0] && hole[i]![1] < hole[h]![1])) h = i;
  const [hx, hy] = hole[h]!;
  let best = -1;
  let bestX = -Infinity;
  for (let i = 0; i < outer.length; i++) {
    const [ax, ay] = outer[i]!;
    const [bx, by] = outer[(i + 1) % outer.length]!;
    if (ay > hy === by > hy) continue;
    const x = ax + ((hy - ay) / (by - ay)) * (bx - ax);
    if (x <= hx && x > bestX) {
      bestX = x;
      best = i;
    }
  }
  if (best < 0) return outer; // cannot happen for a hole inside the outline; keep the outline whole
  const cut: [number, number] = [bestX, hy];
  const around = [...hole.slice(h), ...hole.slice(0, h), hole[h]!];
  return [...outer.slice(0, best + 1), cut, ...around.map(copy), [cut[0], cut[1]], ...outer.slice(best + 1)];
}

function union(a: ReturnType<typeof boundingBox>, b: ReturnType<typeof boundingBox>) {
  return {
    x0: Math.min(a.x0, b.x0),
    y0: Math.min(a.y0, b.y0),
    x1: Math.max(a.x1, b.x1),
    y1: Math.max(a.y1, b.y1),
  };
}

const copy = ([x, y]: Vec2): [number, number] => [x, y];
