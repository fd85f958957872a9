// Daily: delete sign-in sessions that have expired (they no longer work; this keeps the table
// small) and sign-in counters that no longer matter.
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import type { AuthService } from '../auth/auth.service.js';
import type { JobDefinition } from './job-queue.js';

export const SESSION_PRUNE = 'auth.session-prune';

export const SessionPrunePayload = z.strictObject({});

export function sessionPruneJob(deps: {
  auth: AuthService;
  log: FastifyBaseLogger;
}): JobDefinition<z.infer<typeof SessionPrunePayload>> {
  return {
    name: SESSION_PRUNE,
    payload: SessionPrunePayload,
    dailyAtUtc: '03:47',
    async handler() {
      const deleted = await deps.auth.pruneExpiredSessions();
      const counters = await deps.auth.pruneLoginCounters();
      deps.log.info({ deleted, counters }, 'expired sessions and sign-in counters deleted');
    },
  };
}
