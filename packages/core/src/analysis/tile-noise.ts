/** Noise floors per tile, from the robust spread of a filter response. */
import { quantileInPlace } from './robust-stats.js';
import { medianFilterTiles, type TileGrid } from './tile-grid.js';

/** The share of a tile's blocks, quietest first, below which its floor is read. */
const QUIET_QUANTILE = 0.25;
/**
 * For pure noise the 25th percentile of block RMS values of these filtered planes sits at this
 * fraction of the noise's standard deviation (measured on white noise through the same filters;
 * the blocks' pixels are correlated, so it is lower than for independent samples).
 */
export const QUIET_BIAS = 0.85;

/**
 * Noise floor of a zero-centred response per tile from its quietest parts: the tile is cut into
 * blocks of `block` px, each block's RMS taken, and the lower quartile kept (corrected to a
 * standard deviation). Dense stubble or a crowd of pores fills most blocks of a tile and would
 * lift a tile-wide spread; the skin between them still shows the floor that texture, sensor
 * noise, JPEG blocks and denoising leave. Then the 3 × 3 median over tiles.
 */
export function quietNoisePerTile(
  plane: Float32Array,
  width: number,
  grid: TileGrid,
  block: number,
  inside: (x: number, y: number) => boolean = () => true,
): Float32Array {
  const b = Math.max(2, Math.round(block));
  const perSide = Math.ceil(grid.size / b);
  const buf = new Float32Array(perSide * perSide);
  const out = new Float32Array(grid.cols * grid.rows);
  for (let r = 0; r < grid.rows; r++)
    for (let c = 0; c < grid.cols; c++) {
      let n = 0;
      const x0 = c * grid.size;
      const y0 = r * grid.size;
      const x1 = Math.min(grid.width - 1, x0 + grid.size);
      const y1 = Math.min(grid.height - 1, y0 + grid.size);
      for (let by = Math.max(1, y0); by + b <= y1; by += b)
        for (let bx = Math.max(1, x0); bx + b <= x1; bx += b) {
          if (!inside(bx + b / 2, by + b / 2)) continue;
          let s = 0;
          for (let y = by; y < by + b; y++) {
            const o = y * width;
            for (let x = bx; x < bx + b; x++) {
              const v = plane[o + x]!;
              s += v * v;
            }
          }
          buf[n++] = Math.sqrt(s / (b * b));
        }
      out[r * grid.cols + c] = n >= 4 ? quantileInPlace(buf, QUIET_QUANTILE, n) / QUIET_BIAS : Number.NaN;
    }
  return medianFilterTiles(grid, out);
}
