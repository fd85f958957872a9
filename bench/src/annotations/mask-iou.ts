// Scoring a head and scalp map against an annotation's classes, pixel by pixel at the photo's size.
import type { ScalpMap } from '@stipple/core';

/** The map's class at every photo pixel (each map pixel covers `factor` × `factor` of them). */
export function classesAtPhotoSize(
  map: Pick<ScalpMap, 'width' | 'height' | 'factor' | 'classes'>,
  width: number,
  height: number,
): Uint8Array {
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const my = Math.min(map.height - 1, Math.floor(y / map.factor));
    for (let x = 0; x < width; x++) {
      const mx = Math.min(map.width - 1, Math.floor(x / map.factor));
      out[y * width + x] = map.classes[my * map.width + mx]!;
    }
  }
  return out;
}

/** Intersection over union of the pixels whose class passes `is`, the ignored pixels left out; NaN when neither has any. */
export function maskIoU(
  predicted: Uint8Array,
  truth: Uint8Array,
  ignore: Uint8Array,
  is: (c: number) => boolean,
): number {
  let inter = 0;
  let union = 0;
  for (let i = 0; i < predicted.length; i++) {
    if (ignore[i]) continue;
    const a = is(predicted[i]!);
    const b = is(truth[i]!);
    if (a && b) inter++;
    if (a || b) union++;
  }
  return union ? inter / union : Number.NaN;
}
