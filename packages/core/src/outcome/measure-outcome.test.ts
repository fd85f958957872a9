import { describe, expect, it } from 'vitest';
import { invert } from '../registration/matrix3.js';
import { syntheticFollowUp } from '../registration/testing/synthetic-follow-up.js';
import type { RgbImage } from '../render/render-stage.js';
import type { AssessmentInput } from '../domain/assessment.schema.js';
import { planTreatment } from '../planner/plan-treatment.js';
import { measureOutcome, OutcomeInputError } from './measure-outcome.js';
import { healedFollowUp, sceneZones, skinPhoto } from './testing/follow-up-scene.js';

const zones = sceneZones;

/** The healed result of session 1 when the scar kept `retention`, photographed from elsewhere in new light. */
function followUp(photo: RgbImage, retention: number) {
  const healed = healedFollowUp(retention, 0, photo);
  const { later, laterFromSource } = syntheticFollowUp(healed, {
    angleDeg: 7,
    scale: 1.08,
    shift: [0.02, -0.015],
    gain: 1.07,
    gamma: 1,
    gradient: 0,
  });
  return { later: later as RgbImage, toEarlier: [...invert(laterFromSource)!] };
}

describe('measureOutcome', () => {
  const photo = skinPhoto();
  /** Session 1 measured on `later`, tone only unless told otherwise. */
  const measure = (later: RgbImage, toEarlier: number[], options: { measureDensity?: boolean } = {}) =>
    measureOutcome({
      earlier: photo,
      followUp: later,
      followUpToEarlier: toEarlier,
      zones: zones(),
      afterSession: 1,
      measureDensity: false,
      ...options,
    });

  it.each([0.3, 0.45, 0.7])('finds a scar that kept %s of its pigment within 10 %%', (kept) => {
    const { later, toEarlier } = followUp(photo, kept);
    const result = measure(later, toEarlier);
    const scar = result.zones.find((z) => z.zoneId === 'strip')!;
    expect(scar.expectedRetention).toBe(0.85);
    expect(scar.coverage).toBeGreaterThan(0.95);
    expect(Math.abs(scar.retention! - kept) / kept).toBeLessThan(0.1);
    // The skin round the zone is the same in both photos: the measurement is sure of itself.
    expect(scar.retentionUncertainty!).toBeLessThan(0.05);
    expect(scar.notes).toEqual([]);
    // Less pigment than predicted: lighter than the prediction, and fewer dots found.
    expect(scar.difference.deltaL).toBeGreaterThan(0);
    // Healthy skin kept what the preview assumed.
    const crown = result.zones.find((z) => z.zoneId === 'crown')!;
    expect(Math.abs(crown.retention! - 1)).toBeLessThan(0.1);
  });

  it('feeds the next plan: a scar measured under 60% gets a session more, citing the rule', () => {
    const { later, toEarlier } = followUp(photo, 0.45);
    const scar = measure(later, toEarlier).zones.find((z) => z.zoneId === 'strip')!;
    const assessment: AssessmentInput = {
      consultationDate: '2026-03-02',
      goal: 'scar-camouflage',
      scars: [{ cause: 'surgery', texture: 'flat', ageMonths: 24 }],
    };
    const first = planTreatment(assessment);
    const next = planTreatment(assessment, {
      outcomes: { measured: [{ scar: 'scar-1', percent: scar.retention! * 100 }] },
    });
    expect(next.sessions.count).toBe(first.sessions.count + 1);
    expect(next.citations['sessions.count']).toContain('outcome.scar.low-retention');
    expect(next.reasons.find((r) => r.ruleId === 'outcome.scar.low-retention')!.text).toMatch(/kept 4\d% /);
  });

  it('counts the dots on a photo that resolves them', () => {
    const { later, toEarlier } = followUp(photo, 0.85);
    const result = measure(later, toEarlier, { measureDensity: true });
    expect(result.densityMeasured).toBe(true);
    const crown = result.zones.find((z) => z.zoneId === 'crown')!;
    expect(crown.predicted.impressionsPerCm2).toBeGreaterThan(5);
    expect(Math.abs(crown.achieved.impressionsPerCm2! - crown.predicted.impressionsPerCm2!)).toBeLessThan(
      0.25 * crown.predicted.impressionsPerCm2!,
    );
  });

  it('says a zone the follow-up does not show cannot be measured', () => {
    const { later } = followUp(photo, 0.5);
    // Shifted by 300 px to the left: the scar lies outside the follow-up.
    const result = measure(later, [1, 0, -300, 0, 1, 0, 0, 0, 1]);
    const scar = result.zones.find((z) => z.zoneId === 'strip')!;
    expect(scar.retention).toBeNull();
    expect(scar.notes).toContain('not-covered');
  });

  it('refuses a transform that is not a 3×3 matrix, or a session the plan does not have', () => {
    const base = { earlier: photo, followUp: photo, zones: zones(), measureDensity: false };
    expect(() => measureOutcome({ ...base, followUpToEarlier: [1, 0, 0], afterSession: 1 })).toThrow(
      OutcomeInputError,
    );
    expect(() =>
      measureOutcome({ ...base, followUpToEarlier: [0, 0, 0, 0, 0, 0, 0, 0, 1], afterSession: 1 }),
    ).toThrow(/followUpToEarlier: cannot be inverted/);
    expect(() =>
      measureOutcome({ ...base, followUpToEarlier: [1, 0, 0, 0, 1, 0, 0, 0, 1], afterSession: 4 }),
    ).toThrow(/afterSession/);
  });
});
