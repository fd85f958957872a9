import type { Plan } from '@stipple/core';
import { describe, expect, it } from 'vitest';
import { planSessions } from './plan-sessions.js';

const zone = (
  kind: 'scar' | 'fill',
  sessions: [number, number, number][],
  scars: string[] = [],
): Plan['zones'][number] => ({
  kind,
  scars,
  targetDensityPerCm2: 60,
  dotSizeMm: 0.4,
  needle: '3RL',
  needleDiameterMm: 0.25,
  transitionWidthMm: null,
  sessions: sessions.map(([session, densityPercent, shadeNumber]) => ({
    session,
    densityPercent,
    shadeNumber,
  })),
  notes: [],
  ruleIds: ['zone.fill'],
});

describe('planSessions', () => {
  it('says what each session adds per zone, how far it gets and whether it is still lighter', () => {
    const out = planSessions({
      sessions: { count: 3, minIntervalDays: 10, hoursPerSession: 3 },
      zones: [
        zone('fill', [
          [1, 40, 45],
          [2, 75, 35],
          [3, 100, 30],
        ]),
        // The scar zone gets a fourth session's worth in three, and skips none.
        zone(
          'scar',
          [
            [1, 50, 40],
            [3, 100, 40],
          ],
          ['strip'],
        ),
      ],
    });
    expect(out.map((s) => s.earliestDay)).toEqual([0, 10, 20]);
    expect(out[0]!.zones).toEqual([
      { kind: 'fill', scars: [], reachedPercent: 40, addedPercent: 40, lighterThanFinal: true },
      { kind: 'scar', scars: ['strip'], reachedPercent: 50, addedPercent: 50, lighterThanFinal: false },
    ]);
    expect(out[1]!.zones).toEqual([
      { kind: 'fill', scars: [], reachedPercent: 75, addedPercent: 35, lighterThanFinal: true },
    ]);
    expect(out[2]!.zones.map((z) => [z.kind, z.addedPercent, z.lighterThanFinal])).toEqual([
      ['fill', 25, false],
      ['scar', 50, false],
    ]);
  });
});
