/**
 * The head and scalp map: one class per map pixel (the photo downscaled by an integer factor to a
 * few hundred pixels on the long side). Classes follow the annotation format: 0 other, 1 face and
 * ears, 2 bare scalp, 3 hair-bearing scalp.
 */
import { distanceTransform } from '../../geometry/distance-transform.js';
import { rasterizePolygon, type Vec2 } from '../../geometry/polygon.js';
import { AnalysisInputError } from '../analysis-input.js';

export const MAP_CLASS = { other: 0, face: 1, bare: 2, hair: 3 } as const;
export type MapClass = (typeof MAP_CLASS)[keyof typeof MAP_CLASS];
export const MAP_CLASS_NAMES = ['other', 'face', 'bare', 'hair'] as const;

export interface ScalpMap {
  width: number;
  height: number;
  /** Photo pixels per map pixel. */
  factor: number;
  classes: Uint8Array;
  /** Share of hair pixels round each scalp pixel (0 off the scalp). */
  hairCoverage: Float32Array;
  /** Map pixels classed as hair (strands, stubble) before the coverage smoothing. */
  hairPixels: Uint8Array;
  /** How the map came about: computed, corrected by the artist, or given whole (a mask file). */
  source: 'automatic' | 'corrected' | 'given';
}

export function isScalpClass(c: number): boolean {
  return c === MAP_CLASS.bare || c === MAP_CLASS.hair;
}

/** The class at a photo position (pixel centres at integers); outside the photo is "other". */
export function classAt(map: ScalpMap, x: number, y: number): number {
  const mx = Math.floor((x + 0.5) / map.factor);
  const my = Math.floor((y + 0.5) / map.factor);
  if (mx < 0 || my < 0 || mx >= map.width || my >= map.height) return MAP_CLASS.other;
  return map.classes[my * map.width + mx]!;
}

export function inScalp(map: ScalpMap, x: number, y: number): boolean {
  return isScalpClass(classAt(map, x, y));
}

/** Margin kept from the scalp's edge for measurements (mm), beyond the map pixel it is known to. */
export const EDGE_MARGIN_MM = 1;

/**
 * The scalp less a margin at its edge: where detections and counts may be made. `pxPerMm` is the
 * photo's scale.
 *
 * - Against the head's outline (the "other" class), a map pixel and EDGE_MARGIN_MM: the map knows
 *   the edge to within a map pixel, and the outline of a head against its background is full of
 *   dark spots that are not follicles, whoever drew it.
 * - The same against the face and ears where the map is automatic: its hairline and ear lines are
 *   approximate, and the crease behind an ear is dark. Where the artist drew or gave the map, a
 *   line inside the skin is where they want the count to stop: the whole scalp is used, to within
 *   the map pixel the line is known to.
 */
export function scalpInterior(map: ScalpMap, pxPerMm: number): (x: number, y: number) => boolean {
  const { width: w, height: h } = map;
  const outline = new Uint8Array(w * h);
  const faceHasMargin = map.source === 'automatic';
  for (let i = 0; i < w * h; i++) {
    const c = map.classes[i]!;
    outline[i] = c === MAP_CLASS.other || (faceHasMargin && c === MAP_CLASS.face) ? 1 : 0;
  }
  const toOutline = distanceTransform(outline, w, h);
  const margin = 1 + (EDGE_MARGIN_MM * pxPerMm) / map.factor;
  return (x, y) => {
    const mx = Math.floor((x + 0.5) / map.factor);
    const my = Math.floor((y + 0.5) / map.factor);
    if (mx < 0 || my < 0 || mx >= w || my >= h) return false;
    const i = my * w + mx;
    return isScalpClass(map.classes[i]!) && toOutline[i]! > margin - 0.5;
  };
}

/** Photo area of each class, in photo pixels². */
export function classAreas(map: ScalpMap): number[] {
  const out = [0, 0, 0, 0];
  for (const c of map.classes) out[c] = out[c]! + 1;
  return out.map((v) => v * map.factor * map.factor);
}

/**
 * An artist's correction: a region of the photo (polygon in photo pixels) set to a class. Applied
 * in order, each over the last, on top of the automatic map.
 */
export interface ScalpCorrection {
  class: 'other' | 'face' | 'bare' | 'hair';
  polygon: Vec2[];
}

export function applyCorrections(map: ScalpMap, corrections: readonly ScalpCorrection[]): ScalpMap {
  if (corrections.length === 0) return map;
  const classes = map.classes.slice();
  const mask = new Uint8Array(map.width * map.height);
  corrections.forEach((c, k) => {
    const value = MAP_CLASS_NAMES.indexOf(c.class);
    if (value < 0)
      throw new AnalysisInputError(`corrections.${k}.class`, `must be one of ${MAP_CLASS_NAMES.join(', ')}`);
    if (c.polygon.length < 3)
      throw new AnalysisInputError(`corrections.${k}.polygon`, 'needs at least 3 points');
    mask.fill(0);
    rasterizePolygon(
      mask,
      map.width,
      map.height,
      c.polygon.map(([x, y]) => [(x + 0.5) / map.factor, (y + 0.5) / map.factor] as const),
    );
    for (let i = 0; i < mask.length; i++) if (mask[i]) classes[i] = value;
  });
  const hairCoverage = map.hairCoverage.slice();
  for (let i = 0; i < classes.length; i++) {
    if (!isScalpClass(classes[i]!)) hairCoverage[i] = 0;
    else if (classes[i] === MAP_CLASS.hair && hairCoverage[i]! === 0) hairCoverage[i] = 1;
  }
  return { ...map, classes, hairCoverage, source: 'corrected' };
}

/**
 * A map given whole, from a mask image the size of the photo (or of the map): either class
 * values 0-3 or a binary scalp mask (any value ≥ 128 is scalp). In a binary mask the split of the
 * scalp into bare and hair-bearing is taken from `automatic`; outside the scalp, face stays face.
 */
export function mapFromMask(
  mask: { width: number; height: number; data: Uint8Array },
  photo: { width: number; height: number },
  automatic: ScalpMap,
  field = 'scalpMask',
): ScalpMap {
  const sameAspect = Math.abs(mask.width / mask.height - photo.width / photo.height) < 0.02;
  if (!sameAspect)
    throw new AnalysisInputError(
      field,
      `is ${mask.width}×${mask.height} px; it must have the photo's proportions (${photo.width}×${photo.height})`,
    );
  let max = 0;
  for (const v of mask.data) max = Math.max(max, v);
  const classValues = max <= 3;
  const { width: w, height: h } = automatic;
  const classes = new Uint8Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const sx = Math.min(mask.width - 1, Math.floor(((x + 0.5) / w) * mask.width));
      const sy = Math.min(mask.height - 1, Math.floor(((y + 0.5) / h) * mask.height));
      const v = mask.data[sy * mask.width + sx]!;
      const i = y * w + x;
      const auto = automatic.classes[i]!;
      if (classValues) classes[i] = v;
      else if (v >= 128) classes[i] = isScalpClass(auto) ? auto : MAP_CLASS.bare;
      else classes[i] = auto === MAP_CLASS.face ? MAP_CLASS.face : MAP_CLASS.other;
    }
  const hairCoverage = automatic.hairCoverage.slice();
  for (let i = 0; i < classes.length; i++)
    if (!isScalpClass(classes[i]!)) hairCoverage[i] = 0;
    else if (classes[i] === MAP_CLASS.hair && hairCoverage[i] === 0) hairCoverage[i] = 1;
  return { ...automatic, classes, hairCoverage, source: 'given' };
}
