// SQL for the secret calendar feeds (an artist's or a client's appointments as .ics).
import { asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { calendarFeed } from '../db/schema.js';

export const calendarFeedRepository = {
  async create(tx: Tx, values: typeof calendarFeed.$inferInsert) {
    const [row] = await tx.insert(calendarFeed).values(values).returning();
    return row!;
  },

  async list(tx: Tx) {
    return tx.select().from(calendarFeed).orderBy(asc(calendarFeed.createdAt));
  },

  async find(tx: Tx, id: string) {
    const [row] = await tx.select().from(calendarFeed).where(eq(calendarFeed.id, id));
    return row;
  },

  /** System: the feed token is what tells us the studio. */
  async findByTokenHash(tx: Tx, tokenHash: string) {
    const [row] = await tx.select().from(calendarFeed).where(eq(calendarFeed.tokenHash, tokenHash));
    return row;
  },

  async revoke(tx: Tx, id: string): Promise<void> {
    await tx
      .update(calendarFeed)
      .set({ revokedAt: sql`now()` })
      .where(eq(calendarFeed.id, id));
  },
};
