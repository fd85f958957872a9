import { describe, expect, it } from 'vitest';
import type { AssessmentInput } from '../domain/assessment.schema.js';
import { Plan } from '../domain/plan.schema.js';
import { planTreatment, type PlanTreatmentOptions } from './plan-treatment.js';
import type { PlannerRuleSet } from './rule.schema.js';
import { RULES_V1 } from './rules/rules.v1.js';

type ScarInput = NonNullable<AssessmentInput['scars']>[number];
type ScreeningInput = NonNullable<AssessmentInput['screening']>;

/** Every screening question answered "no" / "never". */
const NOTHING_TO_REPORT: ScreeningInput = {
  keloidHistory: false,
  hypertrophicScarringTendency: false,
  activeScalpCondition: false,
  sunburnOrWounds: false,
  severeScalpDryness: false,
  wartsOrMolesInArea: false,
  herpesOnScalp: false,
  pihTendency: false,
  vitiligo: false,
  anticoagulants: false,
  bleedingDisorder: false,
  diabetes: false,
  immuneCondition: false,
  heartConditionOrHighBloodPressure: false,
  epilepsy: false,
  liverDisease: false,
  infectiousDisease: false,
  steroidsOrRetinoids: false,
  antibiotics: false,
  isotretinoinMonthsAgo: null,
  pregnant: false,
  breastfeeding: false,
  chemotherapyMonthsAgo: null,
  chemotherapyPlanned: false,
  laserRemovalDaysAgo: null,
  monthsSinceHairTransplant: null,
  monthsSinceScalpSurgery: null,
  inkAllergy: false,
  activeProgressiveHairLoss: false,
  temporaryAlopecia: false,
};

/** A fully answered consultation with nothing to worry about: density for Norwood IV. */
const CLEAN: AssessmentInput = {
  consultationDate: '2026-03-02',
  ageYears: 40,
  fitzpatrick: 3,
  hairColour: 'dark-brown',
  ancestry: 'other',
  hairLoss: { scale: 'norwood', stage: 'IV', type: 'androgenetic' },
  goal: 'density',
  scars: [],
  screening: NOTHING_TO_REPORT,
};

const flatScar: ScarInput = {
  cause: 'surgery',
  texture: 'flat',
  colour: 'normal',
  lengthMm: 40,
  widthMm: 3,
  ageMonths: 24,
};

/** Every rule id any plan in this file cited, to prove each rule is exercised. */
const cited = new Set<string>();

const assumingRules = new Set(RULES_V1.rules.filter((r) => r.effect.assumption).map((r) => r.id));

/** Records the rules a plan shows as applied (an undecided rule cited by an assumption did not apply). */
function collectIds(value: unknown): void {
  if (Array.isArray(value)) value.forEach(collectIds);
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'assumptions' && Array.isArray(v)) {
        for (const a of v as Plan['assumptions'])
          a.ruleIds.filter((id) => assumingRules.has(id)).forEach((id) => cited.add(id));
      } else if (key === 'ruleIds' && Array.isArray(v)) v.forEach((id) => cited.add(id as string));
      else if (key === 'ruleId' && typeof v === 'string') cited.add(v);
      else collectIds(v);
    }
  }
}

function plan(
  changes: Partial<Omit<AssessmentInput, 'screening'>> & { screening?: Partial<ScreeningInput> } = {},
  rules?: PlannerRuleSet,
  outcomes?: PlanTreatmentOptions['outcomes'],
) {
  const { screening, ...rest } = changes;
  const input: AssessmentInput = { ...CLEAN, ...rest, screening: { ...NOTHING_TO_REPORT, ...screening } };
  const result = planTreatment(input, { ...(rules ? { rules } : {}), ...(outcomes ? { outcomes } : {}) });
  const checked = Plan.safeParse(result);
  if (!checked.success) throw checked.error;
  collectIds(result);
  Object.values(result.citations).forEach((ids) => ids.forEach((id) => cited.add(id)));
  return result;
}

const decidesEligibility = new Set(RULES_V1.rules.filter((r) => r.effect.eligibility).map((r) => r.id));
/** The reasons behind the eligibility (sessions and touch-up reasons left aside). */
const reasonIds = (p: Plan) => p.reasons.map((r) => r.ruleId).filter((id) => decidesEligibility.has(id));
const zone = (p: Plan, kind: string) => p.zones.find((z) => z.kind === kind);

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

describe('scars', () => {
  it('give at least 4 sessions, with a scar zone per recorded scar', () => {
    const p = plan({
      goal: ['scar-camouflage', 'density'],
      scars: [
        { ...flatScar, id: 'strip', cause: 'fut', widthMm: 2 },
        { ...flatScar, id: 'dots', cause: 'fue', count: 400, lengthMm: 0.8, widthMm: 0.8, colour: 'hypo' },
      ],
    });
    expect(p.sessions.count).toBe(4);
    expect(p.citations['sessions.count']).toEqual(['scar.sessions']);
    expect(p.reasons.filter((r) => r.ruleId === 'scar.sessions')).toEqual([
      { ruleId: 'scar.sessions', text: expect.stringMatching(/4 sessions/) as string },
    ]);
    expect(p.zones.map((z) => z.kind)).toEqual(['scar', 'fill']);
    const scarZone = zone(p, 'scar')!;
    expect(scarZone).toMatchObject({
      scars: ['strip', 'dots'],
      needle: '1RL',
      needleDiameterMm: 0.2,
      ruleIds: ['zone.scar'],
    });
    expect(scarZone.sessions.map((s) => s.densityPercent)).toEqual([30, 70, 100, 100]);
    const notes = scarZone.notes.flatMap((n) => n.ruleIds);
    expect(notes).toEqual(expect.arrayContaining(['scar.fut', 'scar.fue', 'scar.hypo']));
    expect(scarZone.notes.find((n) => n.ruleIds.includes('scar.fue'))!.text).toMatch(/0\.7-1\.0 mm/);
    expect(p.expectedCamouflage).toEqual([
      expect.objectContaining({
        scar: 'strip',
        percent: 100,
        qualifier: 'up-to',
        ruleIds: ['scar.flat.camouflage'],
      }),
      expect.objectContaining({ scar: 'dots', percent: 100, qualifier: 'up-to' }),
    ]);
    expect(p.cautions).toEqual([]);
  });
  it('an atrophic scar lowers the expected camouflage, needs a test session and one more session', () => {
    const p = plan({ goal: 'scar-camouflage', scars: [{ ...flatScar, texture: 'atrophic' }] });
    expect(p.expectedCamouflage[0]).toMatchObject({
      percent: 50,
      qualifier: 'at-most',
      ruleIds: ['scar.atrophic'],
    });
    expect(p.preTreatments[0]).toMatchObject({ ruleIds: ['scar.atrophic'], scars: ['scar-1'] });
    expect(p.preTreatments[0]!.text).toMatch(/test session/);
    expect(p.sessions.count).toBe(5);
    expect(p.citations['sessions.count']).toEqual(['scar.sessions', 'scar.atrophic']);
    const two = plan({
      goal: 'scar-camouflage',
      scars: [
        { ...flatScar, texture: 'atrophic' },
        { ...flatScar, texture: 'atrophic' },
      ],
    });
    expect(two.sessions.count).toBe(5);
    expect(two.preTreatments).toEqual([expect.objectContaining({ scars: ['scar-1', 'scar-2'] })]);
  });
  it('burn scars take 5 sessions with a 3RL needle, written goals and preparation', () => {
    const p = plan({
      goal: 'scar-camouflage',
      scars: [{ ...flatScar, cause: 'burn', lengthMm: 90, widthMm: 60 }],
    });
    expect(p.sessions.count).toBe(5);
    expect(zone(p, 'scar')).toMatchObject({ needle: '3RL', needleDiameterMm: 0.25, dotSizeMm: 0.12 });
    expect(p.citations['zones.0.needle']).toEqual(['scar.burn']);
    expect(p.cautions[0]!.text).toMatch(/written goals/);
    expect(p.preTreatments[0]!.text).toMatch(/glycolic/);
    expect(p.aftercare[0]).toMatchObject({
      fromDay: -5,
      toDay: -1,
      kind: 'prepare',
      ruleIds: ['scar.burn.prepare'],
    });
    const atrophicBurn = plan({
      goal: 'scar-camouflage',
      scars: [{ ...flatScar, cause: 'burn', texture: 'atrophic' }],
    });
    expect(atrophicBurn.sessions.count).toBe(6);
  });
  it('a darker scar needs a palette; a stretched strip scar and sparse hair around it are flagged', () => {
    const p = plan({
      goal: 'scar-camouflage',
      scars: [
        { ...flatScar, colour: 'hyper' },
        { ...flatScar, cause: 'fut', widthMm: 4, surroundingHairDensityPerCm2: 80 },
        { ...flatScar, cause: 'fut', widthMm: 2, surroundingHairDensityPerCm2: 120 },
      ],
    });
    expect(p.cautions).toEqual([
      expect.objectContaining({ ruleIds: ['scar.hyper'], scars: ['scar-1'] }),
      expect.objectContaining({ ruleIds: ['scar.fut.stretched'], scars: ['scar-2'] }),
    ]);
    const fill = zone(p, 'fill')!;
    expect(fill.ruleIds).toEqual(['scar.fut.sparse-surround']);
    expect(fill.notes.find((n) => n.ruleIds.includes('scar.fut.sparse-surround'))!.text).toMatch(
      /100 hairs\/cm²/,
    );
  });
  it('a scar with an unknown age, colour or width is assumed mature and typical, and says so per scar', () => {
    const p = plan({
      goal: 'scar-camouflage',
      scars: [{ id: 'strip', cause: 'fut', texture: 'flat' }],
    });
    expect(p.eligibility).toBe('eligible');
    const facts = p.assumptions.map((a) => `${a.scar}:${a.fact}`);
    expect(facts).toEqual(
      expect.arrayContaining([
        'strip:scar.ageMonths',
        'strip:scar.colour',
        'strip:scar.widthMm',
        'strip:scar.surroundingHairDensityPerCm2',
      ]),
    );
    expect(p.assumptions.find((a) => a.fact === 'scar.ageMonths')).toMatchObject({
      ruleIds: ['scar.young'],
      text: expect.stringMatching(
        /^strip: Age of the scar not known: assumed older than 12 months/,
      ) as string,
    });
  });
});

describe('hair loss, goals and zones', () => {
  it('alopecia adds a session; scarring alopecia fades faster, so the touch-up comes sooner', () => {
    const p = plan({ hairLoss: { scale: 'norwood', stage: 'V', type: 'scarring-alopecia' } });
    expect(p.sessions.count).toBe(4);
    expect(p.citations['sessions.count']).toEqual(['sessions.alopecia']);
    expect(p.touchUpYears).toBe(2);
    expect(p.citations.touchUpYears).toEqual(['touchup.scarring-alopecia']);
    expect(p.reasons.find((r) => r.ruleId === 'touchup.scarring-alopecia')!.text).toMatch(/Liu 2025/);
    expect(zone(p, 'fill')!.notes.some((n) => n.ruleIds.includes('zone.fill.extensive'))).toBe(true);
  });
  it('alopecia areata or temporary alopecia is a caution', () => {
    const areata = plan({ hairLoss: { scale: 'savin', stage: 'II-1', type: 'alopecia-areata' } });
    expect(areata.cautions.map((c) => c.ruleIds[0])).toEqual(['caution.temporary-alopecia']);
    expect(areata.sessions.count).toBe(4);
    expect(plan({ screening: { temporaryAlopecia: true } }).cautions[0]!.text).toMatch(/darker/);
  });
  it('progressive hair loss, a PIH tendency, warts or moles and severe dryness are cautions', () => {
    const p = plan({
      screening: {
        activeProgressiveHairLoss: true,
        pihTendency: true,
        wartsOrMolesInArea: true,
        severeScalpDryness: true,
      },
    });
    expect(p.eligibility).toBe('eligible');
    expect(p.cautions.map((c) => c.ruleIds[0])).toEqual([
      'caution.progressive-hair-loss',
      'caution.pih',
      'caution.warts-moles',
      'caution.scalp-dryness',
    ]);
    expect(p.sessions.count).toBe(4);
  });
  it('a hairline goal gets a 1RL 0.20 mm hairline zone with a soft transition', () => {
    const p = plan({ goal: 'hairline' });
    expect(p.zones.map((z) => z.kind)).toEqual(['hairline']);
    expect(zone(p, 'hairline')).toMatchObject({
      needle: '1RL',
      needleDiameterMm: 0.2,
      dotSizeMm: 0.1,
      transitionWidthMm: 8,
    });
    expect(zone(p, 'hairline')!.notes.find((n) => n.ruleIds.includes('zone.hairline.params'))!.text).toMatch(
      /8 cm/,
    );
  });
  it('a shaved look gets both a fill and a hairline zone', () => {
    const p = plan({ goal: 'shaved-look' });
    expect(p.zones.map((z) => z.kind)).toEqual(['fill', 'hairline']);
    expect(p.zones[0]!.ruleIds).toEqual(['zone.fill']);
    expect(p.zones[1]!.ruleIds).toEqual(['zone.hairline']);
  });
  it('Ludwig and Savin frontal patterns fill behind the kept hairline', () => {
    const ludwig = plan({ hairLoss: { scale: 'ludwig', stage: 'II' }, screening: {} });
    expect(zone(ludwig, 'fill')!.notes.find((n) => n.ruleIds.includes('zone.fill.ludwig'))!.text).toMatch(
      /behind/,
    );
    const savin = plan({ hairLoss: { scale: 'savin', stage: 'frontal', type: 'androgenetic' } });
    expect(zone(savin, 'fill')!.notes.some((n) => n.ruleIds.includes('zone.fill.savin-frontal'))).toBe(true);
  });
  it('without a goal, scars get scar zones and hair loss a fill zone, and the plan says so', () => {
    const p = plan({ goal: undefined, scars: [flatScar] });
    expect(p.zones.map((z) => z.kind)).toEqual(['scar', 'fill']);
    expect(p.zones[1]!.ruleIds).toEqual(['zone.fill.default']);
    expect(p.assumptions).toEqual([expect.objectContaining({ fact: 'goal' })]);
    expect(p.assumptions[0]!.ruleIds).toEqual(['goal.unknown', 'zone.fill', 'zone.hairline']);
  });
  it('a scar-camouflage goal without any recorded scar is a caution', () => {
    const p = plan({ goal: 'scar-camouflage', scars: [] });
    expect(p.cautions.map((c) => c.ruleIds[0])).toEqual(['goal.scar-without-scars']);
    expect(p.zones).toEqual([]);
  });
  it.each([
    ['caucasian', 100, 'zone.density.caucasian'],
    ['hispanic', 88, 'zone.density.hispanic'],
    ['african', 60, 'zone.density.african'],
    ['han-chinese', 74, 'zone.density.han-chinese'],
    ['east-asian', 61, 'zone.density.east-asian'],
    ['west-asian', 64, 'zone.density.west-asian'],
    ['south-asian', 64, 'zone.density.south-asian'],
    ['other', 70, 'zone.density.reference'],
  ] as const)('targets the natural density of a %s client: %i per cm²', (ancestry, density, ruleId) => {
    const p = plan({ ancestry, goal: 'shaved-look' });
    for (const [i, z] of p.zones.entries()) {
      expect(z.targetDensityPerCm2).toBe(density);
      expect(p.citations[`zones.${i}.targetDensityPerCm2`]).toEqual([ruleId]);
    }
  });
});

describe('shade and dilution', () => {
  const shades = (p: Plan) => p.zones[0]!.sessions.map((s) => s.shadeNumber);
  it.each([
    ['black', [35, 30, 25], 'shade.hair.black'],
    ['dark-brown', [40, 35, 30], 'shade.base'],
    ['brown', [45, 40, 35], 'shade.hair.brown'],
    ['light-brown', [50, 45, 40], 'shade.hair.light-brown'],
    ['blonde', [55, 50, 45], 'shade.hair.blonde-red'],
    ['red', [55, 50, 45], 'shade.hair.blonde-red'],
    ['grey', [50, 45, 40], 'shade.hair.grey'],
    ['white', [50, 45, 40], 'shade.hair.grey'],
  ] as const)('%s hair: lightest first, darker each session', (hairColour, expected, ruleId) => {
    const p = plan({ hairColour });
    expect(shades(p)).toEqual(expected);
    expect(p.citations['zones.0.sessions.2.shadeNumber']).toContain(ruleId);
  });
  it('fair skin uses lighter shades (more water) and says why; dark skin gets a contrast caution', () => {
    const fair = plan({ fitzpatrick: 'II', hairColour: 'blonde' });
    expect(shades(fair)).toEqual([60, 55, 50]);
    expect(fair.citations['zones.0.sessions.0.shadeNumber']).toEqual([
      'shade.hair.blonde-red',
      'shade.base',
      'shade.skin.fair',
    ]);
    expect(fair.cautions[0]!.text).toMatch(/bluish/);
    const dark = plan({ fitzpatrick: 6, hairColour: 'black' });
    expect(shades(dark)).toEqual([35, 30, 25]);
    expect(dark.cautions.map((c) => c.ruleIds[0])).toEqual(['shade.skin.dark']);
  });
  it('never goes lighter than the lightest shade of the rule set', () => {
    const rules: PlannerRuleSet = {
      ...RULES_V1,
      rules: RULES_V1.rules.map((r) =>
        r.id === 'shade.skin.fair' ? { ...r, effect: { ...r.effect, shade: { lighterBy: 15 } } } : r,
      ),
    };
    const p = plan({ fitzpatrick: 1, hairColour: 'blonde' }, rules);
    expect(shades(p)).toEqual([60, 60, 60]);
    expect(p.citations['zones.0.sessions.0.shadeNumber']).toContain('shade.base');
  });
  it('grey hair adds a matching note to every zone', () => {
    const p = plan({ hairColour: 'grey', goal: 'shaved-look' });
    for (const z of p.zones) expect(z.notes.some((n) => n.ruleIds.includes('shade.hair.grey'))).toBe(true);
  });
});

describe('facts left out', () => {
  it('an assessment with only a date is planned, with an assumption for every fact a rule needed', () => {
    const p = planTreatment({ consultationDate: '2026-03-02' });
    expect(p.eligibility).toBe('eligible');
    const facts = p.assumptions.map((a) => a.fact);
    expect(facts).toEqual(
      expect.arrayContaining([
        'ageYears',
        'goal',
        'scars',
        'screening.pregnant',
        'screening.keloidHistory',
        'screening.anticoagulants',
        'screening.monthsSinceHairTransplant',
        'fitzpatrick',
        'hairColour',
        'ancestry',
        'hairLoss.scale',
      ]),
    );
    expect(new Set(facts).size).toBe(facts.length);
    expect(p.assumptions.find((a) => a.fact === 'screening.pregnant')).toEqual({
      fact: 'screening.pregnant',
      text: 'Pregnancy not known: assumed no; ask before the first session.',
      ruleIds: ['wait.pregnancy'],
    });
    expect(p.assumptions.find((a) => a.fact === 'ageYears')!.text).toMatch(/photo ID/);
    collectIds(p);
  });
  it('a known "never" (null) is not an assumption', () => {
    const p = plan({
      screening: {
        chemotherapyMonthsAgo: null,
        hairTransplantDate: null,
        monthsSinceHairTransplant: undefined,
      },
    });
    expect(p.assumptions).toEqual([]);
  });
  it('one missing answer gives one assumption naming the rule it left undecided', () => {
    const p = plan({ screening: { diabetes: undefined } });
    expect(p.assumptions).toEqual([
      {
        fact: 'screening.diabetes',
        text: 'Diabetes not known: assumed no; ask before the first session.',
        ruleIds: ['refer.diabetes'],
      },
    ]);
  });
});

describe('measured outcomes', () => {
  const scarred: Partial<AssessmentInput> = { goal: 'scar-camouflage', scars: [flatScar] };
  const shadeOf = (p: ReturnType<typeof plan>) =>
    p.zones.find((z) => z.kind === 'scar')!.sessions[1]!.shadeNumber;

  it('a scar that kept under 60% gets one more session and a darker shade, with the rule cited', () => {
    const before = plan(scarred);
    const after = plan(scarred, undefined, { measured: [{ scar: 'scar-1', percent: 45 }] });
    expect(after.sessions.count).toBe(before.sessions.count + 1);
    expect(after.citations['sessions.count']).toContain('outcome.scar.low-retention');
    expect(shadeOf(after)).toBe(shadeOf(before) - 5);
    const reason = after.reasons.find((r) => r.ruleId === 'outcome.scar.low-retention')!;
    expect(reason.text).toMatch(/Scar 1 kept 45% of its pigment/);
  });

  it('a scar that kept 60% or more changes nothing', () => {
    const before = plan(scarred);
    const after = plan(scarred, undefined, { measured: [{ scar: 'scar-1', percent: 72 }] });
    expect(after.sessions).toEqual(before.sessions);
    expect(after.reasons.map((r) => r.ruleId)).not.toContain('outcome.scar.low-retention');
  });

  it("uses the studio's figure only once it rests on 10 cases, and says so", () => {
    const figure = (cases: number, percent: number) => ({
      studio: [{ texture: 'flat', fitzpatrick: 3, percent, cases }],
    });
    const base = plan(scarred);
    expect(plan(scarred, undefined, figure(9, 40)).sessions.count).toBe(base.sessions.count);
    const low = plan(scarred, undefined, figure(12, 40));
    expect(low.sessions.count).toBe(base.sessions.count + 1);
    expect(low.reasons.find((r) => r.ruleId === 'outcome.studio-retention.low')!.text).toMatch(
      /kept 40% of their pigment over 12 cases/,
    );
    const good = plan(scarred, undefined, figure(15, 80));
    expect(good.sessions.count).toBe(base.sessions.count);
    expect(good.reasons.find((r) => r.ruleId === 'outcome.studio-retention.known')!.text).toMatch(
      /studio's figure is used for scar 1/,
    );
    // The client's own measurement comes before the studio's figure.
    const own = plan(scarred, undefined, { ...figure(12, 40), measured: [{ scar: 'scar-1', percent: 75 }] });
    expect(own.sessions.count).toBe(base.sessions.count);
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
  it('every rule of the rule set is cited by at least one plan above', () => {
    // Tests in a file run in order, so every scenario above has been planned by now.
    const uncovered = RULES_V1.rules.map((r) => r.id).filter((id) => !cited.has(id));
    expect(uncovered).toEqual([]);
  });
});
