import { z } from 'zod';
import { Assessment, HairLossRecord, TreatmentGoal } from './assessment.schema.js';
import { Id, IsoDate, PageQuery, Timestamp, pageOf } from './common.schema.js';
import { Eligibility, Plan, PlanOverride } from './plan.schema.js';

/*
 * Consultations and their saved plans, as the API stores and returns them. A consultation belongs
 * to a client and holds one assessment (validated by the planner's own `Assessment` schema); each
 * "save" of its plan is a new, immutable version that keeps the rule output, the artist's
 * overrides with their reasons, who saved it and the assessment it was made from.
 */

/**
 * The assessment as stored and returned: what `Assessment` parses to (Fitzpatrick as a number,
 * goals as a list). Answers use it because a schema with transforms cannot serialise them.
 */
export const AssessmentRecord = z.strictObject({
  ...Assessment.shape,
  fitzpatrick: z.int().min(1).max(6).optional(),
  hairLoss: HairLossRecord.optional(),
  goal: z.array(TreatmentGoal).optional(),
});
export type AssessmentRecord = z.infer<typeof AssessmentRecord>;

/** A staff member as records name them. */
export const StaffRef = z.object({ id: Id, name: z.string() });
export type StaffRef = z.infer<typeof StaffRef>;

export const CreateConsultationRequest = z.strictObject({
  artistId: Id.optional().describe('the owner or artist who holds it; the signed-in one by default'),
  assessment: Assessment.describe('at least { "consultationDate": "YYYY-MM-DD" }; the rest may follow later'),
});
export type CreateConsultationRequest = z.infer<typeof CreateConsultationRequest>;
export type CreateConsultationInput = z.input<typeof CreateConsultationRequest>;

export const UpdateConsultationRequest = z.strictObject({
  artistId: Id.optional(),
  assessment: Assessment,
  version: z.int().min(1).describe('the version you read: 409 when someone saved in between'),
});
export type UpdateConsultationRequest = z.infer<typeof UpdateConsultationRequest>;
export type UpdateConsultationInput = z.input<typeof UpdateConsultationRequest>;

/** What a list shows of one saved plan version. */
export const PlanVersionSummary = z.object({
  id: Id,
  consultationId: Id,
  version: z.int().min(1),
  rulesVersion: z.string(),
  eligibility: Eligibility,
  earliestStartDate: IsoDate.nullable(),
  sessionsCount: z.int(),
  minIntervalDays: z.int(),
  overrideCount: z.int(),
  /** The consultation version (assessment) the plan was made from. */
  assessmentVersion: z.int(),
  /** True when the assessment changed after this plan was made. */
  stale: z.boolean(),
  createdBy: StaffRef.nullable(),
  createdAt: Timestamp,
});
export type PlanVersionSummary = z.infer<typeof PlanVersionSummary>;

export const PlanVersion = PlanVersionSummary.extend({
  clientId: Id,
  plan: Plan,
  assessment: AssessmentRecord.describe('the assessment as it was when the plan was made'),
});
export type PlanVersion = z.infer<typeof PlanVersion>;

export const PlanVersionList = z.object({ items: z.array(PlanVersionSummary) });
export type PlanVersionList = z.infer<typeof PlanVersionList>;

export const Consultation = z.object({
  id: Id,
  clientId: Id,
  clientName: z.string(),
  consultationDate: IsoDate,
  artist: StaffRef,
  assessment: AssessmentRecord,
  version: z.int().min(1),
  latestPlan: PlanVersionSummary.nullable(),
  createdBy: StaffRef.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Consultation = z.infer<typeof Consultation>;

/** One row of a consultation list (no assessment details). */
export const ConsultationListItem = z.object({
  id: Id,
  clientId: Id,
  clientName: z.string(),
  consultationDate: IsoDate,
  artist: StaffRef,
  scarCount: z.int().nullable(),
  latestPlan: PlanVersionSummary.nullable(),
  updatedAt: Timestamp,
});
export type ConsultationListItem = z.infer<typeof ConsultationListItem>;

export const ConsultationList = z.object({ items: z.array(ConsultationListItem) });
export type ConsultationList = z.infer<typeof ConsultationList>;

export const ConsultationPageQuery = PageQuery;
export const ConsultationPage = pageOf(ConsultationListItem);
export type ConsultationPage = z.infer<typeof ConsultationPage>;

/** One artist's change as the web app sends it; the server adds who and when. */
export const PlanOverrideRequest = z.strictObject({
  path: PlanOverride.shape.path,
  value: z.json(),
  reason: PlanOverride.shape.reason,
});
export type PlanOverrideRequest = z.infer<typeof PlanOverrideRequest>;

export const SavePlanRequest = z.strictObject({
  overrides: z
    .array(PlanOverrideRequest)
    .max(200)
    .default([])
    .describe(
      'every override the plan should carry; one identical to the previous version keeps its author and time',
    ),
  basedOnVersion: z
    .int()
    .min(0)
    .describe('the plan version you edited (0 for the first plan): 409 when a newer one was saved'),
});
export type SavePlanRequest = z.infer<typeof SavePlanRequest>;
export type SavePlanInput = z.input<typeof SavePlanRequest>;
