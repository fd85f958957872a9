import { z } from 'zod';
import { Screening } from './assessment.schema.js';
import { Id, Timestamp } from './common.schema.js';

/**
 * A client's answers to the medical screening, given from home before a consultation. They count
 * once the artist accepted them (then they are the consultation's screening); a later submission
 * replaces an earlier one that was not accepted yet.
 */
export const INTAKE_STATUSES = ['submitted', 'accepted', 'superseded'] as const;
export const IntakeStatus = z.enum(INTAKE_STATUSES);
export type IntakeStatus = z.infer<typeof IntakeStatus>;

export const SubmitIntakeRequest = z.strictObject({
  screening: Screening,
  notes: z.string().trim().max(4000).default(''),
});
export type SubmitIntakeRequest = z.infer<typeof SubmitIntakeRequest>;
export type SubmitIntakeInput = z.input<typeof SubmitIntakeRequest>;

/** One screening answer that differs from what the studio had (null: not known before / now). */
export const IntakeChange = z.object({
  field: z.string(),
  before: z.union([z.boolean(), z.number(), z.string(), z.null()]),
  after: z.union([z.boolean(), z.number(), z.string(), z.null()]),
});
export type IntakeChange = z.infer<typeof IntakeChange>;

export const Intake = z.object({
  id: Id,
  clientId: Id,
  appointmentId: Id,
  status: IntakeStatus,
  screening: Screening,
  notes: z.string(),
  submittedAt: Timestamp,
  reviewedAt: Timestamp.nullable(),
  reviewedBy: z.object({ id: Id, name: z.string() }).nullable(),
  consultationId: Id.nullable(),
  /** Against the screening the studio had before (the last accepted one); empty for a first one. */
  changes: z.array(IntakeChange),
  /** Whether there was anything before to compare with. */
  hadEarlier: z.boolean(),
});
export type Intake = z.infer<typeof Intake>;
export const IntakeList = z.object({ items: z.array(Intake) });
export type IntakeList = z.infer<typeof IntakeList>;
