/**
 * Spatial statistics of a point pattern in rectangular windows, the same for follicles marked on
 * a real scalp and for rendered impressions, so the two can be set side by side: the
 * nearest-neighbour distance distribution (Hanisch edge correction), the pair-correlation
 * function g(r) (translation edge correction) and the largest empty disc relative to the local
 * spacing. Distances are reported in units of the window's spacing s = √(area / count), the side
 * of the square that holds one point on average, so windows of different densities pool.
 *
 * Yardsticks: a Poisson (fully random) pattern has a nearest-neighbour CV of √(4/π − 1) ≈ 0.523
 * and g ≡ 1; a hexagonal lattice has CV 0; blue noise has g ≈ 0 below its exclusion distance.
 */
import { distanceTransform } from '../geometry/distance-transform.js';
import { PointGrid, type PointSet } from './point-set-metrics.js';

/** A rectangle [x0, x1) × [y0, y1) in the points' coordinates. */
export interface Window {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The points of one window, measured only against each other (points outside are ignored). */
export interface WindowedPattern {
  points: PointSet;
  window: Window;
}

/** √(4/π − 1): the nearest-neighbour CV of a Poisson process in the plane. */
export const POISSON_NN_CV = Math.sqrt(4 / Math.PI - 1);

interface Local {
  n: number;
  x: Float64Array;
  y: Float64Array;
  w: number;
  h: number;
  /** Spacing s = √(area / n) in the points' units. */
  spacing: number;
  grid: PointGrid;
}

/** The window's points in window coordinates, with a grid for neighbour queries. */
function localPattern({ points, window }: WindowedPattern): Local {
  const w = window.x1 - window.x0;
  const h = window.y1 - window.y0;
  if (!(w > 0 && h > 0)) throw new RangeError('window: x1 > x0 and y1 > y0 are required');
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < points.count; i++) {
    const x = points.x[i]! - window.x0;
    const y = points.y[i]! - window.y0;
    if (x >= 0 && y >= 0 && x < w && y < h) {
      xs.push(x);
      ys.push(y);
    }
  }
  const n = xs.length;
  const spacing = n > 0 ? Math.sqrt((w * h) / n) : Number.NaN;
  const x = Float64Array.from(xs);
  const y = Float64Array.from(ys);
  const grid = new PointGrid({ count: n, x, y }, w, h, n > 0 ? Math.max(spacing, 1e-9) : Math.max(w, h));
  return { n, x, y, w, h, spacing, grid };
}

/** Distance to the nearest other point (Infinity for a lone point). */
function nearestDistances(p: Local): Float64Array {
  const out = new Float64Array(p.n).fill(Infinity);
  for (let i = 0; i < p.n; i++) {
    // Search rings of growing radius until one holds a neighbour, then once more that far.
    for (let radius = p.spacing; radius < 2 * Math.hypot(p.w, p.h); radius *= 2) {
      let best = Infinity;
      p.grid.near(p.x[i]!, p.y[i]!, radius, (j, d2) => {
        if (j !== i && d2 < best) best = d2;
      });
      if (best < Infinity) {
        out[i] = Math.sqrt(best);
        break;
      }
    }
  }
  return out;
}

export interface NearestNeighbourStats {
  /** Points in the windows, and those whose nearest neighbour is certainly inside (Hanisch). */
  points: number;
  used: number;
  /** Mean, standard deviation and CV of the nearest-neighbour distance, in units of spacing. */
  mean: number;
  sd: number;
  cv: number;
  /** The accepted distances (units of spacing) and their Hanisch weights, for histograms. */
  distances: Float64Array;
  weights: Float64Array;
}

/**
 * Nearest-neighbour distances, pooled over windows in units of each window's spacing, with
 * Hanisch's edge correction: a distance d counts only when the point lies at least d from the
 * window's edge (so its true nearest neighbour cannot be outside), weighted by 1 / area of the
 * window shrunk by d, which undoes the bias towards short distances that this rule brings.
 */
export function nearestNeighbourStats(patterns: readonly WindowedPattern[]): NearestNeighbourStats {
  const d: number[] = [];
  const wt: number[] = [];
  let total = 0;
  for (const pattern of patterns) {
    const p = localPattern(pattern);
    total += p.n;
    if (p.n < 2) continue;
    const nn = nearestDistances(p);
    for (let i = 0; i < p.n; i++) {
      const di = nn[i]!;
      const edge = Math.min(p.x[i]!, p.y[i]!, p.w - p.x[i]!, p.h - p.y[i]!);
      if (!(di <= edge)) continue;
      const eroded = (p.w - 2 * di) * (p.h - 2 * di);
      if (!(eroded > 0)) continue;
      d.push(di / p.spacing);
      // Normalised so that windows weigh by their number of points, not their pixel size.
      wt.push((p.w * p.h) / eroded);
    }
  }
  let sw = 0;
  let s1 = 0;
  for (let k = 0; k < d.length; k++) {
    sw += wt[k]!;
    s1 += wt[k]! * d[k]!;
  }
  const mean = sw > 0 ? s1 / sw : Number.NaN;
  let s2 = 0;
  for (let k = 0; k < d.length; k++) s2 += wt[k]! * (d[k]! - mean) ** 2;
  const sd = sw > 0 ? Math.sqrt(s2 / sw) : Number.NaN;
  return {
    points: total,
    used: d.length,
    mean,
    sd,
    cv: mean > 0 ? sd / mean : Number.NaN,
    distances: Float64Array.from(d),
    weights: Float64Array.from(wt),
  };
}

export interface PairCorrelation {
  /** Bin centres, in units of spacing. */
  r: Float64Array;
  g: Float64Array;
}

/**
 * The pair-correlation function g(r), pooled over windows with distances in units of spacing:
 * Σ_{i≠j} k(r − d_ij) / |W ∩ (W + x_j − x_i)| divided by 2πr · n(n − 1) / |W|², per window, the
 * sums of numerators and denominators over windows in ratio (the translation-corrected kernel
 * estimator; Epanechnikov kernel). 1 means pairs at that distance are as common as at random.
 */
export function pairCorrelation(
  patterns: readonly WindowedPattern[],
  options: { rMax?: number; bins?: number; bandwidth?: number } = {},
): PairCorrelation {
  const rMax = options.rMax ?? 3;
  const bins = options.bins ?? 30;
  const h = options.bandwidth ?? 0.1;
  const step = rMax / bins;
  const r = Float64Array.from({ length: bins }, (_, k) => (k + 0.5) * step);
  const num = new Float64Array(bins);
  const den = new Float64Array(bins);
  for (const pattern of patterns) {
    const p = localPattern(pattern);
    if (p.n < 2) continue;
    const s = p.spacing;
    const area = (p.w * p.h) / (s * s); // = n in units of spacing
    for (let k = 0; k < bins; k++) den[k] = den[k]! + (2 * Math.PI * r[k]! * p.n * (p.n - 1)) / (area * area);
    const reach = (rMax + h) * s;
    for (let i = 0; i < p.n; i++) {
      p.grid.near(p.x[i]!, p.y[i]!, reach, (j, d2) => {
        if (j === i) return;
        const dx = Math.abs(p.x[j]! - p.x[i]!);
        const dy = Math.abs(p.y[j]! - p.y[i]!);
        const overlap = ((p.w - dx) * (p.h - dy)) / (s * s);
        if (!(overlap > 0)) return;
        const d = Math.sqrt(d2) / s;
        const k0 = Math.max(0, Math.floor((d - h) / step));
        const k1 = Math.min(bins - 1, Math.floor((d + h) / step));
        for (let k = k0; k <= k1; k++) {
          const u = (r[k]! - d) / h;
          if (u > -1 && u < 1) num[k] = num[k]! + (0.75 * (1 - u * u)) / h / overlap;
        }
      });
    }
  }
  const g = new Float64Array(bins);
  for (let k = 0; k < bins; k++) g[k] = den[k]! > 0 ? num[k]! / den[k]! : Number.NaN;
  return { r, g };
}

export interface EmptyDisc {
  /** Diameter of the largest disc inside the window that holds no point, in units of spacing. */
  diameter: number;
  /** Its centre, in the points' coordinates, and the window it was found in. */
  x: number;
  y: number;
  window: number;
}

/**
 * The largest empty disc lying wholly inside a window, relative to the local spacing: `spacingAt`
 * (points' units) when given (a variable target), else the window's own spacing. An exact distance
 * transform on a raster a sixteenth of the spacing fine finds the candidates; the distance from each
 * candidate to the nearest point is then measured exactly, so the answer is within 5 % of the truth.
 */
export function largestEmptyDisc(
  patterns: readonly WindowedPattern[],
  spacingAt?: (x: number, y: number) => number,
): EmptyDisc {
  let best: EmptyDisc = { diameter: 0, x: Number.NaN, y: Number.NaN, window: -1 };
  patterns.forEach((pattern, index) => {
    const p = localPattern(pattern);
    if (p.n < 1) return;
    const cell = p.spacing / 16;
    const cols = Math.max(1, Math.ceil(p.w / cell));
    const rows = Math.max(1, Math.ceil(p.h / cell));
    const source = new Uint8Array(cols * rows);
    for (let i = 0; i < p.n; i++)
      source[
        Math.min(rows - 1, Math.floor(p.y[i]! / cell)) * cols + Math.min(cols - 1, Math.floor(p.x[i]! / cell))
      ] = 1;
    const dt = distanceTransform(source, cols, rows);
    const spacingOf = (x: number, y: number) =>
      spacingAt ? spacingAt(x + pattern.window.x0, y + pattern.window.y0) : p.spacing;
    // Approximate relative diameters; anything within two cells of the best is measured exactly.
    const approx = new Float32Array(cols * rows);
    let top = 0;
    for (let r = 0, i = 0; r < rows; r++)
      for (let c = 0; c < cols; c++, i++) {
        const x = (c + 0.5) * cell;
        const y = (r + 0.5) * cell;
        const radius = dt[i]! * cell;
        const s = spacingOf(x, y);
        if (!(s > 0) || radius > Math.min(x, y, p.w - x, p.h - y)) continue;
        approx[i] = (2 * radius) / s;
        if (approx[i]! > top) top = approx[i]!;
      }
    for (let r = 0, i = 0; r < rows; r++)
      for (let c = 0; c < cols; c++, i++) {
        const x = (c + 0.5) * cell;
        const y = (r + 0.5) * cell;
        const slack = (4 * cell) / spacingOf(x, y);
        if (approx[i]! + slack < Math.max(top, best.diameter)) continue;
        const edge = Math.min(x, y, p.w - x, p.h - y);
        let nearest2 = Infinity;
        // The nearest point lies within a cell diagonal of the nearest marked cell.
        p.grid.near(x, y, Math.min(edge, (dt[i]! + 1.5) * cell), (_, d2) => {
          if (d2 < nearest2) nearest2 = d2;
        });
        const radius = Math.sqrt(nearest2);
        if (radius > edge) continue;
        const diameter = (2 * radius) / spacingOf(x, y);
        if (diameter > best.diameter)
          best = { diameter, x: x + pattern.window.x0, y: y + pattern.window.y0, window: index };
      }
  });
  return best;
}

/**
 * Square windows of `side` tiling the cells where `inside` holds for the whole window (checked on
 * a lattice a tenth of the side apart): where a zone applies fully, away from its edges.
 */
export function windowsInside(
  width: number,
  height: number,
  side: number,
  inside: (x: number, y: number) => boolean,
): Window[] {
  const out: Window[] = [];
  const probe = side / 10;
  for (let y0 = 0; y0 + side <= height; y0 += side)
    for (let x0 = 0; x0 + side <= width; x0 += side) {
      let ok = true;
      for (let y = y0; ok && y <= y0 + side; y += probe)
        for (let x = x0; ok && x <= x0 + side; x += probe)
          ok = inside(Math.min(x, width - 1), Math.min(y, height - 1));
      if (ok) out.push({ x0, y0, x1: x0 + side, y1: y0 + side });
    }
  return out;
}
