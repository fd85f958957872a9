/**
 * How sharp each tile is, from the image itself: the effective width (Gaussian σ) of its finest
 * structures. A structure of width σt seen through a Laplacian at scale σ responds with
 * ∝ 1 / (σt² + σ²)² at its centre (unnormalised), so the ratio of the strong responses at two
 * scales gives σt whatever the structure's contrast:
 *
 *   √(L(σ1) / L(σ2)) = (σt² + σ2²) / (σt² + σ1²).
 *
 * The strong responses are each tile's 95th percentile of |Laplacian| (the hairs, pores and
 * edges it has, not its plain skin). A sharp phone photo shows follicle structures about 0.15-
 * 0.22 mm wide at these scales; a photo out of focus, or smeared by a phone's denoising, shows
 * nothing finer than 0.3 mm.
 */
import type { HessianFeatures } from './hessian-features.js';
import { quantileInPlace } from './robust-stats.js';
import { medianFilterTiles, type TileGrid } from './tile-grid.js';

const STRONG_QUANTILE = 0.95;

/** σt (working px) per tile; NaN where the tile has too little scalp to measure. */
export function structureWidthPerTile(
  fine: HessianFeatures,
  coarse: HessianFeatures,
  grid: TileGrid,
  inside: (x: number, y: number) => boolean,
): Float32Array {
  const out = new Float32Array(grid.cols * grid.rows);
  const buf1 = new Float32Array(grid.size * grid.size);
  const buf2 = new Float32Array(grid.size * grid.size);
  const w = fine.width;
  const s1 = fine.sigma;
  const s2 = coarse.sigma;
  const inv1 = 1 / (s1 * s1);
  const inv2 = 1 / (s2 * s2);
  // every other pixel: 200+ samples per tile are plenty for a 95th percentile
  for (let r = 0; r < grid.rows; r++)
    for (let c = 0; c < grid.cols; c++) {
      let n = 0;
      const x1 = Math.min(grid.width - 1, (c + 1) * grid.size);
      const y1 = Math.min(grid.height - 1, (r + 1) * grid.size);
      for (let y = Math.max(1, r * grid.size); y < y1; y += 2)
        for (let x = Math.max(1, c * grid.size); x < x1; x += 2) {
          if (!inside(x, y)) continue;
          const i = y * w + x;
          buf1[n] = Math.abs(fine.laplacian[i]!) * inv1;
          buf2[n] = Math.abs(coarse.laplacian[i]!) * inv2;
          n++;
        }
      if (n < 32) {
        out[r * grid.cols + c] = Number.NaN;
        continue;
      }
      const l1 = quantileInPlace(buf1, STRONG_QUANTILE, n);
      const l2 = quantileInPlace(buf2, STRONG_QUANTILE, n);
      out[r * grid.cols + c] = widthFromRatio(l1, l2, s1, s2);
    }
  return medianFilterTiles(grid, out);
}

export function widthFromRatio(l1: number, l2: number, s1: number, s2: number): number {
  if (!(l1 > 0) || !(l2 > 0)) return Number.NaN;
  const q = Math.sqrt(l1 / l2);
  if (q <= 1) return Number.POSITIVE_INFINITY; // nothing finer than the coarse scale
  const v = (s2 * s2 - q * s1 * s1) / (q - 1);
  return v > 0 ? Math.sqrt(v) : 0;
}
