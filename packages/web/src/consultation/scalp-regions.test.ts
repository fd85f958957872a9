import { describe, expect, it } from 'vitest';
import { scalpRegionAt } from './scalp-regions.js';

describe('scalpRegionAt', () => {
  it('names the bands from the forehead to the nape along the midline', () => {
    expect([0.05, 0.3, 0.5, 0.65, 0.8, 0.95].map((y) => scalpRegionAt(0.5, y))).toEqual([
      'frontal',
      'mid-scalp',
      'vertex',
      'crown',
      'occipital',
      'nape',
    ]);
  });

  it("puts the edges on the client's own left and right", () => {
    expect(scalpRegionAt(0.05, 0.15)).toBe('temporal-left');
    expect(scalpRegionAt(0.95, 0.15)).toBe('temporal-right');
    expect(scalpRegionAt(0.1, 0.4)).toBe('parietal-left');
    expect(scalpRegionAt(0.9, 0.5)).toBe('parietal-right');
  });
});
