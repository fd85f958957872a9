import { describe, expect, it } from 'vitest';
import { patchPolygonLayer, polygonLayer, type ZoneLayer } from './zone-layers.js';

const grid = { ww: 400, wh: 300, scale: 0.5, cellsPerMm: 5 };
const star: [number, number][] = [
  [100, 100],
  [400, 80],
  [700, 120],
  [650, 400],
  [380, 520],
  [120, 420],
];

/** The same cells and, to float precision, the same weights. */
function expectSameLayer(patched: ZoneLayer, whole: ZoneLayer): void {
  expect([patched.x0, patched.y0, patched.x1, patched.y1]).toEqual([whole.x0, whole.y0, whole.x1, whole.y1]);
  let differing = 0;
  for (let i = 0; i < whole.weight.length; i++)
    if (Math.abs(whole.weight[i]! - patched.weight[i]!) > 1e-6) differing++;
  expect(differing).toBe(0);
}

describe('patchPolygonLayer', () => {
  it.each(['centred', 'outward'] as const)(
    'gives exactly the %s layer computed whole after a vertex moves, recomputing only round it',
    (edge) => {
      const before = polygonLayer(star, edge, grid, 3);
      for (const [dx, dy] of [
        [14, -9],
        [120, 60],
        [-60, 140],
      ] as const) {
        const moved = star.map((p, i) => (i === 3 ? ([p[0] + dx, p[1] + dy] as [number, number]) : p));
        const patched = patchPolygonLayer(before, star, moved, edge, grid, 3);
        const whole = polygonLayer(moved, edge, grid, 3);
        expectSameLayer(patched.layer, whole);
        const c = patched.changed!;
        expect((c.x1 - c.x0) * (c.y1 - c.y0)).toBeLessThan(0.8 * whole.weight.length);
      }
    },
  );

  it.each(['centred', 'outward'] as const)(
    'gives exactly the %s layer computed whole when a stretch of the outline is traced anew (a brush stroke)',
    (edge) => {
      const before = polygonLayer(star, edge, grid, 3);
      // A bulge painted out of the left edge: three vertices instead of none, the rest as it was.
      const grown: [number, number][] = [...star, [60, 380], [20, 260], [70, 150]];
      const patched = patchPolygonLayer(before, star, grown, edge, grid, 3);
      const whole = polygonLayer(grown, edge, grid, 3);
      expectSameLayer(patched.layer, whole);
      const c = patched.changed!;
      expect(c.x1).toBeLessThan(whole.x0 + 0.3 * (whole.x1 - whole.x0));
    },
  );

  it('changes nothing when the outline only starts at another vertex', () => {
    const before = polygonLayer(star, 'centred', grid, 3);
    const rotated = [...star.slice(2), ...star.slice(0, 2)];
    const patched = patchPolygonLayer(before, star, rotated, 'centred', grid, 3);
    expect(patched.changed).toBeNull();
    expect(Array.from(patched.layer.weight)).toEqual(Array.from(before.weight));
  });
});
