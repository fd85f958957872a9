// The plan in a reader's language (the client's report, the artist's plan tab). The planner writes its statements from the
// texts of the rule set; a Chinese report re-runs the same rules with the texts translated (same
// conditions, same numbers, same order), then applies the artist's overrides again, so every
// statement, placeholder and rule id matches the saved English plan. Rules without a translation
// keep their English text.
import type { UiLocale } from '../domain/common.schema.js';
import type { Assessment } from '../domain/assessment.schema.js';
import type { Plan } from '../domain/plan.schema.js';
import { applyPlanOverrides } from './overrides.js';
import { planTreatment } from './plan-treatment.js';
import type { PlannerPhrases, PlannerRuleSet } from './rule.schema.js';
import { RULES_V1 } from './rules/rules.v1.js';
import {
  FACT_NAMES_ZH,
  PHRASES_ZH,
  RULE_TEXTS_ZH,
  UNKNOWN_FACTS_ZH,
  type RuleTexts,
} from './rules/rules.v1.zh-CN.js';

let zhRules: PlannerRuleSet | undefined;

/** RULES_V1 with every text that has a Chinese translation replaced by it. */
export function translatedRules(
  texts: Record<string, RuleTexts>,
  unknown: Record<string, string>,
  phrases?: PlannerPhrases,
  factNames?: Record<string, string>,
): PlannerRuleSet {
  const copy = JSON.parse(JSON.stringify(RULES_V1)) as PlannerRuleSet;
  if (phrases) copy.phrases = phrases;
  for (const rule of copy.rules) {
    const t = texts[rule.id];
    if (!t) continue;
    const e = rule.effect;
    if (t.reason && e.reason) e.reason = t.reason;
    if (t.preTreatment && e.preTreatment) e.preTreatment = t.preTreatment;
    if (t.caution && e.caution) e.caution = t.caution;
    if (t.camouflage && e.camouflage) e.camouflage.text = t.camouflage;
    if (t.aftercare && e.aftercare) e.aftercare.instruction = t.aftercare;
    if (t.note && e.zone) e.zone.note = t.note;
    if (t.until && e.wait && 'until' in e.wait) e.wait.until = t.until;
    if (t.assumption && e.assumption) e.assumption.text = t.assumption;
  }
  for (const [fact, text] of Object.entries(unknown))
    if (fact in copy.unknownFacts) copy.unknownFacts[fact] = text;
  for (const [fact, name] of Object.entries(factNames ?? {}))
    if (fact in copy.factNames) copy.factNames[fact] = name;
  return copy;
}

export function localisePlan(plan: Plan, assessment: Assessment, locale: UiLocale): Plan {
  if (locale === 'en' || plan.rulesVersion !== RULES_V1.version) return plan;
  zhRules ??= translatedRules(RULE_TEXTS_ZH, UNKNOWN_FACTS_ZH, PHRASES_ZH, FACT_NAMES_ZH);
  try {
    const ruled = planTreatment(assessment, { rules: zhRules });
    if (plan.overrides.length === 0) return ruled;
    return applyPlanOverrides(
      ruled,
      plan.overrides.map((o) => ({ path: o.path, value: o.value, reason: o.reason, by: o.by, at: o.at })),
    );
  } catch {
    // Whatever goes wrong here, the English plan the artist saved is still right.
    return plan;
  }
}
