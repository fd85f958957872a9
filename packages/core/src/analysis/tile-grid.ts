/** A regular grid of square tiles over an image; the unit of resolvability and of noise estimates. */
export interface TileGrid {
  /** Tile side in working pixels. */
  size: number;
  cols: number;
  rows: number;
  width: number;
  height: number;
}

export function makeTileGrid(width: number, height: number, size: number): TileGrid {
  const s = Math.max(8, Math.round(size));
  return { size: s, cols: Math.ceil(width / s), rows: Math.ceil(height / s), width, height };
}

export function tileIndexAt(grid: TileGrid, x: number, y: number): number {
  const c = Math.min(grid.cols - 1, Math.max(0, Math.floor(x / grid.size)));
  const r = Math.min(grid.rows - 1, Math.max(0, Math.floor(y / grid.size)));
  return r * grid.cols + c;
}

export function tileRect(grid: TileGrid, index: number): { x: number; y: number; w: number; h: number } {
  const c = index % grid.cols;
  const r = Math.floor(index / grid.cols);
  const x = c * grid.size;
  const y = r * grid.size;
  return { x, y, w: Math.min(grid.size, grid.width - x), h: Math.min(grid.size, grid.height - y) };
}

/** Median over each tile's 3×3 neighbourhood, ignoring NaN (tiles without an estimate). */
export function medianFilterTiles(grid: TileGrid, values: Float32Array): Float32Array {
  const out = new Float32Array(values.length);
  const buf: number[] = [];
  for (let r = 0; r < grid.rows; r++)
    for (let c = 0; c < grid.cols; c++) {
      buf.length = 0;
      for (let dr = -1; dr <= 1; dr++)
        for (let dc = -1; dc <= 1; dc++) {
          const rr = r + dr;
          const cc = c + dc;
          if (rr < 0 || cc < 0 || rr >= grid.rows || cc >= grid.cols) continue;
          const v = values[rr * grid.cols + cc]!;
          if (!Number.isNaN(v)) buf.push(v);
        }
      buf.sort((a, b) => a - b);
      out[r * grid.cols + c] = buf.length ? buf[buf.length >> 1]! : Number.NaN;
    }
  return out;
}
