// The treatment plan that governs a course: the latest saved version of the course's consultation
// plan, or, for a course opened without one, the client's most recent plan. Its decision
// (eligible, postpone, refer, not eligible) and its session targets apply to every session.
import {
  localisePlan,
  planDecisionOf,
  type Assessment,
  type CoursePlan,
  type Plan,
  type PlanDecision,
  type UiLocale,
} from '@stipple/core';
import { consultationRepository, type PlanRow } from '../consultations/consultation.repository.js';
import type { Tx } from '../db/database.js';

export async function governingPlan(
  tx: Tx,
  course: { consultationId: string | null; clientId: string },
): Promise<PlanRow | undefined> {
  return course.consultationId
    ? consultationRepository.latestPlan(tx, course.consultationId)
    : consultationRepository.latestPlanOfClient(tx, course.clientId);
}

/** The saved plan in the reader's language (its texts; the numbers are the same). */
export function planIn(row: PlanRow, locale: UiLocale): Plan {
  return localisePlan(row.plan as unknown as Plan, row.assessment as unknown as Assessment, locale);
}

export const decisionOf = (row: PlanRow): PlanDecision => planDecisionOf(row.plan as unknown as Plan);

export function toCoursePlan(row: PlanRow, locale: UiLocale): CoursePlan {
  const plan = planIn(row, locale);
  const decision = planDecisionOf(plan);
  return {
    planId: row.id,
    consultationId: row.consultationId,
    version: row.version,
    eligibility: decision.eligibility,
    earliestStartDate: decision.earliestStartDate,
    undatedWait: decision.undatedWait,
    sessionsCount: plan.sessions.count,
    minIntervalDays: plan.sessions.minIntervalDays,
  };
}
