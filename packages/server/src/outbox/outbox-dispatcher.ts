// Delivers due outbox messages by SMTP, retrying failures with exponential backoff.
//
// Why "at least once, made effectively once": marking a message sent and the SMTP server's
// acceptance cannot be one atomic step across two systems. A message is claimed with a lease
// (status `sending`, lease_until), sent, and marked `sent` only after the server answered 250.
// Crash before the answer: the lease runs out and the message is sent again, which is right,
// since it may not have arrived. Crash in the few milliseconds between the 250 and the UPDATE:
// it is sent again too. That window cannot be closed without the receiver's help, so every copy
// carries the same Message-ID (derived from the idempotency key) and an X-Stipple-Idempotency-Key
// header, which mail systems and the tests use to recognise a duplicate. A message is never
// sent twice because of a restart, a retry after a refusal, two dispatchers, or a second enqueue:
// the lease and SKIP LOCKED keep senders apart, a refused send is retried only after its
// failure was recorded, and enqueue ignores a key it has seen.
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/database.js';
import type { Mailer } from './mailer.js';
import { outboxRepository } from './outbox.repository.js';

export const OUTBOX_DELIVER_JOB = 'outbox.deliver';
const MAX_ATTEMPTS = 8;
const LEASE_SECONDS = 120;
const BATCH = 10;
const MAX_BACKOFF_SECONDS = 6 * 3600;

export function retryDelaySeconds(attempt: number, baseSeconds: number): number {
  return Math.min(baseSeconds * 2 ** Math.max(0, attempt - 1), MAX_BACKOFF_SECONDS);
}

export class OutboxDispatcher {
  constructor(
    private readonly deps: {
      db: Database;
      mailer: Mailer | null;
      from: string;
      retryBaseSeconds: number;
      log: FastifyBaseLogger;
    },
  ) {}

  /** Sends every message that is due; returns how many were accepted by the SMTP server. */
  async deliverDue(): Promise<number> {
    const { db, mailer, log } = this.deps;
    // Without SMTP the messages wait in the outbox, where the owner sees them.
    if (!mailer) return 0;
    let sent = 0;
    for (;;) {
      // System: one dispatcher serves every studio's outbox.
      const batch = await db.asSystem((tx) => outboxRepository.claimDue(tx, BATCH, LEASE_SECONDS));
      if (batch.length === 0) return sent;
      for (const message of batch) {
        try {
          if (!message.toAddress) throw new Error('no address');
          await mailer.send({
            from: this.deps.from,
            to: message.toAddress,
            subject: message.subject,
            text: message.bodyText,
            messageId: message.messageId,
            idempotencyKey: message.idempotencyKey,
            attachments: message.attachments,
          });
        } catch (err) {
          const retry = message.attempts < MAX_ATTEMPTS;
          const retryAt = retry
            ? new Date(Date.now() + retryDelaySeconds(message.attempts, this.deps.retryBaseSeconds) * 1000)
            : null;
          log.warn({ err, outboxId: message.id, attempt: message.attempts, retryAt }, 'email not accepted');
          await db.asSystem((tx) =>
            outboxRepository.markFailed(
              tx,
              message.id,
              err instanceof Error ? err.message : String(err),
              retryAt,
            ),
          );
          continue;
        }
        await db.asSystem((tx) => outboxRepository.markSent(tx, message.id));
        sent += 1;
      }
    }
  }
}
