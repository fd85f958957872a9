/**
 * Photo scale. Either given directly in px per mm, or measured from two points on a ruler in the
 * photo and the distance between them in mm. Without one the analysis reports nothing per cm² or
 * in mm: it says the photo is uncalibrated rather than guess from head size.
 */
import { AnalysisInputError } from './analysis-input.js';

export interface RulerPoints {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  mm: number;
}

export type CalibrationInput = { pxPerMm: number } | { ruler: RulerPoints };

export type ResolvedCalibration =
  | { calibrated: true; pxPerMm: number; source: 'px-per-mm' | 'ruler' }
  | { calibrated: false; pxPerMm: null; source: 'none' };

/** Follicle openings of 0.1 mm need at least ~1 px; beyond 400 px/mm this is a microscope. */
const PX_PER_MM_RANGE = [0.5, 400] as const;

export function resolveCalibration(input: CalibrationInput | undefined): ResolvedCalibration {
  if (!input) return { calibrated: false, pxPerMm: null, source: 'none' };
  if ('pxPerMm' in input) {
    const v = input.pxPerMm;
    if (!Number.isFinite(v) || v < PX_PER_MM_RANGE[0] || v > PX_PER_MM_RANGE[1])
      throw new AnalysisInputError(
        'pxPerMm',
        `must be a number from ${PX_PER_MM_RANGE[0]} to ${PX_PER_MM_RANGE[1]}, got ${v}`,
      );
    return { calibrated: true, pxPerMm: v, source: 'px-per-mm' };
  }
  const r = input.ruler;
  for (const k of ['x1', 'y1', 'x2', 'y2', 'mm'] as const)
    if (!Number.isFinite(r[k])) throw new AnalysisInputError(`ruler.${k}`, 'must be a finite number');
  if (r.mm <= 0) throw new AnalysisInputError('ruler.mm', `must be positive, got ${r.mm}`);
  const px = Math.hypot(r.x2 - r.x1, r.y2 - r.y1);
  if (px < 10)
    throw new AnalysisInputError(
      'ruler',
      `the two points are ${px.toFixed(1)} px apart; pick points at least 10 px apart`,
    );
  const v = px / r.mm;
  if (v < PX_PER_MM_RANGE[0] || v > PX_PER_MM_RANGE[1])
    throw new AnalysisInputError(
      'ruler',
      `gives ${v.toFixed(2)} px/mm, outside ${PX_PER_MM_RANGE[0]}-${PX_PER_MM_RANGE[1]}`,
    );
  return { calibrated: true, pxPerMm: v, source: 'ruler' };
}
