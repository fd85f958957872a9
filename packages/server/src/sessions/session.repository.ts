// SQL for session records and the lots each one used.
import { aliasedTable, asc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { appointment, product, productLot, sessionMaterial, sessionRecord, staffUser } from '../db/schema.js';
import { SESSION_NUMBER_SQL } from '../appointments/appointment.repository.js';

export type SessionRow = typeof sessionRecord.$inferSelect;
export type SessionView = SessionRow & {
  artistName: string;
  sessionNumber: number | null;
  planOverrideByName: string | null;
};

export interface MaterialView {
  sessionId: string;
  lotId: string;
  dilution: string;
  position: number;
  lotNumber: string;
  expiresOn: string;
  product: typeof product.$inferSelect;
}

// SESSION_NUMBER_SQL names the appointment `a`.
const sessionAppointment = aliasedTable(appointment, 'a');

export const sessionRepository = {
  async findByAppointment(tx: Tx, appointmentId: string, options: { forUpdate?: boolean } = {}) {
    const query = tx.select().from(sessionRecord).where(eq(sessionRecord.appointmentId, appointmentId));
    const [row] = options.forUpdate ? await query.for('update') : await query;
    return row;
  },

  async view(tx: Tx, where: { id?: string; clientId?: string }): Promise<SessionView[]> {
    return tx
      .select({
        ...getTableColumns(sessionRecord),
        artistName: staffUser.name,
        sessionNumber: sql<number | null>`${SESSION_NUMBER_SQL}`,
        planOverrideByName: sql<
          string | null
        >`(select u.name from staff_user u where u.id = ${sessionRecord.planOverrideBy})`,
      })
      .from(sessionRecord)
      .innerJoin(sessionAppointment, eq(sessionAppointment.id, sessionRecord.appointmentId))
      .innerJoin(staffUser, eq(staffUser.id, sessionRecord.artistId))
      .where(
        where.id
          ? eq(sessionRecord.id, where.id)
          : where.clientId
            ? eq(sessionRecord.clientId, where.clientId)
            : sql`false`,
      )
      .orderBy(asc(sessionRecord.performedOn), asc(sessionRecord.createdAt));
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
};
