import { describe, expect, it } from 'vitest';
import {
  MIN_RELATIVE_DENSITY,
  exclusionRadiusPx,
  sampleImpressions,
  type DensityField,
  type Impressions,
} from './sample-impressions.js';
import {
  countInRect,
  coverage,
  minDistanceRatio,
  radialPowerSpectrum,
  relativeRadius,
} from './point-set-metrics.js';
import {
  radiusLookup,
  rampField,
  scarField,
  stepField,
  uniformField,
} from './sampler-fields.test-support.js';

const PX_PER_MM = 20;
const CM = 10 * PX_PER_MM; // pixels per centimetre

/** The density the sampler is asked for, integrated over a rectangle, in impressions. */
function expectedIn(field: DensityField, x0: number, y0: number, x1: number, y1: number): number {
  let sum = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) sum += field.perCm2[y * field.width + x]!;
  return sum / (100 * field.pxPerMm * field.pxPerMm);
}

/** Expected and counted impressions in every 1 cm² window that does not touch the image border. */
function interiorWindows(field: DensityField, points: Impressions) {
  const windows: { expected: number; counted: number }[] = [];
  for (let y = CM; y + CM <= field.height - CM; y += CM / 2)
    for (let x = CM; x + CM <= field.width - CM; x += CM / 2) {
      const expected = expectedIn(field, x, y, x + CM, y + CM);
      windows.push({ expected, counted: countInRect(points, x, y, x + CM, y + CM) });
    }
  return windows;
}

/**
 * The radius the sampler promises to respect at a point: that of the highest density within one
 * grid cell (0.71 of the smallest spacing), because a candidate takes the radius of its cell.
 */
function cellRadiusLookup(field: DensityField) {
  let max = 0;
  for (const d of field.perCm2) if (d > max) max = d;
  const cell = exclusionRadiusPx(max, field.pxPerMm) * Math.SQRT1_2;
  const { largest } = radiusLookup(field, exclusionRadiusPx);
  const at = (x: number, y: number): number => {
    let densest = 0;
    for (let yy = Math.max(0, Math.floor(y - cell)); yy <= Math.min(field.height - 1, y + cell); yy++)
      for (let xx = Math.max(0, Math.floor(x - cell)); xx <= Math.min(field.width - 1, x + cell); xx++)
        densest = Math.max(densest, field.perCm2[yy * field.width + xx]!);
    return densest >= max * MIN_RELATIVE_DENSITY ? exclusionRadiusPx(densest, field.pxPerMm) : 0;
  };
  return { at, largest };
}

const fields = {
  uniform: uniformField(1200, 1200, PX_PER_MM, 90),
  'ramp 20 → 120 per cm²': rampField(1200, 1200, PX_PER_MM, 20, 120),
  'step 25 → 100 per cm², 3 mm feather': stepField(1200, 1200, PX_PER_MM, 25, 100, 3 * PX_PER_MM),
};

describe('sampleImpressions', () => {
  describe.each(Object.entries(fields))('on a %s field', (_name, field) => {
    const points = sampleImpressions(field, { seed: 11 });
    const exact = radiusLookup(field, exclusionRadiusPx);

    it('keeps every pair at least the mean of their exclusion radii apart (within 8% on smooth fields)', () => {
      expect(
        minDistanceRatio(points, field.width, field.height, exact.at, exact.largest),
      ).toBeGreaterThanOrEqual(0.92);
    });

    it('matches the target density within ±10% over every 1 cm² window (±4 impressions where it holds fewer than 40)', () => {
      const windows = interiorWindows(field, points);
      expect(windows.length).toBeGreaterThan(10);
      for (const { expected, counted } of windows) {
        expect(Math.abs(counted - expected)).toBeLessThanOrEqual(Math.max(0.1 * expected, 4));
      }
    });

    it('leaves no hole where another impression would fit', () => {
      const { uncoveredFraction, worstGapRatio } = coverage(
        points,
        field.width,
        field.height,
        exact.at,
        exact.largest,
        2,
      );
      expect(uncoveredFraction).toBeLessThan(0.001);
      expect(worstGapRatio).toBeLessThan(1.5);
    });
  });

  it('respects the mean rule exactly, even across a hard step, for the radius of the densest point within one grid cell', () => {
    for (const field of [
      stepField(1000, 600, PX_PER_MM, 25, 100, 0),
      stepField(1000, 600, PX_PER_MM, 25, 100, 1 * PX_PER_MM),
      scarField(1000, 1000, PX_PER_MM, 90, 50),
    ]) {
      const points = sampleImpressions(field, { seed: 3 });
      const cellRadius = cellRadiusLookup(field);
      expect(
        minDistanceRatio(points, field.width, field.height, cellRadius.at, cellRadius.largest),
      ).toBeGreaterThanOrEqual(0.999);
    }
  });

  it('produces the target count on average, and a relative radius in the good range', () => {
    const field = uniformField(2400, 2000, PX_PER_MM, 80);
    const points = sampleImpressions(field, { seed: 5 });
    const target = expectedIn(field, 0, 0, field.width, field.height);
    expect(points.count / target).toBeGreaterThan(0.97);
    expect(points.count / target).toBeLessThan(1.03);
    const rho = relativeRadius(points, field.width, field.height);
    expect(rho).toBeGreaterThan(0.65);
    expect(rho).toBeLessThan(0.9);
  });

  it('places nothing where the density is zero or below the sampled floor, and sharp to the pixel', () => {
    const field = scarField(1000, 1000, PX_PER_MM, 90, 50);
    const points = sampleImpressions(field, { seed: 8 });
    for (let i = 0; i < points.count; i++) {
      const d = field.perCm2[Math.floor(points.y[i]!) * field.width + Math.floor(points.x[i]!)]!;
      expect(d).toBeGreaterThan(0);
    }
    // Density on one pixel row only: every impression lies on that row.
    const row = uniformField(400, 400, PX_PER_MM, 0);
    row.perCm2.fill(200, 200 * 400, 201 * 400);
    const few = sampleImpressions(row, { seed: 1 });
    expect(few.count).toBeGreaterThan(10);
    for (let i = 0; i < few.count; i++) expect(Math.floor(few.y[i]!)).toBe(200);
  });

  it('fills a small zone in an otherwise empty photo to its target', () => {
    const field = uniformField(2000, 2000, PX_PER_MM, 0);
    // 5 × 5 mm at 100 per cm²: 25 impressions expected.
    for (let y = 1003; y < 1103; y++) for (let x = 1003; x < 1103; x++) field.perCm2[y * 2000 + x] = 100;
    const points = sampleImpressions(field, { seed: 1 });
    expect(Math.abs(points.count - 25)).toBeLessThanOrEqual(4);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const field = fields['ramp 20 → 120 per cm²'];
    const a = sampleImpressions(field, { seed: 42 });
    const b = sampleImpressions(field, { seed: 42 });
    const c = sampleImpressions(field, { seed: 43 });
    expect(b.count).toBe(a.count);
    expect(Array.from(b.x)).toEqual(Array.from(a.x));
    expect(Array.from(b.y)).toEqual(Array.from(a.y));
    expect(Array.from(c.x.slice(0, 50))).not.toEqual(Array.from(a.x.slice(0, 50)));
  });

  it('has the blue-noise spectrum on a uniform field: little energy at low frequencies, a peak at the spacing', () => {
    const field = uniformField(1000, 1000, PX_PER_MM, 90);
    const spectra = [1, 2, 3, 4].map((seed) =>
      radialPowerSpectrum(sampleImpressions(field, { seed }), 100, 100, 800, 64),
    );
    const mean = spectra[0]!.map((_, k) => spectra.reduce((s, p) => s + p[k]!, 0) / spectra.length);
    const spacingRing = 800 / exclusionRadiusPx(90, PX_PER_MM); // the wave number of the spacing
    let peak = 0;
    let peakRing = 0;
    mean.forEach((v, k) => {
      if (v > peak) [peak, peakRing] = [v, k];
    });
    // White (Poisson) noise would be flat at 1.
    const low = Array.from(mean.slice(1, Math.floor(spacingRing * 0.4)));
    expect(Math.max(...low)).toBeLessThan(0.2);
    expect(peak).toBeGreaterThan(2);
    expect(Math.abs(peakRing - spacingRing) / spacingRing).toBeLessThan(0.2);
  });

  it('refuses a field whose size does not match its data, or without a calibration', () => {
    expect(() =>
      sampleImpressions({ width: 10, height: 10, pxPerMm: 20, perCm2: new Float32Array(99) }, { seed: 1 }),
    ).toThrow(/10×10/);
    expect(() =>
      sampleImpressions({ width: 10, height: 10, pxPerMm: 0, perCm2: new Float32Array(100) }, { seed: 1 }),
    ).toThrow(/pxPerMm/);
    expect(sampleImpressions(uniformField(50, 50, 20, 0), { seed: 1 }).count).toBe(0);
  });
});
