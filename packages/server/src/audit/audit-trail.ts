// One call for the audit entry every service writes inside its own transaction, so that health
// data is never read or changed without the log knowing.
import type { AuditAction } from '@stipple/core';
import type { Tx } from '../db/database.js';
import type { Actor } from '../auth/actor.js';
import { auditRepository } from './audit.repository.js';

export function audit(
  tx: Tx,
  actor: Actor,
  action: AuditAction,
  entityType: string,
  entityId: string | null,
  details?: Record<string, unknown>,
): Promise<void> {
  return auditRepository.record(tx, {
    studioId: actor.studioId,
    actorUserId: actor.userId,
    action,
    entityType,
    entityId,
    ...(details ? { details } : {}),
  });
}
