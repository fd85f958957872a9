/**
 * Per-tile colour statistics from the photo itself: mean colour (averaged in linear light, then
 * CIELAB) and the share of clipped pixels. They decide which tiles are skin at all and which are
 * blown out by a highlight.
 */
import type { RgbImage, Roi } from './analysis-input.js';
import { linearRgbToLab, SRGB8_TO_LINEAR, type Lab } from './color-space.js';
import type { TileGrid } from './tile-grid.js';

export interface TileColour {
  lab: Lab[];
  /** Share of sampled pixels with a channel at 250 or above. */
  clipped: Float32Array;
}

/**
 * Skin as a camera sees it, any Fitzpatrick type: reddish-yellow hue with some chroma; pink skin
 * under cool light dips slightly below the a* axis (hue down to -30°).
 */
export const SKIN_LAB = { minL: 12, maxL: 97, minChroma: 4, hueDeg: [-30, 100] as const };

export function isSkinColour(lab: Lab): boolean {
  const [L, a, b] = lab;
  const chroma = Math.hypot(a, b);
  const hue = (Math.atan2(b, a) * 180) / Math.PI; // -180…180
  return (
    L >= SKIN_LAB.minL &&
    L <= SKIN_LAB.maxL &&
    chroma >= SKIN_LAB.minChroma &&
    hue >= SKIN_LAB.hueDeg[0] &&
    hue <= SKIN_LAB.hueDeg[1]
  );
}

/** `grid` is in working pixels; `factor` photo pixels per working pixel. Samples every other pixel. */
export function measureTileColour(image: RgbImage, roi: Roi, factor: number, grid: TileGrid): TileColour {
  const n = grid.cols * grid.rows;
  const sr = new Float64Array(n);
  const sg = new Float64Array(n);
  const sb = new Float64Array(n);
  const count = new Float64Array(n);
  const clip = new Float64Array(n);
  const ch = image.channels;
  const data = image.data;
  const tilePhoto = grid.size * factor;
  for (let y = 0; y < roi.h; y += 2) {
    const tr = Math.min(grid.rows - 1, Math.floor(y / tilePhoto));
    let s = ((roi.y + y) * image.width + roi.x) * ch;
    for (let x = 0; x < roi.w; x += 2, s += 2 * ch) {
      const k = tr * grid.cols + Math.min(grid.cols - 1, Math.floor(x / tilePhoto));
      const r = data[s]!;
      const g = data[s + 1]!;
      const b = data[s + 2]!;
      sr[k] = sr[k]! + SRGB8_TO_LINEAR[r]!;
      sg[k] = sg[k]! + SRGB8_TO_LINEAR[g]!;
      sb[k] = sb[k]! + SRGB8_TO_LINEAR[b]!;
      count[k] = count[k]! + 1;
      if (r >= 250 || g >= 250 || b >= 250) clip[k] = clip[k]! + 1;
    }
  }
  const lab: Lab[] = [];
  const clipped = new Float32Array(n);
  for (let k = 0; k < n; k++) {
    const c = Math.max(1, count[k]!);
    lab.push(linearRgbToLab(sr[k]! / c, sg[k]! / c, sb[k]! / c));
    clipped[k] = clip[k]! / c;
  }
  return { lab, clipped };
}
