import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { nextDailyRun, parseDailyAt, startAfterDate, validatePayload } from './job-queue.js';

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
