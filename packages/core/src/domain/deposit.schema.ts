// Deposits and no-shows, as the desk records them. No payment provider is reachable from a studio's
// machine today, so a payment is recorded by hand (cash, the studio's own card terminal, a bank
// transfer) with the terminal's or bank's reference; a provider would add its own method and fill
// the reference from its webhook, through the same request.
import { z } from 'zod';
import { OverrideReason, Timestamp } from './common.schema.js';

/** `none`: no deposit asked; `required`: asked and not paid yet; `paid`; `waived` with a reason. */
export const DEPOSIT_STATUSES = ['none', 'required', 'paid', 'waived'] as const;
export const DepositStatus = z.enum(DEPOSIT_STATUSES);
export type DepositStatus = z.infer<typeof DepositStatus>;

/** How a deposit was paid: by hand at the desk, the only ways there are without a provider. */
export const DEPOSIT_METHODS = ['cash', 'card_terminal', 'bank_transfer'] as const;
export const DepositMethod = z.enum(DEPOSIT_METHODS);
export type DepositMethod = z.infer<typeof DepositMethod>;

export const Deposit = z.object({
  status: DepositStatus,
  /** In minor units of `currency`; null when the studio's rule in words says it all. */
  amountMinor: z.number().int().nullable(),
  currency: z.string().nullable(),
  method: DepositMethod.nullable(),
  /** The terminal's receipt or the bank's reference, as the desk typed it. */
  reference: z.string().nullable(),
  /** Why it was waived, or why a paid deposit was changed. */
  reason: z.string().nullable(),
  recordedAt: Timestamp.nullable(),
});
export type Deposit = z.infer<typeof Deposit>;

/** In minor units (pence, cents, fen): at least 1, at most a million in major units. */
const Amount = z.number().int().min(1).max(100_000_000);
const Version = z.number().int().min(1);

/**
 * Record where a deposit stands. Changing a deposit already paid takes a reason (a refund, a
 * payment recorded on the wrong booking), kept with the history.
 */
export const RecordDepositRequest = z.discriminatedUnion('status', [
  z.strictObject({
    status: z.literal('required'),
    /** Null: the amount is the studio's rule in words. */
    amountMinor: Amount.nullable().default(null),
    reason: OverrideReason.optional(),
    version: Version,
  }),
  z.strictObject({
    status: z.literal('paid'),
    amountMinor: Amount,
    method: DepositMethod,
    reference: z.string().trim().max(100).default(''),
    reason: OverrideReason.optional(),
    version: Version,
  }),
  z.strictObject({
    status: z.literal('waived'),
    reason: OverrideReason,
    version: Version,
  }),
]);
export type RecordDepositRequest = z.infer<typeof RecordDepositRequest>;

/** The client did not come. Only once the appointment has begun, and never over a session record. */
export const MarkNoShowRequest = z.strictObject({
  note: z.string().trim().max(1000).default(''),
  version: Version,
});
export type MarkNoShowRequest = z.infer<typeof MarkNoShowRequest>;

/** A no-show marked by mistake (the client came after all): back to booked, with the reason. */
export const UndoNoShowRequest = z.strictObject({ reason: OverrideReason, version: Version });
export type UndoNoShowRequest = z.infer<typeof UndoNoShowRequest>;
