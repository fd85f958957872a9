import { describe, expect, it } from 'vitest';
import {
  blockMean,
  decimate2,
  firBlur,
  gaussianBlur,
  gaussianKernelHalf,
  sampleBilinear,
} from './gaussian-filter.js';

function impulse(w: number, h: number): Float32Array {
  const a = new Float32Array(w * h);
  a[Math.floor(h / 2) * w + Math.floor(w / 2)] = 1;
  return a;
}

function spread(img: Float32Array, w: number, h: number): { sum: number; variance: number } {
  let sum = 0;
  let vx = 0;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const v = img[y * w + x]!;
      sum += v;
      vx += v * (x - Math.floor(w / 2)) ** 2;
    }
  return { sum, variance: vx / sum };
}

/** Plain separable convolution with mirrored borders, straight from the definition. */
function referenceBlur(src: Float32Array, w: number, h: number, sigma: number): Float64Array {
  const k = gaussianKernelHalf(sigma);
  const r = k.length - 1;
  const mirror = (i: number, n: number): number => {
    if (n === 1) return 0;
    const p = 2 * n - 2;
    const j = ((i % p) + p) % p;
    return j < n ? j : p - j;
  };
  const tmp = new Float64Array(w * h);
  const out = new Float64Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let j = -r; j <= r; j++) s += k[Math.abs(j)]! * src[y * w + mirror(x + j, w)]!;
      tmp[y * w + x] = s;
    }
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let j = -r; j <= r; j++) s += k[Math.abs(j)]! * tmp[mirror(y + j, h) * w + x]!;
      out[y * w + x] = s;
    }
  return out;
}

describe('Gaussian smoothing', () => {
  it('has normalised kernels', () => {
    const k = gaussianKernelHalf(1.3);
    expect(k[0]! + 2 * Array.from(k.subarray(1)).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it.each([0.7, 1, 1.41, 1.9, 2.5, 4])('FIR blur of σ=%f keeps mass and has variance σ²', (sigma) => {
    const w = 61;
    const out = firBlur(impulse(w, w), w, w, sigma);
    const { sum, variance } = spread(out, w, w);
    expect(sum).toBeCloseTo(1, 4);
    // truncation at 3σ loses under 3 % of the variance
    expect(variance / (sigma * sigma)).toBeGreaterThan(0.96);
    expect(variance / (sigma * sigma)).toBeLessThan(1.02);
  });

  it('large σ by box passes is close to the Gaussian variance', () => {
    const w = 201;
    const out = gaussianBlur(impulse(w, w), w, w, 12);
    const { sum, variance } = spread(out, w, w);
    expect(sum).toBeCloseTo(1, 3);
    expect(Math.sqrt(variance)).toBeGreaterThan(11);
    expect(Math.sqrt(variance)).toBeLessThan(13);
  });

  // σ 0.6-1.6 take the unrolled radii 2-5, 2.5 the general loop; 20×3 is smaller than the kernel.
  it.each([
    [0.6, 23, 17],
    [0.9, 23, 17],
    [1.2, 23, 17],
    [1.6, 23, 17],
    [2.5, 23, 17],
    [1.2, 20, 3],
  ])('FIR blur of σ=%f on %i×%i matches a plain convolution, borders included', (sigma, w, h) => {
    let seed = 7;
    const src = Float32Array.from({ length: w * h }, () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    });
    const out = firBlur(src, w, h, sigma);
    const ref = referenceBlur(src, w, h, sigma);
    for (let i = 0; i < w * h; i++) expect(out[i]).toBeCloseTo(ref[i]!, 5);
  });

  it('leaves a constant image constant, edges included', () => {
    const w = 17;
    const h = 9;
    const out = firBlur(new Float32Array(w * h).fill(3), w, h, 2);
    for (const v of out) expect(v).toBeCloseTo(3, 5);
  });

  it('decimates, block-averages and samples bilinearly', () => {
    const w = 8;
    const src = Float32Array.from({ length: w * w }, (_, i) => i % w);
    expect(Array.from(decimate2(src, w, w).data.subarray(0, 4))).toEqual([0, 2, 4, 6]);
    expect(Array.from(blockMean(src, w, w, 2).data.subarray(0, 4))).toEqual([0.5, 2.5, 4.5, 6.5]);
    expect(sampleBilinear(src, w, w, 2.25, 3)).toBeCloseTo(2.25, 6);
  });
});
