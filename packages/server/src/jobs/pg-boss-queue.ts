// The job queue on PostgreSQL: pg-boss 10 (its own schema `pgboss`, its own small pool).
// Queues use pg-boss's "short" policy: at most one waiting job per singleton key. Sends without
// a key get a unique one, so they never collide with each other.
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import PgBoss from 'pg-boss';
import {
  DEFAULT_RETRY_DELAY_SECONDS,
  DEFAULT_RETRY_LIMIT,
  parseDailyAt,
  runStoredJob,
  sealJob,
  startAfterDate,
  validatePayload,
  type JobDefinition,
  type JobObserver,
  type JobQueue,
  type SendOptions,
} from './job-queue.js';

export interface PgBossQueueOptions {
  /** How often an idle worker asks for jobs (pg-boss's minimum is 0.5 s). Default 2 s. */
  pollingIntervalSeconds?: number;
  observer?: JobObserver;
}

export class PgBossQueue implements JobQueue {
  readonly kind = 'pg-boss' as const;
  private readonly boss: PgBoss;
  private readonly definitions = new Map<string, JobDefinition<unknown>>();
  private running = false;
  private readonly pollingIntervalSeconds: number;
  private readonly observer: JobObserver | undefined;

  constructor(
    connectionString: string,
    private readonly log: FastifyBaseLogger,
    options: PgBossQueueOptions = {},
  ) {
    this.pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
    this.observer = options.observer;
    this.boss = new PgBoss({ connectionString, schema: 'pgboss', max: 4, application_name: 'stipple-jobs' });
    this.boss.on('error', (err) => this.log.error({ err }, 'pg-boss error'));
  }

  register<P>(definition: JobDefinition<P>): void {
    if (this.running) throw new Error('Register jobs before starting the queue');
    if (definition.dailyAtUtc) parseDailyAt(definition.dailyAtUtc);
    this.definitions.set(definition.name, definition);
  }

  async send<P>(name: string, payload: P, options: SendOptions = {}): Promise<string | null> {
    const data = validatePayload(this.definitions.get(name), name, payload);
    return this.boss.send(name, sealJob(data), {
      singletonKey: options.singletonKey ?? randomUUID(),
      startAfter: startAfterDate(options.startAfter),
    });
  }

  async start(): Promise<void> {
    if (this.running) return;
    await this.boss.start();
    for (const definition of this.definitions.values()) {
      await this.boss.createQueue(definition.name, {
        name: definition.name,
        policy: 'short',
        retryLimit: definition.retryLimit ?? DEFAULT_RETRY_LIMIT,
        retryDelay: definition.retryDelaySeconds ?? DEFAULT_RETRY_DELAY_SECONDS,
        retryBackoff: true,
      });
      await this.boss.work<unknown>(
        definition.name,
        { pollingIntervalSeconds: this.pollingIntervalSeconds, batchSize: 1, includeMetadata: true },
        async ([job]) => {
          if (!job) return;
          await runStoredJob(
            definition,
            job.data,
            { id: job.id, attempt: job.retryCount + 1 },
            { observer: this.observer, log: this.log },
          );
        },
      );
      if (definition.dailyAtUtc) {
        const { hour, minute } = parseDailyAt(definition.dailyAtUtc);
        await this.boss.schedule(definition.name, `${minute} ${hour} * * *`, {}, { tz: 'UTC' });
      }
    }
    this.running = true;
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    await this.boss.stop({ graceful: true, wait: true, close: true, timeout: 15_000 });
  }

  async ping(): Promise<void> {
    if (!this.running) throw new Error('job queue is not running');
    await this.boss.getDb().executeSql('select 1', []);
  }
}
