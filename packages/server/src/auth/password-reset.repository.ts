// SQL for password reset links (one-time; only the token's hash is stored).
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { passwordReset } from '../db/schema.js';

export type PasswordResetRow = typeof passwordReset.$inferSelect;

export const passwordResetRepository = {
  async create(
    tx: Tx,
    values: Pick<typeof passwordReset.$inferInsert, 'studioId' | 'userId' | 'tokenHash' | 'expiresAt'>,
  ): Promise<PasswordResetRow> {
    const [row] = await tx.insert(passwordReset).values(values).returning();
    return row!;
  },

  /** Used as the system: whoever opens a reset link is not signed in; the token names the studio. */
  async findByTokenHash(tx: Tx, tokenHash: string): Promise<PasswordResetRow | undefined> {
    const [row] = await tx.select().from(passwordReset).where(eq(passwordReset.tokenHash, tokenHash));
    return row;
  },

  /** Marks the link used; false when it was used already (or at the same moment by someone else). */
  async markUsed(tx: Tx, id: string): Promise<boolean> {
    const rows = await tx
      .update(passwordReset)
      .set({ usedAt: sql`now()` })
      .where(and(eq(passwordReset.id, id), isNull(passwordReset.usedAt)))
      .returning({ id: passwordReset.id });
    return rows.length === 1;
  },

  /** Every link of a member that has not been used stops working (a new password was set). */
  async withdrawUnused(tx: Tx, userId: string): Promise<void> {
    await tx.delete(passwordReset).where(and(eq(passwordReset.userId, userId), isNull(passwordReset.usedAt)));
  },
};
