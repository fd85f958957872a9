/**
 * Stubble shade and skin shade in CIELAB: colour averaged in linear light over the cores of the
 * detected openings (inner 60 % of the radius) and over skin sampled between them.
 */
import type { RgbImage } from './analysis-input.js';
import { linearRgbToLab, SRGB8_TO_LINEAR, type Lab } from './color-space.js';

export interface Shades {
  stubbleLab: Lab | null;
  skinLab: Lab | null;
}

/** Circles in photo pixels. */
export function measureShades(image: RgbImage, dots: readonly { x: number; y: number; r: number }[]): Shades {
  const ch = image.channels;
  const acc = (x: number, y: number, sums: Float64Array): void => {
    const xi = Math.round(x);
    const yi = Math.round(y);
    if (xi < 0 || yi < 0 || xi >= image.width || yi >= image.height) return;
    const s = (yi * image.width + xi) * ch;
    sums[0] = sums[0]! + SRGB8_TO_LINEAR[image.data[s]!]!;
    sums[1] = sums[1]! + SRGB8_TO_LINEAR[image.data[s + 1]!]!;
    sums[2] = sums[2]! + SRGB8_TO_LINEAR[image.data[s + 2]!]!;
    sums[3] = sums[3]! + 1;
  };
  const stubble = new Float64Array(4);
  const skin = new Float64Array(4);
  const step = Math.max(1, Math.floor(dots.length / 4000)); // a few thousand openings are plenty
  for (let k = 0; k < dots.length; k += step) {
    const d = dots[k]!;
    const core = Math.max(0.5, 0.6 * d.r);
    for (let dy = -Math.floor(core); dy <= Math.floor(core); dy++)
      for (let dx = -Math.floor(core); dx <= Math.floor(core); dx++)
        if (dx * dx + dy * dy <= core * core) acc(d.x + dx, d.y + dy, stubble);
    // skin: four points at 3 radii, most of them between follicles
    for (let a = 0; a < 4; a++)
      acc(d.x + 3 * d.r * Math.cos(a * 1.5708 + 0.4), d.y + 3 * d.r * Math.sin(a * 1.5708 + 0.4), skin);
  }
  const lab = (s: Float64Array): Lab | null =>
    s[3]! > 0 ? linearRgbToLab(s[0]! / s[3]!, s[1]! / s[3]!, s[2]! / s[3]!) : null;
  return { stubbleLab: lab(stubble), skinLab: lab(skin) };
}
