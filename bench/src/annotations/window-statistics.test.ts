import { describe, expect, it } from 'vitest';
import type { FollicleWindow, Point } from './annotation.schema.js';
import { windowStatistics } from './window-statistics.js';

const win = (points: Point[]): FollicleWindow => ({ x: 0, y: 0, w: 100, h: 100, points, uncertain: [] });

describe('windowStatistics', () => {
  it('gives a square lattice its spacing, no variation, and its density at the scale', () => {
    const points: Point[] = [];
    for (let x = 5; x < 100; x += 10) for (let y = 5; y < 100; y += 10) points.push([x, y]);
    const stats = windowStatistics(win(points), 20);
    expect(stats.count).toBe(100);
    // 100 × 100 px at 20 px/mm is 5 × 5 mm = 0.25 cm².
    expect(stats.densityPerCm2).toBeCloseTo(400);
    expect(stats.nnMeanPx).toBeCloseTo(10);
    expect(stats.nnMeanMm).toBeCloseTo(0.5);
    expect(stats.nnCv).toBeCloseTo(0);
    // The outer ring (5 px from the edge, 10 px from its neighbour) is left out.
    expect(stats.nnCount).toBe(64);
  });

  it('measures the spread of uneven spacing and leaves uncertain points out', () => {
    const stats = windowStatistics(
      {
        ...win([
          [30, 30],
          [36, 30],
          [70, 70],
          [70, 82],
        ]),
        uncertain: [[33, 31]],
      },
      null,
    );
    expect(stats.densityPerCm2).toBeNull();
    expect(stats.nnCount).toBe(4);
    expect(stats.nnMeanPx).toBeCloseTo(9);
    // distances 6, 6, 12, 12: sd (n - 1) = sqrt(4 × 9 / 3)
    expect(stats.nnCv).toBeCloseTo(Math.sqrt(12) / 9);
  });
});
