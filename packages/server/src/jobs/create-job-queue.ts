// pg-boss when the server runs on PostgreSQL; the in-process table queue on PGlite.
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { JobObserver, JobQueue } from './job-queue.js';
import { PgBossQueue } from './pg-boss-queue.js';
import { TableJobQueue } from './table-job-queue.js';

export interface JobQueueTuning {
  /** Idle polling interval; tests shorten it. */
  pollIntervalMs?: number;
  observer?: JobObserver;
}

export function createJobQueue(
  config: Pick<Config, 'databaseUrl'>,
  db: Database,
  log: FastifyBaseLogger,
  tuning: JobQueueTuning = {},
): JobQueue {
  if (config.databaseUrl) {
    return new PgBossQueue(config.databaseUrl, log.child({ component: 'jobs' }), {
      ...(tuning.pollIntervalMs
        ? { pollingIntervalSeconds: Math.max(0.5, tuning.pollIntervalMs / 1000) }
        : {}),
      ...(tuning.observer ? { observer: tuning.observer } : {}),
    });
  }
  return new TableJobQueue(db, log.child({ component: 'jobs' }), tuning);
}
