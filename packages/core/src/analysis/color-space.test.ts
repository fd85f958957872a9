import { describe, expect, it } from 'vitest';
import { labToSrgb8, linearToSrgb8, SRGB8_TO_LINEAR, srgb8ToLab } from './color-space.js';

describe('sRGB ↔ CIELAB', () => {
  it('maps white and black to L* 100 and 0 with no chroma', () => {
    const white = srgb8ToLab(255, 255, 255);
    expect(white[0]).toBeCloseTo(100, 2);
    expect(Math.abs(white[1])).toBeLessThan(0.01);
    expect(Math.abs(white[2])).toBeLessThan(0.01);
    expect(srgb8ToLab(0, 0, 0)[0]).toBeCloseTo(0, 6);
  });

  it('matches the known CIELAB of sRGB red (53.24, 80.09, 67.20)', () => {
    const [L, a, b] = srgb8ToLab(255, 0, 0);
    expect(L).toBeCloseTo(53.24, 1);
    expect(a).toBeCloseTo(80.09, 1);
    expect(b).toBeCloseTo(67.2, 1);
  });

  it('round-trips every 8-bit code through linear light and a skin colour through Lab', () => {
    for (let i = 0; i < 256; i++) expect(linearToSrgb8(SRGB8_TO_LINEAR[i]!)).toBe(i);
    const lab = srgb8ToLab(175, 122, 88);
    expect(labToSrgb8(...lab)).toEqual([175, 122, 88]);
  });
});
