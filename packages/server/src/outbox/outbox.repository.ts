// SQL for the outbox. Writing happens inside the transaction of the change that causes a message;
// the delivery job claims due messages with a lease (as the system: it serves every studio).
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/database.js';
import { client, outboxMessage } from '../db/schema.js';

export type OutboxRow = typeof outboxMessage.$inferSelect;

export const outboxRepository = {
  /** Inserts unless a message with the same idempotency key exists; returns whether it was new. */
  async insert(tx: Tx, values: typeof outboxMessage.$inferInsert): Promise<boolean> {
    const rows = await tx
      .insert(outboxMessage)
      .values(values)
      .onConflictDoNothing({ target: outboxMessage.idempotencyKey })
      .returning({ id: outboxMessage.id });
    return rows.length > 0;
  },

  /** Withdraws messages that have not gone out yet (an appointment moved or was cancelled). */
  async cancelPending(
    tx: Tx,
    where: { appointmentId?: string; sessionId?: string; kind?: OutboxRow['kind'] },
  ) {
    await tx
      .update(outboxMessage)
      .set({ status: 'cancelled', leaseUntil: null })
      .where(
        and(
          eq(outboxMessage.status, 'pending'),
          where.appointmentId ? eq(outboxMessage.appointmentId, where.appointmentId) : undefined,
          where.sessionId ? eq(outboxMessage.sessionId, where.sessionId) : undefined,
          where.kind ? eq(outboxMessage.kind, where.kind) : undefined,
        ),
      );
  },

  /** Offers to a client that have not gone out: cancelled (their marketing consent was withdrawn). */
  async cancelPendingPromotions(tx: Tx, clientId: string): Promise<number> {
    const rows = await tx
      .update(outboxMessage)
      .set({ status: 'cancelled', leaseUntil: null })
      .where(
        and(
          eq(outboxMessage.clientId, clientId),
          eq(outboxMessage.kind, 'promotion'),
          inArray(outboxMessage.status, ['pending', 'failed']),
        ),
      )
      .returning({ id: outboxMessage.id });
    return rows.length;
  },

  async list(
    tx: Tx,
    filter: {
      status?: OutboxRow['status'] | undefined;
      clientId?: string | undefined;
      page: number;
      pageSize: number;
    },
  ) {
    const where = and(
      filter.status ? eq(outboxMessage.status, filter.status) : undefined,
      filter.clientId ? eq(outboxMessage.clientId, filter.clientId) : undefined,
    );
    const [count] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(outboxMessage)
      .where(where);
    const rows = await tx
      .select({ message: outboxMessage, givenName: client.givenName, familyName: client.familyName })
      .from(outboxMessage)
      .innerJoin(client, eq(client.id, outboxMessage.clientId))
      .where(where)
      .orderBy(desc(outboxMessage.createdAt), outboxMessage.sendAfter, outboxMessage.id)
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize);
    return { rows, total: count?.n ?? 0 };
  },

  /**
   * System: takes up to `limit` due messages and leases them for `leaseSeconds`. A message whose
   * lease ran out (its sender died) is due again. SKIP LOCKED keeps two senders apart.
   */
  async claimDue(tx: Tx, limit: number, leaseSeconds: number): Promise<OutboxRow[]> {
    const ids = await queryRows<{ id: string }>(
      tx,
      sql`select id from outbox_message
           where (status = 'pending' and send_after <= now())
              or (status = 'sending' and lease_until < now())
           order by send_after, id
           limit ${limit}
           for update skip locked`,
    );
    if (ids.length === 0) return [];
    return tx
      .update(outboxMessage)
      .set({
        status: 'sending',
        attempts: sql`${outboxMessage.attempts} + 1`,
        leaseUntil: sql`now() + make_interval(secs => ${leaseSeconds})`,
      })
      .where(
        inArray(
          outboxMessage.id,
          ids.map((r) => r.id),
        ),
      )
      .returning();
  },

  /**
   * System: the SMTP server accepted the message. Only a message still leased to us is marked.
   */
  async markSent(tx: Tx, id: string): Promise<void> {
    await tx
      .update(outboxMessage)
      .set({
        status: 'sent',
        sentAt: sql`now()`,
        leaseUntil: null,
        lastError: null,
        // A reset link is a working secret until it expires: once sent, the copy here goes.
        bodyText: sql`case when ${outboxMessage.kind} = 'password_reset' then '(the link was removed after sending)' else ${outboxMessage.bodyText} end`,
      })
      .where(and(eq(outboxMessage.id, id), eq(outboxMessage.status, 'sending')));
  },

  /** System: a failed try: due again at `retryAt`, or failed for good when `retryAt` is null. */
  async markFailed(tx: Tx, id: string, error: string, retryAt: Date | null): Promise<void> {
    await tx
      .update(outboxMessage)
      .set(
        retryAt
          ? { status: 'pending', sendAfter: retryAt, leaseUntil: null, lastError: error.slice(0, 1000) }
          : { status: 'failed', leaseUntil: null, lastError: error.slice(0, 1000) },
      )
      .where(and(eq(outboxMessage.id, id), eq(outboxMessage.status, 'sending')));
  },
};
