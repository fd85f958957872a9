// SQL for consent templates, signed consents (immutable rows) and withdrawals.
import { and, desc, eq, getTableColumns, sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/database.js';
import { consentRecord, consentTemplate, consentWithdrawal, staffUser } from '../db/schema.js';

export type TemplateRow = typeof consentTemplate.$inferSelect;
export type ConsentRow = typeof consentRecord.$inferSelect & {
  witnessName: string | null;
  withdrawnAt: Date | null;
  withdrawalReason: string | null;
};

const consentColumns = {
  ...getTableColumns(consentRecord),
  witnessName: staffUser.name,
  withdrawnAt: consentWithdrawal.withdrawnAt,
  withdrawalReason: consentWithdrawal.reason,
};

export const consentRepository = {
  async listTemplates(tx: Tx): Promise<(TemplateRow & { current: boolean })[]> {
    return queryRows<TemplateRow & { current: boolean }>(
      tx,
      sql`select t.id, t.studio_id as "studioId", t.kind, t.language, t.version, t.title, t.body,
                 t.validity_months as "validityMonths", t.created_by as "createdBy", t.created_at as "createdAt",
                 t.version = max(t.version) over (partition by t.kind, t.language) as current
            from consent_template t
           order by t.kind, t.language, t.version desc`,
    ).then((rows) => rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt) })));
  },

  async findTemplate(tx: Tx, id: string): Promise<TemplateRow | undefined> {
    const [row] = await tx.select().from(consentTemplate).where(eq(consentTemplate.id, id));
    return row;
  },

  async latestVersion(tx: Tx, kind: TemplateRow['kind'], language: TemplateRow['language']): Promise<number> {
    const [row] = await tx
      .select({ v: sql<number>`coalesce(max(${consentTemplate.version}), 0)::int` })
      .from(consentTemplate)
      .where(and(eq(consentTemplate.kind, kind), eq(consentTemplate.language, language)));
    return row?.v ?? 0;
  },

  async createTemplate(tx: Tx, values: typeof consentTemplate.$inferInsert): Promise<TemplateRow> {
    const [row] = await tx.insert(consentTemplate).values(values).returning();
    return row!;
  },

  async createRecord(tx: Tx, values: typeof consentRecord.$inferInsert): Promise<string> {
    const [row] = await tx.insert(consentRecord).values(values).returning({ id: consentRecord.id });
    return row!.id;
  },

  async findRecord(tx: Tx, id: string): Promise<ConsentRow | undefined> {
    const [row] = await tx
      .select(consentColumns)
      .from(consentRecord)
      .leftJoin(staffUser, eq(staffUser.id, consentRecord.witnessedBy))
      .leftJoin(consentWithdrawal, eq(consentWithdrawal.consentId, consentRecord.id))
      .where(eq(consentRecord.id, id));
    return row;
  },

  async listByClient(tx: Tx, clientId: string): Promise<ConsentRow[]> {
    return tx
      .select(consentColumns)
      .from(consentRecord)
      .leftJoin(staffUser, eq(staffUser.id, consentRecord.witnessedBy))
      .leftJoin(consentWithdrawal, eq(consentWithdrawal.consentId, consentRecord.id))
      .where(eq(consentRecord.clientId, clientId))
      .orderBy(desc(consentRecord.signedAt));
  },

  async withdraw(tx: Tx, values: typeof consentWithdrawal.$inferInsert): Promise<void> {
    await tx.insert(consentWithdrawal).values(values);
  },

  /** The newest consent of a kind that is signed, not withdrawn and still valid at `at`. */
  async activeConsent(tx: Tx, clientId: string, kind: TemplateRow['kind'], at: Date): Promise<string | null> {
    const [row] = await queryRows<{ id: string }>(
      tx,
      sql`select cr.id from consent_record cr
           where cr.client_id = ${clientId} and cr.kind = ${kind} and cr.signed_at <= ${at.toISOString()}::timestamptz
             and (cr.valid_until is null or cr.valid_until > ${at.toISOString()}::timestamptz)
             and not exists (select 1 from consent_withdrawal w where w.consent_id = cr.id)
           order by cr.signed_at desc limit 1`,
    );
    return row?.id ?? null;
  },
};
