/**
 * Bare against hair-bearing scalp, decided by the follicles counted where the photo resolves
 * them: the map's own split (by colour and texture at a few hundred pixels) cannot see shaved
 * stubble, the count can.
 */
import { isScalpClass, MAP_CLASS, type ScalpMap } from './scalp-map.js';

/**
 * Below this many follicles per cm² the scalp is bare: under a third of the lowest normal
 * density (60-100 FU/cm², domain.md §1), where skin shows through whatever hair is left.
 */
export const HAIR_BEARING_MIN_PER_CM2 = 20;

/** `densityAt(x, y)` gives the counted density at a photo position, NaN where nothing was counted. */
export function refineByDensity(map: ScalpMap, densityAt: (x: number, y: number) => number): ScalpMap {
  const classes = map.classes.slice();
  let changed = false;
  for (let my = 0; my < map.height; my++)
    for (let mx = 0; mx < map.width; mx++) {
      const i = my * map.width + mx;
      if (!isScalpClass(classes[i]!)) continue;
      const d = densityAt((mx + 0.5) * map.factor, (my + 0.5) * map.factor);
      if (Number.isNaN(d)) continue;
      const c = d >= HAIR_BEARING_MIN_PER_CM2 ? MAP_CLASS.hair : MAP_CLASS.bare;
      if (c !== classes[i]) {
        classes[i] = c;
        changed = true;
      }
    }
  return changed ? { ...map, classes } : map;
}
