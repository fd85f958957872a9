/**
 * The synthetic conditions the analysis is held to (issue 4): skin types I-VI, 15-30 px/mm,
 * lighting gradients, noise, mild blur, JPEG quality, specular sheen, each with a strip scar and a
 * cluster of FUE scars planted; plus the conditions where it must refuse (5 px/mm, heavy blur).
 */
import { analyzePhoto } from '../analyze-photo.js';
import type { PhotoAnalysis } from '../analysis-result.js';
import { circleIoU, matchPoints, polygonIoU } from './scoring.js';
import {
  syntheticScalp,
  type Fitzpatrick,
  type SyntheticScalp,
  type SyntheticScalpOptions,
} from './synthetic-scalp.js';

export interface Condition {
  name: string;
  options: SyntheticScalpOptions;
  /** Whether the photo resolves follicles at all (false: the analysis must refuse a density). */
  resolvable: boolean;
}

const SCARS: Pick<SyntheticScalpOptions, 'strip' | 'fue'> = {
  strip: { from: [4, 25], to: [36, 27.5], widthMm: 3 },
  fue: { x: 6, y: 4, w: 22, h: 8, count: 14 },
};

function scalp(
  seed: number,
  fitzpatrick: Fitzpatrick,
  extra: Partial<SyntheticScalpOptions> = {},
): SyntheticScalpOptions {
  return {
    seed,
    widthMm: 40,
    heightMm: 32,
    pxPerMm: 20,
    fitzpatrick,
    fuPerCm2: 80,
    lightingGradient: 0.3,
    noiseLevels: 3,
    jpegQuality: 85,
    ...SCARS,
    ...extra,
  };
}

/** Beyond what the analysis promises; reported, held to a looser bar. */
export const STRESS_CONDITIONS: Condition[] = [
  {
    name: 'type VI, JPEG 60, shiny',
    options: scalp(117, 6, { jpegQuality: 60, shiny: true }),
    resolvable: true,
  },
  { name: 'type III, blur σ=0.08 mm', options: scalp(118, 3, { blurMm: 0.08 }), resolvable: true },
];

export const CONDITIONS: Condition[] = [
  { name: 'type I, 20 px/mm, freckles', options: scalp(101, 1, { freckles: true }), resolvable: true },
  {
    name: 'type II, 20 px/mm, 60 FU/cm²',
    options: scalp(102, 2, { fuPerCm2: 60, freckles: true }),
    resolvable: true,
  },
  { name: 'type III, 20 px/mm, shiny', options: scalp(103, 3, { shiny: true }), resolvable: true },
  { name: 'type IV, 20 px/mm, 110 FU/cm²', options: scalp(104, 4, { fuPerCm2: 110 }), resolvable: true },
  { name: 'type V, 20 px/mm, shiny', options: scalp(105, 5, { shiny: true }), resolvable: true },
  { name: 'type VI, 20 px/mm, 40 FU/cm²', options: scalp(106, 6, { fuPerCm2: 40 }), resolvable: true },
  { name: 'type III, 15 px/mm', options: scalp(107, 3, { pxPerMm: 15 }), resolvable: true },
  { name: 'type IV, 30 px/mm', options: scalp(108, 4, { pxPerMm: 30 }), resolvable: true },
  {
    name: 'type II, strong light gradient 0.6',
    options: scalp(109, 2, { lightingGradient: 0.6 }),
    resolvable: true,
  },
  { name: 'type V, noise σ=6 levels', options: scalp(110, 5, { noiseLevels: 6 }), resolvable: true },
  { name: 'type IV, mild blur σ=0.04 mm', options: scalp(111, 4, { blurMm: 0.04 }), resolvable: true },
  { name: 'type III, JPEG quality 50', options: scalp(112, 3, { jpegQuality: 50 }), resolvable: true },
  {
    name: 'type VI, JPEG 70, shiny',
    options: scalp(113, 6, { jpegQuality: 70, shiny: true }),
    resolvable: true,
  },
  { name: 'type III, 5 px/mm', options: scalp(114, 3, { pxPerMm: 5 }), resolvable: false },
  { name: 'type III, heavy blur σ=0.25 mm', options: scalp(115, 3, { blurMm: 0.25 }), resolvable: false },
  { name: 'type V, heavy blur σ=0.2 mm', options: scalp(116, 5, { blurMm: 0.2 }), resolvable: false },
];

export interface ConditionResult {
  name: string;
  precision: number;
  recall: number;
  truthDensity: number;
  measuredDensity: number | null;
  densityError: number | null;
  stripIoU: number;
  fueIoU: number;
  fueDotsFound: number;
  fueDotsPlanted: number;
  resolvedFraction: number;
  analysis: PhotoAnalysis;
  scalp: SyntheticScalp;
}

/** Runs the analysis on one condition and scores it against the truth. */
export function evaluateCondition(condition: Condition): ConditionResult {
  const scalpImage = syntheticScalp(condition.options);
  const ppm = scalpImage.pxPerMm;
  const analysis = analyzePhoto(scalpImage.image, { calibration: { pxPerMm: ppm } });
  // Half a millimetre at the borders is left out of detection scoring (kernels run off the edge).
  const margin = 0.5 * ppm;
  const inner = (p: { x: number; y: number }): boolean =>
    p.x >= margin &&
    p.y >= margin &&
    p.x < scalpImage.image.width - margin &&
    p.y < scalpImage.image.height - margin;
  const score = matchPoints(scalpImage.follicles, analysis.follicles, 0.25 * ppm, inner);
  const best = (kind: 'strip' | 'fue'): number => {
    const truth = scalpImage.scars.find((s) => s.kind === kind);
    if (!truth) return 0;
    return Math.max(
      0,
      ...analysis.scarSuggestions
        .filter((s) => s.kind === kind)
        .map((s) => polygonIoU(truth.polygon, s.polygon, 2)),
    );
  };
  // Each punch scar is a planted scar: found when a suggested dot overlaps it with IoU ≥ 0.5.
  const fueTruth = scalpImage.scars.find((s) => s.kind === 'fue')?.dots ?? [];
  const fueFound = analysis.scarSuggestions.flatMap((s) => s.dots ?? []);
  const fueDotsFound = fueTruth.filter((t) => fueFound.some((f) => circleIoU(t, f) >= 0.5)).length;
  const measured = analysis.density?.perCm2Median ?? null;
  return {
    name: condition.name,
    precision: score.precision,
    recall: score.recall,
    truthDensity: scalpImage.densityPerCm2,
    measuredDensity: measured,
    densityError:
      measured === null ? null : Math.abs(measured - scalpImage.densityPerCm2) / scalpImage.densityPerCm2,
    stripIoU: best('strip'),
    fueIoU: best('fue'),
    fueDotsFound,
    fueDotsPlanted: fueTruth.length,
    resolvedFraction: analysis.resolvability.resolvedFraction,
    analysis,
    scalp: scalpImage,
  };
}
