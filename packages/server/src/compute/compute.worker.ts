// The compute thread: runs one task of `compute-tasks.ts` at a time for the server's jobs. It asks
// the kernel for a lower priority than the event loop's thread, so that on a busy machine the
// requests come first and a render or a registration takes the time that is left.
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { computeTasks, type ComputeTaskName } from './compute-tasks.js';
import { movableBuffer } from './shared-pixels.js';

export interface TaskMessage {
  id: number;
  task: ComputeTaskName;
  args: unknown[];
}

export type ReplyMessage =
  | { id: number; event: unknown }
  | { id: number; result: unknown }
  | { id: number; error: { name: string; message: string; fields: Record<string, unknown> } };

const port = parentPort!;
const nice = (workerData as { nice?: number } | undefined)?.nice ?? 0;
if (nice > 0) {
  try {
    // pid 0 is this thread on Linux (the nice value is per thread there), not the whole process.
    setPriority(0, nice);
  } catch {
    // Not permitted or not supported here: the thread runs at the process's priority.
  }
}

/** The buffers of the typed arrays in a result (a few levels deep): moved to the caller, not copied. */
function buffersOf(value: unknown, depth = 0, out = new Set<ArrayBuffer>()): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) {
    const buffer = movableBuffer(value);
    if (buffer) out.add(buffer);
  } else if (value && typeof value === 'object' && depth < 4) {
    for (const v of Array.isArray(value) ? value : Object.values(value)) buffersOf(v, depth + 1, out);
  }
  return [...out];
}

async function handle(message: TaskMessage): Promise<void> {
  const { id, task, args } = message;
  try {
    const run = computeTasks[task] as (...a: unknown[]) => unknown;
    if (typeof run !== 'function') throw new Error(`no compute task named "${String(task)}"`);
    const report = (event: unknown) => port.postMessage({ id, event }, buffersOf(event));
    // A task that decodes a photo (sharp, on libuv's threads) is asynchronous; the thread still
    // takes one task at a time, since the caller sends the next only after this reply.
    const result = await run(...args, report);
    port.postMessage({ id, result }, buffersOf(result));
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    // Own fields (a ZoneError's path and code, say) cross with the name and message.
    const fields: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(e)) if (typeof v !== 'function') fields[k] = v;
    port.postMessage({ id, error: { name: e.name, message: e.message, fields } });
  }
}

port.on('message', (message: TaskMessage) => void handle(message));
