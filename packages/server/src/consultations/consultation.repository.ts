// SQL for consultations and their saved plan versions. Row-level security confines every
// statement to the current studio; plan versions are insert-only (a trigger refuses changes).
import { aliasedTable, and, desc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { client, consultation, staffUser, treatmentPlan } from '../db/schema.js';

export type ConsultationRow = typeof consultation.$inferSelect;
export type PlanRow = typeof treatmentPlan.$inferSelect;

export interface ConsultationView extends ConsultationRow {
  artistName: string;
  createdByName: string | null;
  givenName: string;
  familyName: string;
  preferredLanguage: string;
  dateOfBirth: string | null;
}

export interface PlanView extends PlanRow {
  createdByName: string | null;
  /** The consultation's current version: a plan made from an older one is stale. */
  currentAssessmentVersion: number;
}

const artist = aliasedTable(staffUser, 'artist');
const author = aliasedTable(staffUser, 'author');

const consultationColumns = {
  ...getTableColumns(consultation),
  artistName: artist.name,
  createdByName: author.name,
  givenName: client.givenName,
  familyName: client.familyName,
  preferredLanguage: client.preferredLanguage,
  dateOfBirth: client.dateOfBirth,
};

function selectConsultations(tx: Tx) {
  return tx
    .select(consultationColumns)
    .from(consultation)
    .innerJoin(artist, eq(artist.id, consultation.artistId))
    .innerJoin(client, eq(client.id, consultation.clientId))
    .leftJoin(author, eq(author.id, consultation.createdBy));
}

const planAuthor = aliasedTable(staffUser, 'plan_author');

export const consultationRepository = {
  async create(
    tx: Tx,
    values: {
      studioId: string;
      clientId: string;
      artistId: string;
      consultationDate: string;
      assessment: Record<string, unknown>;
      createdBy: string;
    },
  ): Promise<ConsultationRow> {
    const [row] = await tx.insert(consultation).values(values).returning();
    return row!;
  },

  async findById(
    tx: Tx,
    id: string,
    options: { forUpdate?: boolean } = {},
  ): Promise<ConsultationView | undefined> {
    if (options.forUpdate)
      await tx
        .select({ id: consultation.id })
        .from(consultation)
        .where(eq(consultation.id, id))
        .for('update');
    const [row] = await selectConsultations(tx).where(eq(consultation.id, id));
    return row;
  },

  async listByClient(tx: Tx, clientId: string): Promise<ConsultationView[]> {
    return selectConsultations(tx)
      .where(eq(consultation.clientId, clientId))
      .orderBy(desc(consultation.consultationDate), desc(consultation.createdAt));
  },

  async listRecent(
    tx: Tx,
    page: { page: number; pageSize: number },
  ): Promise<{ rows: ConsultationView[]; total: number }> {
    const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(consultation);
    const rows = await selectConsultations(tx)
      .orderBy(desc(consultation.consultationDate), desc(consultation.updatedAt), consultation.id)
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize);
    return { rows, total: count?.n ?? 0 };
  },

  /** Writes the new assessment over `current` when it is still at `current.version`. */
  async update(
    tx: Tx,
    current: ConsultationRow,
    patch: { artistId: string; consultationDate: string; assessment: Record<string, unknown> },
  ): Promise<void> {
    await tx
      .update(consultation)
      .set({ ...patch, version: sql`${consultation.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(consultation.id, current.id), eq(consultation.version, current.version)));
  },

  // ---- plan versions ----

  async insertPlan(tx: Tx, values: typeof treatmentPlan.$inferInsert): Promise<PlanRow> {
    const [row] = await tx.insert(treatmentPlan).values(values).returning();
    return row!;
  },

  async listPlans(tx: Tx, consultationId: string): Promise<PlanView[]> {
    return selectPlans(tx)
      .where(eq(treatmentPlan.consultationId, consultationId))
      .orderBy(desc(treatmentPlan.version));
  },

  async findPlan(tx: Tx, id: string): Promise<PlanView | undefined> {
    const [row] = await selectPlans(tx).where(eq(treatmentPlan.id, id));
    return row;
  },

  async latestPlan(tx: Tx, consultationId: string): Promise<PlanView | undefined> {
    const [row] = await selectPlans(tx)
      .where(eq(treatmentPlan.consultationId, consultationId))
      .orderBy(desc(treatmentPlan.version))
      .limit(1);
    return row;
  },

  /** The newest plan version of each of these consultations. */
  async latestPlans(tx: Tx, consultationIds: string[]): Promise<Map<string, PlanView>> {
    const out = new Map<string, PlanView>();
    if (consultationIds.length === 0) return out;
    const rows = await selectPlans(tx)
      .where(
        and(
          inArray(treatmentPlan.consultationId, consultationIds),
          sql`${treatmentPlan.version} = (select max(p2.version) from treatment_plan p2 where p2.consultation_id = ${treatmentPlan.consultationId})`,
        ),
      )
      .orderBy(treatmentPlan.consultationId);
    for (const r of rows) out.set(r.consultationId, r);
    return out;
  },

  /** The client's most recently saved plan, of any consultation: it sets a new course's interval. */
  async latestPlanOfClient(tx: Tx, clientId: string): Promise<PlanRow | undefined> {
    const [row] = await tx
      .select()
      .from(treatmentPlan)
      .where(eq(treatmentPlan.clientId, clientId))
      .orderBy(desc(treatmentPlan.createdAt), desc(treatmentPlan.version))
      .limit(1);
    return row;
  },
};

function selectPlans(tx: Tx) {
  return tx
    .select({
      ...getTableColumns(treatmentPlan),
      createdByName: planAuthor.name,
      currentAssessmentVersion: consultation.version,
    })
    .from(treatmentPlan)
    .innerJoin(consultation, eq(consultation.id, treatmentPlan.consultationId))
    .leftJoin(planAuthor, eq(planAuthor.id, treatmentPlan.createdBy));
}
