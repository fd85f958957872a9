import { describe, expect, it } from 'vitest';
import { pointInPolygon, polygonArea, ZonesFile } from '@stipple/core';
import { applyBrushStroke } from './brush-editing.js';
import type { Point, ZoneInput } from './zone-editing.js';

const square = (x0: number, y0: number, size: number): Point[] => [
  [x0, y0],
  [x0 + size, y0],
  [x0 + size, y0 + size],
  [x0, y0 + size],
];
const makeScar = (id: string, polygon: Point[]) => ({
  id,
  kind: 'scar' as const,
  polygon,
  densityPerCm2: 80,
});
const zones: ZoneInput[] = [
  { id: 'fill-1', kind: 'fill', polygon: square(0, 0, 400), densityPerCm2: 70, shade: 30 },
  { id: 'scar-1', kind: 'scar', polygon: square(100, 100, 100), densityPerCm2: 80, texture: 'flat' },
  {
    id: 'hairline-1',
    kind: 'hairline',
    polyline: [
      [0, 10],
      [400, 10],
    ],
    inward: [200, 100],
  },
];
const areaOf = (list: ZoneInput[], id: string) => {
  const z = list.find((x) => x.id === id)!;
  return z.kind === 'hairline' ? 0 : polygonArea(z.polygon);
};

describe('applyBrushStroke', () => {
  it('paints a new zone of the chosen kind when nothing is selected, and selects it', () => {
    const stroke = { points: [[300, 300] as Point, [350, 320] as Point], radius: 8, mode: 'paint' as const };
    const result = applyBrushStroke(zones, null, stroke, makeScar, 'scar');
    expect(result.zones).toHaveLength(4);
    expect(result.selectedId).toBe('scar-2');
    const added = result.zones.at(-1)!;
    expect(added.kind).toBe('scar');
    expect(added.kind !== 'hairline' && pointInPolygon(added.polygon, 325, 310)).toBe(true);
    // what the editor saves is a valid zones file
    expect(() => ZonesFile.parse({ calibration: { pxPerMm: 10 }, zones: result.zones })).not.toThrow();
  });

  it('grows only the selected zone, keeping its values', () => {
    const stroke = { points: [[200, 150] as Point], radius: 20, mode: 'paint' as const };
    const result = applyBrushStroke(zones, 'scar-1', stroke, makeScar, 'scar');
    expect(areaOf(result.zones, 'scar-1')).toBeGreaterThan(10_000 + 400);
    expect(areaOf(result.zones, 'fill-1')).toBe(areaOf(zones, 'fill-1'));
    expect(result.zones.find((z) => z.id === 'scar-1')).toMatchObject({ densityPerCm2: 80, texture: 'flat' });
    expect(result.selectedId).toBe('scar-1');
  });

  it('splits the selected zone the eraser crosses into zones with the same values, the new one last', () => {
    const stroke = {
      points: [[150, 90] as Point, [150, 210] as Point],
      radius: 6,
      mode: 'erase' as const,
    };
    const result = applyBrushStroke(zones, 'scar-1', stroke, makeScar, 'scar');
    const scars = result.zones.filter((z) => z.kind === 'scar');
    // Every other zone keeps its place in the list (the preview keeps what it computed for them).
    expect(result.zones.map((z) => z.id)).toEqual(['fill-1', 'scar-1', 'hairline-1', 'scar-2']);
    for (const s of scars) expect(s).toMatchObject({ densityPerCm2: 80, texture: 'flat' });
    expect(areaOf(result.zones, 'fill-1')).toBe(areaOf(zones, 'fill-1'));
  });

  it('erases from every area zone the stroke reaches when none is selected, and removes what it wipes out', () => {
    const stroke = { points: [[150, 150] as Point], radius: 80, mode: 'erase' as const };
    const result = applyBrushStroke(zones, 'hairline-1', stroke, makeScar, 'scar');
    expect(result.zones.map((z) => z.id)).toEqual(['fill-1', 'hairline-1']);
    expect(areaOf(result.zones, 'fill-1')).toBeLessThan(160_000 - Math.PI * 6400 * 0.9);
    expect(result.selectedId).toBe('hairline-1');
  });
});
