/**
 * Quality measures of an impression pattern (algorithms.md §1.2), shared by the sampler's tests
 * and the benchmark so that both judge every sampler the same way.
 */

export interface PointSet {
  count: number;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

/** A spatial hash of a point set for neighbour queries within `cell`. */
export class PointGrid {
  private readonly heads: Int32Array;
  private readonly next: Int32Array;
  private readonly gw: number;
  private readonly gh: number;

  constructor(
    readonly points: PointSet,
    readonly width: number,
    readonly height: number,
    readonly cell: number,
  ) {
    this.gw = Math.max(1, Math.ceil(width / cell));
    this.gh = Math.max(1, Math.ceil(height / cell));
    this.heads = new Int32Array(this.gw * this.gh).fill(-1);
    this.next = new Int32Array(points.count);
    for (let i = 0; i < points.count; i++) {
      const c = this.cellOf(points.x[i]!, points.y[i]!);
      this.next[i] = this.heads[c]!;
      this.heads[c] = i;
    }
  }

  private cellOf(x: number, y: number): number {
    const gx = Math.min(this.gw - 1, Math.max(0, Math.floor(x / this.cell)));
    const gy = Math.min(this.gh - 1, Math.max(0, Math.floor(y / this.cell)));
    return gy * this.gw + gx;
  }

  /** Calls `visit(j, d²)` for every point within `radius` of (x, y); stops when it returns false. */
  near(x: number, y: number, radius: number, visit: (j: number, d2: number) => boolean | void): void {
    const r2 = radius * radius;
    const x0 = Math.max(0, Math.floor((x - radius) / this.cell));
    const x1 = Math.min(this.gw - 1, Math.floor((x + radius) / this.cell));
    const y0 = Math.max(0, Math.floor((y - radius) / this.cell));
    const y1 = Math.min(this.gh - 1, Math.floor((y + radius) / this.cell));
    for (let gy = y0; gy <= y1; gy++) {
      for (let gx = x0; gx <= x1; gx++) {
        for (let j = this.heads[gy * this.gw + gx]!; j >= 0; j = this.next[j]!) {
          const dx = this.points.x[j]! - x;
          const dy = this.points.y[j]! - y;
          const d2 = dx * dx + dy * dy;
          if (d2 <= r2 && visit(j, d2) === false) return;
        }
      }
    }
  }
}

/**
 * The smallest d_ij / ((r_i + r_j) / 2) over all pairs, with r from `radiusAt` at each point:
 * 1 or more means no pair is closer than the mean rule allows.
 */
export function minDistanceRatio(
  points: PointSet,
  width: number,
  height: number,
  radiusAt: (x: number, y: number) => number,
  largestRadius: number,
): number {
  // Searching 1.5 times the largest radius reports ratios up to 1.5, not only violations.
  const grid = new PointGrid(points, width, height, largestRadius);
  const r = new Float64Array(points.count);
  for (let i = 0; i < points.count; i++) r[i] = radiusAt(points.x[i]!, points.y[i]!);
  let worst = Infinity;
  for (let i = 0; i < points.count; i++) {
    grid.near(points.x[i]!, points.y[i]!, 1.5 * largestRadius, (j, d2) => {
      if (j === i) return;
      const ratio = Math.sqrt(d2) / ((r[i]! + r[j]!) / 2);
      if (ratio < worst) worst = ratio;
    });
  }
  return worst;
}

/**
 * The fraction of probe points (a grid every `step` pixels over the sampled area) where another
 * impression would still fit under the mean rule: 0 for a maximal pattern. Also the largest
 * distance from a probe to its nearest impression, relative to the probe's own radius.
 */
export function coverage(
  points: PointSet,
  width: number,
  height: number,
  radiusAt: (x: number, y: number) => number,
  largestRadius: number,
  step: number,
): { uncoveredFraction: number; worstGapRatio: number } {
  const grid = new PointGrid(points, width, height, largestRadius);
  const r = new Float64Array(points.count);
  for (let i = 0; i < points.count; i++) r[i] = radiusAt(points.x[i]!, points.y[i]!);
  let probes = 0;
  let open = 0;
  let worstGapRatio = 0;
  for (let y = step / 2; y < height; y += step) {
    for (let x = step / 2; x < width; x += step) {
      const rp = radiusAt(x, y);
      if (!(rp > 0) || !Number.isFinite(rp)) continue;
      probes++;
      let blocked = false;
      let nearest = Infinity;
      grid.near(x, y, 2 * largestRadius, (j, d2) => {
        if (d2 < nearest) nearest = d2;
        const min = (rp + r[j]!) / 2;
        if (d2 < min * min) blocked = true;
      });
      if (!blocked) open++;
      const gap = Math.sqrt(nearest) / rp;
      if (gap > worstGapRatio) worstGapRatio = gap;
    }
  }
  return { uncoveredFraction: probes ? open / probes : 0, worstGapRatio };
}

/**
 * Relative radius ρ = (d_min / 2) / r_max, with r_max = sqrt(A / (2√3 N)) the largest disc radius
 * N points can have in area A (hexagonal packing): Lagae & Dutré's measure, good at 0.65-0.85.
 */
export function relativeRadius(points: PointSet, width: number, height: number): number {
  if (points.count < 2) return 0;
  const rMax = Math.sqrt((width * height) / (2 * Math.sqrt(3) * points.count));
  const grid = new PointGrid(points, width, height, 2 * rMax);
  let dMin2 = Infinity;
  for (let i = 0; i < points.count; i++) {
    grid.near(points.x[i]!, points.y[i]!, 2 * rMax, (j, d2) => {
      if (j !== i && d2 < dMin2) dMin2 = d2;
    });
  }
  return Math.sqrt(dMin2) / 2 / rMax;
}

/** Points inside the rectangle [x0, x1) × [y0, y1). */
export function countInRect(points: PointSet, x0: number, y0: number, x1: number, y1: number): number {
  let n = 0;
  for (let i = 0; i < points.count; i++) {
    const x = points.x[i]!;
    const y = points.y[i]!;
    if (x >= x0 && x < x1 && y >= y0 && y < y1) n++;
  }
  return n;
}

/**
 * Radially averaged power spectrum of a point set in a square window of side `size` (Ulichney):
 * P(f) = |Σ exp(-2πi f·x)|² / N at integer wave numbers, averaged over rings of width 1.
 * Returns P per ring index (ring k holds |f|·size in [k - 0.5, k + 0.5)). Poisson (white) noise
 * is flat at 1; blue noise is near 0 at low frequencies, peaks near the mean spacing, then → 1.
 */
export function radialPowerSpectrum(
  points: PointSet,
  x0: number,
  y0: number,
  size: number,
  rings: number,
): Float64Array {
  const inside: number[] = [];
  for (let i = 0; i < points.count; i++) {
    const x = points.x[i]! - x0;
    const y = points.y[i]! - y0;
    if (x >= 0 && y >= 0 && x < size && y < size) inside.push(x / size, y / size);
  }
  const n = inside.length / 2;
  const sum = new Float64Array(rings);
  const cnt = new Float64Array(rings);
  if (n === 0) return sum;
  // Half plane is enough: P(-f) = P(f).
  for (let ky = 0; ky < rings; ky++) {
    for (let kx = -rings + 1; kx < rings; kx++) {
      if (ky === 0 && kx <= 0) continue;
      const k = Math.round(Math.hypot(kx, ky));
      if (k >= rings) continue;
      let re = 0;
      let im = 0;
      for (let i = 0; i < inside.length; i += 2) {
        const phase = -2 * Math.PI * (kx * inside[i]! + ky * inside[i + 1]!);
        re += Math.cos(phase);
        im += Math.sin(phase);
      }
      sum[k] = sum[k]! + (re * re + im * im) / n;
      cnt[k] = cnt[k]! + 1;
    }
  }
  for (let k = 0; k < rings; k++) sum[k] = cnt[k] ? sum[k]! / cnt[k]! : 0;
  return sum;
}
