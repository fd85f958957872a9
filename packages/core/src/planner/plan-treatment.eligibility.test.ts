// The planner on whole assessments, for whether and when SMP may go ahead: the clean case, the
// refusals, the referrals to a physician, the waiting times and their combinations, bad input.
import { describe, expect, it } from 'vitest';
import type { Plan } from '../domain/plan.schema.js';
import { planTreatment } from './plan-treatment.js';
import { RULES_V1 } from './rules/rules.v1.js';
import { flatScar, plan, reasonIds, uncitedRules, zone, type ScarInput } from './testing/plan-scenarios.js';

describe('a clean assessment', () => {
  const p = plan();
  it('is eligible from the consultation date, with 3 sessions at least 14 days apart', () => {
    expect(p.eligibility).toBe('eligible');
    expect(p.earliestStartDate).toBe('2026-03-02');
    expect(p.sessions).toEqual({ count: 3, minIntervalDays: 14, hoursPerSession: 4 });
    expect(p.citations['sessions.count']).toEqual(['sessions.base']);
    expect(p.citations.eligibility).toEqual(['eligibility.base']);
    expect(p.citations.earliestStartDate).toEqual(['eligibility.base']);
    expect(p.reasons.map((r) => r.ruleId)).toEqual(['eligibility.base', 'sessions.base', 'touchup.base']);
    expect(p.reasons[1]!.text).toMatch(/14 days.*7-30/);
    expect(p.reasons[2]!.text).toMatch(/4 years.*1-6/);
    expect(p.rulesVersion).toBe(RULES_V1.version);
  });
  it('assumes nothing, cautions nothing and needs no pre-treatment', () => {
    expect(p.assumptions).toEqual([]);
    expect(p.cautions).toEqual([]);
    expect(p.preTreatments).toEqual([]);
    expect(p.waitingPeriods).toEqual([]);
    expect(p.expectedCamouflage).toEqual([]);
    expect(p.overrides).toEqual([]);
  });
  it('plans a fill zone: 3RL 0.25 mm, 70/cm², density 30/70/100 %, lightest shade first, shallow', () => {
    expect(p.zones.map((z) => z.kind)).toEqual(['fill']);
    const fill = zone(p, 'fill')!;
    expect(fill).toMatchObject({
      needle: '3RL',
      needleDiameterMm: 0.25,
      dotSizeMm: 0.12,
      targetDensityPerCm2: 70,
    });
    expect(fill.sessions).toEqual([
      { session: 1, densityPercent: 30, shadeNumber: 40 },
      { session: 2, densityPercent: 70, shadeNumber: 35 },
      { session: 3, densityPercent: 100, shadeNumber: 30 },
    ]);
    expect(p.citations['zones.0.targetDensityPerCm2']).toEqual(['zone.density.reference']);
    expect(p.citations['zones.0.needle']).toEqual(['zone.fill.params']);
    expect(p.citations['zones.0.sessions.0.densityPercent']).toEqual(['zone.density.by-session']);
    expect(p.citations['zones.0.sessions.0.shadeNumber']).toEqual(['shade.base']);
    expect(fill.notes.find((n) => n.ruleIds.includes('zone.depth'))!.text).toMatch(/0\.5-1 mm.*0\.25-1\.5/);
  });
  it('touches up after 4 years', () => {
    expect(p.touchUpYears).toBe(4);
    expect(p.citations.touchUpYears).toEqual(['touchup.base']);
  });
  it('gives the aftercare of domain.md §4/§8 by day, preparation first', () => {
    const byRule: Record<string, Plan['aftercare'][number]> = Object.fromEntries(
      p.aftercare.map((s) => [s.ruleIds[0]!, s]),
    );
    expect(byRule['prep.clip-hair']).toMatchObject({ fromDay: -2, toDay: -2, kind: 'prepare' });
    expect(byRule['prep.day-of-session']).toMatchObject({ fromDay: 0, toDay: 0, kind: 'prepare' });
    expect(byRule['aftercare.no-wetting']).toMatchObject({ fromDay: 0, toDay: 3, kind: 'avoid' });
    expect(byRule['aftercare.first-wash']).toMatchObject({ fromDay: 4, toDay: null, kind: 'do' });
    expect(byRule['aftercare.no-sweating']).toMatchObject({ fromDay: 0, toDay: 6 });
    expect(byRule['aftercare.no-picking']).toMatchObject({ fromDay: 0, toDay: 6 });
    expect(byRule['aftercare.no-swimming']).toMatchObject({ fromDay: 0, toDay: 27 });
    expect(byRule['aftercare.no-sun']).toMatchObject({ fromDay: 0, toDay: 29 });
    expect(byRule['aftercare.moisturiser']).toMatchObject({ fromDay: 6, kind: 'do' });
    expect(byRule['aftercare.first-shave']).toMatchObject({ fromDay: 7, kind: 'do' });
    expect(byRule['aftercare.first-shave']!.instruction).toMatch(/not a razor/);
    expect(byRule['aftercare.no-acids']).toMatchObject({ fromDay: 0, toDay: null, kind: 'avoid' });
    expect(byRule['aftercare.sun-protection']).toMatchObject({ fromDay: 30, toDay: null, kind: 'do' });
    expect(byRule['aftercare.blood-donation']).toMatchObject({ fromDay: 0, toDay: 364 });
    const days = p.aftercare.map((s) => s.fromDay);
    expect(days).toEqual([...days].sort((a, b) => a - b));
  });
  it('is deterministic', () => {
    expect(plan()).toEqual(p);
  });
});

describe('refusals', () => {
  it('refuses a client under 18 (UK Tattooing of Minors Act), from an age or a date of birth', () => {
    const p = plan({ ageYears: 17 });
    expect(p.eligibility).toBe('not_eligible');
    expect(p.earliestStartDate).toBeNull();
    expect(p.reasons.find((r) => r.ruleId === 'age.minor')!.text).toMatch(
      /is 17.*Tattooing of Minors Act 1969/,
    );
    expect(p.citations.eligibility).toEqual(['age.minor']);
    expect(plan({ ageYears: 18 }).eligibility).toBe('eligible');
    expect(plan({ ageYears: undefined, dateOfBirth: '2008-03-03' }).eligibility).toBe('not_eligible');
    expect(plan({ ageYears: undefined, dateOfBirth: '2008-03-02' }).eligibility).toBe('eligible');
    expect(
      plan({ ageYears: undefined, dateOfBirth: '2008-02-29', consultationDate: '2026-02-28' }).eligibility,
    ).toBe('not_eligible');
    expect(
      plan({ ageYears: undefined, dateOfBirth: '2008-02-29', consultationDate: '2026-03-01' }).eligibility,
    ).toBe('eligible');
  });
  it('rules SMP out for a keloid history', () => {
    const p = plan({ screening: { keloidHistory: true } });
    expect(p.eligibility).toBe('not_eligible');
    expect(reasonIds(p)).toEqual(['keloid.history']);
    expect(p.earliestStartDate).toBeNull();
    expect(p.citations.earliestStartDate).toEqual(['keloid.history']);
  });
  it('rules SMP out for a keloid scar and does not pigment it', () => {
    const p = plan({ goal: 'scar-camouflage', scars: [{ ...flatScar, id: 'occipital', texture: 'keloid' }] });
    expect(p.eligibility).toBe('not_eligible');
    expect(p.reasons.find((r) => r.ruleId === 'keloid.scar')).toMatchObject({ scar: 'occipital' });
    expect(p.expectedCamouflage).toEqual([
      expect.objectContaining({
        scar: 'occipital',
        percent: 0,
        qualifier: 'not-treated',
        ruleIds: ['keloid.scar'],
      }),
    ]);
  });
  it('rules SMP out for a known ink allergy, saying how an override could be justified', () => {
    const p = plan({ screening: { inkAllergy: true } });
    expect(p.eligibility).toBe('not_eligible');
    expect(p.reasons[0]!.text).toMatch(/patch test.*override/);
  });
});

describe('referrals to a physician', () => {
  it('refers a raised scar for steroid injections every ~6 weeks until flat, then re-assesses', () => {
    const p = plan({ goal: 'scar-camouflage', scars: [{ ...flatScar, texture: 'raised' }] });
    expect(p.eligibility).toBe('refer');
    expect(p.preTreatments).toEqual([
      expect.objectContaining({ ruleIds: ['scar.raised'], scars: ['scar-1'] }),
    ]);
    expect(p.preTreatments[0]!.text).toMatch(
      /triamcinolone.*every 6 weeks until it is flat, then stop.*Re-assess/,
    );
    expect(p.earliestStartDate).toBe('2026-04-13');
    expect(p.waitingPeriods).toEqual([
      expect.objectContaining({ until: '2026-04-13', ruleIds: ['scar.raised'] }),
    ]);
    expect(p.expectedCamouflage[0]).toMatchObject({
      percent: 80,
      qualifier: 'about',
      ruleIds: ['scar.raised'],
    });
    expect(p.expectedCamouflage[0]!.text).toMatch(/flattened/);
  });
  it('refers a client prone to raised scars', () => {
    const p = plan({ screening: { hypertrophicScarringTendency: true } });
    expect(p.eligibility).toBe('refer');
    expect(p.preTreatments[0]!.ruleIds).toEqual(['scarring.hypertrophic-tendency']);
  });
  it.each([
    ['anticoagulants', 'refer.anticoagulants', /prescribing physician/],
    ['bleedingDisorder', 'refer.bleeding-disorder', /bleeding disorder/],
    ['diabetes', 'refer.diabetes', /GP/],
    ['immuneCondition', 'refer.immune', /immune/],
    ['heartConditionOrHighBloodPressure', 'refer.heart-bp', /doctor’s note/],
    ['epilepsy', 'refer.epilepsy', /epilepsy/],
    ['liverDisease', 'refer.liver', /liver/],
    ['infectiousDisease', 'refer.infectious', /infectious/],
    ['steroidsOrRetinoids', 'refer.steroids-retinoids', /prescriber/],
    ['vitiligo', 'refer.vitiligo', /vitiligo/],
  ] as const)('refers %s to a physician first', (field, ruleId, preTreatment) => {
    const p = plan({ screening: { [field]: true } });
    expect(p.eligibility).toBe('refer');
    expect(reasonIds(p)).toEqual([ruleId]);
    expect(p.citations.eligibility).toEqual([ruleId]);
    expect(p.preTreatments).toEqual([expect.objectContaining({ ruleIds: [ruleId], scars: [] })]);
    expect(p.preTreatments[0]!.text).toMatch(preTreatment);
    expect(p.earliestStartDate).toBe('2026-03-02');
  });
});

describe('waiting times', () => {
  const young = (changes: Partial<ScarInput>, consultationDate = '2026-03-02') =>
    plan({ consultationDate, goal: 'scar-camouflage', scars: [{ ...flatScar, ...changes }] });

  it('postpones a scar younger than 12 months until it is 12 months old', () => {
    const p = young({ ageMonths: 7 });
    expect(p.eligibility).toBe('postpone');
    expect(p.earliestStartDate).toBe('2026-08-02');
    expect(p.citations.earliestStartDate).toEqual(['scar.young']);
    const reason = p.reasons.find((r) => r.ruleId === 'scar.young')!;
    expect(reason.text).toMatch(/^Scar 1 is 7 months old.*6-12.*until 2026-08-02/);
    expect(p.waitingPeriods).toEqual([expect.objectContaining({ until: '2026-08-02', scar: 'scar-1' })]);
    expect(young({ ageMonths: 12 }).eligibility).toBe('eligible');
    expect(young({ ageMonths: 11 }).earliestStartDate).toBe('2026-04-02');
  });
  it('counts scar waits correctly at month ends and leap days', () => {
    expect(young({ ageMonths: 11 }, '2026-01-31').earliestStartDate).toBe('2026-02-28');
    expect(young({ ageMonths: 11 }, '2024-01-31').earliestStartDate).toBe('2024-02-29');
    expect(young({ ageMonths: undefined, date: '2024-02-29' }, '2024-06-15').earliestStartDate).toBe(
      '2025-02-28',
    );
    expect(young({ ageMonths: undefined, date: '2023-05-31' }, '2023-06-01').earliestStartDate).toBe(
      '2024-05-31',
    );
    const fromDate = young({ ageMonths: undefined, date: '2025-05-31' }, '2026-02-27');
    expect(fromDate.earliestStartDate).toBe('2026-05-31');
    expect(fromDate.reasons.find((r) => r.ruleId === 'scar.young')!.text).toMatch(/is 8 months old/);
  });
  it('waits 9 months after a hair transplant, from the months or from the date', () => {
    const p = plan({ screening: { monthsSinceHairTransplant: 5 } });
    expect(p.eligibility).toBe('postpone');
    expect(p.earliestStartDate).toBe('2026-07-02');
    expect(p.reasons[0]!.text).toMatch(/5 months ago.*6-12.*2026-07-02/);
    expect(plan({ screening: { monthsSinceHairTransplant: 9 } }).eligibility).toBe('eligible');
    const dated = plan({
      consultationDate: '2026-01-10',
      screening: { monthsSinceHairTransplant: undefined, hairTransplantDate: '2025-05-31' },
    });
    expect(dated.earliestStartDate).toBe('2026-02-28');
    expect(dated.reasons[0]!.text).toMatch(/7 months ago/);
    const leap = plan({
      consultationDate: '2023-12-01',
      screening: { monthsSinceHairTransplant: undefined, hairTransplantDate: '2023-05-29' },
    });
    expect(leap.earliestStartDate).toBe('2024-02-29');
  });
  it('waits 12 months after other scalp surgery', () => {
    const p = plan({ screening: { monthsSinceScalpSurgery: 3 } });
    expect(p.eligibility).toBe('postpone');
    expect(p.earliestStartDate).toBe('2026-12-02');
    expect(reasonIds(p)).toEqual(['wait.scalp-surgery']);
  });
  it('waits 12 months after chemotherapy (sources 6-12) and postpones planned chemotherapy', () => {
    const p = plan({ screening: { chemotherapyMonthsAgo: 0 } });
    expect(p.earliestStartDate).toBe('2027-03-02');
    expect(p.reasons[0]!.text).toMatch(/6-12/);
    expect(plan({ screening: { chemotherapyMonthsAgo: 12 } }).eligibility).toBe('eligible');
    const planned = plan({ screening: { chemotherapyPlanned: true } });
    expect(planned.eligibility).toBe('postpone');
    expect(planned.waitingPeriods).toEqual([
      expect.objectContaining({ until: null, ruleIds: ['wait.chemotherapy-planned'] }),
    ]);
    const dated = plan({
      screening: { chemotherapyMonthsAgo: undefined, chemotherapyEndDate: '2025-08-31' },
    });
    expect(dated.earliestStartDate).toBe('2026-08-31');
  });
  it('waits 90 days after laser tattoo removal', () => {
    expect(plan({ screening: { laserRemovalDaysAgo: 30 } }).earliestStartDate).toBe('2026-05-01');
    expect(plan({ screening: { laserRemovalDaysAgo: 90 } }).eligibility).toBe('eligible');
    const dated = plan({ screening: { laserRemovalDaysAgo: undefined, laserRemovalDate: '2026-02-01' } });
    expect(dated.earliestStartDate).toBe('2026-05-02');
    expect(dated.reasons[0]!.text).toMatch(/29 days ago/);
  });
  it('waits 6 months after isotretinoin and says the figure is this rule set’s choice', () => {
    const p = plan({ screening: { isotretinoinMonthsAgo: 2 } });
    expect(p.eligibility).toBe('postpone');
    expect(p.earliestStartDate).toBe('2026-07-02');
    expect(p.reasons[0]!.text).toMatch(/rule set’s choice/);
  });
  it.each([
    ['pregnant', 'wait.pregnancy'],
    ['breastfeeding', 'wait.breastfeeding'],
    ['activeScalpCondition', 'wait.active-scalp-condition'],
    ['herpesOnScalp', 'wait.herpes'],
    ['sunburnOrWounds', 'wait.sunburn-wounds'],
    ['antibiotics', 'wait.antibiotics'],
  ] as const)('postpones %s until it is over, with no date', (field, ruleId) => {
    const p = plan({ screening: { [field]: true } });
    expect(p.eligibility).toBe('postpone');
    expect(reasonIds(p)).toEqual([ruleId]);
    expect(p.waitingPeriods).toEqual([expect.objectContaining({ until: null, ruleIds: [ruleId] })]);
    expect(p.earliestStartDate).toBe('2026-03-02');
  });
});

describe('combinations', () => {
  it('keeps every reason and lets the worst eligibility win', () => {
    const p = plan({
      goal: 'scar-camouflage',
      scars: [{ ...flatScar, ageMonths: 4, texture: 'raised' }],
      screening: { anticoagulants: true, keloidHistory: true, pregnant: true },
    });
    expect(p.eligibility).toBe('not_eligible');
    expect(p.citations.eligibility).toEqual(['keloid.history']);
    expect(reasonIds(p)).toEqual(
      expect.arrayContaining([
        'keloid.history',
        'scar.raised',
        'refer.anticoagulants',
        'scar.young',
        'wait.pregnancy',
      ]),
    );
    expect(reasonIds(p)).not.toContain('eligibility.base');
    expect(p.earliestStartDate).toBeNull();
  });
  it('refers before it postpones, and keeps the latest waiting date', () => {
    const p = plan({
      goal: 'scar-camouflage',
      scars: [{ ...flatScar, texture: 'raised', ageMonths: 7 }],
      screening: { anticoagulants: true, laserRemovalDaysAgo: 10 },
    });
    expect(p.eligibility).toBe('refer');
    expect(p.citations.eligibility).toEqual(['scar.raised', 'refer.anticoagulants']);
    expect(p.earliestStartDate).toBe('2026-08-02');
    expect(p.citations.earliestStartDate).toEqual(['scar.young']);
    expect(p.waitingPeriods.map((w) => w.until)).toEqual(['2026-04-13', '2026-08-02', '2026-05-21']);
  });
  it('postpones and states both dates when two waits apply', () => {
    const p = plan({ screening: { monthsSinceHairTransplant: 8, chemotherapyMonthsAgo: 10 } });
    expect(p.eligibility).toBe('postpone');
    expect(p.earliestStartDate).toBe('2026-05-02');
    expect(p.citations.earliestStartDate).toEqual(['wait.chemotherapy']);
  });
});

describe('bad input', () => {
  it('throws a ZodError naming the field', () => {
    expect(() => planTreatment({ consultationDate: '2026-02-30' })).toThrow(/consultationDate/);
    try {
      planTreatment({ consultationDate: '2026-03-02', hairLoss: { scale: 'ludwig', stage: 'IV' } } as never);
      expect.unreachable();
    } catch (e) {
      expect((e as { issues: { path: unknown[] }[] }).issues[0]!.path).toEqual(['hairLoss', 'stage']);
    }
  });
});

describe('coverage', () => {
  it('every rule that decides eligibility is cited by at least one plan above', () => {
    // Tests in a file run in order, so every scenario above has been planned by now.
    expect(uncitedRules((r) => Boolean(r.effect.eligibility))).toEqual([]);
  });
});
