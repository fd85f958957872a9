/**
 * The sampler's background grid: cells under 0.71 of the smallest exclusion radius, padded by the
 * largest reach so that lookups need no bounds checks.
 */
import type { DensityField } from './sample-impressions.js';

/**
 * The exclusion radius of every cell of the padded grid (0 outside the photo and where nothing is
 * sampled), from the density at its centre or, where that is unsampled, the densest corner.
 */
export function cellRadii(
  field: DensityField,
  cell: number,
  gw: number,
  gh: number,
  pad: number,
  stride: number,
  radiusScale: number,
  floor: number,
): Float32Array {
  const { width: w, height: h, perCm2 } = field;
  const radii = new Float32Array(stride * (gh + 2 * pad));
  const at = (x: number, y: number): number =>
    perCm2[Math.min(h - 1, Math.max(0, y | 0)) * w + Math.min(w - 1, Math.max(0, x | 0))]!;
  for (let gy = 0; gy < gh; gy++) {
    const y0 = gy * cell;
    const row = Math.min(h - 1, (y0 + cell / 2) | 0) * w;
    const out = (gy + pad) * stride + pad;
    for (let gx = 0; gx < gw; gx++) {
      const x0 = gx * cell;
      let d = perCm2[row + Math.min(w - 1, (x0 + cell / 2) | 0)]!;
      if (d < floor) d = Math.max(at(x0, y0), at(x0 + cell, y0), at(x0, y0 + cell), at(x0 + cell, y0 + cell));
      if (d >= floor) radii[out + gx] = radiusScale / Math.sqrt(d);
    }
  }
  return radii;
}

/**
 * Grid offsets within `reach` cells, nearest first, with the squared lower bound of the distance
 * from any point of the centre cell to any point of that cell: searches stop at the first offset
 * that cannot hold a conflict.
 */
export function neighbourOffsets(reach: number, cell: number, stride: number) {
  const list: { offset: number; lb: number }[] = [];
  for (let dy = -reach; dy <= reach; dy++) {
    for (let dx = -reach; dx <= reach; dx++) {
      const ex = Math.max(0, Math.abs(dx) - 1) * cell;
      const ey = Math.max(0, Math.abs(dy) - 1) * cell;
      list.push({ offset: dy * stride + dx, lb: ex * ex + ey * ey });
    }
  }
  list.sort((a, b) => a.lb - b.lb);
  const offsets = new Int32Array(list.length);
  const lowerBound2 = new Float64Array(list.length);
  list.forEach((o, i) => {
    offsets[i] = o.offset;
    lowerBound2[i] = o.lb;
  });
  return { offsets, lowerBound2 };
}

export function grownF64(a: Float64Array<ArrayBuffer>, length: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(length);
  b.set(a);
  return b;
}

export function grownF32(a: Float32Array<ArrayBuffer>, length: number): Float32Array<ArrayBuffer> {
  const b = new Float32Array(length);
  b.set(a);
  return b;
}

export function grownI32(a: Int32Array<ArrayBuffer>, length: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(length);
  b.set(a);
  return b;
}
