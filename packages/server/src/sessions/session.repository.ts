// SQL for session records and the lots each one used.
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/database.js';
import { product, productLot, sessionMaterial, sessionRecord, staffUser } from '../db/schema.js';
import { SESSION_NUMBER_SQL } from '../appointments/session-number.js';

export type SessionRow = typeof sessionRecord.$inferSelect;
export type SessionView = SessionRow & { artistName: string; sessionNumber: number | null };

export interface MaterialView {
  sessionId: string;
  lotId: string;
  dilution: string;
  position: number;
  lotNumber: string;
  expiresOn: string;
  product: typeof product.$inferSelect;
}

export const sessionRepository = {
  async findByAppointment(tx: Tx, appointmentId: string, options: { forUpdate?: boolean } = {}) {
    const query = tx.select().from(sessionRecord).where(eq(sessionRecord.appointmentId, appointmentId));
    const [row] = options.forUpdate ? await query.for('update') : await query;
    return row;
  },

  async view(tx: Tx, where: { id?: string; clientId?: string }): Promise<SessionView[]> {
    const rows = await queryRows<{ id: string; artistName: string; sessionNumber: number | null }>(
      tx,
      sql`select s.id, u.name as "artistName", ${SESSION_NUMBER_SQL} as "sessionNumber"
            from session_record s
            join appointment a on a.id = s.appointment_id
            join staff_user u on u.id = s.artist_id
           where ${where.id ? sql`s.id = ${where.id}` : sql`s.client_id = ${where.clientId ?? null}`}`,
    );
    if (rows.length === 0) return [];
    const full = await tx
      .select()
      .from(sessionRecord)
      .where(
        inArray(
          sessionRecord.id,
          rows.map((r) => r.id),
        ),
      )
      .orderBy(asc(sessionRecord.performedOn), asc(sessionRecord.createdAt));
    return full.map((s) => {
      const extra = rows.find((r) => r.id === s.id)!;
      return { ...s, artistName: extra.artistName, sessionNumber: extra.sessionNumber };
    });
  },

  async create(tx: Tx, values: typeof sessionRecord.$inferInsert): Promise<SessionRow> {
    const [row] = await tx.insert(sessionRecord).values(values).returning();
    return row!;
  },

  async update(tx: Tx, id: string, patch: Partial<typeof sessionRecord.$inferInsert>): Promise<void> {
    await tx
      .update(sessionRecord)
      .set({ ...patch, version: sql`${sessionRecord.version} + 1`, updatedAt: sql`now()` })
      .where(eq(sessionRecord.id, id));
  },

  async replaceMaterials(
    tx: Tx,
    studioId: string,
    sessionId: string,
    materials: { lotId: string; dilution: string }[],
  ): Promise<void> {
    await tx.delete(sessionMaterial).where(eq(sessionMaterial.sessionId, sessionId));
    if (materials.length)
      await tx.insert(sessionMaterial).values(
        materials.map((m, position) => ({
          studioId,
          sessionId,
          lotId: m.lotId,
          dilution: m.dilution,
          position,
        })),
      );
  },

  async materialsOf(tx: Tx, sessionIds: string[]): Promise<MaterialView[]> {
    if (sessionIds.length === 0) return [];
    const rows = await tx
      .select({ m: sessionMaterial, lot: productLot, product })
      .from(sessionMaterial)
      .innerJoin(productLot, eq(productLot.id, sessionMaterial.lotId))
      .innerJoin(product, eq(product.id, productLot.productId))
      .where(inArray(sessionMaterial.sessionId, sessionIds))
      .orderBy(asc(sessionMaterial.position));
    return rows.map((r) => ({
      sessionId: r.m.sessionId,
      lotId: r.m.lotId,
      dilution: r.m.dilution,
      position: r.m.position,
      lotNumber: r.lot.lotNumber,
      expiresOn: r.lot.expiresOn,
      product: r.product,
    }));
  },

  /** Session ids of a treatment course (for withdrawing an earlier touch-up recall). */
  async idsOfCourse(tx: Tx, courseId: string): Promise<string[]> {
    const rows = await tx
      .select({ id: sessionRecord.id })
      .from(sessionRecord)
      .where(eq(sessionRecord.courseId, courseId));
    return rows.map((r) => r.id);
  },

  async artistName(tx: Tx, id: string): Promise<string> {
    const [row] = await tx.select({ name: staffUser.name }).from(staffUser).where(eq(staffUser.id, id));
    return row?.name ?? '';
  },
};
