import { describe, expect, it } from 'vitest';
import { AnalysisInputError } from './analysis-input.js';
import { camouflageScore, compareCamouflage } from './camouflage-score.js';
import { syntheticScalp, type SyntheticScalpOptions } from './testing/synthetic-scalp.js';

const PPM = 15;
const base: SyntheticScalpOptions = {
  seed: 21,
  widthMm: 40,
  heightMm: 30,
  pxPerMm: PPM,
  fitzpatrick: 3,
  fuPerCm2: 80,
  noiseLevels: 2,
  strip: { from: [5, 15], to: [35, 16], widthMm: 4 },
};
const stripMm: [number, number][] = [
  [5, 13],
  [35, 14],
  [35, 18],
  [5, 17],
];
const before = syntheticScalp(base);
// The same scalp, treated: pigment dots in the strip at about the surrounding density.
const after = syntheticScalp({
  ...base,
  pigment: { polygonMm: stripMm, dotsPerCm2: 80, dotRadiusMm: 0.14, colour: [52, 50, 58], opacity: 0.85 },
});
const zone = { id: 'strip', polygon: before.scars[0]!.polygon };

describe('camouflage score', () => {
  it('sees an untreated pale strip scar at a glance and without follicles', () => {
    const [s] = camouflageScore(before.image, [zone], { pxPerMm: PPM });
    expect(s!.deltaE00).toBeGreaterThan(3);
    expect(s!.deltaEab).toBeGreaterThan(s!.deltaE00); // ΔE*ab runs higher than ΔE00 on skin tones
    expect(s!.densityInside).toBeLessThan(5);
    expect(s!.densityAround).toBeGreaterThan(60);
    expect(s!.densityRatio!).toBeLessThan(0.1);
    expect(s!.zoneLab[0]).toBeGreaterThan(s!.ringLab[0]);
  });

  it('scores a plain patch of the same skin as a match', () => {
    const control = {
      id: 'control',
      polygon: [
        [60, 30],
        [300, 30],
        [300, 90],
        [60, 90],
      ] as [number, number][],
    };
    const [s] = camouflageScore(before.image, [control], { pxPerMm: PPM });
    expect(s!.deltaE00).toBeLessThan(1);
    expect(s!.densityRatio!).toBeGreaterThan(0.75);
    expect(s!.densityRatio!).toBeLessThan(1.3);
  });

  it('improves after pigment dots are placed in the scar, before vs after', () => {
    const [c] = compareCamouflage(before.image, after.image, [zone], { pxPerMm: PPM });
    expect(c!.after.deltaE00).toBeLessThan(c!.before.deltaE00);
    expect(c!.deltaE00Reduction).toBeGreaterThan(0.5);
    expect(c!.after.densityRatio!).toBeGreaterThan(0.6);
    expect(c!.after.densityRatio!).toBeLessThan(1.5);
  });

  it('lets dots blend more at a greater viewing distance', () => {
    const near = camouflageScore(after.image, [zone], { pxPerMm: PPM, viewingDistanceMm: 150 })[0]!;
    const far = camouflageScore(after.image, [zone], { pxPerMm: PPM, viewingDistanceMm: 2000 })[0]!;
    expect(far.deltaE00P95).toBeLessThan(near.deltaE00P95);
  });

  it('rejects bad zones and mismatched images naming the field', () => {
    expect(() =>
      camouflageScore(
        before.image,
        [
          {
            polygon: [
              [0, 0],
              [5, 5],
            ],
          },
        ],
        { pxPerMm: PPM },
      ),
    ).toThrow(/zones\[0\]\.polygon/);
    const small = syntheticScalp({ ...base, widthMm: 20 });
    expect(() => compareCamouflage(before.image, small.image, [zone], { pxPerMm: PPM })).toThrow(
      AnalysisInputError,
    );
    expect(() => camouflageScore(before.image, [zone], { pxPerMm: 0 })).toThrow(/pxPerMm/);
  });
});
