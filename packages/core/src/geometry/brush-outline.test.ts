import { describe, expect, it } from 'vitest';
import { brushOutline } from './brush-outline.js';
import { pointInPolygon, polygonArea, rasterizePolygon, type Vec2 } from './polygon.js';

const square = (x0: number, y0: number, size: number): Vec2[] => [
  [x0, y0],
  [x0 + size, y0],
  [x0 + size, y0 + size],
  [x0, y0 + size],
];

/** Area the scanline fill (what the density field uses) covers, in pixels. */
function filledArea(polygon: readonly Vec2[], width = 400, height = 400): number {
  const mask = new Uint8Array(width * height);
  rasterizePolygon(mask, width, height, polygon);
  return mask.reduce((a, b) => a + b, 0);
}

describe('brushOutline', () => {
  it('makes a capsule from a stroke on nothing', () => {
    const [piece, ...rest] = brushOutline(null, {
      points: [
        [100, 100],
        [200, 100],
      ],
      radius: 10,
      mode: 'paint',
    });
    expect(rest).toHaveLength(0);
    const capsule = 100 * 20 + Math.PI * 100;
    expect(polygonArea(piece!)).toBeGreaterThan(capsule * 0.95);
    expect(polygonArea(piece!)).toBeLessThan(capsule * 1.05);
    expect(pointInPolygon(piece!, 150, 100)).toBe(true);
    expect(pointInPolygon(piece!, 150, 115)).toBe(false);
    expect(pointInPolygon(piece!, 85, 100)).toBe(false);
  });

  it('grows a zone where the brush paints beyond its edge, and keeps the rest', () => {
    const zone = square(100, 100, 100);
    const [grown, ...rest] = brushOutline(zone, { points: [[200, 150]], radius: 20, mode: 'paint' });
    expect(rest).toHaveLength(0);
    expect(pointInPolygon(grown!, 215, 150)).toBe(true);
    expect(pointInPolygon(grown!, 120, 120)).toBe(true);
    expect(pointInPolygon(grown!, 215, 110)).toBe(false);
    const added = (Math.PI * 400) / 2;
    expect(polygonArea(grown!) - 10_000).toBeGreaterThan(added * 0.85);
    expect(polygonArea(grown!) - 10_000).toBeLessThan(added * 1.15);
  });

  it('keeps every edge the brush did not reach exactly as it was, growing and erasing', () => {
    // A wobbly outline of 40 vertices round (200, 200), as a drawn zone would be.
    const zone: Vec2[] = Array.from({ length: 40 }, (_, i) => {
      const a = (2 * Math.PI * i) / 40;
      const r = 120 + 9 * Math.sin(5 * a);
      return [200 + r * Math.cos(a), 200 + r * Math.sin(a)];
    });
    const far = (p: Vec2) => Math.hypot(p[0] - 320, p[1] - 200) > 70;
    for (const mode of ['paint', 'erase'] as const) {
      const [piece, ...rest] = brushOutline(zone, { points: [[320, 200]], radius: 18, mode });
      expect(rest).toHaveLength(0);
      const kept = new Set(piece!.map(([x, y]) => `${x},${y}`));
      const untouched = zone.filter(far);
      expect(untouched.length).toBeGreaterThan(30);
      for (const [x, y] of untouched) expect(kept.has(`${x},${y}`)).toBe(true);
      // And the stroke did its work where it went.
      expect(pointInPolygon(piece!, 333, 200)).toBe(mode === 'paint');
      expect(pointInPolygon(piece!, 308, 200)).toBe(mode === 'paint');
    }
  });

  it('gives back the outline itself when the brush paints only inside it', () => {
    const zone = square(100, 100, 200);
    const [piece, ...rest] = brushOutline(zone, {
      points: [
        [180, 190],
        [220, 200],
      ],
      radius: 15,
      mode: 'paint',
    });
    expect(rest).toHaveLength(0);
    expect(piece).toEqual(zone);
  });

  it('cuts a zone in two when the eraser crosses it, and drops what it removes entirely', () => {
    const zone = square(100, 100, 100);
    const pieces = brushOutline(zone, {
      points: [
        [150, 80],
        [150, 220],
      ],
      radius: 10,
      mode: 'erase',
    });
    expect(pieces).toHaveLength(2);
    for (const p of pieces) expect(polygonArea(p)).toBeGreaterThan(3_600);
    expect(pieces.some((p) => pointInPolygon(p, 120, 150))).toBe(true);
    expect(pieces.some((p) => pointInPolygon(p, 180, 150))).toBe(true);
    expect(pieces.some((p) => pointInPolygon(p, 150, 150))).toBe(false);

    expect(brushOutline(zone, { points: [[150, 150]], radius: 90, mode: 'erase' })).toEqual([]);
  });

  it('leaves a hole where the eraser stays inside, which the scanline fill leaves empty', () => {
    const zone = square(100, 100, 200);
    const pieces = brushOutline(zone, { points: [[200, 200]], radius: 30, mode: 'erase' });
    expect(pieces).toHaveLength(1);
    const ring = pieces[0]!;
    expect(pointInPolygon(ring, 200, 200)).toBe(false);
    expect(pointInPolygon(ring, 200, 240)).toBe(true);
    expect(pointInPolygon(ring, 120, 200)).toBe(true);
    // the cut to the hole must not show in the fill: the area is the square less the disc
    const expected = 40_000 - Math.PI * 900;
    expect(filledArea(ring)).toBeGreaterThan(expected * 0.98);
    expect(filledArea(ring)).toBeLessThan(expected * 1.02);
    expect(polygonArea(ring)).toBeCloseTo(filledArea(ring), -3);
  });

  it('takes away all of what a stroke painted when the eraser follows the same stroke', () => {
    for (const radius of [3, 10, 37]) {
      const stroke = {
        points: [
          [100, 100],
          [180, 140],
          [260, 120],
        ] as Vec2[],
        radius,
      };
      const [painted] = brushOutline(null, { ...stroke, mode: 'paint' });
      expect(brushOutline(painted!, { ...stroke, mode: 'erase' }), `radius ${radius}`).toEqual([]);
    }
  });

  it('keeps a zone as it was when the stroke is empty or the brush has no size', () => {
    const zone = square(10, 10, 50);
    expect(brushOutline(zone, { points: [], radius: 5, mode: 'paint' })).toEqual([zone]);
    expect(brushOutline(zone, { points: [[0, 0]], radius: 0, mode: 'erase' })).toEqual([zone]);
    expect(brushOutline(null, { points: [], radius: 5, mode: 'paint' })).toEqual([]);
  });
});
