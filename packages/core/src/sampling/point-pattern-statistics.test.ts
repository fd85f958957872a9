import { describe, expect, it } from 'vitest';
import {
  POISSON_NN_CV,
  largestEmptyDisc,
  nearestNeighbourStats,
  pairCorrelation,
  windowsInside,
  type WindowedPattern,
} from './point-pattern-statistics.js';
import { createRng } from './rng.js';

const SIDE = 1000;
const window = { x0: 0, y0: 0, x1: SIDE, y1: SIDE };

function poisson(n: number, seed: number): WindowedPattern {
  const rng = createRng(seed);
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = rng.next() * SIDE;
    y[i] = rng.next() * SIDE;
  }
  return { points: { count: n, x, y }, window };
}

/** A hexagonal lattice of spacing `a`, shifted so that the window cuts it anywhere. */
function hexagonal(a: number, shift: number): WindowedPattern {
  const xs: number[] = [];
  const ys: number[] = [];
  const rowH = (a * Math.sqrt(3)) / 2;
  for (let row = -1; row * rowH < SIDE + a; row++)
    for (let col = -1; col * a < SIDE + a; col++) {
      xs.push(col * a + (row % 2 ? a / 2 : 0) + shift);
      ys.push(row * rowH + shift / 2);
    }
  return { points: { count: xs.length, x: Float32Array.from(xs), y: Float32Array.from(ys) }, window };
}

/** Random sequential adsorption: darts kept when no point lies within `d` (a hard core). */
function hardCore(n: number, d: number, seed: number): WindowedPattern {
  const rng = createRng(seed);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let tries = 0; xs.length < n && tries < n * 200; tries++) {
    const x = rng.next() * SIDE;
    const y = rng.next() * SIDE;
    if (xs.every((px, k) => (px - x) ** 2 + (ys[k]! - y) ** 2 >= d * d)) {
      xs.push(x);
      ys.push(y);
    }
  }
  return { points: { count: xs.length, x: Float32Array.from(xs), y: Float32Array.from(ys) }, window };
}

describe('nearestNeighbourStats', () => {
  it('gives the Poisson CV (√(4/π − 1) ≈ 0.52) and mean spacing (0.5) on random points, edge-corrected', () => {
    const stats = nearestNeighbourStats([1, 2, 3, 4].map((seed) => poisson(1500, seed)));
    expect(POISSON_NN_CV).toBeCloseTo(0.5227, 3);
    expect(stats.cv).toBeGreaterThan(0.49);
    expect(stats.cv).toBeLessThan(0.56);
    expect(stats.mean).toBeGreaterThan(0.47);
    expect(stats.mean).toBeLessThan(0.53);
    // points near the edge whose neighbour may lie outside are left out
    expect(stats.used).toBeLessThan(stats.points);
    expect(stats.used).toBeGreaterThan(stats.points * 0.8);
  });

  it('gives a CV of 0 on a hexagonal lattice, and its spacing', () => {
    const stats = nearestNeighbourStats([hexagonal(25, 3.3)]);
    expect(stats.cv).toBeLessThan(0.01);
    // nearest neighbour a, spacing √(√3/2)·a
    expect(stats.mean).toBeCloseTo(1 / Math.sqrt(Math.sqrt(3) / 2), 1);
  });

  it('ranks a hard-core pattern between the lattice and random points', () => {
    const { cv } = nearestNeighbourStats([hardCore(1200, 20, 5)]);
    expect(cv).toBeGreaterThan(0.08);
    expect(cv).toBeLessThan(0.3);
  });

  it('ignores points outside the window and needs two inside to say anything', () => {
    const lone = { points: { count: 2, x: [10, 5000], y: [10, 5000] }, window };
    const stats = nearestNeighbourStats([lone]);
    expect(stats.points).toBe(1);
    expect(Number.isNaN(stats.cv)).toBe(true);
    expect(() => nearestNeighbourStats([{ ...lone, window: { x0: 0, y0: 0, x1: 0, y1: 10 } }])).toThrow(
      /window/,
    );
  });
});

describe('pairCorrelation', () => {
  it('is about 1 at every distance for random points (the edge correction removes the window)', () => {
    const { r, g } = pairCorrelation(
      [1, 2, 3, 4, 5, 6].map((seed) => poisson(800, seed)),
      { rMax: 2.5, bins: 10, bandwidth: 0.12 },
    );
    for (let k = 0; k < r.length; k++) {
      if (r[k]! < 0.3) continue; // few pairs that close: noisy
      expect(g[k]!).toBeGreaterThan(0.85);
      expect(g[k]!).toBeLessThan(1.15);
    }
  });

  it('is 0 inside a hard core, peaks just outside it and settles at 1', () => {
    const patterns = [1, 2, 3].map((seed) => hardCore(1200, 20, seed));
    const spacing = Math.sqrt((SIDE * SIDE) / patterns[0]!.points.count);
    const { r, g } = pairCorrelation(patterns, { rMax: 3, bins: 30, bandwidth: 0.05 });
    const core = 20 / spacing;
    let peak = 0;
    for (let k = 0; k < r.length; k++) {
      if (r[k]! < core - 0.08) expect(g[k]!).toBeLessThan(0.02);
      if (r[k]! > core && r[k]! < core + 0.3) peak = Math.max(peak, g[k]!);
      if (r[k]! > 2.2) expect(Math.abs(g[k]! - 1)).toBeLessThan(0.15);
    }
    expect(peak).toBeGreaterThan(1.3);
  });
});

describe('largestEmptyDisc', () => {
  it('finds the circumcircle of a lattice triangle: 2/√3 of the lattice spacing', () => {
    const hex = hexagonal(25, 3.3);
    const disc = largestEmptyDisc([hex]);
    const n = nearestNeighbourStats([hex]);
    const spacing = 25 / n.mean; // n.mean is in units of spacing
    expect(disc.diameter * spacing).toBeCloseTo((2 * 25) / Math.sqrt(3), -0.3);
    expect(disc.diameter).toBeLessThan(1.3);
  });

  it('finds the hole left in a lattice, and random points leave far larger holes', () => {
    const hex = hexagonal(25, 3.3);
    const keep = Array.from({ length: hex.points.count }, (_, i) => i).filter(
      (i) => Math.hypot(hex.points.x[i]! - 500, hex.points.y[i]! - 500) > 60,
    );
    const holed = {
      points: {
        count: keep.length,
        x: keep.map((i) => hex.points.x[i]!),
        y: keep.map((i) => hex.points.y[i]!),
      },
      window,
    };
    const disc = largestEmptyDisc([holed]);
    expect(Math.hypot(disc.x - 500, disc.y - 500)).toBeLessThan(15);
    expect(largestEmptyDisc([poisson(1500, 9)]).diameter).toBeGreaterThan(2.2);
  });

  it('measures against a local spacing when one is given', () => {
    const hex = hexagonal(25, 3.3);
    const own = largestEmptyDisc([hex]).diameter;
    const spacing = Math.sqrt((SIDE * SIDE) / nearestNeighbourStats([hex]).points);
    expect(largestEmptyDisc([hex], () => 50).diameter).toBeCloseTo((own * spacing) / 50, 2);
  });
});

describe('windowsInside', () => {
  it('tiles only where the whole window lies inside', () => {
    const inside = (x: number, y: number) => Math.hypot(x - 500, y - 500) < 400;
    const windows = windowsInside(1000, 1000, 200, inside);
    expect(windows.length).toBeGreaterThan(4);
    for (const w of windows)
      for (const [x, y] of [
        [w.x0, w.y0],
        [w.x1, w.y1],
        [w.x0, w.y1],
        [w.x1, w.y0],
      ] as const)
        expect(inside(x, y)).toBe(true);
  });
});
