import { describe, expect, it } from 'vitest';
import { detectBlobs, type BlobDetectionParams } from './blob-detector.js';
import { BASE_SIGMA, binomialBlur, buildScaleSpace } from './scale-space.js';
import { makeTileGrid } from './tile-grid.js';

const W = 128;

/** A supersampled disc (or bar) on a flat background of 1. */
function paint(shape: (x: number, y: number) => boolean, value: number): Float32Array {
  const img = new Float32Array(W * W);
  for (let y = 0; y < W; y++)
    for (let x = 0; x < W; x++) {
      let cover = 0;
      for (let sy = 0; sy < 4; sy++)
        for (let sx = 0; sx < 4; sx++) if (shape(x - 0.5 + (sx + 0.5) / 4, y - 0.5 + (sy + 0.5) / 4)) cover++;
      img[y * W + x] = 1 + (value - 1) * (cover / 16) + 0.002 * Math.sin(x * 1.7 + y * 2.3);
    }
  return img;
}

function detect(img: Float32Array, params: Partial<BlobDetectionParams> = {}) {
  const space = buildScaleSpace(binomialBlur(img, W, W), W, W, 20, undefined, BASE_SIGMA);
  const grid = makeTileGrid(W, W, 32);
  const noise = space.dogs.map(() => new Float32Array(grid.cols * grid.rows).fill(0.001));
  return detectBlobs(space, noise, grid, {
    polarity: 'dark',
    minSigma: 0.5,
    maxSigma: 12,
    snr: 4,
    minContrast: 0.05,
    edgeRatio: 6,
    minSeparation: 3,
    ...params,
  });
}

describe('scale-space blob detection', () => {
  it.each([1.5, 2, 3, 4, 6, 8])(
    'finds a dark disc of radius %f px at its centre and size (r = √2·σ)',
    (r) => {
      const { blobs } = detect(paint((x, y) => Math.hypot(x - 64.3, y - 63.6) < r, 0.5));
      expect(blobs).toHaveLength(1);
      const b = blobs[0]!;
      expect(Math.hypot(b.x - 64.3, b.y - 63.6)).toBeLessThan(0.2);
      expect(Math.SQRT2 * b.sigma).toBeGreaterThan(0.9 * r);
      expect(Math.SQRT2 * b.sigma).toBeLessThan(1.12 * r);
    },
  );

  it('sees a bright disc only with inverted polarity', () => {
    const img = paint((x, y) => Math.hypot(x - 60, y - 70) < 4, 1.4);
    expect(detect(img).blobs).toHaveLength(0);
    const bright = detect(img, { polarity: 'bright' }).blobs;
    expect(bright).toHaveLength(1);
    expect(bright[0]!.contrast).toBeGreaterThan(0.1);
  });

  it('rejects a hair shaft lying on the skin (a ridge, not a blob)', () => {
    const shaft = paint((x, y) => Math.abs(y - 64) < 1.2 && Math.abs(x - 64) < 20, 0.4);
    const { blobs, rejected } = detect(shaft);
    // only the two rounded ends may register; the shaft's length does not
    expect(blobs.filter((b) => Math.abs(b.x - 64) < 14)).toHaveLength(0);
    expect(rejected.elongated).toBeGreaterThan(0);
  });

  it('reports a blob larger than the requested range as too large, not as a blob of that size', () => {
    const big = paint((x, y) => Math.hypot(x - 64, y - 64) < 9, 0.6);
    const d = detect(big, { maxSigma: 3 });
    expect(d.blobs.some((b) => Math.hypot(b.x - 64, b.y - 64) < 2)).toBe(false);
    expect(d.tooLarge.some((b) => Math.hypot(b.x - 64, b.y - 64) < 2 && Math.SQRT2 * b.sigma > 7)).toBe(true);
  });

  it('drops faint spots below the contrast floor', () => {
    const faint = paint((x, y) => Math.hypot(x - 64, y - 64) < 3, 0.97);
    expect(detect(faint, { minContrast: 0.05 }).blobs).toHaveLength(0);
  });

  it('keeps two openings apart but merges duplicates closer than the minimum separation', () => {
    const two = paint((x, y) => Math.hypot(x - 50, y - 64) < 2.5 || Math.hypot(x - 78, y - 64) < 2.5, 0.5);
    expect(detect(two).blobs).toHaveLength(2);
    expect(detect(two, { minSeparation: 40 }).blobs).toHaveLength(1);
  });
});
