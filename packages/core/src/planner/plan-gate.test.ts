import { describe, expect, it } from 'vitest';
import { planTreatment } from './plan-treatment.js';
import { planDecisionOf, planGate, planOpensOn } from './plan-gate.js';

const plan = (assessment: Record<string, unknown>) =>
  planTreatment({ consultationDate: '2026-12-01', ...assessment });

describe('planGate', () => {
  it('opens an eligible plan on any day', () => {
    const d = planDecisionOf(plan({ screening: { anticoagulants: false } }));
    expect(d.eligibility).toBe('eligible');
    expect(planGate(d, '2026-11-01')).toEqual({ open: true });
    expect(planOpensOn(d)).toBe('0000-01-01');
  });

  it('keeps a postponed plan closed until its date', () => {
    const p = plan({ scars: [{ cause: 'surgery', texture: 'flat', ageMonths: 3 }] });
    const d = planDecisionOf(p);
    expect(d.eligibility).toBe('postpone');
    const until = d.earliestStartDate!;
    expect(until > '2026-12-01').toBe(true);
    const dayBefore = new Date(Date.parse(`${until}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect(planGate(d, dayBefore)).toEqual({ open: false, reason: 'postpone', until });
    expect(planGate(d, until)).toEqual({ open: true });
    expect(planOpensOn(d)).toBe(until);
  });

  it('keeps a wait without a date closed, quoting it', () => {
    const d = planDecisionOf(plan({ screening: { activeScalpCondition: true } }));
    expect(d.eligibility).toBe('postpone');
    const verdict = planGate(d, '2030-01-01');
    expect(verdict).toMatchObject({ open: false, reason: 'postpone-undated' });
    expect(verdict.open === false && verdict.reason === 'postpone-undated' && verdict.waiting).toBeTruthy();
    expect(planOpensOn(d)).toBeNull();
  });

  it('keeps a referral and a refusal closed on every day', () => {
    const refer = planDecisionOf(plan({ screening: { anticoagulants: true } }));
    expect(refer.eligibility).toBe('refer');
    expect(planGate(refer, '2099-01-01')).toEqual({ open: false, reason: 'refer' });
    const never = planDecisionOf(plan({ screening: { keloidHistory: true } }));
    expect(planGate(never, '2099-01-01')).toEqual({ open: false, reason: 'not_eligible' });
    expect(planOpensOn(never)).toBeNull();
  });
});
