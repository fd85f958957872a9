// SQL for the zones drawn on photos, their full-resolution renders and the photo analyses.
// Row-level security confines every statement to the current studio.
import { and, desc, eq, getTableColumns, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { client, photo, photoAnalysis, photoZones, previewRender, staffUser } from '../db/schema.js';

export type ZonesRow = typeof photoZones.$inferSelect;
export type RenderRow = typeof previewRender.$inferSelect;
export type AnalysisRow = typeof photoAnalysis.$inferSelect;
export type ZonesView = ZonesRow & { updatedByName: string | null };
export type RenderView = RenderRow & { createdByName: string | null };

/** What the job stores per stage; the API leaves the blob names out. */
export interface StoredStage {
  name: string;
  look: 'fresh' | 'healed' | 'faded';
  afterSession: number;
  years: number | null;
  /** Healed stages: scars at the expected share of pigment or the poor end (absent in renders before it existed). */
  scarRetention?: 'expected' | 'poor' | null;
  width: number;
  height: number;
  bytes: number;
  /** The full-size stage (JPEG; PNG in renders made before). */
  sha256: string;
  previewSha256: string;
}

function renderColumns() {
  return { ...getTableColumns(previewRender), createdByName: staffUser.name };
}

export const previewRepository = {
  // ---- zones ----

  async findZones(
    tx: Tx,
    photoId: string,
    options: { forUpdate?: boolean } = {},
  ): Promise<ZonesView | undefined> {
    if (options.forUpdate)
      await tx
        .select({ id: photoZones.id })
        .from(photoZones)
        .where(eq(photoZones.photoId, photoId))
        .for('update');
    const [row] = await tx
      .select({ ...getTableColumns(photoZones), updatedByName: staffUser.name })
      .from(photoZones)
      .leftJoin(staffUser, eq(staffUser.id, photoZones.updatedBy))
      .where(eq(photoZones.photoId, photoId));
    return row;
  },

  async insertZones(tx: Tx, values: typeof photoZones.$inferInsert): Promise<void> {
    await tx.insert(photoZones).values(values);
  },

  async updateZones(
    tx: Tx,
    current: ZonesRow,
    patch: { zones: Record<string, unknown>; scalpMapSha256: string | null; updatedBy: string },
  ): Promise<void> {
    await tx
      .update(photoZones)
      .set({ ...patch, version: sql`${photoZones.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(photoZones.id, current.id), eq(photoZones.version, current.version)));
  },

  /** Photos with zones, most recently edited first, with their newest render. */
  async listRecent(tx: Tx, limit: number) {
    const latest = tx
      .select({
        photoId: previewRender.photoId,
        id: previewRender.id,
        status: previewRender.status,
        progress: previewRender.progress,
        finishedAt: previewRender.finishedAt,
        rank: sql<number>`row_number() over (partition by ${previewRender.photoId} order by ${previewRender.createdAt} desc)`.as(
          'rank',
        ),
      })
      .from(previewRender)
      .as('latest');
    return tx
      .select({
        photoId: photoZones.photoId,
        clientId: photoZones.clientId,
        givenName: client.givenName,
        familyName: client.familyName,
        view: photo.view,
        takenOn: photo.takenOn,
        zones: photoZones.zones,
        version: photoZones.version,
        updatedAt: photoZones.updatedAt,
        renderId: latest.id,
        renderStatus: latest.status,
        renderProgress: latest.progress,
        renderFinishedAt: latest.finishedAt,
      })
      .from(photoZones)
      .innerJoin(photo, eq(photo.id, photoZones.photoId))
      .innerJoin(client, eq(client.id, photoZones.clientId))
      .leftJoin(latest, and(eq(latest.photoId, photoZones.photoId), eq(latest.rank, 1)))
      .orderBy(desc(photoZones.updatedAt))
      .limit(limit);
  },

  // ---- renders ----

  async insertRender(tx: Tx, values: typeof previewRender.$inferInsert): Promise<RenderRow> {
    const [row] = await tx.insert(previewRender).values(values).returning();
    return row!;
  },

  async findRender(tx: Tx, id: string): Promise<RenderView | undefined> {
    const [row] = await tx
      .select(renderColumns())
      .from(previewRender)
      .leftJoin(staffUser, eq(staffUser.id, previewRender.createdBy))
      .where(eq(previewRender.id, id));
    return row;
  },

  async listRenders(tx: Tx, photoId: string, limit = 20): Promise<RenderView[]> {
    return tx
      .select(renderColumns())
      .from(previewRender)
      .leftJoin(staffUser, eq(staffUser.id, previewRender.createdBy))
      .where(eq(previewRender.photoId, photoId))
      .orderBy(desc(previewRender.createdAt))
      .limit(limit);
  },

  async latestDoneRenders(tx: Tx, photoIds: string[]): Promise<RenderRow[]> {
    if (photoIds.length === 0) return [];
    return tx
      .select()
      .from(previewRender)
      .where(
        and(
          inArray(previewRender.photoId, photoIds),
          eq(previewRender.status, 'done'),
          sql`${previewRender.createdAt} = (select max(r2.created_at) from preview_render r2 where r2.photo_id = ${previewRender.photoId} and r2.status = 'done')`,
        ),
      );
  },

  async updateRender(tx: Tx, id: string, patch: Partial<typeof previewRender.$inferInsert>): Promise<void> {
    await tx.update(previewRender).set(patch).where(eq(previewRender.id, id));
  },

  /** Whether a render of the same photo was asked for after this one (this one is then moot). */
  async newerRenderExists(tx: Tx, render: RenderRow): Promise<boolean> {
    const [row] = await tx
      .select({ id: previewRender.id })
      .from(previewRender)
      .where(
        and(
          eq(previewRender.photoId, render.photoId),
          ne(previewRender.id, render.id),
          sql`${previewRender.createdAt} > ${render.createdAt.toISOString()}::timestamptz`,
        ),
      )
      .limit(1);
    return Boolean(row);
  },

  /** Renders a job should be running for (as the system, at start): queued or interrupted. */
  async listUnfinished(tx: Tx, startedBefore: Date): Promise<{ id: string; studioId: string }[]> {
    return tx
      .select({ id: previewRender.id, studioId: previewRender.studioId })
      .from(previewRender)
      .where(
        sql`${previewRender.status} = 'queued' or (${previewRender.status} = 'running' and ${lt(previewRender.startedAt, startedBefore)})`,
      );
  },

  /** Whether any render still names this blob (as the system: blobs are shared across studios). */
  async blobInUse(tx: Tx, sha256: string): Promise<boolean> {
    const rows = await tx.execute(
      sql`select 1 from preview_render r, jsonb_array_elements(r.stages) s
           where s->>'sha256' = ${sha256} or s->>'previewSha256' = ${sha256} limit 1`,
    );
    return ((rows as { rows: unknown[] }).rows ?? []).length > 0;
  },

  // ---- analysis ----

  async findAnalysis(tx: Tx, photoId: string): Promise<AnalysisRow | undefined> {
    const [row] = await tx.select().from(photoAnalysis).where(eq(photoAnalysis.photoId, photoId));
    return row;
  },

  async findAnalysisById(tx: Tx, id: string): Promise<AnalysisRow | undefined> {
    const [row] = await tx.select().from(photoAnalysis).where(eq(photoAnalysis.id, id));
    return row;
  },

  async upsertAnalysis(tx: Tx, values: typeof photoAnalysis.$inferInsert): Promise<AnalysisRow> {
    const [row] = await tx
      .insert(photoAnalysis)
      .values(values)
      .onConflictDoUpdate({
        target: photoAnalysis.photoId,
        set: {
          status: values.status ?? 'queued',
          pxPerMm: values.pxPerMm ?? null,
          // The automatic scalp map stays (its blob and size) until the new analysis replaces it:
          // the artist may correct it meanwhile.
          summary: sql`case when ${photoAnalysis.summary} ? 'scalpMap' then jsonb_build_object('scalpMap', ${photoAnalysis.summary} -> 'scalpMap') end`,
          resultSha256: null,
          error: null,
          createdBy: values.createdBy ?? null,
          createdAt: sql`now()`,
          finishedAt: null,
        },
      })
      .returning();
    return row!;
  },

  async updateAnalysis(tx: Tx, id: string, patch: Partial<typeof photoAnalysis.$inferInsert>): Promise<void> {
    await tx.update(photoAnalysis).set(patch).where(eq(photoAnalysis.id, id));
  },
};
