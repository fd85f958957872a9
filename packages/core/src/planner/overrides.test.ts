import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { Plan, type PlanOverrideInput } from '../domain/plan.schema.js';
import { applyPlanOverrides, safeApplyPlanOverrides } from './overrides.js';
import { planTreatment } from './plan-treatment.js';

const plan = planTreatment({
  consultationDate: '2026-03-02',
  ageYears: 38,
  fitzpatrick: 3,
  hairColour: 'black',
  goal: ['scar-camouflage', 'density'],
  hairLoss: { scale: 'norwood', stage: 'III' },
  scars: [
    { id: 'strip', cause: 'fut', texture: 'flat', colour: 'hypo', lengthMm: 160, widthMm: 2, ageMonths: 30 },
  ],
  screening: { inkAllergy: true },
});
const by = { id: 'staff-1', name: 'Łukasz Nowak' };
const at = '2026-03-02T10:15:00Z';
const override = (path: string, value: unknown, reason = 'artist judgement'): PlanOverrideInput => ({
  path,
  value: value as PlanOverrideInput['value'],
  reason,
  by,
  at,
});

function fieldsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ZodError);
    return (e as ZodError).issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  }
  throw new Error('expected a ZodError');
}

describe('applyPlanOverrides', () => {
  it('sets the effective value and keeps the rule output, the override and who made it side by side', () => {
    const edited = applyPlanOverrides(plan, [
      override('sessions.count', 5, 'dense scar tissue seen on trichoscopy'),
      override(
        'eligibility',
        'eligible',
        'the allergy was to red ink; carbon patch test negative on 2026-02-20',
      ),
    ]);
    expect(Plan.safeParse(edited).success).toBe(true);
    expect(edited.sessions.count).toBe(5);
    expect(edited.eligibility).toBe('eligible');
    expect(edited.ruleOutput!.sessions.count).toBe(4);
    expect(edited.ruleOutput!.eligibility).toBe('not_eligible');
    expect(edited.overrides).toEqual([
      {
        path: 'sessions.count',
        value: 5,
        reason: 'dense scar tissue seen on trichoscopy',
        by,
        at,
        ruleValue: 4,
        ruleIds: ['scar.sessions'],
      },
      expect.objectContaining({ path: 'eligibility', ruleValue: 'not_eligible', ruleIds: ['allergy.ink'] }),
    ]);
    expect(edited.citations).toEqual(plan.citations);
    expect(plan.overrides).toEqual([]);
    expect(plan.sessions.count).toBe(4);
  });
  it('spreads each zone’s build-up over a new number of sessions, unless the artist set the schedule', () => {
    const ruled = plan.zones.map((z) => z.sessions);
    expect(ruled.every((s) => s.length === 4)).toBe(true);
    for (const count of [2, 5, 7]) {
      const edited = applyPlanOverrides(plan, [override('sessions.count', count)]);
      edited.zones.forEach((zone, z) => {
        expect(zone.sessions.map((s) => s.session)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
        const density = zone.sessions.map((s) => s.densityPercent);
        expect(density[0]).toBe(ruled[z]![0]!.densityPercent);
        expect(density.at(-1)).toBe(100);
        for (let i = 1; i < count; i++) expect(density[i]).toBeGreaterThanOrEqual(density[i - 1]!);
        // the shades come from the rules' schedule: first session as light as the rules' first
        expect(zone.sessions[0]!.shadeNumber).toBe(ruled[z]![0]!.shadeNumber);
        expect(zone.sessions.at(-1)!.shadeNumber).toBe(ruled[z]!.at(-1)!.shadeNumber);
      });
      expect(edited.ruleOutput!.zones.map((z) => z.sessions)).toEqual(ruled);
    }
    const byHand = [
      { session: 1, densityPercent: 50, shadeNumber: 40 },
      { session: 2, densityPercent: 100, shadeNumber: 30 },
    ];
    const edited = applyPlanOverrides(plan, [
      override('sessions.count', 5),
      override('zones.0.sessions', byHand),
    ]);
    expect(edited.zones[0]!.sessions).toEqual(byHand);
    expect(edited.zones[1]?.sessions.length ?? 5).toBe(5);
  });

  it('overrides values inside lists and whole lists, citing the item’s rules', () => {
    const fillIndex = plan.zones.findIndex((z) => z.kind === 'fill');
    const edited = applyPlanOverrides(plan, [
      override(`zones.${fillIndex}.sessions.0.shadeNumber`, 40),
      override('expectedCamouflage.0.percent', 90, 'be conservative'),
      override('cautions', [{ text: 'Client bruises easily', ruleIds: ['eligibility.base'], scars: [] }]),
    ]);
    expect(edited.zones[fillIndex]!.sessions[0]!.shadeNumber).toBe(40);
    expect(edited.overrides[0]!.ruleIds).toEqual(['shade.hair.black', 'shade.base']);
    expect(edited.overrides[1]).toMatchObject({ ruleValue: 100, ruleIds: ['scar.flat.camouflage'] });
    expect(edited.cautions).toHaveLength(1);
  });
  it('builds on the overrides already on a plan, the last one winning, with the original rule output kept', () => {
    const once = applyPlanOverrides(plan, [override('touchUpYears', 3)]);
    const twice = applyPlanOverrides(once, [
      override('touchUpYears', 5),
      override('sessions.minIntervalDays', 21),
    ]);
    expect(twice.touchUpYears).toBe(5);
    expect(twice.sessions.minIntervalDays).toBe(21);
    expect(twice.overrides.map((o) => [o.path, o.value, o.ruleValue])).toEqual([
      ['touchUpYears', 3, 4],
      ['touchUpYears', 5, 4],
      ['sessions.minIntervalDays', 21, 14],
    ]);
    expect(twice.ruleOutput).toEqual(once.ruleOutput);
    expect(applyPlanOverrides(twice, [])).toEqual(twice);
  });
  it('rejects a path that is not in the plan, naming the override and the path', () => {
    expect(fieldsOf(() => applyPlanOverrides(plan, [override('sessions.total', 4)]))).toEqual([
      'overrides.0.path: noSuchPlanValue',
    ]);
    expect(fieldsOf(() => applyPlanOverrides(plan, [override('zones.7.needle', '3RL')]))).toEqual([
      'overrides.0.path: noSuchPlanValue',
    ]);
    expect(fieldsOf(() => applyPlanOverrides(plan, [override('rulesVersion', 'x')]))[0]).toBe(
      'overrides.0.path: notOverridable',
    );
    expect(fieldsOf(() => applyPlanOverrides(plan, [override('sessions..count', 4)]))[0]).toMatch(
      /^overrides\.0\.path: /,
    );
  });
  it('rejects a value that does not fit the plan schema, naming the field', () => {
    expect(fieldsOf(() => applyPlanOverrides(plan, [override('sessions.count', 'four')]))).toEqual([
      'overrides.0.value: notANumber',
    ]);
    // A count below one says so in the artist's words (the web app renders this code).
    expect(fieldsOf(() => applyPlanOverrides(plan, [override('sessions.count', -2)]))).toEqual([
      'overrides.0.value: atLeast',
    ]);
    expect(
      fieldsOf(() =>
        applyPlanOverrides(plan, [override('touchUpYears', 2), override('eligibility', 'maybe')]),
      )[0],
    ).toBe('overrides.1.value: notOneOf');
    expect(fieldsOf(() => applyPlanOverrides(plan, [override('zones.0', { kind: 'scar' })]))[0]).toBe(
      'overrides.0.value: required',
    );
  });
  it('requires a reason, who and when', () => {
    const bad = { path: 'touchUpYears', value: 3, reason: ' ', by: { id: '', name: 'A' }, at: 'yesterday' };
    const result = safeApplyPlanOverrides(plan, [bad]);
    expect(result.success).toBe(false);
    expect(result.success ? [] : result.error.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'overrides.0.at',
      'overrides.0.by.id',
      'overrides.0.reason',
    ]);
  });
});
