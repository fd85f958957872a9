// The planner on whole assessments, for what the plan holds: sessions and zones for scars, hair
// loss and goals, shades and dilution, the assumptions for facts left out, measured outcomes.
import { describe, expect, it } from 'vitest';
import type { AssessmentInput } from '../domain/assessment.schema.js';
import type { Plan } from '../domain/plan.schema.js';
import { planTreatment } from './plan-treatment.js';
import type { PlannerRuleSet } from './rule.schema.js';
import { RULES_V1 } from './rules/rules.v1.js';
import { collectIds, flatScar, plan, uncitedRules, zone } from './testing/plan-scenarios.js';

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

describe('coverage', () => {
  it('every rule that does not decide eligibility is cited by at least one plan above', () => {
    // Tests in a file run in order, so every scenario above has been planned by now.
    expect(uncitedRules((r) => !r.effect.eligibility)).toEqual([]);
  });
});
