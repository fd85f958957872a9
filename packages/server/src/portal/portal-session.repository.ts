// SQL for client portal sessions. The cookie token itself is never stored, only its SHA-256.
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { client, portalSession, studio } from '../db/schema.js';

export type PortalSessionRow = typeof portalSession.$inferSelect;

export const portalSessionRepository = {
  async create(
    tx: Tx,
    values: Pick<
      typeof portalSession.$inferInsert,
      'studioId' | 'clientId' | 'tokenHash' | 'csrfToken' | 'expiresAt'
    >,
  ): Promise<PortalSessionRow> {
    const [row] = await tx.insert(portalSession).values(values).returning();
    return row!;
  },

  /** System: the session is what names the studio. Nothing for expired sessions or archived clients. */
  async findActiveByTokenHash(tx: Tx, tokenHash: string) {
    const [row] = await tx
      .select({ session: portalSession, client, studio })
      .from(portalSession)
      .innerJoin(client, eq(client.id, portalSession.clientId))
      .innerJoin(studio, eq(studio.id, portalSession.studioId))
      .where(
        and(
          eq(portalSession.tokenHash, tokenHash),
          gt(portalSession.expiresAt, sql`now()`),
          eq(client.studioId, portalSession.studioId),
          sql`${client.archivedAt} is null`,
        ),
      );
    return row;
  },

  async extend(tx: Tx, id: string, expiresAt: Date): Promise<void> {
    await tx
      .update(portalSession)
      .set({ expiresAt, lastSeenAt: sql`now()` })
      .where(eq(portalSession.id, id));
  },

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.delete(portalSession).where(eq(portalSession.id, id));
  },

  async deleteForClient(tx: Tx, clientId: string): Promise<number> {
    const rows = await tx
      .delete(portalSession)
      .where(eq(portalSession.clientId, clientId))
      .returning({ id: portalSession.id });
    return rows.length;
  },

  /** System: expired sessions of every studio. */
  async deleteExpired(tx: Tx): Promise<number> {
    const rows = await tx
      .delete(portalSession)
      .where(lt(portalSession.expiresAt, sql`now()`))
      .returning({ id: portalSession.id });
    return rows.length;
  },
};
