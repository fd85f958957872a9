// The assessments the planner's tests start from (a clean one, a flat scar, every screening answer
// "no") and `plan`, which plans one with changes, checks the plan against its schema and records
// every rule it cited, so that each test file can show the rules it is about are all exercised.
import type { AssessmentInput } from '../../domain/assessment.schema.js';
import { Plan } from '../../domain/plan.schema.js';
import { planTreatment, type PlanTreatmentOptions } from '../plan-treatment.js';
import type { PlannerRuleSet } from '../rule.schema.js';
import { RULES_V1 } from '../rules/rules.v1.js';

export type ScarInput = NonNullable<AssessmentInput['scars']>[number];
export type ScreeningInput = NonNullable<AssessmentInput['screening']>;

/** Every screening question answered "no" / "never". */
export const NOTHING_TO_REPORT: ScreeningInput = {
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
export const CLEAN: AssessmentInput = {
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

export const flatScar: ScarInput = {
  cause: 'surgery',
  texture: 'flat',
  colour: 'normal',
  lengthMm: 40,
  widthMm: 3,
  ageMonths: 24,
};

/** Every rule id any plan of this test file cited, to prove each rule is exercised. */
const cited = new Set<string>();

const assumingRules = new Set(RULES_V1.rules.filter((r) => r.effect.assumption).map((r) => r.id));

/** Records the rules a plan shows as applied (an undecided rule cited by an assumption did not apply). */
export function collectIds(value: unknown): void {
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

export function plan(
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

export const decidesEligibility = new Set(
  RULES_V1.rules.filter((r) => r.effect.eligibility).map((r) => r.id),
);
/** The reasons behind the eligibility (sessions and touch-up reasons left aside). */
export const reasonIds = (p: Plan) =>
  p.reasons.map((r) => r.ruleId).filter((id) => decidesEligibility.has(id));
export const zone = (p: Plan, kind: string) => p.zones.find((z) => z.kind === kind);

/**
 * The rules of `RULES_V1` that `belongs` picks and no plan of this file has cited yet. Rules that
 * decide eligibility are the eligibility tests' to cite, all others the plan-content tests'.
 */
export function uncitedRules(belongs: (rule: PlannerRuleSet['rules'][number]) => boolean): string[] {
  return RULES_V1.rules
    .filter(belongs)
    .map((r) => r.id)
    .filter((id) => !cited.has(id));
}
