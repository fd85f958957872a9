import { z } from 'zod';
import {
  AFTERCARE_KINDS,
  CAMOUFLAGE_QUALIFIERS,
  Eligibility,
  PlanNeedle,
  PlanZoneKind,
  RuleId,
} from '../domain/plan.schema.js';
import { FactPath, RuleCondition } from './condition.js';

/*
 * The shape of a rule set. Rules are data: an id, a condition in the small language of
 * condition.ts, an effect made of the optional parts below, and the source in domain.md.
 *
 * Texts may use placeholders: {scar} (the scar's plan id), {date} (the date a `wait` ends)
 * and {<fact path>} (the fact's value, e.g. {scar.ageMonths}).
 *
 * How effects of several rules combine:
 *   eligibility       the worst wins (not_eligible > refer > postpone > eligible)
 *   wait              every wait is listed; the latest dated one sets earliestStartDate
 *   sessions          count = the largest `atLeast` + each distinct rule's `add`;
 *                     minIntervalDays = the largest; hoursPerSession = the last rule's
 *   zone              `include` makes the zone part of the plan; values: the last rule wins
 *                     (rules are applied in file order, so specific rules come after general ones)
 *   shade             target / sessionSteps / lightest: the last rule wins; lighterBy adds up
 *   camouflage        per scar, the lowest percent wins
 *   touchUpYears      the shortest wins
 *   the rest          listed once per rule (and per distinct text)
 */

const Text = z.string().min(1).max(2000);

/** A duration counted from an event the assessment records, or from the consultation. */
export const WaitEffect = z.union([
  z
    .strictObject({
      after: FactPath.describe('consultation, scar.ageMonths, or a screening elapsed-time fact'),
      months: z.int().min(1).max(120).optional(),
      days: z.int().min(1).max(3650).optional(),
    })
    .refine((w) => (w.months === undefined) !== (w.days === undefined), {
      message: 'give either months or days',
    }),
  z.strictObject({ until: Text.describe('a condition without a date, e.g. "the condition has resolved"') }),
]);
export type WaitEffect = z.infer<typeof WaitEffect>;

export const ZoneEffect = z.strictObject({
  kind: z.union([PlanZoneKind, z.literal('all')]),
  include: z.literal(true).optional(),
  targetDensityPerCm2: z.number().positive().max(400).optional(),
  dotSizeMm: z.number().positive().max(2).optional(),
  needle: PlanNeedle.optional(),
  needleDiameterMm: z.number().positive().max(1).optional(),
  transitionWidthMm: z.number().positive().max(50).nullable().optional(),
  densityPercentBySession: z.array(z.number().min(0).max(100)).min(1).optional(),
  note: Text.optional(),
});
export type ZoneEffect = z.infer<typeof ZoneEffect>;

/** The zone values a plan must have, each set by the last rule that gives it. */
export const ZONE_VALUE_FIELDS = [
  'targetDensityPerCm2',
  'dotSizeMm',
  'needle',
  'needleDiameterMm',
  'transitionWidthMm',
] as const satisfies readonly (keyof ZoneEffect)[];
export type ZoneValueField = (typeof ZONE_VALUE_FIELDS)[number];

export const RuleEffect = z.strictObject({
  eligibility: Eligibility.optional(),
  reason: Text.optional(),
  wait: WaitEffect.optional(),
  preTreatment: Text.optional(),
  sessions: z
    .strictObject({
      atLeast: z.int().min(1).max(20).optional(),
      add: z.int().min(1).max(5).optional(),
      minIntervalDays: z.int().min(1).max(365).optional(),
      hoursPerSession: z.number().positive().max(12).optional(),
    })
    .optional(),
  zone: ZoneEffect.optional(),
  shade: z
    .strictObject({
      target: z.int().min(1).max(100).optional(),
      lighterBy: z.int().min(-30).max(30).optional(),
      sessionSteps: z.array(z.int().min(0).max(50)).min(1).optional(),
      lightest: z.int().min(1).max(100).optional(),
    })
    .optional(),
  camouflage: z
    .strictObject({
      percent: z.int().min(0).max(100),
      qualifier: z.enum(CAMOUFLAGE_QUALIFIERS),
      text: Text,
    })
    .optional(),
  touchUpYears: z.number().positive().max(20).optional(),
  aftercare: z
    .strictObject({
      fromDay: z.int().min(-30).max(3650),
      toDay: z.int().min(-30).max(3650).nullable(),
      kind: z.enum(AFTERCARE_KINDS),
      instruction: Text,
    })
    .optional(),
  caution: Text.optional(),
  assumption: z.strictObject({ fact: FactPath, text: Text }).optional(),
});
export type RuleEffect = z.infer<typeof RuleEffect>;

export const PlannerRule = z.strictObject({
  id: RuleId,
  description: Text,
  /** `scar`: evaluated once per scar, with `scar.*` facts bound to it. */
  scope: z.enum(['assessment', 'scar']).optional(),
  condition: RuleCondition,
  effect: RuleEffect,
  source: Text.describe('where the rule comes from: domain.md section and the source named there'),
});
export type PlannerRule = z.infer<typeof PlannerRule>;

/** The planner's own words round the rules' texts, so that a translated rule set reads whole. */
export const PlannerPhrases = z.strictObject({
  /** {scar} when a statement concerns no particular scar. */
  theScar: Text,
  /** {scar} for a scar named by its place in the assessment (id `scar-2`): "scar 2", with {n}. */
  scarNumbered: Text,
  /** {date} of a wait whose end is not known yet. */
  dateToBeSet: Text,
  /** A fact placeholder whose fact was left out, or is recorded as none. */
  unknownValue: Text,
  noneValue: Text,
  /** An assumption, with {fact} (its name in factNames) and {assumed} (its unknownFacts text). */
  notKnown: Text,
  /** What is assumed of a fact the rule set has no unknownFacts text for, with {rule}. */
  notApplied: Text,
  /**
   * A statement about one scar, with {scar} and {text}: "scar 2: …", "疤痕 2：…" (the colon is the
   * language's own). Optional for rule sets written before it: the English form is assumed.
   */
  aboutScar: Text.optional(),
});
export type PlannerPhrases = z.infer<typeof PlannerPhrases>;

export const DEFAULT_PLANNER_PHRASES: PlannerPhrases = {
  theScar: 'the scar',
  scarNumbered: 'scar {n}',
  dateToBeSet: 'a date still to be set',
  unknownValue: 'unknown',
  noneValue: 'none',
  notKnown: '{fact} not known: {assumed}.',
  notApplied: 'the rules that read it ({rule}) were not applied',
  aboutScar: '{scar}: {text}',
};

export const PlannerRuleSet = z.strictObject({
  version: z.string().min(1).max(100),
  /** For each fact a rule reads: what the plan assumes when it was left out, and what to ask. */
  unknownFacts: z.record(FactPath, Text),
  /** What each fact of unknownFacts is called for a reader ("Hair density around the scar"). */
  factNames: z.record(FactPath, Text).default({}),
  /** The planner's phrases in the language of the texts (English when left out). */
  phrases: PlannerPhrases.partial().optional(),
  rules: z.array(PlannerRule).min(1),
});
export type PlannerRuleSet = z.infer<typeof PlannerRuleSet>;
export type PlannerRuleSetInput = z.input<typeof PlannerRuleSet>;
