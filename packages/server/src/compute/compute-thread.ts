// The jobs' heavy computing, off the event loop: one worker thread (`compute.worker.ts`) that runs
// the tasks of `compute-tasks.ts` one at a time, at a lower priority than the thread that answers
// requests. Before it, a registration or a render held the event loop for seconds and every
// request waited behind it. One thread, not one per core: on a small machine the requests, the
// database and sharp's encoders need the other cores. The thread starts on the first task and
// ends after a minute without one; a thread that dies fails its task and the next task starts a
// new one.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ZoneError } from '@stipple/core';
import type { ComputeTaskName, ComputeTasks } from './compute-tasks.js';
import type { ReplyMessage, TaskMessage } from './compute.worker.js';
import { movableBuffer } from './shared-pixels.js';

/** A task's arguments, less the progress callback the thread passes itself. */
type ArgsOf<K extends ComputeTaskName> =
  Parameters<ComputeTasks[K]> extends [...infer A, (event: never) => void] ? A : Parameters<ComputeTasks[K]>;
type EventOf<K extends ComputeTaskName> =
  Parameters<ComputeTasks[K]> extends [...unknown[], (event: infer E) => void] ? E : never;

export interface ComputeThreadOptions {
  /** How much lower the thread's priority is (Linux nice increment, 0-19). Default 10. */
  nice?: number;
  /** The thread ends after this long without a task. Default 60 s. */
  idleMs?: number;
}

/** The buffers of what the caller hands over, each once (a buffer named twice fails the message). */
function transferable(handOver: readonly ArrayBufferView[]): ArrayBuffer[] {
  return [...new Set(handOver.map(movableBuffer).filter((b): b is ArrayBuffer => b !== null))];
}

interface Pending {
  message: TaskMessage;
  transfer: ArrayBuffer[];
  onEvent: ((event: unknown) => void) | undefined;
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

const IS_SOURCE = import.meta.url.endsWith('.ts');

/**
 * Run from the TypeScript sources (tests), the thread loads them through tsx; run from the build,
 * it loads the built worker.
 */
function startWorker(nice: number): Worker {
  const options = { workerData: { nice }, execArgv: withoutPreloads(process.execArgv) };
  if (!IS_SOURCE) return new Worker(new URL('./compute.worker.js', import.meta.url), options);
  const tsx = pathToFileURL(tsxEsmApi()).href;
  const entry = new URL('./compute.worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { ...options, eval: true });
}

const PRELOADS = new Set(['--import', '--require', '-r', '--loader', '--experimental-loader']);

/**
 * The process's Node options less its preloaded modules: a thread inherits them, and a preload
 * written for the process (the tests' exit-with-parent, which ends the process when its stdin
 * closes, and a thread's stdin is closed at once) must not run again in the thread.
 */
export function withoutPreloads(execArgv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i]!;
    if (PRELOADS.has(arg)) i++;
    else if (![...PRELOADS].some((p) => arg.startsWith(`${p}=`))) kept.push(arg);
  }
  return kept;
}

/** tsx's ESM API (`tsx/esm/api` for `import`): a bare require would give its CommonJS twin. */
function tsxEsmApi(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const exports = (
    JSON.parse(readFileSync(manifest, 'utf8')) as {
      exports: Record<string, { import: { default: string } }>;
    }
  ).exports;
  return join(dirname(manifest), exports['./esm/api']!.import.default);
}

function errorFrom(e: { name: string; message: string; fields: Record<string, unknown> }): Error {
  if (e.name === 'ZoneError')
    return new ZoneError(
      (e.fields.path as (string | number)[] | undefined) ?? [],
      e.message,
      e.fields.code as string | undefined,
      e.fields.params as Record<string, number> | undefined,
    );
  const err = new Error(e.message);
  err.name = e.name;
  return err;
}

export class ComputeThread {
  private worker: Worker | null = null;
  private readonly queue: Pending[] = [];
  private current: Pending | null = null;
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly nice: number;
  private readonly idleMs: number;

  constructor(options: ComputeThreadOptions = {}) {
    this.nice = options.nice ?? 10;
    this.idleMs = options.idleMs ?? 60_000;
  }

  /**
   * Runs a task in the thread; `onEvent` hears what the task reports while it runs. `handOver`
   * names typed arrays among the arguments that the caller no longer reads: they move to the
   * thread rather than being copied on the event loop.
   */
  run<K extends ComputeTaskName>(
    task: K,
    args: ArgsOf<K>,
    onEvent?: (event: EventOf<K>) => void,
    { handOver = [] }: { handOver?: readonly ArrayBufferView[] } = {},
  ): Promise<Awaited<ReturnType<ComputeTasks[K]>>> {
    if (this.closed) return Promise.reject(new Error('the compute thread is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({
        message: { id: this.nextId++, task, args: args as unknown[] },
        transfer: transferable(handOver),
        onEvent: onEvent as ((event: unknown) => void) | undefined,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      this.pump();
    });
  }

  /** Ends the thread; queued and running tasks fail. */
  async close(): Promise<void> {
    this.closed = true;
    const failed = new Error('the compute thread was closed');
    for (const p of this.queue.splice(0)) p.reject(failed);
    this.current?.reject(failed);
    this.current = null;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private pump(): void {
    if (this.current || this.closed) return;
    const next = this.queue.shift();
    if (!next) {
      this.idleTimer ??= setTimeout(() => {
        this.idleTimer = null;
        if (!this.current && this.queue.length === 0) void this.retire();
      }, this.idleMs).unref();
      return;
    }
    if (this.idleTimer) {
      clearTimeout(this.idleTimer);
      this.idleTimer = null;
    }
    this.current = next;
    try {
      this.ensureWorker().postMessage(next.message, next.transfer);
    } catch (err) {
      // Arguments that cannot cross (a function, say) fail their task, not the ones behind it.
      this.current = null;
      next.reject(err instanceof Error ? err : new Error(String(err)));
      this.pump();
    }
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker(this.nice);
    // The thread never keeps the process alive on its own.
    worker.unref();
    worker.on('message', (reply: ReplyMessage) => this.onReply(reply));
    worker.on('error', (err) => this.onExit(worker, err));
    worker.on('exit', (code) =>
      this.onExit(worker, new Error(`the compute thread stopped (exit code ${code})`)),
    );
    this.worker = worker;
    return worker;
  }

  private onReply(reply: ReplyMessage): void {
    const current = this.current;
    if (!current || current.message.id !== reply.id) return;
    if ('event' in reply) {
      current.onEvent?.(reply.event);
      return;
    }
    this.current = null;
    if ('error' in reply) current.reject(errorFrom(reply.error));
    else current.resolve(reply.result);
    this.pump();
  }

  private onExit(worker: Worker, err: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    const current = this.current;
    this.current = null;
    current?.reject(err);
    this.pump();
  }

  private async retire(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }
}
