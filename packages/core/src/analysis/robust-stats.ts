/** Order statistics on typed arrays without sorting them whole. */

/** k-th smallest (0-based) of values[0..n); reorders `values` in place. */
function selectKth(values: Float32Array | Float64Array, k: number, n = values.length): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i] = values[j]!;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k]!;
  }
  return values[k]!;
}

/** Quantile q ∈ [0, 1] by nearest rank; reorders `values`. NaN when n = 0. */
export function quantileInPlace(values: Float32Array | Float64Array, q: number, n = values.length): number {
  if (n === 0) return Number.NaN;
  const k = Math.min(n - 1, Math.max(0, Math.round(q * (n - 1))));
  return selectKth(values, k, n);
}

/** Middle value (the upper one of an even count) of a short plain list, by sorting a copy; NaN when empty. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[s.length >> 1]! : Number.NaN;
}
