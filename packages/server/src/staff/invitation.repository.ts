// SQL for staff invitations (one-time links; only the token's hash is stored).
import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { staffInvitation } from '../db/schema.js';

export type InvitationRow = typeof staffInvitation.$inferSelect;
export type NewInvitation = Pick<
  typeof staffInvitation.$inferInsert,
  'studioId' | 'email' | 'name' | 'role' | 'tokenHash' | 'invitedBy' | 'expiresAt'
>;

export const invitationRepository = {
  async create(tx: Tx, values: NewInvitation): Promise<InvitationRow> {
    const [row] = await tx
      .insert(staffInvitation)
      .values({ ...values, email: values.email.toLowerCase() })
      .returning();
    return row!;
  },

  async listPending(tx: Tx): Promise<InvitationRow[]> {
    return tx
      .select()
      .from(staffInvitation)
      .where(and(isNull(staffInvitation.acceptedAt), gt(staffInvitation.expiresAt, sql`now()`)))
      .orderBy(asc(staffInvitation.createdAt), asc(staffInvitation.id));
  },

  /** Pending invitations to one address are replaced by a new one: only the newest link works. */
  async withdrawPendingFor(tx: Tx, email: string): Promise<void> {
    await tx
      .delete(staffInvitation)
      .where(and(eq(staffInvitation.email, email.toLowerCase()), isNull(staffInvitation.acceptedAt)));
  },

  /** Used as the system: the person opening an invitation link is not signed in to any studio. */
  async findByTokenHash(tx: Tx, tokenHash: string): Promise<InvitationRow | undefined> {
    const [row] = await tx.select().from(staffInvitation).where(eq(staffInvitation.tokenHash, tokenHash));
    return row;
  },

  /** Marks the invitation used; false when someone else used it first. */
  async markAccepted(tx: Tx, id: string): Promise<boolean> {
    const rows = await tx
      .update(staffInvitation)
      .set({ acceptedAt: sql`now()` })
      .where(and(eq(staffInvitation.id, id), isNull(staffInvitation.acceptedAt)))
      .returning({ id: staffInvitation.id });
    return rows.length === 1;
  },
};
