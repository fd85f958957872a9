// The request id of the work in progress, wherever it runs: set around each HTTP handler and
// around each job run (a job carries the id of the request that queued it), so log lines from
// services and jobs can be joined to the request that caused them, on any instance.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

interface WorkContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<WorkContext>();

export const currentRequestId = (): string | undefined => storage.getStore()?.requestId;

export function withRequestId<T>(requestId: string, fn: () => T): T {
  return storage.run({ requestId }, fn);
}

/** A caller's own id (a proxy's X-Request-Id) is kept when it is a plain token; otherwise a new UUID. */
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && ACCEPTABLE_ID.test(value) ? value : randomUUID();
}
