/**
 * Follicle-free gaps: a region without follicles where the surroundings have them. The free space
 * is opened with a disc 1.25× the local follicle spacing (every point covered by an empty disc that
 * large): normal gaps between follicles are smaller, so what survives is a real gap. A gap is kept
 * when the follicles it lacks are many (Poisson: e^-6, a quarter of a per cent chance of an empty
 * region that size by luck) and it is paler, smoother or less saturated than its surroundings, as
 * scar tissue is (lightness alone must be clear, since lighting also makes skin paler); elongated
 * gaps are strip (FUT) scars, others patches.
 */
import { linearRgbToLab, SRGB8_TO_LINEAR, type Lab } from './color-space.js';
import type { DensityGrid } from './density-map.js';
import { distanceTransform } from '../geometry/distance-transform.js';
import { gaussianBlur } from './gaussian-filter.js';
import { labelComponents, polygonArea, simplifyPolygon, traceComponent } from '../geometry/polygon.js';
import type { RgbImage, Roi } from './analysis-input.js';
import { median } from './robust-stats.js';

export type ScarKind = 'strip' | 'fue' | 'patch';

export interface ScarSuggestionDraft {
  kind: ScarKind;
  /** Outline in working pixels. */
  polygon: [number, number][];
  areaMm2: number;
  confidence: number;
  reasons: string[];
  /** Punch scars of an FUE cluster (working px). */
  dots?: { x: number; y: number; r: number }[];
}

/** Grid the gaps are found on (mm): a tenth of a 3-mm strip. */
const GAP_CELL_MM = 0.3;
/** Free-space opening radius, in local follicle spacings. */
const GAP_SPACINGS = 1.25;
/** A gap must lack at least this many expected follicles (P(empty) = e^-λ < 0.3 %). */
const MIN_MISSING_FOLLICLES = 6;
/** The surroundings need at least this density (per cm²) for a gap to mean anything. */
const MIN_SURROUNDING_DENSITY = 15;
/** Cells at least this many spacings from a follicle are the scar proper. */
const SCAR_CORE_SPACINGS = 0.5;
const MIN_SCAR_EVIDENCE = 0.8;
/** ΔL* by which a gap must be paler than its surroundings, unless it is less saturated. */
const MIN_PALER_L = 1;
const STRIP_MIN_ELONGATION = 3;
const STRIP_MAX_WIDTH_MM = 12;

export interface GapInput {
  width: number;
  height: number;
  pxPerMm: number;
  follicles: readonly { x: number; y: number }[];
  resolved: (x: number, y: number) => boolean;
  density: DensityGrid;
  image: RgbImage;
  roi: Roi;
  factor: number;
  /** Fine texture of the skin: finest DoG band (|value| averaged per cell is the texture measure). */
  texture: (x: number, y: number) => number;
}

export function suggestGaps(input: GapInput): ScarSuggestionDraft[] {
  const { pxPerMm, width, height } = input;
  const cell = Math.max(1, GAP_CELL_MM * pxPerMm);
  const cols = Math.ceil(width / cell);
  const rows = Math.ceil(height / cell);
  const n = cols * rows;
  const cellMm = cell / pxPerMm;
  // Sources for the distance transform: follicles, and everything not measured (so a gap cannot
  // run into an unresolved region or off the photo and be mistaken for bare skin).
  const known = new Uint8Array(n);
  const source = new Uint8Array(n);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      const x = (c + 0.5) * cell;
      const y = (r + 0.5) * cell;
      const inside = x < width && y < height && r > 0 && c > 0 && r < rows - 1 && c < cols - 1;
      known[i] = inside && input.resolved(x, y) ? 1 : 0;
      if (!known[i]) source[i] = 1;
    }
  for (const f of input.follicles) {
    const c = Math.min(cols - 1, Math.floor(f.x / cell));
    const r = Math.min(rows - 1, Math.floor(f.y / cell));
    source[r * cols + c] = 1;
  }
  const dist = distanceTransform(source, cols, rows);
  // Local spacing from a wide density estimate (so the gap itself barely lowers it).
  const wide = wideDensity(input.density, 8 * pxPerMm);
  const spacing = Float32Array.from(wide, (d) => (d > 0 ? Math.sqrt(100 / d) : Number.POSITIVE_INFINITY)); // mm
  const spacingAt = (x: number, y: number): number => {
    const c = Math.min(input.density.cols - 1, Math.floor(x / input.density.cellPx));
    const r = Math.min(input.density.rows - 1, Math.floor(y / input.density.cellPx));
    return spacing[r * input.density.cols + c]!;
  };
  const core = new Uint8Array(n);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      if (!known[i]) continue;
      const s = spacingAt((c + 0.5) * cell, (r + 0.5) * cell);
      if (Number.isFinite(s) && dist[i]! * cellMm >= GAP_SPACINGS * s) core[i] = 1;
    }
  const fromCore = distanceTransform(core, cols, rows);
  const region = new Uint8Array(n);
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      if (!known[i]) continue;
      const s = spacingAt((c + 0.5) * cell, (r + 0.5) * cell);
      if (fromCore[i]! * cellMm <= GAP_SPACINGS * s) region[i] = 1;
    }
  const labels = new Int32Array(n);
  const count = labelComponents(region, cols, rows, labels);
  const drafts: ScarSuggestionDraft[] = [];
  // Colour and texture per cell, computed only for the cells a candidate gap looks at.
  const cellColour = new Float32Array(n * 3).fill(-1);
  const colourOf = (i: number): Float32Array => {
    if (cellColour[3 * i]! < 0) cellLinearRgb(input, cell, cols, i, cellColour);
    return cellColour;
  };
  const cellTexture = new Float32Array(n).fill(-1);
  const textureOf = (i: number): number => {
    if (cellTexture[i]! < 0) {
      const c = i % cols;
      cellTexture[i] = input.texture((c + 0.5) * cell, ((i - c) / cols + 0.5) * cell);
    }
    return cellTexture[i]!;
  };
  // One pass for every component's moments and bounding box.
  const stats = new Float64Array((count + 1) * 10);
  const members: number[][] = Array.from({ length: count + 1 }, () => []);
  for (let i = 0; i < n; i++) {
    const id = labels[i]!;
    if (!id) continue;
    const c = i % cols;
    const r = (i - c) / cols;
    const o = id * 10;
    if (stats[o] === 0) {
      stats[o + 6] = c;
      stats[o + 7] = c;
      stats[o + 8] = r;
      stats[o + 9] = r;
    }
    stats[o] = stats[o]! + 1;
    stats[o + 1] = stats[o + 1]! + c;
    stats[o + 2] = stats[o + 2]! + r;
    stats[o + 3] = stats[o + 3]! + c * c;
    stats[o + 4] = stats[o + 4]! + r * r;
    stats[o + 5] = stats[o + 5]! + c * r;
    stats[o + 6] = Math.min(stats[o + 6]!, c);
    stats[o + 7] = Math.max(stats[o + 7]!, c);
    stats[o + 8] = Math.min(stats[o + 8]!, r);
    stats[o + 9] = Math.max(stats[o + 9]!, r);
    members[id]!.push(i);
  }
  for (let id = 1; id <= count; id++) {
    const o = id * 10;
    const m = stats[o]!;
    const [sx, sy, sxx, syy, sxy] = [
      stats[o + 1]!,
      stats[o + 2]!,
      stats[o + 3]!,
      stats[o + 4]!,
      stats[o + 5]!,
    ];
    const [minC, maxC, minR, maxR] = [stats[o + 6]!, stats[o + 7]!, stats[o + 8]!, stats[o + 9]!];
    // Cheap first test: even at the wide density around it, could the gap lack enough follicles?
    const roughDensity = 100 / spacingAt((sx / m + 0.5) * cell, (sy / m + 0.5) * cell) ** 2;
    if ((m * cellMm * cellMm * roughDensity) / 100 < 0.5 * MIN_MISSING_FOLLICLES) continue;
    const areaMm2 = m * cellMm * cellMm;
    const cx = sx / m;
    const cy = sy / m;
    // Surroundings: a ring 1.5-5 mm outside the gap, resolved cells only.
    const ring = ringCells(
      labels,
      id,
      known,
      cols,
      rows,
      minC,
      maxC,
      minR,
      maxR,
      Math.round(1.5 / cellMm),
      Math.round(5 / cellMm),
    );
    if (ring.length < 8) continue;
    const surroundDensity = median(
      ring.map((i) => {
        const c = i % cols;
        const r = (i - c) / cols;
        return densityAt(input.density, (c + 0.5) * cell, (r + 0.5) * cell);
      }),
    );
    if (!(surroundDensity >= MIN_SURROUNDING_DENSITY)) continue;
    const expectedMissing = (areaMm2 / 100) * surroundDensity;
    if (expectedMissing < MIN_MISSING_FOLLICLES) continue;
    // The opened region reaches out to the nearest follicles; the scar itself is the part more
    // than half a spacing from any follicle (measured colour and outline come from that).
    const inside = members[id]!.filter((i) => {
      const c = i % cols;
      return (
        dist[i]! * cellMm >= SCAR_CORE_SPACINGS * spacingAt((c + 0.5) * cell, ((i - c) / cols + 0.5) * cell)
      );
    });
    if (inside.length < 4) continue;
    for (const i of members[id]!) labels[i] = -id;
    for (const i of inside) labels[i] = id;
    const labIn = skinLab(inside, colourOf);
    const labOut = skinLab(ring, colourOf);
    const lighter = labIn[0] - labOut[0];
    const texIn = median(inside.map(textureOf));
    const texOut = median(ring.map(textureOf));
    const smoothRatio = texOut > 0 ? texIn / texOut : 1;
    const paler = Math.hypot(labIn[1], labIn[2]) < Math.hypot(labOut[1], labOut[2]) - 1;
    // Scar tissue is paler, smoother or less saturated than skin; lighting alone only makes skin
    // paler, so lightness needs to be clear (≥ 2 ΔL*) to count on its own.
    const evidence = Math.max(0, lighter) / 2.5 + Math.max(0, 0.95 - smoothRatio) / 0.15 + (paler ? 0.5 : 0);
    // An empty patch that is only smoother may be hair the detector missed; scar tissue is also
    // paler or less saturated than the skin around it.
    if (evidence < MIN_SCAR_EVIDENCE || (lighter < MIN_PALER_L && !paler)) continue;
    const cxx = sxx / m - cx * cx;
    const cyy = syy / m - cy * cy;
    const cxy = sxy / m - cx * cy;
    const tm = 0.5 * (cxx + cyy);
    const tr = Math.sqrt(0.25 * (cxx - cyy) ** 2 + cxy * cxy);
    const elongation = Math.sqrt((tm + tr) / Math.max(1e-6, tm - tr));
    const lengthMm = Math.sqrt(12 * (tm + tr)) * cellMm;
    const widthMm = areaMm2 / Math.max(1e-6, lengthMm);
    const kind: ScarKind =
      elongation >= STRIP_MIN_ELONGATION && widthMm <= STRIP_MAX_WIDTH_MM ? 'strip' : 'patch';
    const outline = simplifyPolygon(traceComponent(labels, cols, rows, id), 1).map(
      ([x, y]): [number, number] => [x * cell, y * cell],
    );
    const reasons = [
      `no follicles over ${areaMm2.toFixed(0)} mm² where ${expectedMissing.toFixed(0)} were expected (${surroundDensity.toFixed(0)}/cm² around it)`,
    ];
    if (lighter >= 0.5) reasons.push(`paler than its surroundings (ΔL* ${lighter.toFixed(1)})`);
    if (smoothRatio <= 0.9)
      reasons.push(
        `smoother than its surroundings (${Math.round(100 * (1 - smoothRatio))}% less fine texture)`,
      );
    if (paler) reasons.push('less saturated than its surroundings');
    if (kind === 'strip') reasons.push(`linear: ${lengthMm.toFixed(0)} × ${widthMm.toFixed(1)} mm`);
    const confidence = (1 - Math.exp(-expectedMissing / 8)) * 0.5 + Math.min(1, evidence / 2) * 0.5;
    drafts.push({
      kind,
      polygon: outline,
      areaMm2: polygonArea(outline) / (pxPerMm * pxPerMm),
      confidence: Math.min(0.95, confidence),
      reasons,
    });
  }
  return drafts;
}

function wideDensity(grid: DensityGrid, sigmaPx: number): Float32Array {
  const n = grid.cols * grid.rows;
  const v = new Float32Array(n);
  const w = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const d = grid.perCm2[i]!;
    if (!Number.isNaN(d)) {
      v[i] = d;
      w[i] = 1;
    }
  }
  const s = sigmaPx / grid.cellPx;
  const sv = gaussianBlur(v, grid.cols, grid.rows, s);
  const sw = gaussianBlur(w, grid.cols, grid.rows, s);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = sw[i]! > 0.2 ? sv[i]! / sw[i]! : 0;
  return out;
}

function densityAt(grid: DensityGrid, x: number, y: number): number {
  const c = Math.min(grid.cols - 1, Math.floor(x / grid.cellPx));
  const r = Math.min(grid.rows - 1, Math.floor(y / grid.cellPx));
  return grid.perCm2[r * grid.cols + c]!;
}

/** Measured cells between `inner` and `outer` cells away from component `id` (a window EDT). */
function ringCells(
  labels: Int32Array,
  id: number,
  known: Uint8Array,
  cols: number,
  rows: number,
  minC: number,
  maxC: number,
  minR: number,
  maxR: number,
  inner: number,
  outer: number,
): number[] {
  const c0 = Math.max(0, minC - outer);
  const r0 = Math.max(0, minR - outer);
  const c1 = Math.min(cols - 1, maxC + outer);
  const r1 = Math.min(rows - 1, maxR + outer);
  const wc = c1 - c0 + 1;
  const wr = r1 - r0 + 1;
  const mask = new Uint8Array(wc * wr);
  for (let r = r0; r <= r1; r++)
    for (let c = c0; c <= c1; c++) if (labels[r * cols + c] === id) mask[(r - r0) * wc + (c - c0)] = 1;
  const d = distanceTransform(mask, wc, wr);
  const out: number[] = [];
  for (let r = r0; r <= r1; r++)
    for (let c = c0; c <= c1; c++) {
      const i = r * cols + c;
      const dist = d[(r - r0) * wc + (c - c0)]!;
      if (known[i] && !labels[i] && dist >= inner && dist <= outer) out.push(i);
    }
  return out;
}

/** Mean linear colour of one cell (2 × 2 samples of the photo), written into `out` at 3·i. */
function cellLinearRgb(input: GapInput, cell: number, cols: number, i: number, out: Float32Array): void {
  const { image, roi, factor } = input;
  const ch = image.channels;
  const c = i % cols;
  const r = (i - c) / cols;
  let sr = 0;
  let sg = 0;
  let sb = 0;
  let k = 0;
  for (let sy = 0; sy < 2; sy++)
    for (let sx = 0; sx < 2; sx++) {
      const x = Math.floor(roi.x + ((c + (sx + 0.5) / 2) * cell + 0.5) * factor);
      const y = Math.floor(roi.y + ((r + (sy + 0.5) / 2) * cell + 0.5) * factor);
      if (x >= roi.x + roi.w || y >= roi.y + roi.h) continue;
      const s = (y * image.width + x) * ch;
      sr += SRGB8_TO_LINEAR[image.data[s]!]!;
      sg += SRGB8_TO_LINEAR[image.data[s + 1]!]!;
      sb += SRGB8_TO_LINEAR[image.data[s + 2]!]!;
      k++;
    }
  out[3 * i] = k ? sr / k : 0;
  out[3 * i + 1] = k ? sg / k : 0;
  out[3 * i + 2] = k ? sb / k : 0;
}

/**
 * Colour of a set of cells: the per-channel median in linear light. Follicles, their openings and
 * the glints on stubble fill a minority of cells round a gap and none inside it; a mean would
 * darken or lighten the surroundings with them, a median takes the skin between them.
 */
function skinLab(cells: number[], colourOf: (i: number) => Float32Array): Lab {
  const [r, g, b] = [0, 1, 2].map((k) => median(cells.map((i) => colourOf(i)[3 * i + k]!)));
  return linearRgbToLab(r!, g!, b!);
}
