import { hashSeed } from '../sampling/rng.js';

/**
 * Smooth seeded value noise in one and two dimensions, in [-1, 1], for irregular (never straight)
 * hairlines and density: cheap, deterministic, and the same in every JS engine.
 */
function lattice(seed: number, ix: number, iy: number): number {
  let h = (seed ^ Math.imul(ix, 0x27d4eb2d) ^ Math.imul(iy, 0x165667b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return ((h ^ (h >>> 16)) >>> 0) / 2147483648 - 1;
}

const smooth = (t: number) => t * t * t * (t * (t * 6 - 15) + 10);

export function noise1(seed: number, x: number): number {
  const i = Math.floor(x);
  const t = smooth(x - i);
  return lattice(seed, i, 0) * (1 - t) + lattice(seed, i + 1, 0) * t;
}

export function noise2(seed: number, x: number, y: number): number {
  const ix = Math.floor(x);
  const iy = Math.floor(y);
  const tx = smooth(x - ix);
  const ty = smooth(y - iy);
  const a = lattice(seed, ix, iy) * (1 - tx) + lattice(seed, ix + 1, iy) * tx;
  const b = lattice(seed, ix, iy + 1) * (1 - tx) + lattice(seed, ix + 1, iy + 1) * tx;
  return a * (1 - ty) + b * ty;
}

/** The seed of each octave, kept: hashing a label per call would cost more than the noise itself. */
const octaveSeeds = new Map<number, number[]>();
function octaveSeed(seed: number, octave: number): number {
  let seeds = octaveSeeds.get(seed);
  if (!seeds) {
    if (octaveSeeds.size > 4096) octaveSeeds.clear();
    seeds = [];
    octaveSeeds.set(seed, seeds);
  }
  let s = seeds[octave];
  if (s === undefined) {
    s = hashSeed(seed, `o${octave}`);
    seeds[octave] = s;
  }
  return s;
}

/** Sum of octaves with halving amplitude: `scale` is the largest wavelength in the input's units. */
export function fractalNoise1(seed: number, x: number, scale: number, octaves = 3): number {
  let sum = 0;
  let amp = 1;
  let norm = 0;
  for (let o = 0; o < octaves; o++) {
    sum += amp * noise1(octaveSeed(seed, o), (x / scale) * 2 ** o);
    norm += amp;
    amp /= 2;
  }
  return sum / norm;
}

export function fractalNoise2(seed: number, x: number, y: number, scale: number, octaves = 3): number {
  let sum = 0;
  let amp = 1;
  let norm = 0;
  for (let o = 0; o < octaves; o++) {
    const f = 2 ** o / scale;
    sum += amp * noise2(octaveSeed(seed, o), x * f, y * f);
    norm += amp;
    amp /= 2;
  }
  return sum / norm;
}
