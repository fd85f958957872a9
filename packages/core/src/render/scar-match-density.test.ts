import { describe, expect, it } from 'vitest';
import { matchDensity, type FollicleAnalysis } from './scar-match-density.js';

const PX = 10; // px per mm
const scar = [
  [250, 180],
  [350, 180],
  [350, 220],
  [250, 220],
] as const satisfies readonly (readonly [number, number])[];
// Follicles on a 1.2 mm grid over a 6 × 4 cm photo: 1 / 1.44 mm² ≈ 69 per cm².
const grid: { x: number; y: number }[] = [];
for (let y = 0; y < 400; y += 12) for (let x = 0; x < 600; x += 12) grid.push({ x, y });

/** A density map of 1 mm cells, null where `unresolved(x, y)` (photo pixels). */
function map(unresolved: (x: number, y: number) => boolean): NonNullable<FollicleAnalysis['densityMap']> {
  const cols = 60;
  const rows = 40;
  const perCm2: (number | null)[] = [];
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) perCm2.push(unresolved((c + 0.5) * PX, (r + 0.5) * PX) ? null : 69);
  return { originX: 0, originY: 0, cellPx: PX, cols, rows, perCm2 };
}

describe('"match" round a scar', () => {
  it('measures the follicles in the ring round the scar where the photo resolves them', () => {
    const m = matchDensity(scar, PX, { follicles: grid, densityMap: map(() => false) }, 3);
    expect(m.ok && m.perCm2).toBeGreaterThan(62);
    expect(m.ok && m.perCm2).toBeLessThan(76);
    // The left half of the ring unresolved, with no follicles found there: the density is that of
    // the resolved part, not diluted by skin the photo never showed.
    const left = (x: number) => x < 300 && x > 200;
    const half = matchDensity(
      scar,
      PX,
      { follicles: grid.filter((f) => !left(f.x)), densityMap: map(left) },
      3,
    );
    expect(half.ok && half.perCm2).toBeGreaterThan(62);
  });

  it('refuses where the photo does not resolve the ring, whatever the analysis says elsewhere', () => {
    // A junk analysis: a few "follicles" far off, none resolved round the scar.
    const junk: FollicleAnalysis = {
      follicles: grid.filter((f) => f.x > 500),
      densityMap: map((x) => x < 480),
    };
    const m = matchDensity(scar, PX, junk, 3);
    expect(m.ok).toBe(false);
    expect(!m.ok && m.code).toBe('match-unresolved');
    expect(!m.ok && m.reason).toMatch(
      /resolves follicles on only 0 % \(0 cm²\) of the scalp round this scar/,
    );
  });

  it('refuses a ring with too few follicles to count, and one counted denser than any scalp', () => {
    const sparse = matchDensity(scar, PX, { follicles: [{ x: 300, y: 160 }], densityMap: null }, 3);
    expect(!sparse.ok && sparse.code).toBe('match-too-few');
    const dense: { x: number; y: number }[] = [];
    for (let y = 0; y < 400; y += 3) for (let x = 0; x < 600; x += 3) dense.push({ x, y });
    const tooDense = matchDensity(scar, PX, { follicles: dense }, 3);
    expect(!tooDense.ok && tooDense.code).toBe('match-too-dense');
    const none = matchDensity(scar, PX, undefined, 3);
    expect(!none.ok && none.code).toBe('match-no-analysis');
  });
});
