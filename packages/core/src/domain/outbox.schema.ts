import { z } from 'zod';
import { Id, Timestamp } from './common.schema.js';

/**
 * What a message is for. Appointment reminders, aftercare steps and touch-up recalls are service
 * messages about care the client booked or received; `promotion` is marketing and is only ever
 * sent to clients with an active marketing consent. `password_reset` goes to a staff member.
 * From the public side: `booking` (the client's link to confirm an online booking, its
 * confirmation or refusal), `booking_request` (to the artist), `portal_link` (a sign-in link),
 * `intake` (the health questions before a consultation), `waitlist` (confirming the waitlist,
 * and freed slots). All are service messages the client asked for or needs for an appointment.
 */
export const OUTBOX_KINDS = [
  'appointment_reminder',
  'aftercare',
  'touch_up_recall',
  'promotion',
  'password_reset',
  'booking',
  'booking_request',
  'portal_link',
  'intake',
  'waitlist',
] as const;
export const OutboxKind = z.enum(OUTBOX_KINDS);
export type OutboxKind = z.infer<typeof OutboxKind>;

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed', 'cancelled', 'skipped'] as const;
export const OutboxStatus = z.enum(OUTBOX_STATUSES);
export type OutboxStatus = z.infer<typeof OutboxStatus>;

export const OutboxMessage = z.object({
  id: Id,
  kind: OutboxKind,
  clientId: Id,
  clientName: z.string(),
  toAddress: z.string().nullable(),
  subject: z.string(),
  sendAfter: Timestamp,
  status: OutboxStatus,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  messageId: z.string(),
  sentAt: Timestamp.nullable(),
  createdAt: Timestamp,
});
export type OutboxMessage = z.infer<typeof OutboxMessage>;

export const OutboxListQuery = z.strictObject({
  status: OutboxStatus.optional(),
  clientId: Id.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type OutboxListQuery = z.infer<typeof OutboxListQuery>;

export const OutboxPage = z.object({
  items: z.array(OutboxMessage),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Whether SMTP is configured: without it messages wait in the outbox. */
  smtpConfigured: z.boolean(),
});
export type OutboxPage = z.infer<typeof OutboxPage>;
