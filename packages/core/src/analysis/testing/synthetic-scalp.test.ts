import { describe, expect, it } from 'vitest';
import { emulateJpeg } from './jpeg-emulation.js';
import { syntheticScalp } from './synthetic-scalp.js';

describe('synthetic scalp generator', () => {
  const options = {
    seed: 3,
    widthMm: 20,
    heightMm: 15,
    pxPerMm: 15,
    fitzpatrick: 4 as const,
    fuPerCm2: 90,
    noiseLevels: 2,
  };

  it('is deterministic for a seed and differs between seeds', () => {
    const a = syntheticScalp(options);
    const b = syntheticScalp(options);
    const c = syntheticScalp({ ...options, seed: 4 });
    const differing = (x: Uint8ClampedArray, y: Uint8ClampedArray): number =>
      x.reduce((n, v, i) => n + (v === y[i] ? 0 : 1), 0);
    expect(differing(a.image.data, b.image.data)).toBe(0);
    expect(differing(a.image.data, c.image.data)).toBeGreaterThan(1000);
  });

  it('places follicles at the requested density, 1-3 hairs each, inside the image', () => {
    const s = syntheticScalp(options);
    expect(s.densityPerCm2).toBeGreaterThan(80);
    expect(s.densityPerCm2).toBeLessThan(100);
    expect(new Set(s.follicles.map((f) => f.hairs))).toEqual(new Set([1, 2, 3]));
    for (const f of s.follicles) {
      expect(f.x).toBeGreaterThanOrEqual(-0.5);
      expect(f.x).toBeLessThan(s.image.width);
    }
  });

  it('plants scars free of follicles and paler than the skin', () => {
    const s = syntheticScalp({
      ...options,
      widthMm: 40,
      heightMm: 30,
      strip: { from: [5, 20], to: [35, 22], widthMm: 3 },
      fue: { x: 5, y: 3, w: 20, h: 8, count: 6 },
    });
    const strip = s.scars.find((x) => x.kind === 'strip')!;
    const fue = s.scars.find((x) => x.kind === 'fue')!;
    expect(fue.dots).toHaveLength(6);
    for (const d of fue.dots!)
      expect(s.follicles.some((f) => Math.hypot(f.x - d.x, f.y - d.y) < d.r)).toBe(false);
    const [a, b] = [strip.polygon[0]!, strip.polygon[2]!];
    const centre = { x: (a[0] + b[0]) / 2, y: (a[1] + b[1]) / 2 };
    expect(s.follicles.some((f) => Math.hypot(f.x - centre.x, f.y - centre.y) < 1.4 * 15)).toBe(false);
    const at = (x: number, y: number): number =>
      s.image.data[3 * (Math.round(y) * s.image.width + Math.round(x))]!;
    const outside = at(centre.x, centre.y + 3 * 15);
    expect(at(centre.x, centre.y)).toBeGreaterThan(outside);
  });

  it('emulates JPEG: quantisation error grows as quality falls, the mean stays', () => {
    const s = syntheticScalp(options);
    const err = (q: number): { mae: number; meanShift: number } => {
      const copy = new Uint8ClampedArray(s.image.data);
      emulateJpeg(copy, s.image.width, s.image.height, q);
      let sum = 0;
      let shift = 0;
      for (let i = 0; i < copy.length; i++) {
        sum += Math.abs(copy[i]! - s.image.data[i]!);
        shift += copy[i]! - s.image.data[i]!;
      }
      return { mae: sum / copy.length, meanShift: Math.abs(shift / copy.length) };
    };
    const q90 = err(90);
    const q40 = err(40);
    expect(q90.mae).toBeGreaterThan(0);
    expect(q40.mae).toBeGreaterThan(1.5 * q90.mae);
    expect(q40.meanShift).toBeLessThan(1);
  });
});
