import { boundingBox, pointInPolygon } from '@stipple/core';
import type { Plan, PlanZone, ZonesFileInput } from '@stipple/core';

/*
 * Pure helpers of the zone editor. Zones are stored in the photo's own pixels; the editor draws
 * on the screen-sized preview (≤ 1600 px), so everything is scaled on the way in and out.
 */

export type ZoneInput = ZonesFileInput['zones'][number];
export type Point = [number, number];
export type DrawableKind = ZoneInput['kind'];

const scalePoint = ([x, y]: readonly [number, number], k: number): Point => [x * k, y * k];

/** The same zones with every coordinate and the calibration scaled by `k`. */
export function scaleZones(file: ZonesFileInput, k: number): ZonesFileInput {
  const calibration =
    'pxPerMm' in file.calibration
      ? { pxPerMm: file.calibration.pxPerMm * k }
      : {
          ruler: {
            a: scalePoint(file.calibration.ruler.a, k),
            b: scalePoint(file.calibration.ruler.b, k),
            mm: file.calibration.ruler.mm,
          },
        };
  return {
    ...file,
    calibration,
    zones: file.zones.map((z) =>
      z.kind === 'hairline'
        ? { ...z, polyline: z.polyline.map((p) => scalePoint(p, k)), inward: scalePoint(z.inward, k) }
        : { ...z, polygon: z.polygon.map((p) => scalePoint(p, k)) },
    ),
  };
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/** Sessions and their cumulative shares from the plan, in the form a zones file takes. */
export function sessionsFromPlan(plan: Plan | null | undefined): {
  sessions: number;
  sessionShares?: number[];
} {
  if (!plan) return { sessions: 3 };
  const sessions = clamp(plan.sessions.count, 1, 8);
  const first = plan.zones[0];
  const shares = first?.sessions.map((s) => round(s.densityPercent / 100, 4));
  const valid =
    shares &&
    shares.length === sessions &&
    shares.every((v, i) => v > 0 && v <= 1 && (i === 0 || v > shares[i - 1]!)) &&
    shares.at(-1) === 1;
  return valid ? { sessions, sessionShares: shares } : { sessions };
}

/**
 * The plan gives the dot as it looks once healed; a zone gives it right after the session, which
 * the renderer then heals. Needle holes shrink by about half on healing (the planner's source for
 * its healed sizes, domain.md §1.1), so a healed 0.1 mm dot was a 0.2 mm one: the 1RL needle.
 */
const HEALED_TO_FRESH_DOT = 0.5;

/** The values a new zone of this kind starts from: the plan's zone of the same kind, if any. */
export function zoneValuesFromPlan(
  kind: DrawableKind,
  plan: Plan | null | undefined,
  sessions: number,
): Partial<Extract<ZoneInput, { kind: 'fill' }>> & {
  transitionMm?: number;
  texture?: 'flat' | 'raised' | 'atrophic';
} {
  if (kind === 'exclude' || !plan) return {};
  const zone: PlanZone | undefined = plan.zones.find((z) => z.kind === kind);
  if (!zone) return {};
  const shades = zone.sessions.map((s) => clamp(s.shadeNumber, 10, 60));
  const out: ReturnType<typeof zoneValuesFromPlan> = {
    densityPerCm2: round(clamp(zone.targetDensityPerCm2, 1, 200), 1),
    dotDiameterMm: round(clamp(zone.dotSizeMm / HEALED_TO_FRESH_DOT, 0.05, 1), 3),
    shade: shades.at(-1) ?? 30,
  };
  if (shades.length === sessions) out.shadePerSession = shades;
  if (kind === 'hairline' && zone.transitionWidthMm) out.transitionMm = clamp(zone.transitionWidthMm, 5, 10);
  return out;
}

/**
 * `fill-1`, `scar-2`, … the first free id of a kind (or of another prefix: a zone taken from the
 * photo analysis is `photo-scar-1`, never `scar-1`, which reads as the assessment's first scar).
 */
export function newZoneId(kind: DrawableKind | 'photo-scar', zones: readonly { id: string }[]): string {
  const taken = new Set(zones.map((z) => z.id));
  for (let n = 1; ; n++) if (!taken.has(`${kind}-${n}`)) return `${kind}-${n}`;
}

/** A point on the side of a polyline the hair is on: offset from its middle, towards `towards`. */
export function inwardPoint(line: readonly Point[], towards: 'left' | 'right', distance: number): Point {
  const mid = Math.floor((line.length - 1) / 2);
  const a = line[mid]!;
  const b = line[Math.min(line.length - 1, mid + 1)]!;
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = Math.hypot(dx, dy) || 1;
  const sign = towards === 'left' ? 1 : -1;
  const cx = (a[0] + b[0]) / 2;
  const cy = (a[1] + b[1]) / 2;
  return [cx + (sign * dy * distance) / len, cy - (sign * dx * distance) / len];
}

/** Pixels per millimetre from two ruler points and the millimetres between them. */
export function rulerPxPerMm(a: Point, b: Point, mm: number): number {
  return Math.hypot(b[0] - a[0], b[1] - a[1]) / mm;
}

/**
 * The share of a polygon's area (sampled on a grid of about 400 points) that lies inside any of
 * `zones`' polygons: a suggestion of the analysis that an existing zone already covers is not
 * offered again when the editor reopens.
 */
export function coveredShare(polygon: readonly Point[], zones: readonly ZoneInput[]): number {
  const areas = zones.flatMap((z) => (z.kind === 'hairline' ? [] : [z.polygon]));
  if (polygon.length < 3 || areas.length === 0) return 0;
  const { x0, x1, y0, y1 } = boundingBox(polygon);
  const step = Math.max((x1 - x0) / 20, (y1 - y0) / 20, 1e-6);
  let inside = 0;
  let covered = 0;
  for (let y = y0 + step / 2; y < y1; y += step)
    for (let x = x0 + step / 2; x < x1; x += step) {
      if (!pointInPolygon(polygon, x, y)) continue;
      inside++;
      if (areas.some((a) => pointInPolygon(a, x, y))) covered++;
    }
  return inside ? covered / inside : 0;
}
