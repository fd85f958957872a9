import { describe, expect, it } from 'vitest';
import { ZonesFile, type ZonesFileInput } from '../domain/zones.schema.js';
import { ZoneError, buildDensityField } from './density-field.js';
import { encodeScalpMap } from '../analysis/scalp-map/scalp-map-output.js';
import type { ScalpMap } from '../analysis/scalp-map/scalp-map.js';

const PX = 10; // px per mm: a 600 × 400 px photo is 6 × 4 cm
const image = { width: 600, height: 400 };
const build = (zones: ZonesFileInput['zones'], analysis?: Parameters<typeof buildDensityField>[2]) =>
  buildDensityField(ZonesFile.parse({ calibration: { pxPerMm: PX }, zones }), image, analysis);
const at = (f: { width: number; perCm2: Float32Array }, x: number, y: number) =>
  f.perCm2[Math.round(y) * f.width + Math.round(x)]!;

const square = (x0: number, y0: number, x1: number, y1: number): [number, number][] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
];

describe('buildDensityField', () => {
  it('gives a fill zone its density inside, nothing far outside, and a smooth monotone feather', () => {
    const { field, areaCm2 } = build([
      { id: 'f', kind: 'fill', polygon: square(200, 100, 400, 300), densityPerCm2: 80, featherMm: 4 },
    ]);
    expect(at(field, 300, 200)).toBeCloseTo(80, 3);
    expect(at(field, 100, 200)).toBe(0);
    expect(areaCm2[0]).toBeCloseTo(4, 1); // 2 × 2 cm
    // Across the left edge (x = 200): non-increasing outwards, never a jump.
    let previous = Infinity;
    let steepest = 0;
    for (let x = 260; x >= 140; x--) {
      const d = at(field, x, 200);
      expect(d).toBeLessThanOrEqual(previous + 1e-3);
      if (previous !== Infinity) steepest = Math.max(steepest, previous - d);
      previous = d;
    }
    // A 4 mm feather is 40 px: no step larger than a small multiple of 80 / 40 per pixel.
    expect(steepest).toBeLessThan((80 / 40) * 2);
    expect(at(field, 200, 200)).toBeGreaterThan(30);
    expect(at(field, 200, 200)).toBeLessThan(50);
  });

  it('lets a scar replace the density under it and an exclusion remove all of it', () => {
    const { field, zones } = build([
      { id: 'fill', kind: 'fill', polygon: square(0, 0, 600, 400), densityPerCm2: 60, featherMm: 0 },
      {
        id: 'scar',
        kind: 'scar',
        polygon: square(100, 150, 300, 250),
        densityPerCm2: 90,
        texture: 'atrophic',
      },
      { id: 'mole', kind: 'exclude', polygon: square(450, 150, 500, 200), featherMm: 2 },
    ]);
    expect(at(field, 200, 200)).toBeCloseTo(90, 3);
    expect(at(field, 550, 350)).toBeCloseTo(60, 3);
    for (let y = 150; y < 200; y += 5) for (let x = 450; x < 500; x += 5) expect(at(field, x, y)).toBe(0);
    expect(at(field, 475, 230)).toBeGreaterThan(0); // past the 2 mm feather it comes back
    expect(zones[1]).toMatchObject({ retention: 0.55, texture: 'atrophic' });
  });

  it('draws a hairline whose transition is 5-10 mm deep and never a straight line', () => {
    const { field } = build([
      {
        id: 'front',
        kind: 'hairline',
        polyline: [
          [20, 100],
          [580, 100],
        ],
        inward: [300, 300],
        densityPerCm2: 80,
        transitionMm: 8,
      },
    ]);
    const crossings: number[] = [];
    for (let x = 60; x <= 540; x += 4) {
      let half = NaN;
      let full = NaN;
      for (let y = 60; y < 260; y++) {
        const d = at(field, x, y);
        if (Number.isNaN(half) && d >= 40) half = y;
        if (Number.isNaN(full) && d >= 78) full = y;
      }
      expect(full).toBeGreaterThan(100); // full density only behind the line
      expect((full - 100) / PX).toBeLessThanOrEqual(10 + 1.5 + 3); // transition plus wander plus jitter
      crossings.push(half);
    }
    // Where density reaches half of the target wanders along the line (irregular, not ruled).
    const mean = crossings.reduce((a, b) => a + b, 0) / crossings.length;
    const sd = Math.sqrt(crossings.reduce((a, b) => a + (b - mean) ** 2, 0) / crossings.length);
    expect(sd / PX).toBeGreaterThan(0.4);
    // Full density well behind the transition, nothing far in front of the line.
    expect(at(field, 300, 250)).toBeCloseTo(80, 1);
    expect(at(field, 300, 40)).toBe(0);
    // In front of the line (within 3 mm): isolated impressions, a low density here and there.
    let front = 0;
    for (let x = 20; x < 580; x++) front = Math.max(front, at(field, x, 88));
    expect(front).toBeGreaterThan(0);
    expect(front).toBeLessThan(60);
  });

  // A 600 × 400 px photo on a 10 px map: `classOf` says what each map pixel is.
  const mapOf = (classOf: (x: number, y: number) => number) => {
    const classes = new Uint8Array(60 * 40);
    for (let y = 0; y < 40; y++) for (let x = 0; x < 60; x++) classes[y * 60 + x] = classOf(x * 10, y * 10);
    const map: ScalpMap = {
      width: 60,
      height: 40,
      factor: 10,
      classes,
      hairCoverage: Float32Array.from(classes, (c) => (c === 3 ? 1 : 0)),
      hairPixels: Uint8Array.from(classes, (c) => (c === 3 ? 1 : 0)),
      source: 'given',
    };
    return encodeScalpMap(map);
  };
  // "match" itself is tested in scar-match-density.test.ts.
  it('clips the density field to the scalp of the analysis', () => {
    const { field } = build(
      [{ id: 'f', kind: 'fill', polygon: square(100, 100, 500, 300), densityPerCm2: 80 }],
      {
        scalpMap: mapOf((x) => (x < 300 ? 3 : 1)),
      },
    );
    expect(at(field, 200, 200)).toBeCloseTo(80, 1);
    expect(at(field, 400, 200)).toBe(0);
  });

  it('names the field when "match" has no analysis, or a zone lies outside the photo', () => {
    expect(() =>
      build([{ id: 's', kind: 'scar', polygon: square(250, 180, 350, 220), densityPerCm2: 'match' }]),
    ).toThrow(/zones\.0\.densityPerCm2: is "match", which needs a photo analysis/);
    const err = (() => {
      try {
        build([
          { id: 'ok', kind: 'fill', polygon: square(10, 10, 50, 50) },
          { id: 'far', kind: 'fill', polygon: square(700, 10, 800, 50) },
        ]);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ZoneError);
    expect((err as ZoneError).path).toEqual(['zones', 1, 'polygon']);
  });
});

describe('zones that meet', () => {
  const hairline = {
    id: 'front',
    kind: 'hairline' as const,
    polyline: [
      [20, 100],
      [580, 100],
    ] as [number, number][],
    inward: [300, 300] as [number, number],
    densityPerCm2: 80,
    transitionMm: 8,
  };
  // A fill drawn the natural way: its edge on the hairline.
  const fill = {
    id: 'crown',
    kind: 'fill' as const,
    polygon: square(10, 100, 590, 390),
    densityPerCm2: 70,
    featherMm: 4,
  };

  it('keeps the hairline, its irregular front and its soft transition, when a fill is drawn up to it', () => {
    const alone = build([hairline]);
    const both = build([hairline, fill]);
    // The hairline keeps most of its transition (8 mm) along its 56 mm.
    expect(both.areaCm2[0]).toBeGreaterThan(0.6 * 5.6 * 0.8);
    // In front of the line and through the transition, the density is the hairline's alone.
    for (let x = 60; x <= 540; x += 40)
      for (const y of [85, 95, 105, 120, 140, 160])
        expect(at(both.field, x, y)).toBeCloseTo(at(alone.field, x, y), 3);
    // Behind the transition the fill takes over.
    expect(at(both.field, 300, 300)).toBeCloseTo(80, 0);
    expect(
      both.zoneCore[Math.floor(300 * both.scale) * both.workWidth + Math.floor(300 * both.scale)],
    ).toBeGreaterThan(0);
  });

  it('lets a fill drawn far from a hairline stay as it is', () => {
    // The hairline keeps its density 10 mm behind the line, then fades; the fill starts beyond.
    const farFill = { ...fill, polygon: square(100, 250, 500, 390) };
    const alone = build([farFill]);
    const both = build([{ ...hairline, depthMm: 10 }, farFill]);
    expect(at(both.field, 300, 320)).toBeCloseTo(at(alone.field, 300, 320), 3);
    expect(both.areaCm2[1]).toBeCloseTo(alone.areaCm2[0]!, 1);
  });
});
