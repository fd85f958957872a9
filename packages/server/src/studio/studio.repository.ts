// SQL for the studio aggregate.
import { randomBytes } from 'node:crypto';
import { slugFrom } from '@stipple/core';
import { asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { studio } from '../db/schema.js';

export type StudioRow = typeof studio.$inferSelect;
export type StudioFields = Omit<typeof studio.$inferInsert, 'id' | 'createdAt' | 'updatedAt' | 'version'>;

/** A slug nobody has yet: the name's, with a short random tail (for studios made without one). */
export const uniqueSlugFor = (name: string): string =>
  `${slugFrom(name).slice(0, 50) || 'studio'}-${randomBytes(3).toString('hex')}`;

/** Serialises studio creation across processes (any constant other code does not use). */
const STUDIO_CREATION_LOCK = 7_431_901_002;

export const studioRepository = {
  /** System only: the app role may not create studios. */
  async create(tx: Tx, name: string, fields: Partial<StudioFields> = {}): Promise<StudioRow> {
    const [row] = await tx
      .insert(studio)
      .values({ ...fields, name, slug: fields.slug ?? uniqueSlugFor(name) })
      .returning();
    return row!;
  },

  async findById(tx: Tx, id: string): Promise<StudioRow | undefined> {
    const [row] = await tx.select().from(studio).where(eq(studio.id, id));
    return row;
  },

  /** System only: the public page finds its studio by the slug in the address. */
  async findBySlug(tx: Tx, slug: string): Promise<StudioRow | undefined> {
    const [row] = await tx.select().from(studio).where(eq(studio.slug, slug));
    return row;
  },

  /** System only (spans studios): whether a slug is taken by a studio other than `exceptId`. */
  async slugTaken(tx: Tx, slug: string, exceptId: string | null): Promise<boolean> {
    const [row] = await tx
      .select({ id: studio.id })
      .from(studio)
      .where(
        exceptId ? sql`${studio.slug} = ${slug} and ${studio.id} <> ${exceptId}` : eq(studio.slug, slug),
      );
    return Boolean(row);
  },

  /** Writes the changed fields when `version` is current; undefined when it is not. */
  async update(
    tx: Tx,
    id: string,
    version: number,
    fields: Partial<StudioFields>,
  ): Promise<StudioRow | undefined> {
    const [row] = await tx
      .update(studio)
      .set({ ...fields, version: sql`${studio.version} + 1`, updatedAt: sql`now()` })
      .where(sql`${studio.id} = ${id} and ${studio.version} = ${version}`)
      .returning();
    return row;
  },

  /** System only (spans studios). */
  /**
   * Makes studio creations take turns across processes until `tx` ends, so that two first
   * visitors cannot both become the owner (the key is a constant no other code uses).
   */
  async lockCreation(tx: Tx): Promise<void> {
    await tx.execute(sql`select pg_advisory_xact_lock(${STUDIO_CREATION_LOCK})`);
  },

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
