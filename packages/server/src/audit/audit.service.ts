// The audit log: listing for the owner, and retention pruning for the daily job.
import type { AuditAction, AuditEntry, AuditListQuery, AuditPage } from '@stipple/core';
import type { Database } from '../db/database.js';
import type { Actor } from '../auth/actor.js';
import { OWNER, requireRole } from '../auth/roles.js';
import { studioRepository } from '../studio/studio.repository.js';
import { auditRepository, type AuditRow } from './audit.repository.js';

const toEntry = (row: AuditRow): AuditEntry => ({
  id: row.id,
  at: row.at.toISOString(),
  actor: row.actorId ? { id: row.actorId, name: row.actorName ?? '' } : null,
  action: row.action as AuditAction,
  entityType: row.entityType,
  entityId: row.entityId,
  details: row.details,
});

export interface PruneResult {
  studios: number;
  deleted: number;
}

export class AuditService {
  constructor(private readonly deps: { db: Database }) {}

  /** The owner's only (the route says so too; a service called from elsewhere must not leak it). */
  async list(actor: Actor, query: AuditListQuery): Promise<AuditPage> {
    requireRole(actor, OWNER);
    const { rows, total } = await this.deps.db.withStudio(actor.studioId, (tx) =>
      auditRepository.list(tx, query),
    );
    return { items: rows.map(toEntry), total, page: query.page, pageSize: query.pageSize };
  }

  /** Deletes entries older than the retention, studio by studio, and logs how many went. */
  async pruneAllStudios(retentionDays: number, now = new Date()): Promise<PruneResult> {
    const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
    // System: a job that visits every studio has to list them first.
    const studioIds = await this.deps.db.asSystem((tx) => studioRepository.listIds(tx));
    let deleted = 0;
    for (const studioId of studioIds) {
      deleted += await this.deps.db.withStudio(studioId, async (tx) => {
        const n = await auditRepository.deleteOlderThan(tx, cutoff);
        await auditRepository.record(tx, {
          studioId,
          actorUserId: null,
          action: 'audit.prune',
          entityType: 'audit_entry',
          entityId: null,
          details: { deleted: n, retentionDays, before: cutoff.toISOString() },
        });
        return n;
      });
    }
    return { studios: studioIds.length, deleted };
  }
}
