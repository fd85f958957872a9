import { describe, expect, it } from 'vitest';
import { ZonesFile, type ZonesFileInput } from '../domain/zones.schema.js';
import type { ImpressionSet } from './impression-set.js';
import { planSimulation } from './simulate.js';

const image = { width: 800, height: 500 };
const square = (x0: number, y0: number, x1: number, y1: number): [number, number][] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
];
const plan = (zones: ZonesFileInput['zones'], hair?: Float32Array) =>
  planSimulation(
    ZonesFile.parse({ calibration: { pxPerMm: 10 }, seed: 2, zones }),
    image,
    undefined,
    hair ? { hair: { follicles: hair, stubbleLab: null, skinLab: null } } : {},
  );

describe('zone summary', () => {
  it('reports a zone that others cover almost entirely, and which zone covers it', () => {
    const sim = plan([
      { id: 'small', kind: 'fill', polygon: square(300, 200, 340, 240), densityPerCm2: 40 },
      { id: 'scar', kind: 'scar', polygon: square(250, 150, 400, 300), densityPerCm2: 90 },
    ]);
    const small = sim.summary.find((z) => z.id === 'small')!;
    expect(small.warnings).toEqual([expect.objectContaining({ code: 'collapsed', coveredBy: 'scar' })]);
    expect(small.warnings[0]!.message).toMatch(/small keeps .* cm² drawn: scar covers the rest/);
    expect(sim.summary.find((z) => z.id === 'scar')!.warnings).toEqual([]);
  });

  it('reports a density the pattern cannot reach: a zone far sparser than the densest one', () => {
    // 1.2 per cm² over 28 cm², beside a scar at 100: under the sampler's floor (1/64 of 100).
    const sim = plan([
      { id: 'sparse', kind: 'fill', polygon: square(20, 20, 780, 390), densityPerCm2: 1.2, featherMm: 0 },
      { id: 'scar', kind: 'scar', polygon: square(300, 420, 500, 480), densityPerCm2: 100 },
    ]);
    const sparse = sim.summary[0]!;
    expect(sparse.warnings).toEqual([expect.objectContaining({ code: 'density-short', achievedPerCm2: 0 })]);
    expect(sim.summary[1]!.warnings).toEqual([]);
    // The same zone on its own reaches its density.
    const alone = plan([
      { id: 'sparse', kind: 'fill', polygon: square(20, 20, 780, 390), densityPerCm2: 1.2, featherMm: 0 },
    ]);
    expect(alone.summary[0]!.warnings).toEqual([]);
  });

  it('does not call a small zone short for the spread of its count from seed to seed', () => {
    // A strip scar 14 × 3.3 mm at 20 px/mm (an analysis's typical suggestion): about 26 dots.
    const strip = square(200, 200, 480, 266);
    const shortSeeds: number[] = [];
    let inside = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const sim = planSimulation(
        ZonesFile.parse({
          calibration: { pxPerMm: 20 },
          seed,
          zones: [
            { id: 'scar', kind: 'scar', polygon: strip, densityPerCm2: 57, texture: 'flat', featherMm: 2 },
          ],
        }),
        { width: 680, height: 470 },
      );
      if (sim.summary[0]!.warnings.some((w) => w.code === 'density-short')) shortSeeds.push(seed);
      for (let i = 0; i < sim.impressions.count; i++) {
        const x = sim.impressions.x[i]!;
        const y = sim.impressions.y[i]!;
        if (sim.impressions.primary[i] && x >= 200 && x < 480 && y >= 200 && y < 266) inside++;
      }
    }
    expect(shortSeeds).toEqual([]);
    // It does reach its density: inside the polygon, over the twelve seeds.
    expect(inside / (12 * 57 * 0.462)).toBeGreaterThan(0.9);
  });

  it('counts the client’s own follicles towards the target, and says when they already reach it', () => {
    const dense: number[] = [];
    for (let y = 205; y < 295; y += 9) for (let x = 105; x < 395; x += 9) dense.push(x, y); // ~123 per cm²
    const sim = plan(
      [{ id: 'fill', kind: 'fill', polygon: square(100, 200, 400, 300), densityPerCm2: 70 }],
      Float32Array.from(dense),
    );
    const z = sim.summary[0]!;
    expect(z.existingDensityPerCm2).toBeGreaterThan(90);
    expect(z.warnings.map((w) => w.code)).toEqual(['hair-already-dense']);
    // Dots only where the hair stops (the zone's feather reaches beyond it).
    let inside = 0;
    for (let i = 0; i < sim.impressions.count; i++)
      if (
        sim.impressions.x[i]! > 110 &&
        sim.impressions.x[i]! < 390 &&
        sim.impressions.y[i]! > 210 &&
        sim.impressions.y[i]! < 290
      )
        inside++;
    expect(inside).toBeLessThan(5);
  });
});

describe('a scar zone over detected follicles', () => {
  // Follicles every 9 px at 10 px/mm: about 123 per cm², well above the zones' target of 70.
  const dense: number[] = [];
  for (let y = 155; y < 345; y += 9) for (let x = 105; x < 495; x += 9) dense.push(x, y);
  const follicles = Float32Array.from(dense);
  const scar = square(150, 190, 450, 310); // 3 × 1.2 cm, inside the follicles
  /** Primary impressions inside the scar's polygon (its area proper, feather left out). */
  const insideScar = (set: ImpressionSet) => {
    let n = 0;
    for (let i = 0; i < set.count; i++) {
      const x = set.x[i]!;
      const y = set.y[i]!;
      if (set.primary[i] && x >= 150 && x < 450 && y >= 190 && y < 310) n++;
    }
    return n;
  };

  it('gets dots at its full target density, as if the skin were bare, and no warning', () => {
    const zones: ZonesFileInput['zones'] = [
      { id: 'scar', kind: 'scar', polygon: scar, densityPerCm2: 70, texture: 'flat', featherMm: 2 },
    ];
    const bare = plan(zones);
    const over = plan(zones, follicles);
    const z = over.summary[0]!;
    // Detections inside scar tissue are not hair: none counts, none keeps a dot off.
    expect(z.existingDensityPerCm2).toBe(0);
    expect(z.warnings).toEqual([]);
    // 3.6 cm² at 70 per cm²: about 252 dots inside the polygon, within the sampler's tolerance
    // (its feather, falling off outside, draws a few from the edge), and what bare skin gets.
    const target = 70 * 3.6;
    expect(insideScar(over.impressions) / target).toBeGreaterThan(0.9);
    expect(insideScar(over.impressions) / target).toBeLessThan(1.1);
    expect(insideScar(over.impressions)).toBe(insideScar(bare.impressions));
    expect(z.achievedDensityPerCm2).toBe(bare.summary[0]!.achievedDensityPerCm2);
  });

  it('still counts them for a fill zone over the same follicles', () => {
    const sim = plan(
      [{ id: 'fill', kind: 'fill', polygon: scar, densityPerCm2: 70, featherMm: 2 }],
      follicles,
    );
    const z = sim.summary[0]!;
    expect(z.existingDensityPerCm2).toBeGreaterThan(90);
    expect(z.warnings.map((w) => w.code)).toEqual(['hair-already-dense']);
    expect(insideScar(sim.impressions)).toBeLessThan(10);
  });

  it('beside a fill over hair: the fill counts the hair, the scar drawn over it does not', () => {
    const sim = plan(
      [
        { id: 'fill', kind: 'fill', polygon: square(100, 150, 500, 350), densityPerCm2: 70 },
        { id: 'scar', kind: 'scar', polygon: scar, densityPerCm2: 70, texture: 'flat', featherMm: 2 },
      ],
      follicles,
    );
    const [fill, scarZone] = sim.summary;
    expect(fill!.existingDensityPerCm2).toBeGreaterThan(90);
    expect(scarZone!.existingDensityPerCm2).toBe(0);
    expect(scarZone!.warnings).toEqual([]);
    expect(insideScar(sim.impressions) / (70 * 3.6)).toBeGreaterThan(0.88);
  });
});
