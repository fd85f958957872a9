import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { currentRequestId, withRequestId } from '../observability/request-context.js';
import {
  nextDailyRun,
  parseDailyAt,
  runStoredJob,
  sealJob,
  startAfterDate,
  validatePayload,
} from './job-queue.js';

describe('job queue helpers', () => {
  it('schedules the next daily run strictly after now, in UTC', () => {
    expect(nextDailyRun('03:30', new Date('2026-05-01T01:00:00Z')).toISOString()).toBe(
      '2026-05-01T03:30:00.000Z',
    );
    expect(nextDailyRun('03:30', new Date('2026-05-01T03:30:00Z')).toISOString()).toBe(
      '2026-05-02T03:30:00.000Z',
    );
    expect(nextDailyRun('00:00', new Date('2026-12-31T23:59:00Z')).toISOString()).toBe(
      '2027-01-01T00:00:00.000Z',
    );
  });

  it('refuses a malformed time of day', () => {
    expect(() => parseDailyAt('24:00')).toThrow(/HH:MM/);
    expect(() => parseDailyAt('3:30')).toThrow(/HH:MM/);
  });

  it('reads startAfter as seconds from now or as an instant', () => {
    expect(startAfterDate(60, 1_000).getTime()).toBe(61_000);
    expect(startAfterDate(new Date(5_000), 1_000).getTime()).toBe(5_000);
  });

  it('validates payloads against the definition and names the bad field', () => {
    const def = { name: 'x', payload: z.strictObject({ n: z.number() }), handler: async () => {} };
    expect(validatePayload(def, 'x', { n: 1 })).toEqual({ n: 1 });
    expect(() => validatePayload(def, 'x', { n: 'one' })).toThrow(/Invalid payload for job "x": n /);
    expect(() => validatePayload(undefined, 'y', {})).toThrow(/No job named "y"/);
  });
});

describe('a stored job', () => {
  const definition = {
    name: 'test.envelope',
    payload: z.strictObject({ n: z.number() }),
    seen: [] as { n: number; reqId: string | undefined }[],
    async handler(payload: { n: number }) {
      definition.seen.push({ n: payload.n, reqId: currentRequestId() });
      await Promise.resolve();
    },
  };
  const quiet = { info: () => undefined, warn: () => undefined };

  it('runs under the request id that queued it, and a job stored bare under one of its own', async () => {
    const sealed = withRequestId('req-queued-1', () => sealJob({ n: 1 }));
    expect(sealed).toEqual({ payload: { n: 1 }, meta: { requestId: 'req-queued-1' } });
    const finished: string[] = [];
    const observer = {
      finished: (name: string, outcome: string) => void finished.push(`${name} ${outcome}`),
    };
    await runStoredJob(definition, sealed, { id: 'j1', attempt: 1 }, { observer, log: quiet });
    await runStoredJob(definition, { n: 2 }, { id: 'j2', attempt: 1 }, { observer, log: quiet });
    expect(definition.seen).toEqual([
      { n: 1, reqId: 'req-queued-1' },
      { n: 2, reqId: 'job-j2' },
    ]);
    await expect(
      runStoredJob(definition, sealJob({ n: 'x' }), { id: 'j3', attempt: 1 }, { observer, log: quiet }),
    ).rejects.toThrow(/Invalid payload/);
    expect(finished).toEqual(['test.envelope completed', 'test.envelope completed', 'test.envelope failed']);
  });
});
