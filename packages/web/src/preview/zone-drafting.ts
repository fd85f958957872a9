import { simplifyPolygon, type Plan } from '@stipple/core';
import {
  inwardPoint,
  zoneValuesFromPlan,
  type DrawableKind,
  type Point,
  type ZoneInput,
} from './zone-editing.js';

/*
 * The zones the editor makes and changes: a new one from the plan's values, one from the
 * analysis's suggestion, a vertex dragged, a hairline turned round.
 */

/** A new zone of a kind, starting from the plan's values for it. */
export function newZone(
  kind: DrawableKind,
  id: string,
  points: Point[],
  plan: Plan | null,
  sessions: number,
): ZoneInput {
  const values = zoneValuesFromPlan(kind, plan, sessions);
  return kind === 'hairline'
    ? {
        id,
        kind: 'hairline',
        polyline: points,
        inward: inwardPoint(points, 'right', 40),
        ...pick(values, ['densityPerCm2', 'dotDiameterMm', 'shade', 'shadePerSession', 'transitionMm']),
      }
    : kind === 'exclude'
      ? { id, kind: 'exclude', polygon: points, featherMm: 1 }
      : kind === 'scar'
        ? {
            id,
            kind: 'scar',
            polygon: points,
            texture: 'flat',
            featherMm: 2,
            ...pick(values, ['densityPerCm2', 'dotDiameterMm', 'shade', 'shadePerSession']),
          }
        : {
            id,
            kind: 'fill',
            polygon: points,
            ...pick(values, ['densityPerCm2', 'dotDiameterMm', 'shade', 'shadePerSession']),
          };
}

/** A scar zone over an analysis suggestion (its outline in preview pixels), with the plan's values. */
export function suggestedScarZone(
  id: string,
  suggestion: { polygon: Point[]; areaCm2: number | null },
  plan: Plan | null,
  sessions: number,
  pxPerMm: number,
): ZoneInput {
  const values = zoneValuesFromPlan('scar', plan, sessions);
  return {
    id,
    kind: 'scar',
    polygon: editableOutline(suggestion.polygon, suggestion.areaCm2, pxPerMm),
    texture: 'flat',
    featherMm: 2,
    ...pick(values, ['densityPerCm2', 'dotDiameterMm', 'shade', 'shadePerSession']),
  };
}

/** The zones with vertex `index` of zone `zoneId` at `p`. */
export function moveVertex(zones: ZoneInput[], zoneId: string, index: number, p: Point): ZoneInput[] {
  return zones.map((z) => {
    if (z.id !== zoneId) return z;
    if (z.kind === 'hairline') {
      const polyline = z.polyline.map((q, i) => (i === index ? p : q));
      return { ...z, polyline };
    }
    return { ...z, polygon: z.polygon.map((q, i) => (i === index ? p : q)) };
  });
}

/** The zones with hairline `id` shading towards its other side. */
export function flipHairline(zones: ZoneInput[], id: string): ZoneInput[] {
  return zones.map((z) => {
    if (z.id !== id || z.kind !== 'hairline') return z;
    const [mx, my] = z.polyline[Math.floor((z.polyline.length - 1) / 2)]!;
    return { ...z, inward: [2 * mx - z.inward[0], 2 * my - z.inward[1]] as Point };
  });
}

/**
 * The analysis traces a suggestion on its 0.3-mm grid, so a strip comes with dozens of notched
 * vertices, each a handle to drag. The zone keeps the outline within a tenth of its size (at most
 * 1 mm, less than the soft edge it is painted with) and a handful of vertices.
 */
function editableOutline(polygon: Point[], areaCm2: number | null, pxPerMm: number): Point[] {
  const sizeMm = Math.sqrt((areaCm2 ?? 0) * 100);
  const toleranceMm = Math.min(1, Math.max(0.2, sizeMm / 10));
  return simplifyPolygon(polygon, toleranceMm * pxPerMm);
}

function pick<T extends object, K extends string>(values: T, keys: K[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys)
    if ((values as Record<string, unknown>)[key] !== undefined)
      out[key] = (values as Record<string, unknown>)[key];
  return out;
}
