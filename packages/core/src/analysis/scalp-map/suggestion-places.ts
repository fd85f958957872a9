/**
 * Where a scar suggestion may stand: amid hair-bearing scalp (a scar interrupts hair, so hair lies
 * around it; a pale patch amid bare scalp is skin), and clear of the scalp's edge by a few
 * millimetres, so that the head's outline, the hairline, the ears and the background never carry
 * one. The photo's own border is no edge: a close-up is scalp to every side.
 */
import { distanceTransform } from '../../geometry/distance-transform.js';
import { isScalpClass, MAP_CLASS, type ScalpMap } from './scalp-map.js';

/** Every vertex of a suggestion at least this far inside the scalp (mm). */
export const SUGGESTION_EDGE_CLEARANCE_MM = 4;
/** Surroundings looked at round a suggestion (mm), and the share of them that must carry hair. */
const SURROUNDINGS_MM = 5;
const MIN_HAIR_AROUND = 0.4;

export interface SuggestionPlaces {
  /** `polygon` in photo pixels; `pxPerMm` the photo's scale. */
  accepts(polygon: readonly [number, number][], pxPerMm: number): boolean;
}

export function suggestionPlaces(map: ScalpMap): SuggestionPlaces {
  const { width: w, height: h } = map;
  const offScalp = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) {
    offScalp[i] = isScalpClass(map.classes[i]!) ? 0 : 1;
  }
  // Distance (map pixels) to anything that is not scalp.
  const fromEdge = distanceTransform(offScalp, w, h);
  const at = (x: number, y: number): number => {
    const mx = Math.floor(x / map.factor);
    const my = Math.floor(y / map.factor);
    return mx < 0 || my < 0 || mx >= w || my >= h ? -1 : my * w + mx;
  };
  return {
    accepts(polygon, pxPerMm) {
      if (polygon.length === 0) return false;
      const clearance = (SUGGESTION_EDGE_CLEARANCE_MM * pxPerMm) / map.factor;
      let x0 = Infinity;
      let y0 = Infinity;
      let x1 = -Infinity;
      let y1 = -Infinity;
      for (const [x, y] of polygon) {
        const i = at(x, y);
        if (i < 0 || fromEdge[i]! < clearance) return false;
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x);
        y1 = Math.max(y1, y);
      }
      // Hair on the scalp round it: the bounding box grown by the surroundings.
      const grow = SURROUNDINGS_MM * pxPerMm;
      let scalp = 0;
      let withHair = 0;
      const mx0 = Math.max(0, Math.floor((x0 - grow) / map.factor));
      const my0 = Math.max(0, Math.floor((y0 - grow) / map.factor));
      const mx1 = Math.min(w - 1, Math.floor((x1 + grow) / map.factor));
      const my1 = Math.min(h - 1, Math.floor((y1 + grow) / map.factor));
      for (let my = my0; my <= my1; my++)
        for (let mx = mx0; mx <= mx1; mx++) {
          const c = map.classes[my * w + mx]!;
          if (!isScalpClass(c)) continue;
          scalp++;
          if (c === MAP_CLASS.hair) withHair++;
        }
      return scalp > 0 && withHair >= MIN_HAIR_AROUND * scalp;
    },
  };
}
