export { planTreatment, type PlanTreatmentOptions } from './plan-treatment.js';
export { applyPlanOverrides, safeApplyPlanOverrides } from './overrides.js';
export { assessmentJsonSchema, planJsonSchema, planOverrideJsonSchema } from './json-schema.js';
export { checkRuleSet } from './rule-set.check.js';
export { RULES_V1 } from './rules/rules.v1.js';
export {
  DEFAULT_PLANNER_PHRASES,
  PlannerPhrases,
  PlannerRule,
  PlannerRuleSet,
  RuleEffect,
  type PlannerRuleSetInput,
} from './rule.schema.js';
export { RuleCondition } from './condition.js';
export { localisePlan } from './localise-plan.js';
export { planDecisionOf, planGate, planOpensOn, type GateVerdict, type PlanDecision } from './plan-gate.js';
export {
  proposeSessions,
  workingSlotsOn,
  type ArtistWeek,
  type ProposedSession,
  type ScheduleRequest,
  type ScheduleResult,
} from './session-schedule.js';
export { ruleDescription, ruleSources } from './rule-card.js';
export { planValueMessage, scarDisplayName } from './plan-value-name.js';
export { ageOn, daysBetween } from './calendar.js';
export {
  STUDIO_RETENTION_MIN_CASES,
  type MeasuredRetention,
  type OutcomeFactsInput,
  type StudioRetention as StudioRetentionFigure,
} from './outcome-facts.js';
