/**
 * The client's own hair, for the preview to blend with: its tone and its coverage where there is
 * hair (the hair-bearing scalp of the map), and the bare scalp's tone beside it.
 *
 * The tone is what an observer sees at conversation distance. S-CIELAB's spatial filters are
 * normalised (each sums to one), so over a region much wider than the filters (about 6 mm at 1 m
 * for the luminance channel) the filtered colour's mean is the mean of the linear colour itself:
 * stubble and skin mixed in proportion to what each covers. That mean is what is reported,
 * converted to CIELAB once.
 */
import type { RgbImage } from '../analysis-input.js';
import { linearRgbToLab, SRGB8_TO_LINEAR, type Lab } from '../color-space.js';
import { MAP_CLASS, type ScalpMap } from './scalp-map.js';

export interface HairMeasure {
  /** Mean colour of the hair-bearing scalp as seen from about 1 m (stubble and skin together). */
  toneLab: Lab | null;
  /** Mean colour of the bare scalp, the same way. */
  bareToneLab: Lab | null;
  /** Mean share of the hair-bearing scalp that hair covers (0-1), at map resolution. */
  coverage: number | null;
  /** Detected follicles that lie on hair-bearing scalp. */
  follicleCount: number;
}

/** At most this many photo pixels are sampled per map pixel: the mean needs no more. */
const SAMPLES_PER_SIDE = 4;

export function measureHair(
  image: RgbImage,
  map: ScalpMap,
  follicles: readonly { x: number; y: number }[],
): HairMeasure {
  const sums = [new Float64Array(4), new Float64Array(4)];
  let coverage = 0;
  let hairCells = 0;
  const step = Math.max(1, Math.floor(map.factor / SAMPLES_PER_SIDE));
  const ch = image.channels;
  for (let my = 0; my < map.height; my++)
    for (let mx = 0; mx < map.width; mx++) {
      const c = map.classes[my * map.width + mx]!;
      if (c !== MAP_CLASS.hair && c !== MAP_CLASS.bare) continue;
      if (c === MAP_CLASS.hair) {
        coverage += map.hairCoverage[my * map.width + mx]!;
        hairCells++;
      }
      const acc = sums[c === MAP_CLASS.hair ? 0 : 1]!;
      for (let y = my * map.factor; y < Math.min(image.height, (my + 1) * map.factor); y += step)
        for (let x = mx * map.factor; x < Math.min(image.width, (mx + 1) * map.factor); x += step) {
          const s = (y * image.width + x) * ch;
          acc[0] = acc[0]! + SRGB8_TO_LINEAR[image.data[s]!]!;
          acc[1] = acc[1]! + SRGB8_TO_LINEAR[image.data[s + 1]!]!;
          acc[2] = acc[2]! + SRGB8_TO_LINEAR[image.data[s + 2]!]!;
          acc[3] = acc[3]! + 1;
        }
    }
  const lab = (a: Float64Array): Lab | null =>
    a[3]! > 0 ? round(linearRgbToLab(a[0]! / a[3]!, a[1]! / a[3]!, a[2]! / a[3]!)) : null;
  let onHair = 0;
  for (const f of follicles) {
    const mx = Math.floor((f.x + 0.5) / map.factor);
    const my = Math.floor((f.y + 0.5) / map.factor);
    if (
      mx >= 0 &&
      my >= 0 &&
      mx < map.width &&
      my < map.height &&
      map.classes[my * map.width + mx] === MAP_CLASS.hair
    )
      onHair++;
  }
  return {
    toneLab: lab(sums[0]!),
    bareToneLab: lab(sums[1]!),
    coverage: hairCells ? Math.round((coverage / hairCells) * 1000) / 1000 : null,
    follicleCount: onHair,
  };
}

function round(lab: Lab): Lab {
  return [Math.round(lab[0] * 100) / 100, Math.round(lab[1] * 100) / 100, Math.round(lab[2] * 100) / 100];
}
