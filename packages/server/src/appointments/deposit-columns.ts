// The deposit columns of an appointment for each state a deposit can be recorded in: the desk's
// requests and an online booking under a policy that asks one go through the same function.
import type { RecordDepositRequest } from '@stipple/core';
import type { appointment } from '../db/schema.js';

/** A deposit request without the appointment's version (an online booking has none to check). */
export type DepositChange = RecordDepositRequest extends infer R
  ? R extends RecordDepositRequest
    ? Omit<R, 'version'>
    : never
  : never;

export type DepositPatch = Pick<
  typeof appointment.$inferInsert,
  | 'depositStatus'
  | 'depositAmountMinor'
  | 'depositCurrency'
  | 'depositMethod'
  | 'depositReference'
  | 'depositReason'
  | 'depositRecordedAt'
>;

/** What the appointment keeps of a deposit request: the fields of its status, the others cleared. */
export function depositPatch(request: DepositChange, currency: string, now: Date): DepositPatch {
  switch (request.status) {
    case 'required':
      return {
        depositStatus: 'required',
        depositAmountMinor: request.amountMinor,
        depositCurrency: request.amountMinor ? currency : null,
        depositMethod: null,
        depositReference: null,
        depositReason: request.reason ?? null,
        depositRecordedAt: now,
      };
    case 'paid':
      return {
        depositStatus: 'paid',
        depositAmountMinor: request.amountMinor,
        depositCurrency: currency,
        depositMethod: request.method,
        depositReference: request.reference || null,
        depositReason: request.reason ?? null,
        depositRecordedAt: now,
      };
    case 'waived':
      return {
        depositStatus: 'waived',
        depositAmountMinor: null,
        depositCurrency: null,
        depositMethod: null,
        depositReference: null,
        depositReason: request.reason,
        depositRecordedAt: now,
      };
  }
}
