import type { DensityField } from './sample-impressions.js';

/** Density fields the sampler's tests and the benchmark share. */
export function uniformField(width: number, height: number, pxPerMm: number, perCm2: number): DensityField {
  return { width, height, pxPerMm, perCm2: new Float32Array(width * height).fill(perCm2) };
}

/** Density rising linearly from `from` at the left edge to `to` at the right edge. */
export function rampField(
  width: number,
  height: number,
  pxPerMm: number,
  from: number,
  to: number,
): DensityField {
  const perCm2 = new Float32Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) perCm2[y * width + x] = from + ((to - from) * (x + 0.5)) / width;
  return { width, height, pxPerMm, perCm2 };
}

/** `low` left of the middle, `high` right of it, with a linear feather `featherPx` wide (0: a hard step). */
export function stepField(
  width: number,
  height: number,
  pxPerMm: number,
  low: number,
  high: number,
  featherPx: number,
): DensityField {
  const perCm2 = new Float32Array(width * height);
  const mid = width / 2;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const t =
        featherPx > 0 ? Math.min(1, Math.max(0, (x + 0.5 - mid) / featherPx + 0.5)) : x + 0.5 < mid ? 0 : 1;
      perCm2[y * width + x] = low + (high - low) * t;
    }
  return { width, height, pxPerMm, perCm2 };
}

/** A scar: `surround` everywhere, nothing inside an ellipse, and `scar` in a band round it. */
export function scarField(
  width: number,
  height: number,
  pxPerMm: number,
  surround: number,
  scar: number,
): DensityField {
  const perCm2 = new Float32Array(width * height);
  const cx = width / 2;
  const cy = height / 2;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const e = ((x - cx) / (width * 0.3)) ** 2 + ((y - cy) / (height * 0.12)) ** 2;
      perCm2[y * width + x] = e < 0.5 ? 0 : e < 1 ? scar : surround;
    }
  return { width, height, pxPerMm, perCm2 };
}

/** The exclusion radius the sampler aims for at each pixel, and its largest value. */
export function radiusLookup(field: DensityField, exclusionRadiusPx: (d: number, pxPerMm: number) => number) {
  const { width, height, pxPerMm, perCm2 } = field;
  let largest = 0;
  let max = 0;
  for (const d of perCm2) if (d > max) max = d;
  for (const d of perCm2) if (d >= max / 64) largest = Math.max(largest, exclusionRadiusPx(d, pxPerMm));
  const at = (x: number, y: number): number => {
    const d =
      perCm2[Math.min(height - 1, Math.max(0, y | 0)) * width + Math.min(width - 1, Math.max(0, x | 0))]!;
    return d >= max / 64 ? exclusionRadiusPx(d, pxPerMm) : 0;
  };
  return { at, largest };
}
