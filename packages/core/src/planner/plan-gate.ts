import type { Eligibility, Plan } from '../domain/plan.schema.js';

/*
 * Whether a treatment plan lets a session take place on a day. The server enforces it when a
 * session is booked, moved or completed; the web app asks the same question to warn before the
 * artist tries. An artist may still go ahead, with a reason that is recorded.
 *
 *   eligible       open
 *   postpone       open from the earliest start date; closed while a wait has no date
 *                  ("until the condition has resolved")
 *   refer          closed until the physician's answer is recorded (a new plan)
 *   not_eligible   closed
 */

/** The part of a plan the gate reads. */
export interface PlanDecision {
  eligibility: Eligibility;
  earliestStartDate: string | null;
  /** The text of a wait without a date, if the plan has one. */
  undatedWait: string | null;
}

export type GateVerdict =
  | { open: true }
  | { open: false; reason: 'postpone'; until: string }
  | { open: false; reason: 'postpone-undated'; waiting: string }
  | { open: false; reason: 'refer' }
  | { open: false; reason: 'not_eligible' };

export function planDecisionOf(
  plan: Pick<Plan, 'eligibility' | 'earliestStartDate' | 'waitingPeriods'>,
): PlanDecision {
  return {
    eligibility: plan.eligibility,
    earliestStartDate: plan.earliestStartDate,
    undatedWait: plan.waitingPeriods.find((w) => w.until === null)?.text ?? null,
  };
}

/** The verdict for a session on `date` (YYYY-MM-DD, the studio's calendar day). */
export function planGate(decision: PlanDecision, date: string): GateVerdict {
  switch (decision.eligibility) {
    case 'eligible':
      return { open: true };
    case 'not_eligible':
      return { open: false, reason: 'not_eligible' };
    case 'refer':
      return { open: false, reason: 'refer' };
    case 'postpone':
      if (decision.undatedWait !== null || decision.earliestStartDate === null)
        return { open: false, reason: 'postpone-undated', waiting: decision.undatedWait ?? '' };
      return date < decision.earliestStartDate
        ? { open: false, reason: 'postpone', until: decision.earliestStartDate }
        : { open: true };
  }
}

/** The first day the plan opens, or null when no date opens it (refer, not eligible, undated wait). */
export function planOpensOn(decision: PlanDecision): string | null {
  const verdict = planGate(decision, '0000-01-01');
  if (verdict.open) return '0000-01-01';
  return verdict.reason === 'postpone' ? verdict.until : null;
}
