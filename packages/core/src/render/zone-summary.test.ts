import { describe, expect, it } from 'vitest';
import { ZonesFile, type ZonesFileInput } from '../domain/zones.schema.js';
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
