import { z } from 'zod';
import { Assessment } from '../domain/assessment.schema.js';
import { Plan, PlanOverride } from '../domain/plan.schema.js';

/** JSON Schema (draft 2020-12) of an assessment file as written by hand or sent to the API. */
export function assessmentJsonSchema(): Record<string, unknown> {
  return { title: 'Stipple assessment', ...z.toJSONSchema(Assessment, { io: 'input' }) };
}

/** JSON Schema (draft 2020-12) of a plan as `planTreatment` / `applyPlanOverrides` return it. */
export function planJsonSchema(): Record<string, unknown> {
  return { title: 'Stipple treatment plan', ...z.toJSONSchema(Plan, { io: 'output' }) };
}

/** JSON Schema (draft 2020-12) of one artist override of a plan value. */
export function planOverrideJsonSchema(): Record<string, unknown> {
  return { title: 'Stipple plan override', ...z.toJSONSchema(PlanOverride, { io: 'input' }) };
}
