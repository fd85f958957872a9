// Daily: delete audit entries older than the retention (STIPPLE_AUDIT_RETENTION_DAYS, default
// 8 years per UK vendor guidance), studio by studio; each studio's log records the pruning.
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import type { AuditService } from '../audit/audit.service.js';
import type { JobDefinition } from './job-queue.js';

export const AUDIT_PRUNE = 'audit.prune';

export const AuditPrunePayload = z.strictObject({
  /** Overrides the configured retention for this run (e.g. an administrator's one-off). */
  retentionDays: z.number().int().min(1).optional(),
});
export type AuditPrunePayload = z.infer<typeof AuditPrunePayload>;

export function auditPruneJob(deps: {
  audit: AuditService;
  retentionDays: number;
  log: FastifyBaseLogger;
}): JobDefinition<AuditPrunePayload> {
  return {
    name: AUDIT_PRUNE,
    payload: AuditPrunePayload,
    dailyAtUtc: '03:17',
    retryLimit: 3,
    retryDelaySeconds: 60,
    async handler(payload) {
      const retentionDays = payload.retentionDays ?? deps.retentionDays;
      const result = await deps.audit.pruneAllStudios(retentionDays);
      deps.log.info({ ...result, retentionDays }, 'audit log pruned');
    },
  };
}
