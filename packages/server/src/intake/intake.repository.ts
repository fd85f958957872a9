// SQL for the client's screening answers from home.
import { and, desc, eq } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { intakeResponse, staffUser } from '../db/schema.js';

export type IntakeRow = typeof intakeResponse.$inferSelect;
export type IntakeView = IntakeRow & { reviewerName: string | null };

export const intakeRepository = {
  async create(tx: Tx, values: typeof intakeResponse.$inferInsert): Promise<IntakeRow> {
    const [row] = await tx.insert(intakeResponse).values(values).returning();
    return row!;
  },

  async findById(tx: Tx, id: string, options: { forUpdate?: boolean } = {}): Promise<IntakeRow | undefined> {
    const query = tx.select().from(intakeResponse).where(eq(intakeResponse.id, id));
    const [row] = options.forUpdate ? await query.for('update') : await query;
    return row;
  },

  /** A client's submissions, newest first, with who reviewed them. */
  async listByClient(tx: Tx, clientId: string): Promise<IntakeView[]> {
    const rows = await tx
      .select({ intake: intakeResponse, reviewerName: staffUser.name })
      .from(intakeResponse)
      .leftJoin(staffUser, eq(staffUser.id, intakeResponse.reviewedBy))
      .where(eq(intakeResponse.clientId, clientId))
      .orderBy(desc(intakeResponse.submittedAt));
    return rows.map((r) => ({ ...r.intake, reviewerName: r.reviewerName }));
  },

  /** The newest submission for an appointment. */
  async latestForAppointment(tx: Tx, appointmentId: string): Promise<IntakeRow | undefined> {
    const [row] = await tx
      .select()
      .from(intakeResponse)
      .where(eq(intakeResponse.appointmentId, appointmentId))
      .orderBy(desc(intakeResponse.submittedAt))
      .limit(1);
    return row;
  },

  /** Earlier submissions not reviewed yet give way to a new one. */
  async supersedePending(tx: Tx, appointmentId: string): Promise<void> {
    await tx
      .update(intakeResponse)
      .set({ status: 'superseded' })
      .where(and(eq(intakeResponse.appointmentId, appointmentId), eq(intakeResponse.status, 'submitted')));
  },

  async markAccepted(tx: Tx, id: string, by: string, consultationId: string): Promise<void> {
    await tx
      .update(intakeResponse)
      .set({ status: 'accepted', reviewedAt: new Date(), reviewedBy: by, consultationId })
      .where(eq(intakeResponse.id, id));
  },
};
