/**
 * A small seeded PRNG (sfc32, by Chris Doty-Humphrey, public domain algorithm), fast in V8 and
 * identical in every JS engine, so that a seed reproduces the same impressions in the browser
 * worker, the server and the CLI. Math.random cannot be seeded.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number;
}

export function createRng(seed: number): Rng {
  // Spread the seed over the 128-bit state with splitmix32 so that nearby seeds differ fully.
  let s = seed >>> 0;
  const split = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) nextUint32();
  return { nextUint32, next: () => nextUint32() / 4294967296 };
}

/** A stable 32-bit hash of a seed and a label, to derive per-zone or per-purpose seeds from one seed. */
export function hashSeed(seed: number, label: string): number {
  let h = (seed ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** `n` pairs of independent standard normal numbers (Box-Muller), interleaved, from a seed. */
export function gaussianPairs(n: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const out = new Float32Array(2 * n);
  for (let i = 0; i < 2 * n; i += 2) {
    const radius = Math.sqrt(-2 * Math.log(Math.max(1e-12, rng.next())));
    const angle = 2 * Math.PI * rng.next();
    out[i] = radius * Math.cos(angle);
    out[i + 1] = radius * Math.sin(angle);
  }
  return out;
}
