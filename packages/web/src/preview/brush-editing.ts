import { boundingBox, brushOutline, type BrushStroke } from '@stipple/core';
import { newZoneId, type Point, type ZoneInput } from './zone-editing.js';

type AreaZone = Exclude<ZoneInput, { kind: 'hairline' }>;
const isArea = (z: ZoneInput): z is AreaZone => z.kind !== 'hairline';

/** A drawn polyline crosses a zone when one of its points, or the brush round it, reaches the zone. */
function touches(zone: AreaZone, stroke: BrushStroke): boolean {
  const { x0, x1, y0, y1 } = boundingBox(zone.polygon);
  const r = stroke.radius;
  return stroke.points.some(([x, y]) => x >= x0 - r && x <= x1 + r && y >= y0 - r && y <= y1 + r);
}

/**
 * One paint or erase stroke of the brush. Painting grows the selected area zone, or, with none
 * selected (or a hairline), makes a new zone from the stroke with `makeZone`. Erasing cuts the
 * stroke out of the selected area zone, or out of every area zone it reaches when none is
 * selected. A zone the eraser cuts in two goes on as several zones with the same values; one it
 * wipes out is removed. The pieces a zone is cut into go at the end of the list, so that every
 * other zone keeps its place: the live preview keeps what it computed for them (a hairline's
 * irregular line follows its place in the list).
 */
export function applyBrushStroke(
  zones: readonly ZoneInput[],
  selectedId: string | null,
  stroke: BrushStroke,
  makeZone: (id: string, polygon: Point[]) => AreaZone,
  newKind: AreaZone['kind'],
): { zones: ZoneInput[]; selectedId: string | null } {
  const selected = zones.find((z) => z.id === selectedId);
  const target = selected && isArea(selected) ? selected : null;

  if (stroke.mode === 'paint' && !target) {
    const [polygon] = brushOutline(null, stroke);
    if (!polygon) return { zones: [...zones], selectedId };
    const id = newZoneId(newKind, zones);
    return { zones: [...zones, makeZone(id, polygon)], selectedId: id };
  }

  const out: ZoneInput[] = [];
  const split: ZoneInput[] = [];
  let nextSelected = selectedId;
  for (const zone of zones) {
    const affected = isArea(zone) && (target ? zone.id === target.id : touches(zone, stroke));
    if (!affected) {
      out.push(zone);
      continue;
    }
    const pieces = brushOutline(zone.polygon, stroke);
    if (pieces.length === 0) {
      if (zone.id === nextSelected) nextSelected = null;
      continue;
    }
    out.push({ ...zone, polygon: pieces[0]! });
    for (const polygon of pieces.slice(1))
      split.push({ ...zone, id: newZoneId(zone.kind, [...zones, ...out, ...split]), polygon });
  }
  return { zones: [...out, ...split], selectedId: nextSelected };
}
