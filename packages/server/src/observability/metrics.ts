// Prometheus metrics (prom-client), one registry per server: request latency by route, job runs
// and the queues' depth and age, the outbox backlog, blob store errors, and the process's own
// figures. Labels are route patterns, job names and statuses: never an id, a name or a token.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Database } from '../db/database.js';
import type { JobObserver, JobQueue } from '../jobs/job-queue.js';
import { metricsRepository } from './metrics.repository.js';

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const JOB_BUCKETS = [0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'stipple_http_request_duration_seconds',
    help: 'Time from request to response, by route pattern, method and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly jobDuration = new Histogram({
    name: 'stipple_job_duration_seconds',
    help: 'Job runs on this instance, by job name and outcome',
    labelNames: ['queue', 'outcome'] as const,
    buckets: JOB_BUCKETS,
    registers: [this.registry],
  });
  readonly blobErrors = new Counter({
    name: 'stipple_blob_store_errors_total',
    help: 'Blob store operations that failed (a missing blob is not counted), by operation',
    labelNames: ['store', 'operation'] as const,
    registers: [this.registry],
  });
  readonly blobOperations = new Histogram({
    name: 'stipple_blob_store_operation_seconds',
    help: 'Blob store operations, by store and operation',
    labelNames: ['store', 'operation'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly queueDepth = new Gauge({
    name: 'stipple_job_queue_depth',
    help: 'Jobs in the shared queue by job name and state (waiting: due, not started; scheduled: not due yet)',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
  });
  private readonly queueAge = new Gauge({
    name: 'stipple_job_queue_oldest_waiting_seconds',
    help: 'Seconds since the longest-waiting due job became due, by job name',
    labelNames: ['queue'] as const,
    registers: [this.registry],
  });
  private readonly outboxBacklog = new Gauge({
    name: 'stipple_outbox_messages',
    help: 'Outbox messages not yet sent, by status (pending, sending, failed)',
    labelNames: ['status'] as const,
    registers: [this.registry],
  });
  private readonly outboxAge = new Gauge({
    name: 'stipple_outbox_oldest_due_seconds',
    help: 'Seconds since the longest-overdue pending message was due',
    registers: [this.registry],
  });
  private readonly scrapeErrors = new Counter({
    name: 'stipple_metrics_scrape_errors_total',
    help: 'Scrapes whose database figures could not be read',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'stipple_' });
  }

  readonly jobObserver: JobObserver = {
    finished: (name, outcome, seconds) => this.jobDuration.observe({ queue: name, outcome }, seconds),
  };

  /** Reads the shared figures (queues, outbox) from the database, then renders every metric. */
  async render(db: Database, jobs: Pick<JobQueue, 'kind'>): Promise<string> {
    try {
      // System: counts over every studio's jobs and messages, no row content.
      const [queues, outbox] = await db.asSystem(
        async (tx) =>
          [
            jobs.kind === 'pg-boss'
              ? await metricsRepository.pgBossQueues(tx)
              : await metricsRepository.tableQueues(tx),
            await metricsRepository.outbox(tx),
          ] as const,
      );
      this.queueDepth.reset();
      this.queueAge.reset();
      for (const q of queues) {
        this.queueDepth.set({ queue: q.queue, state: 'waiting' }, q.waiting);
        this.queueDepth.set({ queue: q.queue, state: 'scheduled' }, q.scheduled);
        this.queueDepth.set({ queue: q.queue, state: 'active' }, q.active);
        this.queueAge.set({ queue: q.queue }, q.oldestWaitingSeconds);
      }
      this.outboxBacklog.reset();
      for (const status of ['pending', 'sending', 'failed'])
        this.outboxBacklog.set({ status }, outbox.find((o) => o.status === status)?.messages ?? 0);
      this.outboxAge.set(outbox.find((o) => o.status === 'pending')?.oldestDueSeconds ?? 0);
    } catch {
      this.scrapeErrors.inc();
    }
    return this.registry.metrics();
  }
}
