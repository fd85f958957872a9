// SQL for measured outcomes. Row-level security confines every statement to the current studio.
import { desc, eq, getTableColumns, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { queryRows, type Tx } from '../db/database.js';
import { photo, sessionOutcome } from '../db/schema.js';

export type OutcomeRow = typeof sessionOutcome.$inferSelect;
export type OutcomeView = OutcomeRow & { view: string; takenOn: string; earlierTakenOn: string };

const earlier = alias(photo, 'earlier');

export const outcomeRepository = {
  /** Records the outcome of a follow-up photo, replacing an earlier measurement of it. */
  async replace(tx: Tx, values: typeof sessionOutcome.$inferInsert): Promise<string> {
    await tx.delete(sessionOutcome).where(eq(sessionOutcome.photoId, values.photoId));
    const [row] = await tx.insert(sessionOutcome).values(values).returning({ id: sessionOutcome.id });
    return row!.id;
  },

  async listByClient(tx: Tx, clientId: string): Promise<OutcomeView[]> {
    return selectOutcomes(tx)
      .where(eq(sessionOutcome.clientId, clientId))
      .orderBy(desc(photo.takenOn), desc(sessionOutcome.createdAt));
  },

  async findById(tx: Tx, id: string): Promise<OutcomeView | undefined> {
    const [row] = await selectOutcomes(tx).where(eq(sessionOutcome.id, id));
    return row;
  },

  /**
   * Retention measured in scar zones across the studio's clients, by texture and skin type, and
   * by texture over every skin type (fitzpatrick null). Each client's latest measurement of a
   * zone counts once, so a follow-up measured twice is not two cases; an uncertain one not at all.
   */
  async studioRetention(
    tx: Tx,
  ): Promise<{ texture: string; fitzpatrick: number | null; percent: number; cases: number }[]> {
    return queryRows(
      tx,
      sql`with latest as (
            select distinct on (o.client_id, z->>'zoneId')
                   z->>'texture' as texture, o.fitzpatrick, (z->>'retention')::float8 as retention
              from session_outcome o
              join photo p on p.id = o.photo_id
              cross join lateral jsonb_array_elements(o.zones) z
             where z->>'kind' = 'scar' and z->>'texture' is not null
               and jsonb_typeof(z->'retention') = 'number'
               and not coalesce(z->'notes', '[]'::jsonb) ? 'uncertain'
             order by o.client_id, z->>'zoneId', p.taken_on desc, o.created_at desc)
          select texture, fitzpatrick::int as fitzpatrick,
                 round((avg(retention) * 100)::numeric, 1)::float8 as percent, count(*)::int as cases
            from latest where fitzpatrick is not null
           group by texture, fitzpatrick
          union all
          select texture, null::int as fitzpatrick,
                 round((avg(retention) * 100)::numeric, 1)::float8 as percent, count(*)::int as cases
            from latest
           group by texture
           order by 1, 2 nulls first`,
    );
  },
};

/** Outcomes with the follow-up's view and date and the earlier photo's date. */
const selectOutcomes = (tx: Tx) =>
  tx
    .select({
      ...getTableColumns(sessionOutcome),
      view: photo.view,
      takenOn: photo.takenOn,
      earlierTakenOn: earlier.takenOn,
    })
    .from(sessionOutcome)
    .innerJoin(photo, eq(photo.id, sessionOutcome.photoId))
    .innerJoin(earlier, eq(earlier.id, sessionOutcome.earlierPhotoId));
