/**
 * What each zone came to once composed and sampled, and what an artist must be told: a zone that
 * others covered almost entirely (its effective area collapsed), a density the pattern cannot
 * reach there, hair already denser than the target. The CLI prints it, `summary.json` carries
 * it, and the zone editor shows it while drawing (with the codes translated).
 */
import { ZONE_DEFAULTS, type ZonesFile } from '../domain/zones.schema.js';
import { pointInPolygon, polygonArea } from '../geometry/polygon.js';
import type { ResolvedZone } from './density-field.js';
import type { ImpressionSet } from './impression-set.js';
import type { StubbleShade } from './client-hair.js';

export type ZoneWarning =
  | {
      code: 'collapsed';
      /** Area where the zone applies at least half, against the area drawn, cm². */
      areaCm2: number;
      drawnCm2: number;
      /** The zone that covers most of it, when one does. */
      coveredBy: string | null;
      message: string;
    }
  | { code: 'density-short'; achievedPerCm2: number; targetPerCm2: number; message: string }
  | { code: 'hair-already-dense'; existingPerCm2: number; targetPerCm2: number; message: string };

export interface ZoneSummary {
  id: string;
  kind: string;
  /** Where the zone applies at least half, cm²; and the area drawn (a hairline: its length × transition). */
  areaCm2: number;
  drawnAreaCm2: number;
  targetDensityPerCm2: number;
  densitySource: 'file' | 'default' | 'analysis';
  /** Impressions plus the client's own follicles per cm² inside the zone proper, after the last session. */
  achievedDensityPerCm2: number;
  /**
   * The client's own follicles per cm² there that count towards the target (follicleCounted: none
   * where a scar governs, so always 0 for a scar).
   */
  existingDensityPerCm2: number;
  /** Impressions placed in each session (in the zone and its feather). */
  impressionsPerSession: number[];
  dotDiameterMm: number;
  shadePerSession: number[];
  /** Where the shade came from, and the shade matched to the client's stubble (null: none). */
  shadeSource: ResolvedZone['shadeSource'];
  stubbleShade: number | null;
  /** The zone's healed shade minus the stubble's: positive is lighter than the stubble. */
  shadeDifference: number | null;
  retention: number;
  poorRetention: number;
  texture: string | null;
  warnings: ZoneWarning[];
}

/** What the composition of the zones left on the working grid. */
export interface ComposedForSummary {
  zones: readonly ResolvedZone[];
  /** Target density per working cell, and which zone each cell belongs to where it applies at least half. */
  density: Float32Array;
  zoneCore: Uint8Array;
  areaCm2: readonly number[];
  workWidth: number;
  workHeight: number;
  scale: number;
  pxPerMm: number;
}

/** A zone keeping less than this share of what was drawn has collapsed. */
const COLLAPSED_SHARE = 0.3;
/**
 * Achieved below this share of the target (over enough skin to count) cannot reach its density,
 * when the shortfall is also more than chance gives a zone of that many dots: three standard
 * deviations of a Poisson count. A small zone's count varies by more than 15 % from seed to seed
 * (a 14 × 3.3 mm strip scar on bare skin fell below 85 % for 3 seeds of 12, with its dots inside
 * the polygon at 96 % of the target on average), while a zone under the sampler's floor gets none.
 */
const SHORT_SHARE = 0.85;
const shortOf = (expected: number) => Math.min(SHORT_SHARE * expected, expected - 3 * Math.sqrt(expected));

export function summariseZones(
  spec: ZonesFile,
  composed: ComposedForSummary,
  set: ImpressionSet,
  existing: Float32Array | undefined,
  stubble: StubbleShade | null,
): ZoneSummary[] {
  const { zones, zoneCore, density, workWidth: ww, workHeight: wh, scale, pxPerMm } = composed;
  const cellOf = (x: number, y: number) =>
    Math.min(wh - 1, Math.max(0, Math.floor(y * scale))) * ww +
    Math.min(ww - 1, Math.max(0, Math.floor(x * scale)));
  const sessions = spec.sessions;
  const inCore = new Float64Array(zones.length);
  const hairInCore = new Float64Array(zones.length);
  const perSession = zones.map(() => new Array<number>(sessions).fill(0));
  for (let i = 0; i < set.count; i++) {
    if (!set.primary[i]) continue;
    const zone = set.zone[i]!;
    const counts = perSession[zone]!;
    counts[set.session[i]! - 1] = counts[set.session[i]! - 1]! + 1;
    if (zoneCore[cellOf(set.x[i]!, set.y[i]!)] === zone + 1) inCore[zone] = inCore[zone]! + 1;
  }
  // What the field asks for in each zone's core (its feather inside the core asks for less).
  const expected = new Float64Array(zones.length);
  const cellCm2 = 1 / ((scale * pxPerMm) ** 2 * 100);
  for (let c = 0; c < zoneCore.length; c++) {
    const z = zoneCore[c]!;
    if (z > 0) expected[z - 1] = expected[z - 1]! + density[c]! * cellCm2;
  }
  for (let k = 0; existing && k + 1 < existing.length; k += 2) {
    const z = zoneCore[cellOf(existing[k]!, existing[k + 1]!)]!;
    if (z > 0) hairInCore[z - 1] = hairInCore[z - 1]! + 1;
  }
  const cm2 = (px2: number) => px2 / (pxPerMm * pxPerMm * 100);
  return zones.map((z, i) => {
    const zone = spec.zones[i]!;
    const area = composed.areaCm2[i]!;
    const drawn =
      zone.kind === 'hairline'
        ? cm2(polylineLength(zone.polyline) * (zone.transitionMm ?? ZONE_DEFAULTS.transitionMm) * pxPerMm)
        : cm2(polygonArea(zone.polygon));
    const achieved = area > 0 ? (inCore[i]! + hairInCore[i]!) / area : 0;
    const existingDensity = area > 0 ? hairInCore[i]! / area : 0;
    const warnings: ZoneWarning[] = [];
    if (zone.kind !== 'exclude') {
      if (drawn > 0.02 && area < COLLAPSED_SHARE * drawn) {
        const by = coveringZone(spec, composed, i);
        warnings.push({
          code: 'collapsed',
          areaCm2: round(area, 2),
          drawnCm2: round(drawn, 2),
          coveredBy: by,
          message:
            `${z.id} keeps ${round(area, 2)} of the ${round(drawn, 2)} cm² drawn` +
            (by ? `: ${by} covers the rest` : '') +
            '; redraw it, or move the zone over it',
        });
      } else if (existingDensity >= z.densityPerCm2 && area > 0.05) {
        warnings.push({
          code: 'hair-already-dense',
          existingPerCm2: round(existingDensity, 1),
          targetPerCm2: round(z.densityPerCm2, 1),
          message: `the client's own hair in ${z.id} is already at ${round(existingDensity, 0)}/cm², above the target of ${round(z.densityPerCm2, 0)}/cm²: no dots are needed there`,
        });
      } else if (expected[i]! >= 10 && inCore[i]! + hairInCore[i]! < shortOf(expected[i]!)) {
        const asked = expected[i]! / area;
        warnings.push({
          code: 'density-short',
          achievedPerCm2: round(achieved, 1),
          targetPerCm2: round(asked, 1),
          message: `${z.id} reaches ${round(achieved, 1)} of the ${round(asked, 1)}/cm² asked: a zone under 1/64 of the densest zone's density is not sampled; raise it or draw it on a photo of its own`,
        });
      }
    }
    const own = z.shades.at(-1) ?? null;
    const stubbleShade = z.kind === 'exclude' ? null : (stubble?.shade ?? null);
    return {
      id: z.id,
      kind: z.kind,
      areaCm2: round(area, 3),
      drawnAreaCm2: round(drawn, 3),
      targetDensityPerCm2: round(z.densityPerCm2, 1),
      densitySource: z.densitySource,
      achievedDensityPerCm2: round(achieved, 1),
      existingDensityPerCm2: round(existingDensity, 1),
      impressionsPerSession: perSession[i]!,
      dotDiameterMm: z.dotDiameterMm,
      shadePerSession: z.shades,
      shadeSource: z.shadeSource,
      stubbleShade,
      shadeDifference: own !== null && stubbleShade !== null ? own - stubbleShade : null,
      retention: z.retention,
      poorRetention: round(z.poorRetention, 3),
      texture: z.texture,
      warnings,
    };
  });
}

/** The zone whose core covers most of zone `index`'s polygon (sampled), or null. */
function coveringZone(spec: ZonesFile, composed: ComposedForSummary, index: number): string | null {
  const zone = spec.zones[index]!;
  const { zoneCore, workWidth: ww, workHeight: wh, scale } = composed;
  const counts = new Map<number, number>();
  const visit = (x: number, y: number) => {
    const c =
      Math.min(wh - 1, Math.max(0, Math.floor(y * scale))) * ww +
      Math.min(ww - 1, Math.max(0, Math.floor(x * scale)));
    const z = zoneCore[c]!;
    if (z > 0 && z !== index + 1) counts.set(z, (counts.get(z) ?? 0) + 1);
  };
  if (zone.kind === 'hairline') {
    for (let k = 0; k + 1 < zone.polyline.length; k++) {
      const [ax, ay] = zone.polyline[k]!;
      const [bx, by] = zone.polyline[k + 1]!;
      for (let t = 0; t <= 1; t += 0.05) visit(ax + (bx - ax) * t, ay + (by - ay) * t);
    }
  } else {
    const xs = zone.polygon.map((p) => p[0]);
    const ys = zone.polygon.map((p) => p[1]);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    for (let y = y0; y <= y1; y += Math.max(1, (y1 - y0) / 40))
      for (let x = x0; x <= x1; x += Math.max(1, (x1 - x0) / 40))
        if (pointInPolygon(zone.polygon, x, y)) visit(x, y);
  }
  let best: number | null = null;
  let most = 0;
  for (const [z, n] of counts)
    if (n > most) {
      most = n;
      best = z;
    }
  return best === null ? null : spec.zones[best - 1]!.id;
}

function polylineLength(line: readonly (readonly [number, number])[]): number {
  let length = 0;
  for (let k = 1; k < line.length; k++)
    length += Math.hypot(line[k]![0] - line[k - 1]![0], line[k]![1] - line[k - 1]![1]);
  return length;
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
