import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ANCESTRIES,
  HAIR_COLOURS,
  LUDWIG_STAGES,
  NORWOOD_STAGES,
  SAVIN_STAGES,
  SCAR_CAUSES,
  SCAR_COLOURS,
  SCAR_TEXTURES,
  SCREENING_EVENTS,
  SCREENING_YES_NO,
  TREATMENT_GOALS,
  HAIR_LOSS_TYPES,
  type AssessmentInput,
} from '../domain/assessment.schema.js';
import { ELIGIBILITY_SEVERITY, Plan } from '../domain/plan.schema.js';
import { addDays, addMonths } from './calendar.js';
import { planTreatment } from './plan-treatment.js';
import { RULES_V1 } from './rules/rules.v1.js';

const BOOLEAN_QUESTIONS = SCREENING_YES_NO;

/** Mostly "no", sometimes "yes", sometimes left out. */
const answer = fc.option(
  fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  {
    nil: undefined,
    freq: 4,
  },
);
const elapsed = (max: number) =>
  fc.option(fc.oneof(fc.constant(null), fc.integer({ min: 0, max })), { nil: undefined, freq: 4 });

const isoDate = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const scar = fc.record(
  {
    id: fc.constantFrom('strip', 'crown', 'dots'),
    cause: fc.constantFrom(...SCAR_CAUSES),
    texture: fc.constantFrom(...SCAR_TEXTURES),
    colour: fc.constantFrom(...SCAR_COLOURS),
    lengthMm: fc.integer({ min: 1, max: 3000 }).map((n) => n / 10),
    widthMm: fc.integer({ min: 1, max: 300 }).map((n) => n / 10),
    ageMonths: fc.integer({ min: 0, max: 60 }),
    count: fc.integer({ min: 1, max: 3000 }),
    surroundingHairDensityPerCm2: fc.integer({ min: 0, max: 300 }),
  },
  { requiredKeys: ['cause', 'texture'] },
);

const hairLoss = fc.oneof(
  fc.record(
    {
      scale: fc.constant('norwood' as const),
      stage: fc.constantFrom(...NORWOOD_STAGES),
      type: fc.constantFrom(...HAIR_LOSS_TYPES),
    },
    { requiredKeys: ['scale', 'stage'] },
  ),
  fc.record(
    {
      scale: fc.constant('ludwig' as const),
      stage: fc.constantFrom(...LUDWIG_STAGES),
      type: fc.constantFrom(...HAIR_LOSS_TYPES),
    },
    { requiredKeys: ['scale', 'stage'] },
  ),
  fc.record(
    {
      scale: fc.constant('savin' as const),
      stage: fc.constantFrom(...SAVIN_STAGES),
      type: fc.constantFrom(...HAIR_LOSS_TYPES),
    },
    { requiredKeys: ['scale', 'stage'] },
  ),
  fc.constant({ scale: 'none' as const }),
);

const screening = fc.record({
  ...Object.fromEntries(BOOLEAN_QUESTIONS.map((q) => [q, answer])),
  isotretinoinMonthsAgo: elapsed(12),
  chemotherapyMonthsAgo: elapsed(24),
  laserRemovalDaysAgo: elapsed(200),
  monthsSinceHairTransplant: elapsed(18),
  monthsSinceScalpSurgery: elapsed(24),
});

/** Assessments as a consultation could record them, with any field left out. */
const assessment: fc.Arbitrary<AssessmentInput> = fc
  .record(
    {
      consultationDate: isoDate,
      ageYears: fc.integer({ min: 14, max: 90 }),
      fitzpatrick: fc.oneof(
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom('I', 'II', 'III', 'IV', 'V', 'VI' as const),
      ),
      hairLoss,
      hairColour: fc.constantFrom(...HAIR_COLOURS),
      ancestry: fc.constantFrom(...ANCESTRIES),
      goal: fc.oneof(
        fc.constantFrom(...TREATMENT_GOALS),
        fc.subarray([...TREATMENT_GOALS], { minLength: 1 }),
      ),
      scars: fc
        .array(scar, { maxLength: 4 })
        // Ids must be unique: a repeated one is dropped, so that scar is named by its position.
        .map((scars) =>
          scars.map((s, i) => (scars.findIndex((o) => o.id === s.id) === i ? s : { ...s, id: undefined })),
        ),
      screening: screening,
      useDates: fc.boolean(),
    },
    { requiredKeys: ['consultationDate', 'useDates'] },
  )
  .map(({ useDates, ...a }) => {
    if (!useDates) return a;
    // The same facts written as dates: exercises the date arithmetic of every wait.
    const s: Record<string, unknown> = { ...(a.screening ?? {}) };
    for (const e of SCREENING_EVENTS) {
      const n = s[e.elapsed] as number | null | undefined;
      if (n === undefined) continue;
      delete s[e.elapsed];
      s[e.date] =
        n === null
          ? null
          : e.unit === 'months'
            ? addMonths(a.consultationDate, -n)
            : addDays(a.consultationDate, -n);
    }
    const scars = a.scars?.map(({ ageMonths, ...rest }) =>
      ageMonths === undefined ? rest : { ...rest, date: addMonths(a.consultationDate, -ageMonths) },
    );
    return { ...a, screening: s, ...(scars ? { scars } : {}) };
  });

const ruleById = new Map(RULES_V1.rules.map((r) => [r.id, r]));

/** Every leaf of the plan's statements, with its dotted path. */
function leaves(value: unknown, path: string[] = []): string[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, String(i)]));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  }
  return [path];
}

function isCited(plan: Plan, path: string[]): boolean {
  for (let n = path.length; n > 0; n -= 1) {
    const prefix = path.slice(0, n);
    if (plan.citations[prefix.join('.')]) return true;
    const node = prefix.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], plan);
    if (node && typeof node === 'object' && !Array.isArray(node) && ('ruleIds' in node || 'ruleId' in node))
      return true;
  }
  return false;
}

describe('planTreatment over generated assessments', () => {
  it('returns a valid plan in which every statement cites rules that exist', () => {
    fc.assert(
      fc.property(assessment, (input) => {
        const plan = planTreatment(input);
        Plan.parse(plan);
        const { rulesVersion: _v, consultationDate: _c, citations, overrides: _o, ...statements } = plan;
        const paths = leaves(statements);
        const isId = (p: string[]) => p.at(-2) === 'ruleIds' || p.at(-1) === 'ruleId';
        for (const path of paths) {
          if (!isId(path)) expect(isCited(plan, path), `${path.join('.')} has no citation`).toBe(true);
        }
        const ids = [
          ...Object.values(citations).flat(),
          ...paths
            .filter(isId)
            .map((p) => p.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], statements)),
        ];
        for (const id of ids) expect(ruleById.has(id as string), `${String(id)} is not a rule`).toBe(true);
        const dotted = paths.map((p) => `${p.join('.')}.`);
        for (const key of Object.keys(citations)) {
          expect(
            dotted.some((p) => p.startsWith(`${key}.`)),
            `citation ${key} points nowhere`,
          ).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is pure and deterministic: the same answer twice, and the input left untouched', () => {
    fc.assert(
      fc.property(assessment, (input) => {
        const before = JSON.stringify(input);
        expect(planTreatment(input)).toEqual(planTreatment(input));
        expect(JSON.stringify(input)).toBe(before);
      }),
      { numRuns: 50 },
    );
  });

  it('keeps its promises: worst eligibility, dates, sessions that build up, one estimate per scar', () => {
    fc.assert(
      fc.property(assessment, (input) => {
        const plan = planTreatment(input);
        const severities = plan.citations.eligibility!.map((id) => ruleById.get(id)!.effect.eligibility!);
        expect(new Set(severities)).toEqual(new Set([plan.eligibility]));
        for (const r of plan.reasons) {
          const e = ruleById.get(r.ruleId)!.effect.eligibility;
          if (e) expect(ELIGIBILITY_SEVERITY[e]).toBeLessThanOrEqual(ELIGIBILITY_SEVERITY[plan.eligibility]);
        }
        expect(plan.earliestStartDate === null).toBe(plan.eligibility === 'not_eligible');
        if (plan.earliestStartDate) {
          expect(plan.earliestStartDate >= plan.consultationDate).toBe(true);
          for (const w of plan.waitingPeriods)
            if (w.until) expect(w.until <= plan.earliestStartDate).toBe(true);
        }
        const scars = input.scars ?? [];
        expect(plan.sessions.count).toBeGreaterThanOrEqual(scars.length ? 4 : 3);
        expect(plan.sessions.minIntervalDays).toBe(14);
        for (const z of plan.zones) {
          expect(z.sessions.map((s) => s.session)).toEqual(
            Array.from({ length: plan.sessions.count }, (_, i) => i + 1),
          );
          for (let i = 1; i < z.sessions.length; i += 1) {
            expect(z.sessions[i]!.densityPercent).toBeGreaterThanOrEqual(z.sessions[i - 1]!.densityPercent);
            expect(z.sessions[i]!.shadeNumber).toBeLessThanOrEqual(z.sessions[i - 1]!.shadeNumber);
          }
        }
        expect(plan.expectedCamouflage.map((c) => c.scar)).toEqual(
          scars.map((s, i) => s.id ?? `scar-${i + 1}`),
        );
        scars.forEach((s, i) => {
          const estimate = plan.expectedCamouflage[i]!.percent;
          if (s.texture === 'keloid') expect(estimate).toBe(0);
          if (s.texture === 'atrophic') expect(estimate).toBeLessThanOrEqual(50);
          if (s.texture === 'raised') expect(estimate).toBeLessThanOrEqual(80);
        });
        if ((input.ageYears ?? 99) < 18) expect(plan.eligibility).toBe('not_eligible');
      }),
      { numRuns: 300 },
    );
  });

  it('assumes what it says: answering every unknown screening question "no" changes nothing but the assumptions', () => {
    fc.assert(
      fc.property(assessment, (input) => {
        const s: Record<string, unknown> = { ...(input.screening ?? {}) };
        for (const q of BOOLEAN_QUESTIONS) s[q] ??= false;
        for (const e of SCREENING_EVENTS)
          if (s[e.elapsed] === undefined && s[e.date] === undefined) s[e.elapsed] = null;
        const asked = planTreatment({ ...input, screening: s });
        const assumed = planTreatment(input);
        expect({ ...asked, assumptions: [] }).toEqual({ ...assumed, assumptions: [] });
        expect(asked.assumptions.every((a) => !a.fact.startsWith('screening.'))).toBe(true);
        expect(assumed.assumptions.length).toBeGreaterThanOrEqual(asked.assumptions.length);
      }),
      { numRuns: 200 },
    );
  });
});
