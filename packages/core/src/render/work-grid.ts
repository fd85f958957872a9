// The working grid zones are composed on (about 0.2 mm cells, never finer than the photo), and the
// way back from it to the photo's pixels: bilinear upsampling, and the rectangle a density touches.
import { pxPerMmOf, type ZonesFile } from '../domain/zones.schema.js';

/** Working-grid resolution: 5 cells per mm (0.2 mm), far finer than any spacing (≥ 0.7 mm). */
const CELLS_PER_MM = 5;

/** The working grid (about 0.2 mm cells) zones are composed on, for a photo of a given size. */
export interface WorkGrid {
  width: number;
  height: number;
  pxPerMm: number;
  /** Cells per image pixel (at most 1). */
  scale: number;
  ww: number;
  wh: number;
  cellsPerMm: number;
}

export function workGridFor(spec: ZonesFile, image: { width: number; height: number }): WorkGrid {
  const pxPerMm = pxPerMmOf(spec.calibration);
  const scale = Math.min(1, CELLS_PER_MM / pxPerMm);
  return {
    width: image.width,
    height: image.height,
    pxPerMm,
    scale,
    ww: Math.max(1, Math.ceil(image.width * scale)),
    wh: Math.max(1, Math.ceil(image.height * scale)),
    cellsPerMm: scale * pxPerMm,
  };
}

/**
 * Bilinear upsampling of the working grid to image pixels, written into `out` (the image's size);
 * only the pixels of `rect` ([x0, x1) × [y0, y1), image pixels) when given. Each output row blends
 * its two source rows once, then every pixel is one lerp within that blended row.
 */
export function upsampleDensity(
  src: Float32Array,
  grid: WorkGrid,
  out: Float32Array,
  rect: { x0: number; y0: number; x1: number; y1: number } = {
    x0: 0,
    y0: 0,
    x1: grid.width,
    y1: grid.height,
  },
): void {
  const { ww: sw, wh: sh, width, height, scale } = grid;
  const rx0 = Math.max(0, Math.floor(rect.x0));
  const ry0 = Math.max(0, Math.floor(rect.y0));
  const rx1 = Math.min(width, Math.ceil(rect.x1));
  const ry1 = Math.min(height, Math.ceil(rect.y1));
  if (rx1 <= rx0 || ry1 <= ry0) return;
  if (scale === 1 && sw === width && sh === height) {
    for (let y = ry0; y < ry1; y++) out.set(src.subarray(y * width + rx0, y * width + rx1), y * width + rx0);
    return;
  }
  const n = rx1 - rx0;
  const xi = new Int32Array(n);
  const xf = new Float32Array(n);
  for (let x = rx0; x < rx1; x++) {
    const k = x - rx0;
    const sx = Math.min(sw - 1, Math.max(0, (x + 0.5) * scale - 0.5));
    xi[k] = sw === 1 ? 0 : Math.min(sw - 2, Math.floor(sx));
    xf[k] = sw === 1 ? 0 : sx - xi[k];
  }
  // The source columns this rect reads, blended between two source rows for each output row.
  const c0 = xi[0]!;
  const c1 = Math.min(sw - 1, xi[n - 1]! + 1);
  const blended = new Float32Array(c1 - c0 + 2);
  for (let k = 0; k < n; k++) xi[k] = xi[k]! - c0;
  const rightOffset = sw === 1 ? 0 : 1;
  let lastRow = -1;
  let lastFy = -1;
  for (let y = ry0; y < ry1; y++) {
    const sy = Math.min(sh - 1, Math.max(0, (y + 0.5) * scale - 0.5));
    const y0 = sh === 1 ? 0 : Math.min(sh - 2, Math.floor(sy));
    const fy = sh === 1 ? 0 : sy - y0;
    if (y0 !== lastRow || fy !== lastFy) {
      const r0 = y0 * sw;
      const r1 = sh === 1 ? r0 : r0 + sw;
      for (let c = c0; c <= c1; c++) {
        const top = src[r0 + c]!;
        blended[c - c0] = top + (src[r1 + c]! - top) * fy;
      }
      blended[c1 - c0 + 1] = blended[c1 - c0]!;
      lastRow = y0;
      lastFy = fy;
    }
    const row = y * width + rx0;
    for (let k = 0; k < n; k++) {
      const i = xi[k]!;
      const left = blended[i]!;
      out[row + k] = left + (blended[i + rightOffset]! - left) * xf[k]!;
    }
  }
}

/** The pixels where the working grid asks for any density (its non-zero cells, one cell round). */
export function treatedRect(
  density: Float32Array,
  grid: WorkGrid,
): { x0: number; y0: number; x1: number; y1: number } {
  let cx0 = grid.ww;
  let cy0 = grid.wh;
  let cx1 = -1;
  let cy1 = -1;
  for (let y = 0; y < grid.wh; y++) {
    const row = y * grid.ww;
    for (let x = 0; x < grid.ww; x++)
      if (density[row + x]! > 0) {
        if (x < cx0) cx0 = x;
        if (x > cx1) cx1 = x;
        if (y < cy0) cy0 = y;
        if (y > cy1) cy1 = y;
      }
  }
  if (cx1 < 0) return { x0: 0, y0: 0, x1: 0, y1: 0 };
  return {
    x0: Math.max(0, Math.floor((cx0 - 1) / grid.scale)),
    y0: Math.max(0, Math.floor((cy0 - 1) / grid.scale)),
    x1: Math.min(grid.width, Math.ceil((cx1 + 2) / grid.scale)),
    y1: Math.min(grid.height, Math.ceil((cy1 + 2) / grid.scale)),
  };
}
