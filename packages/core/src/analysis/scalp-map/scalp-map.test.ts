import { describe, expect, it } from 'vitest';
import { MAP_CLASS, scalpInterior, type ScalpMap } from './scalp-map.js';

/** A 30 × 10 map of 10-px map pixels: background on the left, scalp in the middle, face on the right. */
function map(source: ScalpMap['source']): ScalpMap {
  const width = 30;
  const height = 10;
  const classes = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      classes[y * width + x] = x < 5 ? MAP_CLASS.other : x < 25 ? MAP_CLASS.hair : MAP_CLASS.face;
  return {
    width,
    height,
    factor: 10,
    classes,
    hairCoverage: new Float32Array(width * height),
    hairPixels: new Uint8Array(width * height),
    source,
  };
}

describe('scalp interior', () => {
  // 20 px/mm: the 1 mm margin is 2 map pixels, and one more for the map pixel the edge is known
  // to: map pixels 1 and 2 from the edge are left out, the third is in
  const row = 55;
  const insideAt = (m: ScalpMap) => {
    const inside = scalpInterior(m, 20);
    return (mapX: number) => inside(mapX * 10 + 5, row);
  };

  it('keeps clear of the head outline on every map', () => {
    for (const source of ['automatic', 'corrected'] as const) {
      const inside = insideAt(map(source));
      expect(inside(4)).toBe(false); // background
      expect(inside(5)).toBe(false);
      expect(inside(6)).toBe(false);
      expect(inside(7)).toBe(true);
    }
  });

  it("keeps clear of the face on an automatic map, and counts up to an artist's line", () => {
    const automatic = insideAt(map('automatic'));
    expect(automatic(24)).toBe(false);
    expect(automatic(23)).toBe(false);
    expect(automatic(22)).toBe(true);
    const corrected = insideAt(map('corrected'));
    expect(corrected(24)).toBe(true);
    expect(corrected(25)).toBe(false); // the face itself
  });
});
