/**
 * Exact Euclidean distance transforms (Felzenszwalb & Huttenlocher 2012): for every cell, the
 * distance to the nearest source cell. Linear in the number of cells.
 */

const INF = 1e20;

/** One row or column: the lower envelope of parabolas rooted at f. */
function transform1d(f: Float64Array, n: number, d: Float64Array, v: Int32Array, z: Float64Array): void {
  let k = 0;
  v[0] = 0;
  z[0] = -INF;
  z[1] = INF;
  for (let q = 1; q < n; q++) {
    let s = (f[q]! + q * q - (f[v[k]!]! + v[k]! * v[k]!)) / (2 * q - 2 * v[k]!);
    while (s <= z[k]!) {
      k--;
      s = (f[q]! + q * q - (f[v[k]!]! + v[k]! * v[k]!)) / (2 * q - 2 * v[k]!);
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = INF;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while (z[k + 1]! < q) k++;
    d[q] = (q - v[k]!) ** 2 + f[v[k]!]!;
  }
}

/** Squared distances, in place: `grid` holds 0 at sources and INF elsewhere. */
function transform2d(grid: Float64Array, width: number, height: number): void {
  const n = Math.max(width, height);
  const f = new Float64Array(n);
  const d = new Float64Array(n);
  const v = new Int32Array(n);
  const z = new Float64Array(n + 1);
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) f[y] = grid[y * width + x]!;
    transform1d(f, height, d, v, z);
    for (let y = 0; y < height; y++) grid[y * width + x] = d[y]!;
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) f[x] = grid[y * width + x]!;
    transform1d(f, width, d, v, z);
    for (let x = 0; x < width; x++) grid[y * width + x] = d[x]!;
  }
}

/** Squared distance of every cell to the nearest cell where `isSource(i)` holds. */
export function squaredDistanceTransform(
  width: number,
  height: number,
  isSource: (i: number) => boolean,
): Float32Array {
  const grid = new Float64Array(width * height);
  for (let i = 0; i < grid.length; i++) grid[i] = isSource(i) ? 0 : INF;
  transform2d(grid, width, height);
  return Float32Array.from(grid);
}

/** Distance, in cells, of every cell to the nearest non-zero cell of `isSource`. */
export function distanceTransform(isSource: Uint8Array, width: number, height: number): Float32Array {
  const grid = new Float64Array(width * height);
  for (let i = 0; i < grid.length; i++) grid[i] = isSource[i] ? 0 : INF;
  transform2d(grid, width, height);
  const out = new Float32Array(grid.length);
  for (let i = 0; i < grid.length; i++) out[i] = Math.sqrt(grid[i]!);
  return out;
}

/**
 * Signed distance to the edge of a binary mask, in cells: negative inside, positive outside,
 * measured between cell centres (so ±0.5 next to the edge).
 */
export function signedDistance(mask: Uint8Array, width: number, height: number): Float32Array {
  const toInside = squaredDistanceTransform(width, height, (i) => mask[i] === 1);
  const toOutside = squaredDistanceTransform(width, height, (i) => mask[i] !== 1);
  const out = new Float32Array(width * height);
  for (let i = 0; i < out.length; i++) {
    out[i] = mask[i] === 1 ? -(Math.sqrt(toOutside[i]!) - 0.5) : Math.sqrt(toInside[i]!) - 0.5;
  }
  return out;
}
