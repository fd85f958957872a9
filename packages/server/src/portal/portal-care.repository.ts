// SQL for what the portal shows of the care: the days a client ticked off in their aftercare
// checklist, and the aftercare emails of their sessions. Row-level security keeps every statement
// in the studio; each query also names the client.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { aftercareCheck, outboxMessage } from '../db/schema.js';

export const portalCareRepository = {
  async tickedDays(tx: Tx, clientId: string, sessionIds: string[]) {
    if (sessionIds.length === 0) return [];
    return tx
      .select({
        sessionId: aftercareCheck.sessionId,
        day: aftercareCheck.day,
        checkedAt: aftercareCheck.checkedAt,
      })
      .from(aftercareCheck)
      .where(and(eq(aftercareCheck.clientId, clientId), inArray(aftercareCheck.sessionId, sessionIds)));
  },

  async tick(tx: Tx, values: { studioId: string; clientId: string; sessionId: string; day: string }) {
    await tx.insert(aftercareCheck).values(values).onConflictDoNothing();
  },

  async untick(tx: Tx, clientId: string, sessionId: string, day: string) {
    await tx
      .delete(aftercareCheck)
      .where(
        and(
          eq(aftercareCheck.clientId, clientId),
          eq(aftercareCheck.sessionId, sessionId),
          eq(aftercareCheck.day, day),
        ),
      );
  },

  /** The aftercare emails of these sessions of the client, in the order they go. */
  async aftercareMessages(tx: Tx, clientId: string, sessionIds: string[]) {
    if (sessionIds.length === 0) return [];
    return tx
      .select({
        sessionId: outboxMessage.sessionId,
        subject: outboxMessage.subject,
        sendAfter: outboxMessage.sendAfter,
        status: outboxMessage.status,
        sentAt: outboxMessage.sentAt,
      })
      .from(outboxMessage)
      .where(
        and(
          eq(outboxMessage.clientId, clientId),
          eq(outboxMessage.kind, 'aftercare'),
          inArray(outboxMessage.sessionId, sessionIds),
        ),
      )
      .orderBy(asc(outboxMessage.sendAfter));
  },

  /** Every message the studio wrote to the client (their copy for the data download). */
  async messagesTo(tx: Tx, clientId: string) {
    return tx
      .select({
        kind: outboxMessage.kind,
        toAddress: outboxMessage.toAddress,
        subject: outboxMessage.subject,
        body: outboxMessage.bodyText,
        sendAfter: outboxMessage.sendAfter,
        status: outboxMessage.status,
        sentAt: outboxMessage.sentAt,
      })
      .from(outboxMessage)
      .where(eq(outboxMessage.clientId, clientId))
      .orderBy(asc(outboxMessage.sendAfter));
  },
};
