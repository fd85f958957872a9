import { describe, expect, it } from 'vitest';
import { apply, invert, multiply, resampleFrame, similarity, type Matrix3, type Point } from './matrix3.js';
import { fitAffine, fitHomography, fitSimilarity } from './model-fit.js';
import { ransac } from './ransac.js';

const H: Matrix3 = [0.93, 0.21, 35, -0.18, 1.05, -12, 4e-5, -2.5e-5, 1];

function random(seed: number) {
  let s = seed;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

function close(a: Point, b: Point, tol: number) {
  expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeLessThan(tol);
}

describe('transform fits', () => {
  const r = random(3);
  const src = Array.from({ length: 40 }, () => ({ x: 1000 * r(), y: 800 * r() }));

  it('recovers a homography, a similarity and an affine map from exact points', () => {
    const fitted = fitHomography(
      src,
      src.map((p) => apply(H, p)),
    )!;
    for (const p of src) close(apply(fitted, p), apply(H, p), 1e-6);
    const S = similarity(1.1, 0.4, 20, -30);
    const fs = fitSimilarity(
      src,
      src.map((p) => apply(S, p)),
    )!;
    fs.forEach((v, i) => expect(v).toBeCloseTo(S[i]!, 9));
    const A: Matrix3 = [1.1, 0.2, 5, -0.1, 0.9, 7, 0, 0, 1];
    const fa = fitAffine(
      src,
      src.map((p) => apply(A, p)),
    )!;
    fa.forEach((v, i) => expect(v).toBeCloseTo(A[i]!, 9));
  });

  it('refuses points that cannot fix a transform', () => {
    const line = [0, 1, 2, 3, 4].map((t) => ({ x: t * 10, y: t * 5 }));
    expect(fitAffine(line, line)).toBeNull();
    const spot = [0, 1, 2, 3].map(() => ({ x: 5, y: 5 }));
    expect(fitHomography(spot, spot)).toBeNull();
    expect(fitSimilarity(spot.slice(0, 2), spot.slice(0, 2))).toBeNull();
  });

  it('inverts and composes: a transform and its inverse give the identity', () => {
    const back = multiply(invert(H)!, H);
    close(apply(back, { x: 321, y: 654 }), { x: 321, y: 654 }, 1e-9);
    // A half-size copy's pixel centres: the first new pixel covers old pixels 0 and 1.
    close(apply(resampleFrame(0.5, 0.5), { x: 0.5, y: 0.5 }), { x: 0, y: 0 }, 1e-12);
  });
});

describe('RANSAC', () => {
  it('finds the homography among 45 % wrong matches, with noise on the right ones', () => {
    const r = random(11);
    const src: Point[] = [];
    const dst: Point[] = [];
    const truth: boolean[] = [];
    for (let i = 0; i < 200; i++) {
      const p = { x: 1000 * r(), y: 750 * r() };
      const good = r() > 0.45;
      const q = good ? apply(H, p) : { x: 1000 * r(), y: 750 * r() };
      src.push(p);
      dst.push({ x: q.x + (r() - 0.5), y: q.y + (r() - 0.5) });
      truth.push(good);
    }
    const found = ransac(src, dst, 'homography', { threshold: 3 })!;
    const goodCount = truth.filter(Boolean).length;
    expect(found.count).toBeGreaterThanOrEqual(goodCount);
    expect(found.count).toBeLessThan(goodCount + 5);
    for (const p of [
      { x: 0, y: 0 },
      { x: 999, y: 749 },
      { x: 500, y: 400 },
    ])
      close(apply(found.matrix, p), apply(H, p), 1);
  });

  it('finds no consensus among matches that are all wrong', () => {
    const r = random(5);
    const src = Array.from({ length: 100 }, () => ({ x: 1000 * r(), y: 750 * r() }));
    const dst = Array.from({ length: 100 }, () => ({ x: 1000 * r(), y: 750 * r() }));
    const found = ransac(src, dst, 'similarity', { threshold: 4 });
    expect(found?.count ?? 0).toBeLessThan(8);
  });
});
