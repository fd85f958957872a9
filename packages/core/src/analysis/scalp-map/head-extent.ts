/**
 * The most pixels per mm an uncalibrated photo can have when the map shows a whole head: an adult
 * head (hair, scalp and face) is at least 12 cm across from any side, so a head that has
 * background on both of its sides within the photo and spans N pixels between them is shown at no
 * more than N / 120 px per mm. A close-up is scalp to at least one side and gives no bound.
 */
import { MAP_CLASS, type ScalpMap } from './scalp-map.js';

/** The narrowest an adult head is from any side, hair and face included (mm). */
export const MIN_HEAD_WIDTH_MM = 120;

/** Upper bound on the photo's scale from a whole head in view, or null when the head is cut off. */
export function wholeHeadScaleBound(map: ScalpMap): number | null {
  const { width: w, height: h, classes } = map;
  let x0 = w;
  let x1 = -1;
  let y0 = h;
  let y1 = -1;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      if (classes[y * w + x] !== MAP_CLASS.other) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
  if (x1 < 0) return null;
  // the head's extent across the axis it lies wholly within (a map pixel's slack at each side)
  const spans: number[] = [];
  if (x0 > 0 && x1 < w - 1) spans.push(x1 - x0 + 1);
  if (y0 > 0 && y1 < h - 1) spans.push(y1 - y0 + 1);
  if (!spans.length) return null;
  return (Math.max(...spans) * map.factor) / MIN_HEAD_WIDTH_MM;
}
