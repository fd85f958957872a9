import { describe, expect, it } from 'vitest';
import { assessResolvability, BLUR_LIMIT_MM, type ResolvabilityInput } from './resolvability.js';
import { makeTileGrid } from './tile-grid.js';

const PX_PER_MM = 10;
/** 3 mm tiles at 10 px/mm, 12 × 12 of them: 36 × 36 mm of scalp. */
const grid = makeTileGrid(360, 360, 30);
const n = grid.cols * grid.rows;

/** A sharp, quiet scalp with follicles everywhere; each test spoils one thing. */
function scalp(overrides: Partial<ResolvabilityInput> = {}): ResolvabilityInput {
  return {
    grid,
    pxPerMm: PX_PER_MM,
    structureWidth: new Float32Array(n).fill(0.16 * PX_PER_MM),
    poreNoise: new Float32Array(n).fill(0.002),
    poreSigma: 1,
    lineNoise: new Float32Array(n).fill(0.002),
    lineSigma: 0.7,
    scalpShare: new Float32Array(n).fill(1),
    structures: new Float32Array(n).fill(5),
    clipped: new Float32Array(n),
    glare: new Float32Array(n),
    glareShare: 0.25,
    ...overrides,
  };
}

const statuses = (input: ResolvabilityInput) => assessResolvability(input).map((t) => t.status);

describe('resolvability', () => {
  it('resolves a sharp, quiet scalp with follicles, and names blur with its measured width', () => {
    expect(new Set(statuses(scalp()))).toEqual(new Set(['resolved']));
    const soft = assessResolvability(
      scalp({ structureWidth: new Float32Array(n).fill((BLUR_LIMIT_MM + 0.05) * PX_PER_MM) }),
    );
    expect(soft.every((t) => t.status === 'blur')).toBe(true);
    expect(soft[0]!.blurMm).toBeCloseTo(BLUR_LIMIT_MM + 0.05, 5);
  });

  it('calls a tile noisy when a clear opening would not clear its noise floor, and off-scalp tiles not scalp', () => {
    const poreNoise = new Float32Array(n).fill(0.002);
    const lineNoise = new Float32Array(n).fill(0.002);
    const scalpShare = new Float32Array(n).fill(1);
    // the left half noisy (a 6 × 12 block of tiles: 216 mm², no island), the top row off the scalp
    for (let r = 0; r < grid.rows; r++)
      for (let c = 0; c < 6; c++) {
        poreNoise[r * grid.cols + c] = 0.5;
        lineNoise[r * grid.cols + c] = 0.5;
      }
    for (let c = 0; c < grid.cols; c++) scalpShare[c] = 0;
    const s = statuses(scalp({ poreNoise, lineNoise, scalpShare }));
    expect(s[0]).toBe('not-scalp');
    expect(s[grid.cols * 5 + 2]).toBe('noise');
    expect(s[grid.cols * 5 + 9]).toBe('resolved');
  });

  it('does not believe a sharp-looking region where nothing at all was found, nor a small island', () => {
    const structures = new Float32Array(n);
    const smooth = statuses(
      scalp({ structures, structureWidth: new Float32Array(n).fill((BLUR_LIMIT_MM - 0.02) * PX_PER_MM) }),
    );
    expect(new Set(smooth)).toEqual(new Set(['blur']));

    // a blurred photo with a 2 × 2-tile sharp patch (36 mm², under the 100 mm² a region needs)
    const structureWidth = new Float32Array(n).fill(0.3 * PX_PER_MM);
    for (const k of [5 * grid.cols + 5, 5 * grid.cols + 6, 6 * grid.cols + 5, 6 * grid.cols + 6])
      structureWidth[k] = 0.15 * PX_PER_MM;
    const island = statuses(scalp({ structureWidth }));
    expect(island.filter((s) => s === 'resolved')).toHaveLength(0);
    expect(island[5 * grid.cols + 5]).toBe('blur');
  });
});
