import type { ZonesFile } from '@stipple/core';
import { bodyField, type FieldError } from '../http/app-error.js';

/** The checks the simulation would make, named by field before anything is stored or queued. */
export function checkZonesFit(zones: ZonesFile, photo: { width: number; height: number }): FieldError[] {
  const fields: FieldError[] = [];
  zones.zones.forEach((zone, i) => {
    const points = zone.kind === 'hairline' ? zone.polyline : zone.polygon;
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    if (
      Math.max(...xs) < 0 ||
      Math.max(...ys) < 0 ||
      Math.min(...xs) >= photo.width ||
      Math.min(...ys) >= photo.height
    )
      fields.push(
        bodyField(`zones.zones.${i}.${zone.kind === 'hairline' ? 'polyline' : 'polygon'}`, 'outsidePhoto', {
          width: photo.width,
          height: photo.height,
        }),
      );
  });
  return fields;
}
