// SQL for aftercare templates (versioned per language) and each session's schedule.
import { asc, desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { aftercareItem, aftercareTemplate } from '../db/schema.js';

export type AftercareTemplateRow = typeof aftercareTemplate.$inferSelect;
export type AftercareItemRow = typeof aftercareItem.$inferSelect;

export const aftercareRepository = {
  async listTemplates(tx: Tx): Promise<AftercareTemplateRow[]> {
    return tx
      .select()
      .from(aftercareTemplate)
      .orderBy(asc(aftercareTemplate.language), desc(aftercareTemplate.version));
  },

  async current(tx: Tx, language: 'en' | 'zh-CN'): Promise<AftercareTemplateRow | undefined> {
    const [row] = await tx
      .select()
      .from(aftercareTemplate)
      .where(eq(aftercareTemplate.language, language))
      .orderBy(desc(aftercareTemplate.version))
      .limit(1);
    return row;
  },

  async create(
    tx: Tx,
    values: Omit<typeof aftercareTemplate.$inferInsert, 'version'>,
  ): Promise<AftercareTemplateRow> {
    const [v] = await tx
      .select({ v: sql<number>`coalesce(max(${aftercareTemplate.version}), 0)::int` })
      .from(aftercareTemplate)
      .where(eq(aftercareTemplate.language, values.language));
    const [row] = await tx
      .insert(aftercareTemplate)
      .values({ ...values, version: (v?.v ?? 0) + 1 })
      .returning();
    return row!;
  },

  async replaceItems(tx: Tx, sessionId: string, items: (typeof aftercareItem.$inferInsert)[]): Promise<void> {
    await tx.delete(aftercareItem).where(eq(aftercareItem.sessionId, sessionId));
    if (items.length) await tx.insert(aftercareItem).values(items);
  },

  async itemsOf(tx: Tx, sessionId: string): Promise<AftercareItemRow[]> {
    return tx
      .select()
      .from(aftercareItem)
      .where(eq(aftercareItem.sessionId, sessionId))
      .orderBy(asc(aftercareItem.position));
  },
};
