// Background jobs behind one small interface, so pg-boss (PostgreSQL) and the in-process runner
// (PGlite) are interchangeable. A job is data: a name, a zod payload schema and a handler.
import type { z } from 'zod';
import { currentRequestId, withRequestId } from '../observability/request-context.js';

export interface JobRun {
  id: string;
  /** 1 on the first try, 2 on the first retry, ... */
  attempt: number;
}

export interface JobDefinition<P = unknown> {
  name: string;
  payload: z.ZodType<P>;
  handler(payload: P, run: JobRun): Promise<void>;
  /** Retries after a failure (default 3), waiting retryDelaySeconds, doubling each time (default 30). */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** Runs once a day at this UTC time ("HH:MM"), with the payload `{}`. */
  dailyAtUtc?: string;
}

export interface SendOptions {
  /** Not before this instant (or this many seconds from now). */
  startAfter?: Date | number;
  /** While a job of the same name and key waits to start, sending another is a no-op (returns null). */
  singletonKey?: string;
}

/** What the metrics learn of each run. */
export interface JobObserver {
  finished(name: string, outcome: 'completed' | 'failed', seconds: number): void;
}

export interface JobQueue {
  readonly kind: 'pg-boss' | 'in-process';
  /** Before start(). */
  register<P>(definition: JobDefinition<P>): void;
  /** Validates the payload and queues the job; returns its id, or null when a singleton was already waiting. */
  send<P>(name: string, payload: P, options?: SendOptions): Promise<string | null>;
  start(): Promise<void>;
  /** Stops taking jobs and waits for the running one to finish. */
  stop(): Promise<void>;
  /** Rejects when the queue cannot reach its storage or is not running. */
  ping(): Promise<void>;
}

export const DEFAULT_RETRY_LIMIT = 3;
export const DEFAULT_RETRY_DELAY_SECONDS = 30;

export function startAfterDate(startAfter: Date | number | undefined, now = Date.now()): Date {
  if (startAfter === undefined) return new Date(now);
  return typeof startAfter === 'number' ? new Date(now + startAfter * 1000) : startAfter;
}

export function parseDailyAt(hhmm: string): { hour: number; minute: number } {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new Error(`dailyAtUtc must be HH:MM (24 h, UTC), got "${hhmm}"`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

/** The next instant strictly after `now` at hh:mm UTC. */
export function nextDailyRun(hhmm: string, now: Date): Date {
  const { hour, minute } = parseDailyAt(hhmm);
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hour, minute));
  if (next.getTime() <= now.getTime()) next.setUTCDate(next.getUTCDate() + 1);
  return next;
}

export function validatePayload<P>(
  definition: JobDefinition<P> | undefined,
  name: string,
  payload: unknown,
): P {
  if (!definition) throw new Error(`No job named "${name}" is registered`);
  const parsed = definition.payload.safeParse(payload);
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'} ${i.message}`).join('; ');
    throw new Error(`Invalid payload for job "${name}": ${why}`);
  }
  return parsed.data;
}

/**
 * What a queue stores for a job: the payload and the request id of the work that queued it, so
 * the run's log lines join that request's. Jobs stored before the envelope are bare payloads.
 */
interface JobEnvelope {
  payload: unknown;
  meta: { requestId?: string };
}

export function sealJob(payload: unknown): JobEnvelope {
  const requestId = currentRequestId();
  return { payload, meta: requestId ? { requestId } : {} };
}

function openJob(data: unknown): { payload: unknown; requestId: string | undefined } {
  if (
    typeof data === 'object' &&
    data !== null &&
    Object.keys(data).sort().join() === 'meta,payload' &&
    typeof (data as JobEnvelope).meta === 'object'
  ) {
    const { payload, meta } = data as JobEnvelope;
    return { payload, requestId: typeof meta.requestId === 'string' ? meta.requestId : undefined };
  }
  return { payload: data, requestId: undefined };
}

/**
 * Runs one stored job: unseals it, validates the payload, and runs the handler under the request
 * id that queued it (a scheduled job gets an id of its own), reporting the outcome.
 */
export async function runStoredJob<P>(
  definition: JobDefinition<P>,
  data: unknown,
  run: JobRun,
  hooks: { observer: JobObserver | undefined; log: JobLog },
): Promise<void> {
  const { payload, requestId } = openJob(data);
  const started = performance.now();
  const fields = { job: definition.name, jobId: run.id, attempt: run.attempt };
  await withRequestId(requestId ?? `job-${run.id}`, async () => {
    try {
      const parsed = validatePayload(definition, definition.name, payload);
      await definition.handler(parsed, run);
    } catch (err) {
      const seconds = (performance.now() - started) / 1000;
      hooks.observer?.finished(definition.name, 'failed', seconds);
      hooks.log.warn({ ...fields, ms: Math.round(seconds * 1000), err }, 'job failed');
      throw err;
    }
    const seconds = (performance.now() - started) / 1000;
    hooks.observer?.finished(definition.name, 'completed', seconds);
    hooks.log.info({ ...fields, ms: Math.round(seconds * 1000) }, 'job done');
  });
}

/** The part of a pino logger the job runner uses. */
export interface JobLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}
