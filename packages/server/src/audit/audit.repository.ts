// SQL for the audit log. Entries are append-only: the app role has no UPDATE grant on the table,
// and deletions happen only through retention pruning.
import type { AuditAction } from '@stipple/core';
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { preparedQuery } from '../db/prepared-query.js';
import { auditEntry, staffUser } from '../db/schema.js';

export interface NewAuditEntry {
  studioId: string;
  actorUserId: string | null;
  action: AuditAction;
  entityType: string;
  entityId: string | null;
  /** Ids, counts and changed field names only: never a client's field values. */
  details?: Record<string, unknown>;
}

export interface AuditFilter {
  entityType?: string | undefined;
  entityId?: string | undefined;
  actorId?: string | undefined;
  action?: AuditAction | undefined;
  page: number;
  pageSize: number;
}

export interface AuditRow {
  id: string;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  details: Record<string, unknown>;
}

/** Every read and change writes one: built once per handle (prepared-query.ts). */
const insertEntry = preparedQuery((tx) =>
  tx
    .insert(auditEntry)
    .values({
      studioId: sql.placeholder('studioId'),
      actorUserId: sql.placeholder('actorUserId'),
      action: sql.placeholder('action'),
      entityType: sql.placeholder('entityType'),
      entityId: sql.placeholder('entityId'),
      details: sql.placeholder('details'),
      // clock_timestamp, not now(): entries of one transaction keep the order they were written in.
      at: sql`clock_timestamp()`,
    })
    .prepare('audit_entry_insert'),
);

export const auditRepository = {
  async record(tx: Tx, entry: NewAuditEntry): Promise<void> {
    await insertEntry(tx, { ...entry, details: entry.details ?? {} });
  },

  async list(tx: Tx, filter: AuditFilter): Promise<{ rows: AuditRow[]; total: number }> {
    const where = and(
      filter.entityType ? eq(auditEntry.entityType, filter.entityType) : undefined,
      filter.entityId ? eq(auditEntry.entityId, filter.entityId) : undefined,
      filter.actorId ? eq(auditEntry.actorUserId, filter.actorId) : undefined,
      filter.action ? eq(auditEntry.action, filter.action) : undefined,
    );
    const [count] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEntry)
      .where(where);
    const rows = await tx
      .select({
        id: auditEntry.id,
        at: auditEntry.at,
        actorId: auditEntry.actorUserId,
        actorName: staffUser.name,
        action: auditEntry.action,
        entityType: auditEntry.entityType,
        entityId: auditEntry.entityId,
        details: auditEntry.details,
      })
      .from(auditEntry)
      .leftJoin(staffUser, eq(staffUser.id, auditEntry.actorUserId))
      .where(where)
      .orderBy(desc(auditEntry.at), desc(auditEntry.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize);
    return { rows, total: count?.n ?? 0 };
  },

  async deleteOlderThan(tx: Tx, cutoff: Date): Promise<number> {
    const rows = await tx
      .delete(auditEntry)
      .where(lt(auditEntry.at, cutoff))
      .returning({ id: auditEntry.id });
    return rows.length;
  },
};
