import type { Keypoint, PyramidLevel } from './keypoints.js';
import { sample } from './plane.js';

/** 256 binary tests per keypoint, 8 words of 32 bits. */
export const DESCRIPTOR_WORDS = 8;
const TESTS = DESCRIPTOR_WORDS * 32;
const PATCH_RADIUS = 15;

/**
 * Test pairs drawn once from an isotropic Gaussian round the keypoint (Calonder et al.'s BRIEF,
 * G II), from a fixed seed so every photo is described alike. Each bit says whether the first
 * point of its pair is darker than the second: any monotonic change of brightness keeps the bit.
 */
const PATTERN: Float32Array = (() => {
  let s = 0x2545f491;
  const uniform = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) + 0.5) / 4294967296;
  };
  const gauss = () => {
    for (;;) {
      const v =
        Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform()) * (PATCH_RADIUS / 2.4);
      if (Math.abs(v) <= PATCH_RADIUS) return v;
    }
  };
  const p = new Float32Array(TESTS * 4);
  for (let i = 0; i < TESTS; i++) {
    let a: number, b: number, c: number, d: number;
    do {
      a = gauss();
      b = gauss();
      c = gauss();
      d = gauss();
    } while (
      a * a + b * b > PATCH_RADIUS ** 2 ||
      c * c + d * d > PATCH_RADIUS ** 2 ||
      (a - c) ** 2 + (b - d) ** 2 < 4
    );
    p.set([a, b, c, d], i * 4);
  }
  return p;
})();

/** Oriented binary descriptors (rotated BRIEF) of every keypoint, sampled on its level's smoothed image. */
export function describe(keypoints: Keypoint[], levels: PyramidLevel[]): Uint32Array {
  const out = new Uint32Array(keypoints.length * DESCRIPTOR_WORDS);
  keypoints.forEach((kp, n) => {
    const img = levels[kp.level]!.smooth;
    const c = Math.cos(kp.angle);
    const s = Math.sin(kp.angle);
    for (let t = 0; t < TESTS; t++) {
      const a = PATTERN[4 * t]!;
      const b = PATTERN[4 * t + 1]!;
      const e = PATTERN[4 * t + 2]!;
      const f = PATTERN[4 * t + 3]!;
      const v1 = sample(img, kp.lx + c * a - s * b, kp.ly + s * a + c * b);
      const v2 = sample(img, kp.lx + c * e - s * f, kp.ly + s * e + c * f);
      if (v1 < v2) {
        const w = n * DESCRIPTOR_WORDS + (t >> 5);
        out[w] = out[w]! | (1 << (t & 31));
      }
    }
  });
  return out;
}

export function popcount(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
