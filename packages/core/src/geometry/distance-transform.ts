/**
 * Exact Euclidean distance transform (Felzenszwalb & Huttenlocher 2012): for every cell, the
 * squared distance to the nearest cell where `isSource` holds. Linear in the number of cells.
 */
export function squaredDistanceTransform(
  width: number,
  height: number,
  isSource: (i: number) => boolean,
): Float32Array {
  const INF = 1e20;
  const out = new Float32Array(width * height);
  for (let i = 0; i < out.length; i++) out[i] = isSource(i) ? 0 : INF;
  const n = Math.max(width, height);
  const f = new Float64Array(n);
  const d = new Float64Array(n);
  const v = new Int32Array(n);
  const z = new Float64Array(n + 1);
  const pass1d = (len: number) => {
    let k = 0;
    v[0] = 0;
    z[0] = -INF;
    z[1] = INF;
    for (let q = 1; q < len; q++) {
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
    for (let q = 0; q < len; q++) {
      while (z[k + 1]! < q) k++;
      const dq = q - v[k]!;
      d[q] = dq * dq + f[v[k]!]!;
    }
  };
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) f[y] = out[y * width + x]!;
    pass1d(height);
    for (let y = 0; y < height; y++) out[y * width + x] = d[y]!;
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) f[x] = out[y * width + x]!;
    pass1d(width);
    for (let x = 0; x < width; x++) out[y * width + x] = d[x]!;
  }
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
