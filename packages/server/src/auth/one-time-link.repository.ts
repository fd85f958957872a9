// SQL for one-time links (password resets, studio sign-up invitations, the client's portal links).
// Only the SHA-256 of a token is stored.
import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { oneTimeLink, type OneTimeLinkPurpose } from '../db/schema.js';

export type OneTimeLinkRow = typeof oneTimeLink.$inferSelect;
export type NewOneTimeLink = Pick<
  typeof oneTimeLink.$inferInsert,
  'studioId' | 'purpose' | 'userId' | 'clientId' | 'subjectId' | 'email' | 'tokenHash' | 'expiresAt'
>;

export const oneTimeLinkRepository = {
  async create(tx: Tx, values: NewOneTimeLink): Promise<OneTimeLinkRow> {
    const [row] = await tx.insert(oneTimeLink).values(values).returning();
    return row!;
  },

  /** Used as the system: whoever opens a link is not signed in; the token names the studio. */
  async findByTokenHash(tx: Tx, tokenHash: string): Promise<OneTimeLinkRow | undefined> {
    const [row] = await tx.select().from(oneTimeLink).where(eq(oneTimeLink.tokenHash, tokenHash));
    return row;
  },

  /** Marks the link used; false when it was used already (or at the same moment by someone else). */
  async markUsed(tx: Tx, id: string): Promise<boolean> {
    const rows = await tx
      .update(oneTimeLink)
      .set({ usedAt: sql`now()` })
      .where(and(eq(oneTimeLink.id, id), isNull(oneTimeLink.usedAt)))
      .returning({ id: oneTimeLink.id });
    return rows.length === 1;
  },

  /** Every unused link of a staff member stops working (a new password was set). */
  async withdrawUnusedOfUser(tx: Tx, userId: string): Promise<void> {
    await tx.delete(oneTimeLink).where(and(eq(oneTimeLink.userId, userId), isNull(oneTimeLink.usedAt)));
  },

  /** Unused links of a client for these purposes stop working (e.g. after a newer sign-in link). */
  async withdrawUnusedOfClient(tx: Tx, clientId: string, purposes: OneTimeLinkPurpose[]): Promise<number> {
    const rows = await tx
      .delete(oneTimeLink)
      .where(
        and(
          eq(oneTimeLink.clientId, clientId),
          inArray(oneTimeLink.purpose, purposes),
          isNull(oneTimeLink.usedAt),
        ),
      )
      .returning({ id: oneTimeLink.id });
    return rows.length;
  },

  /** System: links that expired more than `days` ago are no use to anyone. */
  async deleteExpired(tx: Tx, days: number): Promise<number> {
    const rows = await tx
      .delete(oneTimeLink)
      .where(lt(oneTimeLink.expiresAt, sql`now() - make_interval(days => ${days})`))
      .returning({ id: oneTimeLink.id });
    return rows.length;
  },
};
