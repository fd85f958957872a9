// The in-process job queue for PGlite: jobs are rows of the `job` table, so they survive a
// restart; one runner in this process polls for due jobs (FOR UPDATE SKIP LOCKED), runs them one
// at a time and retries failures with exponential backoff. pg-boss needs a connection string,
// which PGlite does not have; this runner needs nothing but the database.
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/database.js';
import { jobRepository, type JobRow } from './job.repository.js';
import {
  DEFAULT_RETRY_DELAY_SECONDS,
  DEFAULT_RETRY_LIMIT,
  nextDailyRun,
  runStoredJob,
  sealJob,
  startAfterDate,
  validatePayload,
  type JobDefinition,
  type JobObserver,
  type JobQueue,
  type SendOptions,
} from './job-queue.js';

const MAX_BACKOFF_SECONDS = 3600;
const KEEP_FINISHED_DAYS = 7;

export interface TableJobQueueOptions {
  /** How often to look for due jobs when idle (a send wakes the runner at once). Default 1000 ms. */
  pollIntervalMs?: number;
  observer?: JobObserver;
}

export class TableJobQueue implements JobQueue {
  readonly kind = 'in-process' as const;
  private readonly definitions = new Map<string, JobDefinition<unknown>>();
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private readonly pollIntervalMs: number;
  private readonly observer: JobObserver | undefined;

  constructor(
    private readonly db: Database,
    private readonly log: FastifyBaseLogger,
    options: TableJobQueueOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.observer = options.observer;
  }

  register<P>(definition: JobDefinition<P>): void {
    if (this.running) throw new Error('Register jobs before starting the queue');
    if (definition.dailyAtUtc) nextDailyRun(definition.dailyAtUtc, new Date()); // validates the format early
    this.definitions.set(definition.name, definition);
  }

  async send<P>(name: string, payload: P, options: SendOptions = {}): Promise<string | null> {
    const definition = this.definitions.get(name);
    const data = validatePayload(definition, name, payload);
    const runAfter = startAfterDate(options.startAfter);
    const id = await this.db.asSystem((tx) =>
      jobRepository.insert(tx, {
        name,
        payload: sealJob(data),
        runAfter,
        maxAttempts: (definition?.retryLimit ?? DEFAULT_RETRY_LIMIT) + 1,
        singletonKey: options.singletonKey ?? null,
      }),
    );
    if (id && runAfter.getTime() <= Date.now()) this.wake?.();
    return id;
  }

  async start(): Promise<void> {
    if (this.running) return;
    const requeued = await this.db.asSystem(async (tx) => {
      await jobRepository.deleteFinishedBefore(tx, new Date(Date.now() - KEEP_FINISHED_DAYS * 86_400_000));
      return jobRepository.requeueInterrupted(tx);
    });
    if (requeued) this.log.warn({ requeued }, 'jobs interrupted by the last shutdown will run again');
    for (const definition of this.definitions.values()) await this.scheduleNext(definition);
    this.running = true;
    this.loop = this.runLoop();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  async ping(): Promise<void> {
    if (!this.running) throw new Error('job queue is not running');
    await this.db.asSystem((tx) => jobRepository.findById(tx, '00000000-0000-4000-8000-000000000000'));
  }

  private async runLoop(): Promise<void> {
    const names = [...this.definitions.keys()];
    while (this.running) {
      let row: JobRow | undefined;
      try {
        row = await this.db.asSystem((tx) => jobRepository.claimNext(tx, names));
      } catch (err) {
        if (!this.running) break;
        this.log.error({ err }, 'job queue could not read the job table');
      }
      if (row) await this.execute(row);
      else await this.idle();
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.pollIntervalMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        done();
      };
    });
  }

  private async execute(row: JobRow): Promise<void> {
    const definition = this.definitions.get(row.name)!;
    try {
      await runStoredJob(
        definition,
        row.payload,
        { id: row.id, attempt: row.attempts },
        { observer: this.observer, log: this.log },
      );
      await this.db.asSystem((tx) => jobRepository.complete(tx, row.id));
    } catch (err) {
      const retry = row.attempts < row.maxAttempts;
      const delay = Math.min(
        (definition.retryDelaySeconds ?? DEFAULT_RETRY_DELAY_SECONDS) * 2 ** (row.attempts - 1),
        MAX_BACKOFF_SECONDS,
      );
      const retryAt = retry ? new Date(Date.now() + delay * 1000) : null;
      const log = this.log.child({ job: row.name, jobId: row.id, attempt: row.attempts });
      if (retry) log.info({ retryAt }, 'job will retry');
      else log.warn('job failed for good');
      try {
        await this.db.asSystem((tx) => jobRepository.fail(tx, row.id, errorText(err), retryAt));
      } catch (writeErr) {
        log.error({ err: writeErr }, 'could not record the job failure');
      }
    }
    if (definition.dailyAtUtc) await this.scheduleNext(definition);
  }

  /** Daily jobs keep exactly one future run queued (the singleton key makes this idempotent). */
  private async scheduleNext(definition: JobDefinition<unknown>): Promise<void> {
    if (!definition.dailyAtUtc) return;
    try {
      await this.send(
        definition.name,
        {},
        {
          startAfter: nextDailyRun(definition.dailyAtUtc, new Date()),
          singletonKey: `daily:${definition.name}`,
        },
      );
    } catch (err) {
      this.log.error({ err, job: definition.name }, 'could not schedule the next daily run');
    }
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
