import { describe, expect, it } from 'vitest';
import { ZonesFile } from '@stipple/core';
import { scarAndHairlinePlan } from './plan.test-support.js';
import {
  coveredShare,
  inwardPoint,
  newZoneId,
  rulerPxPerMm,
  scaleZones,
  sessionsFromPlan,
  zoneValuesFromPlan,
} from './zone-editing.js';

const plan = scarAndHairlinePlan;

describe('zone editing helpers', () => {
  it('scales every coordinate and the calibration, and back again exactly', () => {
    const file = {
      calibration: { pxPerMm: 20 },
      zones: [
        {
          id: 'a',
          kind: 'scar' as const,
          polygon: [
            [100, 100],
            [300, 100],
            [300, 140],
          ] as [number, number][],
        },
        {
          id: 'h',
          kind: 'hairline' as const,
          polyline: [
            [10, 10],
            [90, 20],
          ] as [number, number][],
          inward: [50, 60] as [number, number],
        },
      ],
    };
    const small = scaleZones(file, 0.25);
    expect(small.calibration).toEqual({ pxPerMm: 5 });
    expect(small.zones[0]).toMatchObject({
      polygon: [
        [25, 25],
        [75, 25],
        [75, 35],
      ],
    });
    expect(small.zones[1]).toMatchObject({
      polyline: [
        [2.5, 2.5],
        [22.5, 5],
      ],
      inward: [12.5, 15],
    });
    expect(scaleZones(small, 4)).toEqual(file);
  });

  it('starts new zones from the plan, within what a zones file accepts', () => {
    const { sessions, sessionShares } = sessionsFromPlan(plan);
    expect(sessions).toBe(Math.min(8, plan.sessions.count));
    const scar = zoneValuesFromPlan('scar', plan, sessions);
    const planScar = plan.zones.find((z) => z.kind === 'scar')!;
    expect(scar.densityPerCm2).toBeCloseTo(Math.min(200, planScar.targetDensityPerCm2), 1);
    // the plan's dot is the healed one; a zone's is the fresh one, about twice as wide (the needle)
    expect(scar.dotDiameterMm).toBeCloseTo(planScar.dotSizeMm * 2, 3);
    expect(scar.dotDiameterMm).toBeCloseTo(planScar.needleDiameterMm, 1);
    const hairline = zoneValuesFromPlan('hairline', plan, sessions);
    expect(hairline.transitionMm).toBeGreaterThanOrEqual(5);
    // Whatever the plan says, the result is a valid zones file.
    const file = ZonesFile.safeParse({
      calibration: { pxPerMm: 10 },
      sessions,
      ...(sessionShares ? { sessionShares } : {}),
      zones: [
        {
          id: 's',
          kind: 'scar',
          polygon: [
            [0, 0],
            [10, 0],
            [10, 10],
          ],
          ...scar,
        },
      ],
    });
    expect(file.success).toBe(true);
    expect(zoneValuesFromPlan('exclude', plan, sessions)).toEqual({});
    expect(sessionsFromPlan(null)).toEqual({ sessions: 3 });
  });

  it('names zones, puts the inward point on the asked side, measures the ruler', () => {
    expect(newZoneId('scar', [{ id: 'scar-1' }, { id: 'fill-1' }])).toBe('scar-2');
    // A zone from the photo analysis never takes the name of the assessment's first scar.
    expect(newZoneId('photo-scar', [{ id: 'scar-1' }])).toBe('photo-scar-1');
    // A line drawn left to right across the forehead, hair below it (the y axis points down).
    const [, y] = inwardPoint(
      [
        [0, 100],
        [200, 100],
      ],
      'right',
      50,
    );
    expect(y).toBeGreaterThan(100);
    expect(rulerPxPerMm([0, 0], [300, 400], 25)).toBe(20);
  });

  it('tells how much of a suggested outline the zones already cover', () => {
    const strip: [number, number][] = [
      [0, 0],
      [100, 0],
      [100, 10],
      [0, 10],
    ];
    const zone = (polygon: [number, number][]) => ({ id: 'scar-1', kind: 'scar' as const, polygon });
    expect(coveredShare(strip, [])).toBe(0);
    expect(coveredShare(strip, [zone(strip)])).toBe(1);
    const left = coveredShare(strip, [
      zone([
        [-5, -5],
        [50, -5],
        [50, 15],
        [-5, 15],
      ]),
    ]);
    expect(left).toBeGreaterThan(0.4);
    expect(left).toBeLessThan(0.6);
    const elsewhere = zone([
      [200, 200],
      [300, 200],
      [300, 300],
    ]);
    expect(coveredShare(strip, [elsewhere])).toBe(0);
  });
});
