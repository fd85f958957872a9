import { z } from 'zod';
import { Id, IsoDate, Timestamp, UiLocale } from './common.schema.js';

export const AftercareStep = z
  .strictObject({
    /** Days after the session the step starts (0 = the day of the session). */
    fromDay: z.number().int().min(0).max(3650),
    /** Last day it applies (inclusive); null for a one-off or open-ended step. */
    untilDay: z.number().int().min(0).max(3650).nullable().default(null),
    title: z.string().trim().min(1, { message: 'required' }).max(200),
    instructions: z.string().trim().max(2000).default(''),
    /** Send the client a reminder on the step's first day. */
    remind: z.boolean().default(false),
  })
  .refine((s) => s.untilDay === null || s.untilDay >= s.fromDay, {
    message: 'notBeforeFromDay',
    path: ['untilDay'],
  });
export type AftercareStep = z.infer<typeof AftercareStep>;

export const CreateAftercareTemplateRequest = z.strictObject({
  language: UiLocale,
  name: z.string().trim().min(1, { message: 'required' }).max(200),
  steps: z.array(AftercareStep).min(1, { message: 'tooFewItems' }).max(60),
});
export type CreateAftercareTemplateRequest = z.infer<typeof CreateAftercareTemplateRequest>;

export const AftercareTemplate = z.object({
  id: Id,
  language: UiLocale,
  name: z.string(),
  version: z.number().int(),
  steps: z.array(AftercareStep),
  current: z.boolean(),
  createdAt: Timestamp,
});
export type AftercareTemplate = z.infer<typeof AftercareTemplate>;
export const AftercareTemplateList = z.object({ items: z.array(AftercareTemplate) });

export const AftercareItem = z.object({
  id: Id,
  fromDate: IsoDate,
  untilDate: IsoDate.nullable(),
  title: z.string(),
  instructions: z.string(),
  remind: z.boolean(),
});
export type AftercareItem = z.infer<typeof AftercareItem>;

export const AftercareSchedule = z.object({
  sessionId: Id,
  clientId: Id,
  language: UiLocale,
  performedOn: IsoDate,
  items: z.array(AftercareItem),
});
export type AftercareSchedule = z.infer<typeof AftercareSchedule>;

/** Turns a template's day offsets into dates after the session day (pure; shared by server and web). */
export function scheduleFromSteps(performedOn: string, steps: readonly AftercareStep[]) {
  const base = Date.parse(`${performedOn}T00:00:00Z`);
  const day = (n: number) => new Date(base + n * 86_400_000).toISOString().slice(0, 10);
  return steps.map((s, index) => ({
    index,
    fromDate: day(s.fromDay),
    untilDate: s.untilDay === null ? null : day(s.untilDay),
    title: s.title,
    instructions: s.instructions,
    remind: s.remind,
  }));
}
