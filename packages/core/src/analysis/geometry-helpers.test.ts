import { describe, expect, it } from 'vitest';
import { distanceTransform } from '../geometry/distance-transform.js';
import {
  convexHull,
  labelComponents,
  pointInPolygon,
  polygonArea,
  rasterizePolygon,
  simplifyPolygon,
  traceComponent,
} from '../geometry/polygon.js';

describe('distance transform', () => {
  it('gives exact Euclidean distances to the nearest source', () => {
    const cols = 9;
    const rows = 7;
    const src = new Uint8Array(cols * rows);
    src[3 * cols + 4] = 1;
    src[0] = 1;
    const d = distanceTransform(src, cols, rows);
    expect(d[3 * cols + 4]).toBe(0);
    expect(d[3 * cols + 7]).toBeCloseTo(3, 6);
    expect(d[6 * cols + 8]).toBeCloseTo(5, 6); // (8,6) to (4,3)
    expect(d[1 * cols + 1]).toBeCloseTo(Math.SQRT2, 6); // to (0,0)
  });
});

describe('polygons and masks', () => {
  it('computes area, hull and containment', () => {
    const square: [number, number][] = [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
    ];
    expect(polygonArea(square)).toBe(100);
    expect(pointInPolygon(square, 5, 5)).toBe(true);
    expect(pointInPolygon(square, 15, 5)).toBe(false);
    const hull = convexHull([...square, [5, 5], [3, 7]]);
    expect(polygonArea(hull)).toBe(100);
  });

  it('rasterises a polygon and traces the mask back to the same outline', () => {
    const poly: [number, number][] = [
      [2, 2],
      [12, 2],
      [12, 7],
      [2, 7],
    ];
    const mask = new Uint8Array(160);
    rasterizePolygon(mask, 16, 10, poly);
    expect(mask.reduce((a, b) => a + b, 0)).toBe(50);
    const labels = new Int32Array(160);
    expect(labelComponents(mask, 16, 10, labels)).toBe(1);
    const outline = simplifyPolygon(traceComponent(labels, 16, 10, 1), 0.5);
    expect(polygonArea(outline)).toBe(50);
    expect(outline).toHaveLength(4);
  });

  it('labels separate components separately', () => {
    const mask = new Uint8Array([1, 1, 0, 0, 0, 0, 0, 1, 1]);
    const labels = new Int32Array(9);
    expect(labelComponents(mask, 3, 3, labels)).toBe(2);
  });
});
