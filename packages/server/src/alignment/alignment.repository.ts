// SQL for the alignments of follow-up photos. Row-level security confines every statement to the
// current studio.
import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { photo, photoAlignment } from '../db/schema.js';

export type AlignmentRow = typeof photoAlignment.$inferSelect;
export type AlignmentPatch = Partial<typeof photoAlignment.$inferInsert>;

/** Every result of an alignment, empty: where a new start or a correction begins. */
export const NO_RESULT = {
  model: null,
  earlierFromLater: null,
  laterFromEarlier: null,
  residualPx: null,
  quality: null,
  pointPairs: null,
  refusalReason: null,
  refusalDetails: null,
  warnings: [],
  difference: null,
  alignedSha256: null,
  differenceSha256: null,
  error: null,
  finishedAt: null,
} satisfies AlignmentPatch;

export const alignmentRepository = {
  async findByPhoto(tx: Tx, photoId: string): Promise<AlignmentRow | undefined> {
    const [row] = await tx.select().from(photoAlignment).where(eq(photoAlignment.photoId, photoId));
    return row;
  },

  /**
   * The finished alignment of `photoId` onto `referencePhotoId`, as follow-up pixels to earlier
   * pixels (3×3 row-major); undefined while queued, refused or aligned to another photo.
   */
  async doneTransform(tx: Tx, photoId: string, referencePhotoId: string): Promise<number[] | undefined> {
    const row = await this.findByPhoto(tx, photoId);
    if (row?.status !== 'done' || row.referencePhotoId !== referencePhotoId) return undefined;
    return row.earlierFromLater ?? undefined;
  },

  async findById(tx: Tx, id: string): Promise<AlignmentRow | undefined> {
    const [row] = await tx.select().from(photoAlignment).where(eq(photoAlignment.id, id));
    return row;
  },

  /**
   * Starts over for the photo (a new reference, or the automatic method again): every result of
   * the previous alignment is cleared and the version raised, so a job still running for it
   * writes nothing.
   */
  async restart(
    tx: Tx,
    values: Pick<
      typeof photoAlignment.$inferInsert,
      'studioId' | 'clientId' | 'photoId' | 'referencePhotoId' | 'createdBy'
    >,
  ): Promise<AlignmentRow> {
    const cleared = {
      ...NO_RESULT,
      status: 'queued' as const,
      method: 'features' as const,
      corrected: false,
      correctedBy: null,
      correctedAt: null,
    };
    const [row] = await tx
      .insert(photoAlignment)
      .values({ ...values, ...cleared })
      .onConflictDoUpdate({
        target: photoAlignment.photoId,
        set: {
          ...cleared,
          referencePhotoId: values.referencePhotoId,
          createdBy: values.createdBy,
          createdAt: sql`now()`,
          version: sql`${photoAlignment.version} + 1`,
        },
      })
      .returning();
    return row!;
  },

  /** A change that starts new work on the row (a correction): raises the version. */
  async restartWith(tx: Tx, id: string, patch: AlignmentPatch): Promise<AlignmentRow> {
    const [row] = await tx
      .update(photoAlignment)
      .set({ ...patch, version: sql`${photoAlignment.version} + 1` })
      .where(eq(photoAlignment.id, id))
      .returning();
    return row!;
  },

  /** Writes a job's progress or result, only while the row is still at `version`; false if not. */
  async updateAt(tx: Tx, id: string, version: number, patch: AlignmentPatch): Promise<boolean> {
    const rows = await tx
      .update(photoAlignment)
      .set(patch)
      .where(and(eq(photoAlignment.id, id), eq(photoAlignment.version, version)))
      .returning({ id: photoAlignment.id });
    return rows.length > 0;
  },

  /**
   * The last photo of the same client and view taken before this one (same day: uploaded
   * before it): what a follow-up is compared with.
   */
  async previousOfView(
    tx: Tx,
    of: { id: string; clientId: string; view: string; takenOn: string; createdAt: Date },
  ): Promise<typeof photo.$inferSelect | undefined> {
    const [row] = await tx
      .select()
      .from(photo)
      .where(
        and(
          eq(photo.clientId, of.clientId),
          sql`${photo.view} = ${of.view}`,
          sql`${photo.id} <> ${of.id}`,
          or(
            lt(photo.takenOn, of.takenOn),
            and(eq(photo.takenOn, of.takenOn), lt(photo.createdAt, of.createdAt)),
          ),
        ),
      )
      .orderBy(desc(photo.takenOn), desc(photo.createdAt))
      .limit(1);
    return row;
  },
};
