// The transactional outbox: services call `enqueue` inside the transaction of the change that
// causes a message (a booking, a completed session), so a message exists exactly when its cause
// was committed. The delivery job (outbox-dispatcher.ts) sends them later.
//
// Consent rule: appointment reminders, aftercare steps and touch-up recalls are service messages
// about care the client booked or received (the treatment relationship is their basis, as for a
// dentist's recall), so they need no marketing consent; they carry no offers. Anything
// promotional (`promotion`) is written as `skipped` unless the client has an active marketing
// consent at that moment.
import { createHash } from 'node:crypto';
import type { OutboxKind, OutboxListQuery, OutboxMessage, OutboxPage } from '@stipple/core';
import { audit } from '../audit/audit-trail.js';
import type { Actor } from '../auth/actor.js';
import { OWNER, requireRole } from '../auth/roles.js';
import type { ClientRow } from '../clients/client.repository.js';
import { consentRepository } from '../consents/consent.repository.js';
import type { Database, Tx } from '../db/database.js';
import type { MailAttachment } from '../db/schema.js';
import { formatName } from '../text/person-name.js';
import { outboxRepository, type OutboxRow } from './outbox.repository.js';

/** A Message-ID derived from the idempotency key: a duplicate delivery is recognisable as one. */
export const messageIdFor = (idempotencyKey: string): string =>
  `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}@outbox.stipple>`;

export interface NewMessage {
  studioId: string;
  idempotencyKey: string;
  kind: OutboxKind;
  client: Pick<ClientRow, 'id' | 'email'>;
  subject: string;
  body: string;
  sendAfter: Date;
  appointmentId?: string;
  sessionId?: string;
  /** Files sent along (a calendar invitation). */
  attachments?: MailAttachment[];
}

/** Why a message will not be sent (it is still recorded, as skipped), or null to send it. */
export function skipReason(kind: OutboxKind, email: string | null, marketingConsent: boolean): string | null {
  if (!email) return 'the client has no email address';
  if (kind === 'promotion' && !marketingConsent) return 'no active marketing consent';
  return null;
}

/** Writes a message in the caller's transaction; a second call with the same key does nothing. */
export async function enqueue(tx: Tx, message: NewMessage): Promise<boolean> {
  const marketing =
    message.kind === 'promotion'
      ? Boolean(await consentRepository.activeConsent(tx, message.client.id, 'marketing', new Date()))
      : false;
  const skip = skipReason(message.kind, message.client.email, marketing);
  return outboxRepository.insert(tx, {
    studioId: message.studioId,
    idempotencyKey: message.idempotencyKey,
    kind: message.kind,
    clientId: message.client.id,
    toAddress: message.client.email,
    subject: message.subject,
    bodyText: message.body,
    sendAfter: message.sendAfter,
    status: skip ? 'skipped' : 'pending',
    lastError: skip,
    messageId: messageIdFor(message.idempotencyKey),
    appointmentId: message.appointmentId ?? null,
    sessionId: message.sessionId ?? null,
    attachments: message.attachments ?? [],
  });
}

/**
 * Writes an account message to a staff member (a password reset link) in the caller's
 * transaction. It never waits for consent: it is what the member asked for.
 */
export async function enqueueStaffMessage(
  tx: Tx,
  message: Omit<NewMessage, 'client' | 'appointmentId' | 'sessionId'> & {
    staff: { id: string; email: string };
  },
): Promise<boolean> {
  return outboxRepository.insert(tx, {
    studioId: message.studioId,
    idempotencyKey: message.idempotencyKey,
    kind: message.kind,
    staffUserId: message.staff.id,
    toAddress: message.staff.email,
    subject: message.subject,
    bodyText: message.body,
    sendAfter: message.sendAfter,
    status: 'pending',
    messageId: messageIdFor(message.idempotencyKey),
    attachments: message.attachments ?? [],
  });
}

const toMessage = (row: { message: OutboxRow; givenName: string; familyName: string }): OutboxMessage => ({
  id: row.message.id,
  kind: row.message.kind,
  // The listing joins clients: account messages to staff members are not in it.
  clientId: row.message.clientId!,
  clientName: formatName(row),
  toAddress: row.message.toAddress,
  subject: row.message.subject,
  sendAfter: row.message.sendAfter.toISOString(),
  status: row.message.status,
  attempts: row.message.attempts,
  lastError: row.message.lastError,
  messageId: row.message.messageId,
  sentAt: row.message.sentAt?.toISOString() ?? null,
  createdAt: row.message.createdAt.toISOString(),
});

export class OutboxService {
  constructor(private readonly deps: { db: Database; smtpConfigured: boolean }) {}

  async list(actor: Actor, query: OutboxListQuery): Promise<OutboxPage> {
    requireRole(actor, OWNER);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const { rows, total } = await outboxRepository.list(tx, query);
      await audit(tx, actor, 'outbox.list', 'outbox_message', null, {
        count: rows.length,
        status: query.status,
      });
      return {
        items: rows.map(toMessage),
        total,
        page: query.page,
        pageSize: query.pageSize,
        smtpConfigured: this.deps.smtpConfigured,
      };
    });
  }
}
