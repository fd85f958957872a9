// The outbox delivery job: sends what is due, then queues its next run after the interval
// (one waiting run at a time, by its singleton key). The server queues a first run at start.
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import { OUTBOX_DELIVER_JOB, type OutboxDispatcher } from '../outbox/outbox-dispatcher.js';
import type { JobDefinition, JobQueue } from './job-queue.js';

export const OutboxDeliverPayload = z.strictObject({});

export function queueOutboxRun(jobs: JobQueue, afterSeconds = 0): Promise<string | null> {
  return jobs.send(OUTBOX_DELIVER_JOB, {}, { startAfter: afterSeconds, singletonKey: OUTBOX_DELIVER_JOB });
}

export function outboxDeliverJob(deps: {
  dispatcher: OutboxDispatcher;
  jobs: () => JobQueue;
  intervalSeconds: number;
  log: FastifyBaseLogger;
}): JobDefinition<z.infer<typeof OutboxDeliverPayload>> {
  return {
    name: OUTBOX_DELIVER_JOB,
    payload: OutboxDeliverPayload,
    retryLimit: 0,
    async handler() {
      try {
        const sent = await deps.dispatcher.deliverDue();
        if (sent) deps.log.info({ sent }, 'outbox delivered');
      } catch (err) {
        deps.log.error({ err }, 'outbox delivery run failed');
      } finally {
        await queueOutboxRun(deps.jobs(), deps.intervalSeconds).catch((err: unknown) =>
          deps.log.error({ err }, 'could not queue the next outbox run'),
        );
      }
    },
  };
}
