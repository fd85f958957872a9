/** Binary-mask operations on the map grid: components, holes, morphology by distance. */
import { distanceTransform } from '../../geometry/distance-transform.js';
import { labelComponents } from '../../geometry/polygon.js';

/** Keeps the components of `mask` that `keep(label, size)` accepts; returns the new mask. */
export function keepComponents(
  mask: Uint8Array,
  w: number,
  h: number,
  keep: (sizes: Float64Array, label: number, labels: Int32Array) => boolean,
): Uint8Array {
  const labels = new Int32Array(w * h);
  const count = labelComponents(mask, w, h, labels);
  const sizes = new Float64Array(count + 1);
  for (let i = 0; i < labels.length; i++) if (labels[i]) sizes[labels[i]!] = sizes[labels[i]!]! + 1;
  const kept = new Uint8Array(count + 1);
  for (let c = 1; c <= count; c++) kept[c] = keep(sizes, c, labels) ? 1 : 0;
  const out = new Uint8Array(w * h);
  for (let i = 0; i < out.length; i++) out[i] = labels[i] ? kept[labels[i]!]! : 0;
  return out;
}

/** The largest component of `mask` (empty mask in, empty mask out). */
export function largestComponent(mask: Uint8Array, w: number, h: number): Uint8Array {
  return keepComponents(mask, w, h, (sizes, c) => {
    let max = 0;
    for (let k = 1; k < sizes.length; k++) max = Math.max(max, sizes[k]!);
    return sizes[c] === max;
  });
}

/** Fills the holes of `mask`: background components that do not touch the border. */
export function fillHoles(mask: Uint8Array, w: number, h: number): Uint8Array {
  const inv = new Uint8Array(w * h);
  for (let i = 0; i < inv.length; i++) inv[i] = mask[i] ? 0 : 1;
  const labels = new Int32Array(w * h);
  const count = labelComponents(inv, w, h, labels);
  const touches = new Uint8Array(count + 1);
  for (let x = 0; x < w; x++) {
    touches[labels[x]!] = 1;
    touches[labels[(h - 1) * w + x]!] = 1;
  }
  for (let y = 0; y < h; y++) {
    touches[labels[y * w]!] = 1;
    touches[labels[y * w + w - 1]!] = 1;
  }
  const out = new Uint8Array(w * h);
  for (let i = 0; i < out.length; i++) out[i] = mask[i] || (labels[i] && !touches[labels[i]!]) ? 1 : 0;
  return out;
}

/** Dilation by a disc of radius r (pixels). */
export function dilate(mask: Uint8Array, w: number, h: number, r: number): Uint8Array {
  const d = distanceTransform(mask, w, h);
  const out = new Uint8Array(w * h);
  for (let i = 0; i < out.length; i++) out[i] = d[i]! <= r ? 1 : 0;
  return out;
}

/** Erosion by a disc of radius r (pixels); the image border counts as outside. */
export function erode(mask: Uint8Array, w: number, h: number, r: number): Uint8Array {
  const inv = new Uint8Array(w * h);
  for (let i = 0; i < inv.length; i++) inv[i] = mask[i] ? 0 : 1;
  return invert(dilate(inv, w, h, r));
}

export function invert(mask: Uint8Array): Uint8Array {
  const out = new Uint8Array(mask.length);
  for (let i = 0; i < out.length; i++) out[i] = mask[i] ? 0 : 1;
  return out;
}

/** Share of set pixels in a (2r+1)² box round each pixel, by a summed-area table. */
export function boxShare(
  mask: Uint8Array,
  w: number,
  h: number,
  r: number,
  within?: Uint8Array,
): Float32Array {
  const sat = new Float64Array((w + 1) * (h + 1));
  const satN = new Float64Array((w + 1) * (h + 1));
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const o = (y + 1) * (w + 1) + x + 1;
      const inside = within ? within[i]! : 1;
      sat[o] = (mask[i] && inside ? 1 : 0) + sat[o - 1]! + sat[o - w - 1]! - sat[o - w - 2]!;
      satN[o] = inside + satN[o - 1]! + satN[o - w - 1]! - satN[o - w - 2]!;
    }
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const x0 = Math.max(0, x - r);
      const y0 = Math.max(0, y - r);
      const x1 = Math.min(w, x + r + 1);
      const y1 = Math.min(h, y + r + 1);
      const a = (t: Float64Array) =>
        t[y1 * (w + 1) + x1]! - t[y0 * (w + 1) + x1]! - t[y1 * (w + 1) + x0]! + t[y0 * (w + 1) + x0]!;
      const n = a(satN);
      out[y * w + x] = n > 0 ? a(sat) / n : 0;
    }
  return out;
}
