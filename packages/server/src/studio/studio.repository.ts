// SQL for the studio aggregate.
import { asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { studio } from '../db/schema.js';

export type StudioRow = typeof studio.$inferSelect;

export const studioRepository = {
  /** System only: the app role may not create studios. */
  async create(tx: Tx, name: string): Promise<StudioRow> {
    const [row] = await tx.insert(studio).values({ name }).returning();
    return row!;
  },

  async findById(tx: Tx, id: string): Promise<StudioRow | undefined> {
    const [row] = await tx.select().from(studio).where(eq(studio.id, id));
    return row;
  },

  /** System only (spans studios). */
  async count(tx: Tx): Promise<number> {
    const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(studio);
    return row?.n ?? 0;
  },

  /** System only (spans studios): for jobs that visit every studio. */
  async listIds(tx: Tx): Promise<string[]> {
    const rows = await tx
      .select({ id: studio.id })
      .from(studio)
      .orderBy(asc(studio.createdAt), asc(studio.id));
    return rows.map((r) => r.id);
  },
};
