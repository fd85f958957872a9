/**
 * A Gaussian scale space with octaves, for scale-normalised difference-of-Gaussian (DoG) blob
 * detection (Lowe 2004; Lindeberg 1998). Scales grow by √2 per level; once a level's own σ
 * reaches about 2 px it is decimated by two (the blur is the anti-alias filter) so that coarse
 * scales cost a quarter, a sixteenth… of the finest. The input is taken to carry σ ≈ 0.5 px of
 * its own blur (demosaicing, optics); the first level adds a [1 2 1]/4 binomial pass (σ ≈ 0.87 px in
 * all), without which single pixels (sensor noise, JPEG ringing) would dominate the finest band.
 *
 * DoG between consecutive levels, D = G(√2·σ) − G(σ) ≈ (√2 − 1)·σ²∇²G, is scale-normalised:
 * responses at different σ can be compared directly. Dark blobs give positive D.
 */
import { decimate2, firBlur, sampleBilinear } from './gaussian-filter.js';

export const INPUT_SIGMA = 0.5;
/** Input blur plus one [1 2 1]/4 binomial pass (σ = 1/√2): √(0.25 + 0.5). */
export const BASE_SIGMA = Math.sqrt(INPUT_SIGMA ** 2 + 0.5);
const LEVEL_RATIO = Math.SQRT2;
/** Decimate once a level's σ in its own pixels reaches this. */
const DECIMATE_AT_OWN_SIGMA = 1.7;

export interface GaussianLevel {
  /** Total σ in base-image pixels. */
  sigma: number;
  /** Base-image pixels per pixel of this level (1, 2, 4…). */
  step: number;
  width: number;
  height: number;
  data: Float32Array;
}

export interface DogLevel {
  /** Characteristic σ of the band in base pixels (geometric mean of the two Gaussians). */
  sigma: number;
  step: number;
  width: number;
  height: number;
  lower: GaussianLevel;
  upper: GaussianLevel;
}

export interface ScaleSpace {
  width: number;
  height: number;
  /** Gaussian levels in order of σ; a decimated copy appears as its own entry with a larger step. */
  gaussians: GaussianLevel[];
  dogs: DogLevel[];
}

/** DoG value at integer pixel (i = row-major index) of the level's own grid. */
export function dogAtIndex(level: DogLevel, i: number): number {
  return level.upper.data[i]! - level.lower.data[i]!;
}

/** DoG value at base-image coordinates (bilinear). */
export function dogAt(level: DogLevel, x: number, y: number): number {
  // Decimation keeps every second pixel, so pixel X of a level with step s sits at base pixel X·s.
  const xs = x / level.step;
  const ys = y / level.step;
  return (
    sampleBilinear(level.upper.data, level.width, level.height, xs, ys) -
    sampleBilinear(level.lower.data, level.width, level.height, xs, ys)
  );
}

export function gaussianAt(level: GaussianLevel, x: number, y: number): number {
  return sampleBilinear(level.data, level.width, level.height, x / level.step, y / level.step);
}

/** Separable [1 2 1]/4 smoothing (σ = 1/√2 px), mirrored at the borders. */
export function binomialBlur(
  src: Float32Array,
  width: number,
  height: number,
  out: Float32Array = new Float32Array(width * height),
  scratch?: Float32Array,
): Float32Array {
  const tmp = scratch && scratch.length >= width * height ? scratch : new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const o = y * width;
    if (width === 1) {
      tmp[o] = src[o]!;
      continue;
    }
    tmp[o] = 0.5 * (src[o]! + src[o + 1]!);
    for (let x = 1; x < width - 1; x++)
      tmp[o + x] = 0.25 * (src[o + x - 1]! + src[o + x + 1]!) + 0.5 * src[o + x]!;
    tmp[o + width - 1] = 0.5 * (src[o + width - 1]! + src[o + width - 2]!);
  }
  for (let y = 0; y < height; y++) {
    const o = y * width;
    const up = (y > 0 ? y - 1 : Math.min(1, height - 1)) * width;
    const down = (y < height - 1 ? y + 1 : Math.max(0, height - 2)) * width;
    for (let x = 0; x < width; x++) out[o + x] = 0.25 * (tmp[up + x]! + tmp[down + x]!) + 0.5 * tmp[o + x]!;
  }
  return out;
}

/**
 * Builds levels until the DoG σ covers `maxSigma` (base pixels). `scratch` (width × height, may be
 * memory the caller no longer needs) holds intermediate rows so 12-MP images allocate less.
 */
export function buildScaleSpace(
  base: Float32Array,
  width: number,
  height: number,
  maxSigma: number,
  scratch: Float32Array = new Float32Array(width * height),
  /** Blur the input already carries; when given, the input is the first level as it is. */
  inputSigma?: number,
): ScaleSpace {
  const gaussians: GaussianLevel[] = [];
  const dogs: DogLevel[] = [];
  let current: GaussianLevel =
    inputSigma === undefined
      ? {
          sigma: BASE_SIGMA,
          step: 1,
          width,
          height,
          data: binomialBlur(base, width, height, undefined, scratch),
        }
      : { sigma: inputSigma, step: 1, width, height, data: base };
  gaussians.push(current);
  while (current.sigma <= maxSigma && Math.min(current.width, current.height) >= 8) {
    if (current.sigma / current.step >= DECIMATE_AT_OWN_SIGMA) {
      const d = decimate2(current.data, current.width, current.height);
      current = {
        sigma: current.sigma,
        step: current.step * 2,
        width: d.width,
        height: d.height,
        data: d.data,
      };
      gaussians.push(current);
    }
    const nextSigma = current.sigma * LEVEL_RATIO;
    const increment = Math.sqrt(nextSigma * nextSigma - current.sigma * current.sigma) / current.step;
    const next: GaussianLevel = {
      sigma: nextSigma,
      step: current.step,
      width: current.width,
      height: current.height,
      data: firBlur(current.data, current.width, current.height, increment, undefined, 2.5, scratch),
    };
    gaussians.push(next);
    dogs.push({
      sigma: Math.sqrt(current.sigma * nextSigma),
      step: current.step,
      width: current.width,
      height: current.height,
      lower: current,
      upper: next,
    });
    current = next;
  }
  return { width, height, gaussians, dogs };
}

/** The finest Gaussian level whose σ is at least `sigma` (or the coarsest there is). */
export function gaussianLevelFor(space: ScaleSpace, sigma: number): GaussianLevel {
  for (const g of space.gaussians) if (g.sigma >= sigma * 0.999) return g;
  return space.gaussians[space.gaussians.length - 1]!;
}
