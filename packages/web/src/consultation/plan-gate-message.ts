import { planGate, type CoursePlan, type GateVerdict } from '@stipple/core';
import type { Translate } from '../forms/validation-messages.js';
import { catalogueMessage } from '../i18n/messages.js';

/** Whether the course's plan lets a session take place on `date`; open without a plan. */
export function courseGate(plan: CoursePlan | null | undefined, date: string | null): GateVerdict {
  if (!plan || !date) return { open: true };
  return planGate(
    {
      eligibility: plan.eligibility,
      earliestStartDate: plan.earliestStartDate,
      undatedWait: plan.undatedWait,
    },
    date,
  );
}

/** What a closed gate says, in the words the server uses for the same refusal. */
export function gateMessage(verdict: Exclude<GateVerdict, { open: true }>, t: Translate): string {
  switch (verdict.reason) {
    case 'postpone':
      return catalogueMessage(t, 'error.planPostponed', { date: verdict.until });
    case 'postpone-undated':
      return catalogueMessage(t, 'error.planPostponedUndated', { until: verdict.waiting });
    case 'refer':
      return catalogueMessage(t, 'error.planReferred');
    case 'not_eligible':
      return catalogueMessage(t, 'error.planNotEligible');
  }
}
