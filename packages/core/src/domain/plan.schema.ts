import { z } from 'zod';
import { IsoDate, Timestamp } from './common.schema.js';

/*
 * The treatment plan the planner makes from an assessment. Every statement cites the rules that
 * produced it: list items carry `ruleIds` (reasons a single `ruleId`), and every plain value
 * (eligibility, dates, counts, each zone's numbers) has its rule ids in `citations`, keyed by the
 * value's dotted path (e.g. `sessions.count`, `zones.0.sessions.1.shadeNumber`). An artist's
 * override keeps the rule output beside it (`ruleOutput`, `overrides`).
 */

export const ELIGIBILITIES = ['eligible', 'postpone', 'refer', 'not_eligible'] as const;
export const Eligibility = z.enum(ELIGIBILITIES);
export type Eligibility = z.infer<typeof Eligibility>;

/** Worse outcomes win when several rules apply: not_eligible > refer > postpone > eligible. */
export const ELIGIBILITY_SEVERITY: Readonly<Record<Eligibility, number>> = {
  eligible: 0,
  postpone: 1,
  refer: 2,
  not_eligible: 3,
};

export const RuleId = z.string().regex(/^[a-z0-9]+([.-][a-z0-9]+)*$/, { message: 'wrongFormat' });
export const RuleIds = z.array(RuleId).min(1, { message: 'tooFewItems' });

const Text = z.string().min(1).max(2000);
const ScarRef = z.string().min(1).max(64);

export const PlanReason = z.strictObject({ ruleId: RuleId, text: Text, scar: ScarRef.optional() });

export const PlanWaitingPeriod = z.strictObject({
  until: IsoDate.nullable().describe('null = until a condition without a date is met'),
  text: Text,
  ruleIds: RuleIds,
  scar: ScarRef.optional(),
});

export const PlanStatement = z.strictObject({
  text: Text,
  ruleIds: RuleIds,
  scars: z.array(ScarRef).describe('the scars it concerns; empty = the whole plan'),
});

export const PlanAssumption = z.strictObject({
  fact: z.string().min(1).describe('the assessment fact that was not known, e.g. screening.pregnant'),
  scar: ScarRef.optional(),
  text: Text,
  ruleIds: RuleIds.describe('the rules that could not be decided without it'),
});

export const AFTERCARE_KINDS = ['prepare', 'avoid', 'do'] as const;
export const PlanAftercareStep = z.strictObject({
  fromDay: z
    .int()
    .min(-30)
    .max(3650)
    .describe('days after each session (0 = the session day; negative = before)'),
  toDay: z.int().min(-30).max(3650).nullable().describe('last day, inclusive; null = from then on'),
  kind: z.enum(AFTERCARE_KINDS),
  instruction: Text,
  ruleIds: RuleIds,
});

export const CAMOUFLAGE_QUALIFIERS = ['up-to', 'about', 'at-most', 'not-treated'] as const;
export const PlanCamouflage = z.strictObject({
  scar: ScarRef,
  percent: z.int().min(0).max(100),
  qualifier: z.enum(CAMOUFLAGE_QUALIFIERS),
  text: Text,
  ruleIds: RuleIds,
});

export const PLAN_ZONE_KINDS = ['scar', 'fill', 'hairline'] as const;
export const PlanZoneKind = z.enum(PLAN_ZONE_KINDS);
export type PlanZoneKind = z.infer<typeof PlanZoneKind>;

export const PLAN_NEEDLES = ['1RL', '3RL', '5RL', '7RL'] as const;
export const PlanNeedle = z.enum(PLAN_NEEDLES);

export const PlanZoneSession = z.strictObject({
  session: z.int().min(1),
  densityPercent: z.number().min(0).max(100).describe('share of the target density placed by the end of it'),
  shadeNumber: z
    .int()
    .min(1)
    .max(100)
    .describe('pigment dilution on the numbered shade scale: lower = darker, 60 = lightest (more water)'),
});

export const PlanZone = z.strictObject({
  kind: PlanZoneKind,
  scars: z.array(ScarRef).describe('scars inside a scar zone'),
  targetDensityPerCm2: z.number().positive().max(400).describe('impressions per cm² at 100%'),
  dotSizeMm: z.number().positive().max(2).describe('visible dot diameter once healed'),
  needle: PlanNeedle,
  needleDiameterMm: z.number().positive().max(1),
  transitionWidthMm: z.number().positive().max(50).nullable().describe('soft graded edge (hairline)'),
  sessions: z.array(PlanZoneSession).min(1),
  notes: z.array(z.strictObject({ text: Text, ruleIds: RuleIds })),
  ruleIds: RuleIds.describe('the rules that called for the zone'),
});
export type PlanZone = z.infer<typeof PlanZone>;

export const PlanSessions = z.strictObject({
  count: z.int().min(1).max(20),
  minIntervalDays: z.int().min(1).max(365),
  hoursPerSession: z.number().positive().max(12),
});

/** What the rules produce (also kept unchanged as `ruleOutput` once an artist overrides a value). */
export const PlanBody = z.strictObject({
  rulesVersion: z.string().min(1),
  consultationDate: IsoDate,
  eligibility: Eligibility,
  earliestStartDate: IsoDate.nullable().describe('first day a session may take place; null = not eligible'),
  reasons: z.array(PlanReason),
  waitingPeriods: z.array(PlanWaitingPeriod),
  preTreatments: z.array(PlanStatement),
  sessions: PlanSessions,
  zones: z.array(PlanZone),
  expectedCamouflage: z.array(PlanCamouflage),
  touchUpYears: z.number().positive().max(20),
  aftercare: z.array(PlanAftercareStep),
  cautions: z.array(PlanStatement),
  assumptions: z.array(PlanAssumption),
  citations: z.record(z.string(), RuleIds).describe('rule ids behind each plain value, by dotted path'),
});
export type PlanBody = z.infer<typeof PlanBody>;

/** An artist's change to one value of the plan, with the reason and who made it. */
export const PlanOverride = z.strictObject({
  path: z.string().regex(/^[a-zA-Z]+(\.([a-zA-Z][a-zA-Z0-9]*|\d+))*$/, {
    message: 'planPath',
  }),
  value: z.json(),
  reason: z.string().trim().min(1, { message: 'required' }).max(2000),
  by: z.strictObject({ id: z.string().min(1).max(200), name: z.string().trim().min(1).max(200) }),
  at: Timestamp,
});
export type PlanOverride = z.infer<typeof PlanOverride>;
export type PlanOverrideInput = z.input<typeof PlanOverride>;

export const AppliedPlanOverride = PlanOverride.extend({
  ruleValue: z.json().describe('what the rules had produced at this path'),
  ruleIds: z.array(RuleId).describe('the rules behind ruleValue'),
});
export type AppliedPlanOverride = z.infer<typeof AppliedPlanOverride>;

export const Plan = PlanBody.extend({
  overrides: z.array(AppliedPlanOverride).describe('the artist edits in the order made; the last one wins'),
  ruleOutput: PlanBody.optional().describe('the plan as the rules made it, present once overridden'),
});
export type Plan = z.infer<typeof Plan>;
