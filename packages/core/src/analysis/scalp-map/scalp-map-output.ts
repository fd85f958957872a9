/**
 * The scalp map as the analysis reports it: a summary (areas per class, where it came from) and
 * the map itself run-length encoded, so the preview, the score and the web editor can use the
 * same map the analysis worked inside.
 */
import { AnalysisInputError, type Roi } from '../analysis-input.js';
import { classAreas, isScalpClass, MAP_CLASS, type ScalpMap } from './scalp-map.js';

export interface ScalpSummary {
  source: ScalpMap['source'];
  /** Share of the photo that is scalp (bare or hair-bearing). */
  scalpShare: number;
  /** Null without a calibration. */
  scalpAreaCm2: number | null;
  bareAreaCm2: number | null;
  hairBearingAreaCm2: number | null;
  faceAreaCm2: number | null;
}

/** The map at its own resolution: classes and hair coverage (tenths), run-length encoded. */
export interface EncodedScalpMap {
  width: number;
  height: number;
  /** Photo pixels per map pixel. */
  factor: number;
  /** Alternating class value and run length, row-major: 0 other, 1 face, 2 bare, 3 hair. */
  classesRle: number[];
  /** Alternating coverage in tenths (0-10) and run length. */
  coverageRle: number[];
}

export function checkMapFits(map: ScalpMap, image: { width: number; height: number }): void {
  if (
    Math.abs(map.width * map.factor - image.width) >= 2 * map.factor ||
    Math.abs(map.height * map.factor - image.height) >= 2 * map.factor
  )
    throw new AnalysisInputError(
      'scalpMap',
      `covers ${map.width * map.factor}×${map.height * map.factor} px; the photo is ${image.width}×${image.height}`,
    );
}

export function summariseScalp(map: ScalpMap, pxPerMm: number | null): ScalpSummary {
  const areas = classAreas(map);
  const total = map.width * map.height * map.factor * map.factor;
  const cm2 = (px: number): number | null =>
    pxPerMm ? Math.round((px / (pxPerMm * pxPerMm * 100)) * 1000) / 1000 : null;
  return {
    source: map.source,
    scalpShare: Math.round(((areas[MAP_CLASS.bare]! + areas[MAP_CLASS.hair]!) / total) * 1000) / 1000,
    scalpAreaCm2: cm2(areas[MAP_CLASS.bare]! + areas[MAP_CLASS.hair]!),
    bareAreaCm2: cm2(areas[MAP_CLASS.bare]!),
    hairBearingAreaCm2: cm2(areas[MAP_CLASS.hair]!),
    faceAreaCm2: cm2(areas[MAP_CLASS.face]!),
  };
}

/** The ROI shrunk to the bounding box of the scalp (plus a map pixel); null when no scalp. */
export function clipRoiToScalp(roi: Roi, map: ScalpMap): Roi | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (let y = 0; y < map.height; y++)
    for (let x = 0; x < map.width; x++)
      if (isScalpClass(map.classes[y * map.width + x]!)) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
  if (x1 < 0) return null;
  const f = map.factor;
  const bx0 = Math.max(roi.x, (x0 - 1) * f);
  const by0 = Math.max(roi.y, (y0 - 1) * f);
  const bx1 = Math.min(roi.x + roi.w, (x1 + 2) * f);
  const by1 = Math.min(roi.y + roi.h, (y1 + 2) * f);
  if (bx1 - bx0 < 16 || by1 - by0 < 16) return null;
  return { x: bx0, y: by0, w: bx1 - bx0, h: by1 - by0 };
}

function rle(values: ArrayLike<number>): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < values.length) {
    const v = values[i]!;
    let j = i + 1;
    while (j < values.length && values[j] === v) j++;
    out.push(v, j - i);
    i = j;
  }
  return out;
}

function unrle(runs: readonly number[], length: number, field: string): Uint8Array {
  const out = new Uint8Array(length);
  let i = 0;
  for (let k = 0; k + 1 < runs.length; k += 2) {
    const v = runs[k]!;
    const n = runs[k + 1]!;
    if (!Number.isInteger(n) || n < 0 || i + n > length)
      throw new AnalysisInputError(field, 'runs do not add up to the map size');
    out.fill(v, i, i + n);
    i += n;
  }
  if (i !== length) throw new AnalysisInputError(field, `runs cover ${i} pixels, the map has ${length}`);
  return out;
}

export function encodeScalpMap(map: ScalpMap): EncodedScalpMap {
  const coverage = new Uint8Array(map.hairCoverage.length);
  for (let i = 0; i < coverage.length; i++) coverage[i] = Math.round(10 * map.hairCoverage[i]!);
  return {
    width: map.width,
    height: map.height,
    factor: map.factor,
    classesRle: rle(map.classes),
    coverageRle: rle(coverage),
  };
}

export function decodeScalpMap(encoded: EncodedScalpMap, source: ScalpMap['source'] = 'given'): ScalpMap {
  const n = encoded.width * encoded.height;
  const classes = unrle(encoded.classesRle, n, 'scalpMap.classesRle');
  for (const c of classes) if (c > 3) throw new AnalysisInputError('scalpMap.classesRle', 'classes are 0-3');
  const tenths = unrle(encoded.coverageRle, n, 'scalpMap.coverageRle');
  const hairCoverage = Float32Array.from(tenths, (v) => Math.min(1, v / 10));
  const hairPixels = Uint8Array.from(classes, (c) => (c === MAP_CLASS.hair ? 1 : 0));
  return {
    width: encoded.width,
    height: encoded.height,
    factor: encoded.factor,
    classes,
    hairCoverage,
    hairPixels,
    source,
  };
}
