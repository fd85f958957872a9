// SQL for sign-in sessions. The cookie token itself is never stored, only its SHA-256.
import { and, eq, gt, lt, ne, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { preparedQuery } from '../db/prepared-query.js';
import { authSession, staffUser, studio } from '../db/schema.js';

export type SessionRow = typeof authSession.$inferSelect;
export type NewSession = Pick<
  typeof authSession.$inferInsert,
  'studioId' | 'userId' | 'tokenHash' | 'csrfToken' | 'expiresAt' | 'userAgent'
>;

export interface ActiveSession {
  session: SessionRow;
  user: typeof staffUser.$inferSelect;
  studio: typeof studio.$inferSelect;
}

/** Every request runs this one: built once per handle (prepared-query.ts). */
const activeByTokenHash = preparedQuery((tx) =>
  tx
    .select({ session: authSession, user: staffUser, studio })
    .from(authSession)
    .innerJoin(staffUser, eq(staffUser.id, authSession.userId))
    .innerJoin(studio, eq(studio.id, authSession.studioId))
    .where(
      and(
        eq(authSession.tokenHash, sql.placeholder('tokenHash')),
        gt(authSession.expiresAt, sql`now()`),
        eq(staffUser.active, true),
        eq(staffUser.studioId, authSession.studioId),
      ),
    )
    .prepare('auth_session_active_by_token'),
);

export const signInSessionRepository = {
  async create(tx: Tx, values: NewSession): Promise<SessionRow> {
    const [row] = await tx.insert(authSession).values(values).returning();
    return row!;
  },

  /**
   * Used as the system: a request's studio is only known once its session is found. Returns
   * nothing for expired sessions and for deactivated users.
   */
  async findActiveByTokenHash(tx: Tx, tokenHash: string): Promise<ActiveSession | undefined> {
    const [row] = await activeByTokenHash(tx, { tokenHash });
    return row;
  },

  async extend(tx: Tx, id: string, expiresAt: Date): Promise<void> {
    await tx
      .update(authSession)
      .set({ expiresAt, lastSeenAt: sql`now()` })
      .where(eq(authSession.id, id));
  },

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.delete(authSession).where(eq(authSession.id, id));
  },

  async deleteForUser(tx: Tx, userId: string): Promise<number> {
    const rows = await tx
      .delete(authSession)
      .where(eq(authSession.userId, userId))
      .returning({ id: authSession.id });
    return rows.length;
  },

  /** Ends every session of a member but `keepId` (the one that changed the password). */
  async deleteForUserExcept(tx: Tx, userId: string, keepId: string): Promise<number> {
    const rows = await tx
      .delete(authSession)
      .where(and(eq(authSession.userId, userId), ne(authSession.id, keepId)))
      .returning({ id: authSession.id });
    return rows.length;
  },

  async deleteExpired(tx: Tx): Promise<number> {
    const rows = await tx
      .delete(authSession)
      .where(lt(authSession.expiresAt, sql`now()`))
      .returning({ id: authSession.id });
    return rows.length;
  },
};
