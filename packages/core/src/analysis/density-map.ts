/**
 * Follicle density per cm² as a kernel density estimate over the resolved part of the photo: the
 * count of follicles smoothed with a Gaussian, divided by the equally smoothed resolved area, so a
 * region next to an unresolved one or the photo's edge is not diluted by area that was never
 * measured. Cells whose kernel sees too little resolved area get no value.
 */
import { gaussianBlur } from './gaussian-filter.js';
import { quantileInPlace } from './robust-stats.js';

/** Kernel σ (mm): about twenty follicles under it at 60 FU/cm², so ±20 % counting noise per cell. */
export const DENSITY_KERNEL_MM = 2.5;
/** A cell gets a value when at least this share of its kernel lies on resolved skin. */
const MIN_KERNEL_COVERAGE = 0.5;

export interface DensityGrid {
  /** Cell side in working pixels (about 1 mm). */
  cellPx: number;
  cols: number;
  rows: number;
  /** Follicles per cm²; NaN where not measured. */
  perCm2: Float32Array;
}

export interface DensityStats {
  perCm2Median: number;
  perCm2P10: number;
  perCm2P90: number;
  /** Area the statistics were taken over. */
  areaCm2: number;
}

/**
 * `resolved(x, y)` tells whether a working-pixel position lies on resolved skin. Positions are in
 * working pixels, `pxPerMm` at working resolution.
 */
export function computeDensityGrid(
  points: readonly { x: number; y: number }[],
  width: number,
  height: number,
  pxPerMm: number,
  resolved: (x: number, y: number) => boolean,
  kernelMm = DENSITY_KERNEL_MM,
): DensityGrid {
  const cellPx = Math.max(1, pxPerMm);
  const cols = Math.ceil(width / cellPx);
  const rows = Math.ceil(height / cellPx);
  const counts = new Float32Array(cols * rows);
  const area = new Float32Array(cols * rows);
  const cellMm2 = (cellPx / pxPerMm) ** 2;
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      // resolved share of the cell from a 3×3 sample, in mm²
      let inside = 0;
      for (let sy = 0; sy < 3; sy++)
        for (let sx = 0; sx < 3; sx++) {
          const x = (c + (sx + 0.5) / 3) * cellPx;
          const y = (r + (sy + 0.5) / 3) * cellPx;
          if (x < width && y < height && resolved(x, y)) inside++;
        }
      area[r * cols + c] = (inside / 9) * cellMm2;
    }
  for (const p of points) {
    if (!resolved(p.x, p.y)) continue;
    const c = Math.min(cols - 1, Math.floor(p.x / cellPx));
    const r = Math.min(rows - 1, Math.floor(p.y / cellPx));
    counts[r * cols + c] = counts[r * cols + c]! + 1;
  }
  const sigmaCells = (kernelMm * pxPerMm) / cellPx;
  const smoothCounts = gaussianBlur(counts, cols, rows, sigmaCells);
  const smoothArea = gaussianBlur(area, cols, rows, sigmaCells);
  const perCm2 = new Float32Array(cols * rows);
  for (let i = 0; i < perCm2.length; i++) {
    const ownShare = area[i]! / cellMm2;
    perCm2[i] =
      ownShare >= 0.5 && smoothArea[i]! >= MIN_KERNEL_COVERAGE * cellMm2
        ? (100 * smoothCounts[i]!) / smoothArea[i]!
        : Number.NaN;
  }
  return { cellPx, cols, rows, perCm2 };
}

/** Median and 10th/90th percentiles of the measured cells for which `include(cell)` holds. */
export function densityStats(
  grid: DensityGrid,
  pxPerMm: number,
  include: (cell: number) => boolean = () => true,
): DensityStats | null {
  const values = new Float64Array(grid.perCm2.length);
  let n = 0;
  for (let i = 0; i < grid.perCm2.length; i++) {
    const v = grid.perCm2[i]!;
    if (!Number.isNaN(v) && include(i)) values[n++] = v;
  }
  if (n === 0) return null;
  const areaCm2 = (n * (grid.cellPx / pxPerMm) ** 2) / 100;
  const p10 = quantileInPlace(values, 0.1, n);
  const p50 = quantileInPlace(values, 0.5, n);
  const p90 = quantileInPlace(values, 0.9, n);
  return { perCm2Median: p50, perCm2P10: p10, perCm2P90: p90, areaCm2 };
}
