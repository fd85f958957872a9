/** sRGB ↔ linear light by lookup tables (pigment absorbs light linearly, not in gamma space). */

const toLinear = new Float32Array(256);
for (let i = 0; i < 256; i++) {
  const c = i / 255;
  toLinear[i] = c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Linear value of an 8-bit sRGB channel. */
export const SRGB_TO_LINEAR: Readonly<Float32Array> = toLinear;

const LINEAR_STEPS = 4096;
const toSrgb = new Uint8Array(LINEAR_STEPS + 1);
for (let i = 0; i <= LINEAR_STEPS; i++) {
  const c = i / LINEAR_STEPS;
  const s = c <= 0.0031308 ? c * 12.92 : 1.055 * c ** (1 / 2.4) - 0.055;
  toSrgb[i] = Math.round(Math.min(1, Math.max(0, s)) * 255);
}

/** 8-bit sRGB of a linear value in [0, 1]. */
export function linearToSrgb8(c: number): number {
  const i = (c * LINEAR_STEPS + 0.5) | 0;
  return toSrgb[i < 0 ? 0 : i > LINEAR_STEPS ? LINEAR_STEPS : i]!;
}

export const LINEAR_TO_SRGB_STEPS = LINEAR_STEPS;
export const LINEAR_TO_SRGB: Readonly<Uint8Array> = toSrgb;
