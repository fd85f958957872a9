import { describe, expect, it } from 'vitest';
import { PreviewEngine, ZonesFile } from '@stipple/core';
import { scarAndHairlinePlan } from './plan.test-support.js';
import { flipHairline, moveVertex, newZone, suggestedScarZone } from './zone-drafting.js';
import type { Point, ZoneInput } from './zone-editing.js';

const plan = scarAndHairlinePlan;
const square: Point[] = [
  [0, 0],
  [100, 0],
  [100, 100],
  [0, 100],
];
const valid = (zones: ZoneInput[]) =>
  ZonesFile.safeParse({ calibration: { pxPerMm: 10 }, sessions: 3, zones }).success;

describe('zone drafting', () => {
  it('makes each kind of zone the zones file takes, with the plan’s values where it has the kind', () => {
    const scar = newZone('scar', 'scar-1', square, plan, 3);
    const fill = newZone('fill', 'fill-1', square, null, 3);
    const exclude = newZone('exclude', 'exclude-1', square, plan, 3);
    const hairline = newZone('hairline', 'hairline-1', [square[0]!, square[1]!], plan, 3);
    expect(valid([scar, fill, exclude, hairline])).toBe(true);
    expect(scar).toMatchObject({ kind: 'scar', texture: 'flat', featherMm: 2 });
    expect((scar as { densityPerCm2?: number }).densityPerCm2).toBeGreaterThan(0);
    // Without a plan nothing is invented: the zones file's defaults apply.
    expect(fill).toEqual({ id: 'fill-1', kind: 'fill', polygon: square });
    expect(exclude).toEqual({ id: 'exclude-1', kind: 'exclude', polygon: square, featherMm: 1 });
    expect(hairline).toMatchObject({ kind: 'hairline', polyline: [square[0], square[1]] });
  });

  it('moves one vertex of one zone and leaves the rest as they were', () => {
    const zones = [newZone('fill', 'a', square, null, 3), newZone('fill', 'b', square, null, 3)];
    const moved = moveVertex(zones, 'b', 2, [150, 120]);
    expect(moved[0]).toBe(zones[0]);
    expect((moved[1] as { polygon: Point[] }).polygon).toEqual([square[0], square[1], [150, 120], square[3]]);
  });

  it('turns a hairline to shade the other side, and back', () => {
    const line = newZone(
      'hairline',
      'h',
      [
        [0, 50],
        [100, 50],
      ],
      null,
      3,
    ) as Extract<ZoneInput, { kind: 'hairline' }>;
    const flipped = flipHairline([line], 'h')[0] as typeof line;
    const [mx, my] = line.polyline[0]!;
    expect(flipped.inward).toEqual([2 * mx - line.inward[0], 2 * my - line.inward[1]]);
    expect(flipHairline([flipped], 'h')[0]).toEqual(line);
  });

  it('takes a notched suggestion as a scar zone with a handful of vertices', () => {
    // A 30 × 4 mm strip traced in 0.3-mm steps along its long sides (10 px per mm).
    const top = Array.from({ length: 101 }, (_, i): Point => [i * 3, i % 2]);
    const bottom = Array.from({ length: 101 }, (_, i): Point => [300 - i * 3, 40 + (i % 2)]);
    const zone = suggestedScarZone('scar-1', { polygon: [...top, ...bottom], areaCm2: 1.2 }, plan, 3, 10);
    const polygon = (zone as { polygon: Point[] }).polygon;
    expect(polygon.length).toBeLessThan(12);
    expect(valid([zone])).toBe(true);
  });

  it('treats a scar accepted from a suggestion like one drawn by hand: no detected hair counts inside', () => {
    // The notched strip of a suggestion, 30 × 4 mm at (10, 10) mm, over follicles every 0.9 mm
    // (about 123 per cm²: what the analysis found on and round the scar).
    const top = Array.from({ length: 101 }, (_, i): Point => [100 + i * 3, 100 + (i % 2)]);
    const bottom = Array.from({ length: 101 }, (_, i): Point => [400 - i * 3, 140 + (i % 2)]);
    const accepted = suggestedScarZone(
      'photo-scar-1',
      { polygon: [...top, ...bottom], areaCm2: 1.2 },
      plan,
      3,
      10,
    );
    const drawn = newZone('scar', 'scar-1', (accepted as { polygon: Point[] }).polygon, plan, 3);
    const follicles: number[] = [];
    for (let y = 60; y < 180; y += 9) for (let x = 60; x < 440; x += 9) follicles.push(x, y);
    const hair = { follicles: Float32Array.from(follicles), stubbleLab: null, skinLab: null };
    const frame = (zone: ZoneInput, withHair: boolean) =>
      new PreviewEngine({ width: 500, height: 240 }).update(
        ZonesFile.parse({ calibration: { pxPerMm: 10 }, sessions: 3, zones: [zone] }),
        undefined,
        withHair ? hair : undefined,
      );
    const bare = frame(drawn, false);
    for (const zone of [accepted, drawn]) {
      const over = frame(zone, true);
      const summary = over.summary[0]!;
      expect(summary.existingDensityPerCm2).toBe(0);
      expect(summary.warnings).toEqual([]);
      // The same dots as on bare skin: its full density, the detections inside ignored.
      expect(over.impressions.count).toBe(bare.impressions.count);
      expect(summary.achievedDensityPerCm2).toBe(bare.summary[0]!.achievedDensityPerCm2);
    }
  });
});
