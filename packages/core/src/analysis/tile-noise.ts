/**
 * Noise floor of each DoG band per tile: 1.4826 × the median absolute deviation of the band over
 * the tile. Follicles cover a few per cent of a tile, so the median sees skin texture, sensor and
 * JPEG noise, which is the floor a detection has to clear.
 */
import { robustSigmaInPlace } from './robust-stats.js';
import type { DogLevel } from './scale-space.js';
import { medianFilterTiles, type TileGrid } from './tile-grid.js';

/** 10 × 10 samples per tile: the MAD of 100 values is within about 12 % of the true spread, and the
 * 3 × 3 median over tiles that follows steadies it further. */
const SAMPLES_PER_SIDE = 10;

export function dogNoisePerTile(level: DogLevel, grid: TileGrid): Float32Array {
  const out = new Float32Array(grid.cols * grid.rows);
  const s = level.step;
  const buf = new Float32Array((SAMPLES_PER_SIDE + 2) * (SAMPLES_PER_SIDE + 2));
  const up = level.upper.data;
  const lo = level.lower.data;
  for (let r = 0; r < grid.rows; r++)
    for (let c = 0; c < grid.cols; c++) {
      const x0 = Math.floor((c * grid.size) / s);
      const y0 = Math.floor((r * grid.size) / s);
      const x1 = Math.min(level.width, Math.ceil(((c + 1) * grid.size) / s));
      const y1 = Math.min(level.height, Math.ceil(((r + 1) * grid.size) / s));
      const stride = Math.max(1, Math.floor((x1 - x0) / SAMPLES_PER_SIDE));
      let n = 0;
      for (let y = y0; y < y1; y += stride)
        for (let x = x0; x < x1; x += stride) {
          if (n >= buf.length) break;
          const i = y * level.width + x;
          buf[n++] = up[i]! - lo[i]!;
        }
      out[r * grid.cols + c] = n >= 8 ? robustSigmaInPlace(buf, n) : Number.NaN;
    }
  return medianFilterTiles(grid, out);
}
