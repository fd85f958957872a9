import { describe, expect, it } from 'vitest';
import { sheenSnrScale } from './sheen-snr.js';
import { makeTileGrid, tileIndexAt } from './tile-grid.js';

// 8 × 8 tiles of 10 px; the diffuse share falls from 1 at the left to 0.3 at the right.
const grid = makeTileGrid(80, 80, 10);
const dAt = (x: number): number => 1 - (0.7 * x) / 80;
const floorWith = (beta: number, d: (x: number) => number = dAt): Float32Array => {
  const floor = new Float32Array(grid.cols * grid.rows);
  for (let r = 0; r < grid.rows; r++)
    for (let c = 0; c < grid.cols; c++) floor[r * grid.cols + c] = 0.02 * d(c * 10 + 5) ** beta;
  return floor;
};
const noGlare = (): boolean => false;

describe('what a sheen costs an SNR', () => {
  it('lowers the bar by d^(1-β) where noise that the sheen does not dilute sets the floor', () => {
    const { scale, beta } = sheenSnrScale(grid, floorWith(0.45), (x) => dAt(x), noGlare, 0.4);
    expect(beta).toBeCloseTo(0.45, 2);
    const right = tileIndexAt(grid, 75, 40);
    expect(scale[right]).toBeCloseTo(dAt(75) ** 0.55, 3);
    expect(scale[tileIndexAt(grid, 5, 40)]).toBeGreaterThan(0.95);
  });

  it('keeps the bar where texture, diluted like the openings, sets the floor', () => {
    const { scale } = sheenSnrScale(grid, floorWith(1), (x) => dAt(x), noGlare, 0.4);
    expect(Math.min(...scale)).toBe(1);
  });

  it('keeps the bar where the floor does not fall with d: a paler skin, not a sheen', () => {
    for (const beta of [0, -0.25, 0.1]) {
      const { scale } = sheenSnrScale(grid, floorWith(beta), (x) => dAt(x), noGlare, 0.4);
      expect(Math.min(...scale)).toBe(1);
    }
  });

  it('never lowers the bar below the floor given, and leaves glare out of the fit', () => {
    const glareRight = (x: number): boolean => x > 40;
    const { scale, beta } = sheenSnrScale(grid, floorWith(0), (x) => dAt(x), glareRight, 0.4);
    // only the left half is fitted: its d spread (1 to 0.65) is enough, and its floor is flat
    expect(beta).toBe(1);
    expect(Math.min(...scale)).toBe(1);
    // a sheen keeping 5 % of the light would lower the bar to 0.05^0.55: it stops at the floor
    const dSteep = (x: number): number => (x > 40 ? 0.05 : dAt(x));
    const steep = sheenSnrScale(grid, floorWith(0.45, dSteep), dSteep, noGlare, 0.4);
    expect(Math.min(...steep.scale)).toBeCloseTo(0.4, 5);
  });
});
