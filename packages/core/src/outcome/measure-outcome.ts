/**
 * What a session achieved against what the preview predicted, zone by zone, on a healed
 * follow-up photo. The zones were drawn on the earlier photo; the follow-up is brought into that
 * photo's frame through the transform the alignment stored, so every zone is measured where it
 * was drawn. Pure: pixels in, figures out.
 *
 * Both sides are measured the same way against the earlier photo: the prediction is the preview's
 * healed render of that stage on the earlier photo, the achievement the follow-up.
 *
 * - Tone: the share of light the pigment takes over the zone, 1 − ΣY_after / ΣY_before in luma (sums, not per-pixel ratios: resampling the follow-up blurs each dot but keeps the
 *   zone's total). A change of light multiplies luminance: the ratio on untreated skin round the
 *   zone divides it out. The retention is the one at which the preview's renderer, re-run with the
 *   zone's pigment scaled, darkens the zone as much as the follow-up shows: dots overlap and
 *   saturate, so the renderer itself is inverted rather than a straight proportion assumed.
 *   Reported to the artist as ΔL* (CIELAB lightness).
 * - Density: the photo analysis's follicle detector counts dark dots in the zone on the follow-up
 *   and on the prediction, less those already on the earlier photo. Only where the photo resolves
 *   follicles (MIN_PX_PER_MM): at web resolution no dot can be counted, and the figure is null.
 */
import { MIN_PX_PER_MM } from '../analysis/resolvability.js';
import type { ZonesFile } from '../domain/zones.schema.js';
import { invert, type Matrix3 } from '../registration/matrix3.js';
import { warpToEarlier } from '../registration/warp.js';
import type { ClientHair } from '../render/client-hair.js';
import type { FollicleAnalysis } from '../render/density-field.js';
import { StageRenderer, type RgbImage } from '../render/render-stage.js';
import { planSimulation } from '../render/simulate.js';
import {
  MAX_RETENTION,
  luma,
  lumaInFrame,
  zonePixels,
  dotsPerZone,
  sum,
  meanLightness,
  type LightField,
  lightField,
  withZoneRetention,
  solveRetention,
} from './zone-light.js';

export class OutcomeInputError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'OutcomeInputError';
  }
}

export interface OutcomeInput {
  /** The photo the zones were drawn on, before the sessions measured. */
  earlier: RgbImage;
  /** The healed follow-up photo of the same view. */
  followUp: RgbImage;
  /**
   * 3×3 row-major homography taking follow-up pixels to earlier-photo pixels (the alignment's
   * transform); the identity when the follow-up was taken in the same frame.
   */
  followUpToEarlier: readonly number[];
  zones: ZonesFile;
  /** The last session before the follow-up. */
  afterSession: number;
  /** The earlier photo's analysis and the client's hair, as the preview used them. */
  analysis?: FollicleAnalysis;
  hair?: ClientHair;
  /** Count dots with the photo analysis (slow on large photos); by default where they resolve. */
  measureDensity?: boolean;
}

export interface OutcomeFigures {
  /** New dark dots per cm² against the earlier photo; null where the photo does not resolve them. */
  impressionsPerCm2: number | null;
  /** Change of CIELAB lightness against the earlier photo (negative: darker). */
  deltaL: number;
  /** Share of the light the pigment takes over the zone (0-1), against the earlier photo. */
  darkening: number;
}

export type ZoneOutcomeNote =
  'not-covered' | 'no-prediction' | 'no-reference-skin' | 'beyond-range' | 'uncertain';

export interface ZoneOutcome {
  zoneId: string;
  kind: string;
  texture: string | null;
  areaCm2: number;
  /** Share of the zone the follow-up photo covers once aligned. */
  coverage: number;
  predicted: OutcomeFigures;
  achieved: OutcomeFigures;
  /** achieved − predicted. */
  difference: { impressionsPerCm2: number | null; deltaL: number };
  /** Share of pigment the preview assumed the skin keeps (1 healthy skin; scars by texture). */
  expectedRetention: number;
  /** The share the follow-up implies, on the same scale; null when it cannot be told (see notes). */
  retention: number | null;
  /**
   * One sigma of it, from how much untreated skin round the zone differs between the two photos
   * (texture, noise, alignment) against the pigment's darkening; null without a reference.
   */
  retentionUncertainty: number | null;
  notes: ZoneOutcomeNote[];
}

export interface OutcomeMeasurement {
  afterSession: number;
  pxPerMm: number;
  densityMeasured: boolean;
  zones: ZoneOutcome[];
}

/** A zone the follow-up covers less than this share of is not measured. */
const MIN_COVERAGE = 0.6;
const MIN_REFERENCE_PIXELS = 40;
const NEAR_BLACK = 0.03;
/** Under this share of light taken, the prediction shows no pigment to compare with. */
const MIN_PREDICTED_DARKENING = 0.002;
/**
 * A retention less certain than this (one sigma) is shown with its note and not given to the
 * planner: the 60 % threshold the rule reads would be within reach of the noise.
 */
const MAX_UNCERTAINTY = 0.1;

export function parseTransform(value: readonly number[], field = 'followUpToEarlier'): Matrix3 {
  if (value.length !== 9 || value.some((v) => !Number.isFinite(v)))
    throw new OutcomeInputError(field, 'must be 9 finite numbers (a 3×3 matrix, row by row)');
  const m = value as unknown as Matrix3;
  if (!invert(m)) throw new OutcomeInputError(field, 'cannot be inverted: it maps the photo onto a line');
  return m;
}

/**
 * Measures every drawn zone (exclusions left out) on the follow-up against the preview's healed
 * prediction for `afterSession`. Throws OutcomeInputError naming the field on bad input.
 */
export function measureOutcome(input: OutcomeInput): OutcomeMeasurement {
  const { earlier, followUp, zones } = input;
  const toEarlier = parseTransform(input.followUpToEarlier);
  if (!Number.isInteger(input.afterSession) || input.afterSession < 1 || input.afterSession > zones.sessions)
    throw new OutcomeInputError('afterSession', `must be a session of the plan, 1 to ${zones.sessions}`);
  const { width: w, height: h } = earlier;
  const sim = planSimulation(zones, earlier, input.analysis, input.hair ? { hair: input.hair } : {});
  // One renderer for the prediction and the retention search: its image is valid until the next
  // render, so everything read of the prediction is read before the search below.
  const renderer = new StageRenderer(earlier, 1);
  const healed = { look: 'healed', afterSession: input.afterSession } as const;
  const predictedImage = renderer.render(sim.impressions, healed);
  const fromEarlier = invert(toEarlier)!;
  const achieved = lumaInFrame(luma(followUp), followUp.width, followUp.height, fromEarlier, w, h);

  const before = luma(earlier);
  const predicted = luma(predictedImage);
  const pixels = zonePixels(sim, w, h);
  const densityMeasured = (input.measureDensity ?? true) && sim.pxPerMm >= MIN_PX_PER_MM;
  const dots = densityMeasured
    ? {
        before: dotsPerZone(earlier, pixels, sim.pxPerMm, w),
        predicted: dotsPerZone(predictedImage, pixels, sim.pxPerMm, w),
        // The 8-bit warp the detector needs, made only here: at web resolution no dot is counted.
        achieved: dotsPerZone(warpToEarlier(followUp, fromEarlier, w, h), pixels, sim.pxPerMm, w),
      }
    : null;

  const out: ZoneOutcome[] = [];
  sim.built.zones.forEach((zone, i) => {
    if (zone.kind === 'exclude') return;
    const { inside, ring } = pixels[i]!;
    const notes: ZoneOutcomeNote[] = [];
    const covered = inside.filter((p) => !Number.isNaN(achieved[p]));
    const coverage = inside.length ? covered.length / inside.length : 0;
    // Near-black pixels hold no light to compare (shadow, dark hair, the edge of a photo).
    const ringCovered = ring.filter((p) => achieved[p]! > NEAR_BLACK && before[p]! > NEAR_BLACK);
    // The change of light on untreated skin round the zone, taken off the achieved figures.
    let field: LightField | null = null;
    if (ringCovered.length >= MIN_REFERENCE_PIXELS)
      field = lightField(ringCovered, before, achieved, w, sim.pxPerMm);
    else notes.push('no-reference-skin');
    const light = field?.gain ?? (() => 1);
    const area = sim.built.areaCm2[i]!;
    const unlit = () => 1;
    const darkening = (after: Float32Array, set: Int32Array, gain: (p: number) => number) =>
      set.length ? 1 - sum(after, set, gain) / sum(before, set, unlit) : 0;
    const deltaL = (after: Float32Array, set: Int32Array, gain: (p: number) => number) =>
      set.length ? meanLightness(after, set, gain) - meanLightness(before, set) : 0;
    const p = { darkening: darkening(predicted, inside, unlit), deltaL: deltaL(predicted, inside, unlit) };
    const a = { darkening: darkening(achieved, covered, light), deltaL: deltaL(achieved, covered, light) };
    const perCm2 = (n: number, share: number) => (area > 0 && share > 0 ? n / (area * share) : 0);
    const predictedDots = dots ? perCm2(dots.predicted[i]! - dots.before[i]!, 1) : null;
    const achievedDots = dots ? perCm2(dots.achieved[i]! - dots.before[i]! * coverage, coverage) : null;
    let retention: number | null = null;
    let uncertainty: number | null = null;
    if (coverage < MIN_COVERAGE) notes.push('not-covered');
    else if (p.darkening < MIN_PREDICTED_DARKENING) notes.push('no-prediction');
    else {
      const predictedAt = (kept: number) => {
        const set = withZoneRetention(sim, i, kept, zones.seed);
        return darkening(luma(renderer.render(set, healed)), covered, unlit);
      };
      retention = solveRetention(predictedAt, a.darkening);
      if (retention >= MAX_RETENTION) notes.push('beyond-range');
      // How far the skin itself differs between the photos, over the zone's area and in the light
      // fitted round it, against the darkening the pigment makes: the retention's ± (one sigma).
      if (field) {
        const error =
          field.spread *
          Math.sqrt(1 / Math.max(1, field.blocks) + field.blockPixels / Math.max(1, covered.length));
        uncertainty = (error / p.darkening) * zone.retention;
        if (uncertainty > MAX_UNCERTAINTY) notes.push('uncertain');
      }
    }
    out.push({
      zoneId: zone.id,
      kind: zone.kind,
      texture: zone.texture,
      areaCm2: round(area, 3),
      coverage: round(coverage, 3),
      predicted: {
        impressionsPerCm2: roundOrNull(predictedDots, 1),
        deltaL: round(p.deltaL, 2),
        darkening: round(p.darkening, 4),
      },
      achieved: {
        impressionsPerCm2: roundOrNull(achievedDots, 1),
        deltaL: round(a.deltaL, 2),
        darkening: round(a.darkening, 4),
      },
      difference: {
        impressionsPerCm2:
          predictedDots !== null && achievedDots !== null ? round(achievedDots - predictedDots, 1) : null,
        deltaL: round(a.deltaL - p.deltaL, 2),
      },
      expectedRetention: zone.retention,
      retention: retention === null ? null : round(retention, 3),
      retentionUncertainty: uncertainty === null ? null : round(uncertainty, 3),
      notes,
    });
  });
  return { afterSession: input.afterSession, pxPerMm: sim.pxPerMm, densityMeasured, zones: out };
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
const roundOrNull = (v: number | null, digits: number) => (v === null ? null : round(v, digits));
