import { DESCRIPTOR_WORDS, popcount } from './descriptors.js';

export interface Match {
  /** Index into the earlier photo's keypoints. */
  a: number;
  /** Index into the later photo's keypoints. */
  b: number;
  distance: number;
  /** Best distance over second best (lower is more distinctive). */
  ratio: number;
}

/** Lowe's ratio: a match must be clearly better than the next candidate. */
export const MAX_RATIO = 0.85;

/**
 * Brute-force Hamming matching kept only where it is mutual (each is the other's nearest) and
 * distinctive (the ratio test), which throws out repeated texture such as even stubble.
 */
export function matchDescriptors(da: Uint32Array, db: Uint32Array, maxRatio = MAX_RATIO): Match[] {
  const W = DESCRIPTOR_WORDS;
  const na = da.length / W;
  const nb = db.length / W;
  const best1 = new Uint16Array(na).fill(0xffff);
  const best2 = new Uint16Array(na).fill(0xffff);
  const bestJ = new Int32Array(na).fill(-1);
  const colBest = new Uint16Array(nb).fill(0xffff);
  const colBestI = new Int32Array(nb).fill(-1);
  for (let i = 0; i < na; i++) {
    const o = i * W;
    const a0 = da[o]!,
      a1 = da[o + 1]!,
      a2 = da[o + 2]!,
      a3 = da[o + 3]!;
    const a4 = da[o + 4]!,
      a5 = da[o + 5]!,
      a6 = da[o + 6]!,
      a7 = da[o + 7]!;
    let b1 = 0xffff;
    let b2 = 0xffff;
    let bj = -1;
    for (let j = 0, q = 0; j < nb; j++, q += W) {
      const d =
        popcount(a0 ^ db[q]!) +
        popcount(a1 ^ db[q + 1]!) +
        popcount(a2 ^ db[q + 2]!) +
        popcount(a3 ^ db[q + 3]!) +
        popcount(a4 ^ db[q + 4]!) +
        popcount(a5 ^ db[q + 5]!) +
        popcount(a6 ^ db[q + 6]!) +
        popcount(a7 ^ db[q + 7]!);
      if (d < b1) {
        b2 = b1;
        b1 = d;
        bj = j;
      } else if (d < b2) b2 = d;
      if (d < colBest[j]!) {
        colBest[j] = d;
        colBestI[j] = i;
      }
    }
    best1[i] = b1;
    best2[i] = b2;
    bestJ[i] = bj;
  }
  const out: Match[] = [];
  for (let i = 0; i < na; i++) {
    const j = bestJ[i]!;
    if (j < 0 || colBestI[j] !== i) continue;
    const ratio = best2[i]! === 0 ? 1 : best1[i]! / best2[i]!;
    if (ratio > maxRatio) continue;
    out.push({ a: i, b: j, distance: best1[i]!, ratio });
  }
  return out;
}
