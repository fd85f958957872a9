import {
  SCAR_RETENTION,
  SCAR_RETENTION_POOR,
  ZONE_DEFAULTS,
  pxPerMmOf,
  shadesForSessions,
  type Zone,
  type ZonesFile,
} from '../domain/zones.schema.js';
import { boundingBox, polygonArea, type Vec2 } from '../geometry/polygon.js';
import type { DensityField } from '../sampling/sample-impressions.js';
import { decodeScalpMap, type EncodedScalpMap } from '../analysis/scalp-map/scalp-map-output.js';
import { isScalpClass, type ScalpMap } from '../analysis/scalp-map/scalp-map.js';
import { hairlineLayer, polygonLayer, type ZoneLayer } from './zone-layers.js';
import { matchDensity, type FollicleAnalysis as MatchAnalysis } from './scar-match-density.js';
import { treatedRect, upsampleDensity, workGridFor, type WorkGrid } from './work-grid.js';

export type { ZoneLayer } from './zone-layers.js';
export { treatedRect, upsampleDensity, workGridFor, type WorkGrid } from './work-grid.js';

/** What the simulation needs from a photo analysis: follicles, where they were counted, the scalp. */
export interface FollicleAnalysis extends MatchAnalysis {
  /** The head and scalp map: the density field is clipped to the scalp. */
  scalpMap?: EncodedScalpMap;
}

/** A zone with every default filled in, as the renderer uses it. */
export interface ResolvedZone {
  id: string;
  kind: Zone['kind'];
  /** Impressions per cm² where the zone applies fully (0 for exclude). */
  densityPerCm2: number;
  /** Where the density came from, for the summary: the file, a default, or the analysis. */
  densitySource: 'file' | 'default' | 'analysis';
  dotDiameterMm: number;
  /** Shade per session on the numbered scale (lower is darker). */
  shades: number[];
  /** Whether the shade is the zone's own (the plan's or the artist's), matched to the client's stubble, or the default. */
  shadeSource: 'file' | 'stubble' | 'default';
  /** Share of pigment kept (1 outside scars): expected, and at the poor end of the range for the scar's texture. */
  retention: number;
  poorRetention: number;
  texture: keyof typeof SCAR_RETENTION | null;
}

export interface BuiltDensityField {
  field: DensityField;
  zones: ResolvedZone[];
  /** Working grid (about 0.2 mm cells) the zones were composed on: cells per image pixel. */
  scale: number;
  workWidth: number;
  workHeight: number;
  /** Target density per working cell (before upsampling). */
  density: Float32Array;
  /** For each working cell, 1 + the index of the zone that dominates it (0: untreated). */
  zoneIndex: Uint8Array;
  /** The same where that zone applies at least half (its area proper, without the feather). */
  zoneCore: Uint8Array;
  /** Area of each zone where it applies at least half, in cm². */
  areaCm2: number[];
}

export class ZoneError extends Error {
  constructor(
    readonly path: (string | number)[],
    message: string,
    /** For a refusal the apps word themselves: its code and figures. */
    readonly code?: string,
    readonly params?: Record<string, number>,
  ) {
    super(`${path.join('.')}: ${message}`);
    this.name = 'ZoneError';
  }
}

/** Every zone with its defaults filled in (and "match" resolved from the analysis). */
export function resolveZones(
  spec: ZonesFile,
  image: { width: number; height: number },
  analysis?: FollicleAnalysis,
  options: ResolveOptions = {},
): ResolvedZone[] {
  const pxPerMm = pxPerMmOf(spec.calibration);
  return spec.zones.map((zone, i) =>
    withShade(resolveZone(zone, i, spec, image, pxPerMm, analysis), zone, spec, options),
  );
}

export interface ResolveOptions {
  /** The shade matched to the client's stubble (client-hair.ts): zones without a shade of their own start there. */
  stubbleShade?: number | null;
}

/** Shades and the poor-end retention, which the zone's own values or the client's stubble decide. */
function withShade(
  resolved: ResolvedZone,
  zone: Zone,
  spec: ZonesFile,
  options: ResolveOptions,
): ResolvedZone {
  if (zone.kind === 'exclude') return resolved;
  const own = zone.shadePerSession !== undefined || zone.shade !== undefined;
  const stubble = options.stubbleShade ?? null;
  const shadeSource: ResolvedZone['shadeSource'] = own ? 'file' : stubble !== null ? 'stubble' : 'default';
  const target = zone.shade ?? (shadeSource === 'stubble' ? stubble! : ZONE_DEFAULTS.shade);
  const texture = resolved.texture ?? 'flat';
  return {
    ...resolved,
    shades: zone.shadePerSession ?? shadesForSessions(target, spec.sessions),
    shadeSource,
    poorRetention:
      zone.kind === 'scar'
        ? (resolved.retention * SCAR_RETENTION_POOR[texture]) / SCAR_RETENTION[texture]
        : 1,
  };
}

/**
 * One zone's weight (0-1) on the working grid, within its bounding box plus the feather. It
 * depends only on the zone's shape and edges, its place in the list and the seed, so a live
 * preview can keep it while other zones change.
 */
export function zoneLayer(spec: ZonesFile, index: number, grid: WorkGrid): ZoneLayer {
  const zone = spec.zones[index]!;
  const feather = zone.featherMm ?? ZONE_DEFAULTS.featherMm;
  return zone.kind === 'hairline'
    ? hairlineLayer(zone, spec.seed, index, grid, ZONE_DEFAULTS)
    : polygonLayer(zone.polygon, zone.kind === 'fill' ? 'centred' : 'outward', grid, feather);
}

/** The zones composed on the working grid: density per cell and which zone dominates each cell. */
export interface ComposedZones {
  density: Float32Array;
  zoneIndex: Uint8Array;
  zoneCore: Uint8Array;
  areaCm2: number[];
}

/**
 * Fill and hairline zones add density (the larger wins where they overlap, except that a hairline
 * replaces a fill where it claims the skin: in front of its line and through its transition); a
 * scar replaces what lies under it with its own density; an exclusion removes everything. `into`
 * reuses buffers of the grid's size (they are overwritten, only `within` when given).
 */
export function composeZoneLayers(
  spec: ZonesFile,
  zones: readonly ResolvedZone[],
  layers: readonly ZoneLayer[],
  grid: WorkGrid,
  into?: { density: Float32Array; strength: Float32Array; zoneIndex: Uint8Array; zoneCore: Uint8Array },
  within?: { x0: number; y0: number; x1: number; y1: number },
): ComposedZones {
  const { ww, wh, scale, cellsPerMm } = grid;
  const n = ww * wh;
  const density = into?.density ?? new Float32Array(n);
  const strength = into?.strength ?? new Float32Array(n); // how strongly the labelled zone applies
  const zoneIndex = into?.zoneIndex ?? new Uint8Array(n);
  const zoneCore = into?.zoneCore ?? new Uint8Array(n);
  // Only the cells `within` (a live preview's edit) are composed again; `into` holds the rest.
  const rx0 = Math.max(0, within?.x0 ?? 0);
  const ry0 = Math.max(0, within?.y0 ?? 0);
  const rx1 = Math.min(ww, within?.x1 ?? ww);
  const ry1 = Math.min(wh, within?.y1 ?? wh);
  if (into)
    for (let y = ry0; y < ry1; y++) {
      density.fill(0, y * ww + rx0, y * ww + rx1);
      strength.fill(0, y * ww + rx0, y * ww + rx1);
      zoneIndex.fill(0, y * ww + rx0, y * ww + rx1);
      zoneCore.fill(0, y * ww + rx0, y * ww + rx1);
    }

  // Fill and hairline first, then scars over them, then exclusions over everything.
  const order = [...spec.zones.keys()].sort((a, b) => rank(spec.zones[a]!.kind) - rank(spec.zones[b]!.kind));
  for (const i of order) {
    const kind = spec.zones[i]!.kind;
    const target = zones[i]!.densityPerCm2;
    const label = i + 1;
    const layer = layers[i]!;
    const { weight, claim } = layer;
    const lw = layer.x1 - layer.x0;
    const x0 = Math.max(layer.x0, rx0);
    const x1 = Math.min(layer.x1, rx1);
    if (x1 <= x0) continue;
    // One loop per kind, so that the hot loop has no branch on the kind.
    for (let y = Math.max(layer.y0, ry0); y < Math.min(layer.y1, ry1); y++) {
      let k = (y - layer.y0) * lw + (x0 - layer.x0);
      let c = y * ww + x0;
      if (kind === 'exclude') {
        for (let x = x0; x < x1; x++, k++, c++) {
          const w = weight[k]!;
          if (w <= 0) continue;
          density[c] = density[c]! * (1 - w);
          if (w >= 0.5) zoneIndex[c] = 0;
        }
      } else if (kind === 'scar') {
        for (let x = x0; x < x1; x++, k++, c++) {
          const w = weight[k]!;
          if (w <= 0) continue;
          density[c] = density[c]! * (1 - w) + target * w;
          if (w >= 0.5 || w > strength[c]!) {
            zoneIndex[c] = label;
            strength[c] = w;
          }
        }
      } else if (claim) {
        // A hairline: where it claims the skin, its own profile replaces what a fill put there.
        for (let x = x0; x < x1; x++, k++, c++) {
          const w = weight[k]!;
          const cl = claim[k]!;
          if (w <= 0 && cl <= 0) continue;
          const d = target * w;
          const under = density[c]! * (1 - cl);
          density[c] = d > under ? d : under;
          if (cl >= 0.5 || w > strength[c]!) {
            zoneIndex[c] = label;
            strength[c] = w;
          }
        }
      } else {
        for (let x = x0; x < x1; x++, k++, c++) {
          const w = weight[k]!;
          if (w <= 0) continue;
          const d = target * w;
          if (d > density[c]!) density[c] = d;
          if (w > strength[c]!) {
            zoneIndex[c] = label;
            strength[c] = w;
          }
        }
      }
    }
  }

  for (let y = ry0; y < ry1; y++)
    for (let c = y * ww + rx0; c < y * ww + rx1; c++)
      if (zoneIndex[c]! > 0 && strength[c]! >= 0.5) zoneCore[c] = zoneIndex[c]!;
  const areaCells = new Float64Array(zones.length);
  for (let c = 0; c < n; c++) {
    const z = zoneCore[c]!;
    if (z > 0 && z <= zones.length) areaCells[z - 1] = areaCells[z - 1]! + 1;
  }
  const cellAreaCm2 = 1 / (cellsPerMm * cellsPerMm * 100);

  // An exclusion never labels cells; its area is that of its polygon.
  spec.zones.forEach((zone, i) => {
    if (zone.kind === 'exclude') areaCells[i] = polygonArea(zone.polygon) * scale * scale;
  });
  return { density, zoneIndex, zoneCore, areaCm2: Array.from(areaCells, (v) => v * cellAreaCm2) };
}

/**
 * Turns the zones drawn on a photo into a target density per pixel (impressions per cm²).
 * Fill and hairline zones add density (the larger wins where they overlap); a scar replaces what
 * lies under it with its own density; an exclusion removes everything. Every edge is feathered
 * over `featherMm`: fill edges are centred on the line, scar and exclusion edges fall off outside
 * their polygon so that the scar itself is fully treated and an excluded mole fully spared.
 */
export function buildDensityField(
  spec: ZonesFile,
  image: { width: number; height: number },
  analysis?: FollicleAnalysis,
  options: ResolveOptions = {},
): BuiltDensityField {
  const grid = workGridFor(spec, image);
  const zones = resolveZones(spec, image, analysis, options);
  const layers = spec.zones.map((_, i) => zoneLayer(spec, i, grid));
  const composed = composeZoneLayers(spec, zones, layers, grid);
  const perCm2 = new Float32Array(image.width * image.height);
  // Beyond the zones the field stays 0: only their bounding box is upsampled.
  upsampleDensity(composed.density, grid, perCm2, treatedRect(composed.density, grid));
  if (analysis?.scalpMap) clipToScalp(perCm2, image, decodeScalpMap(analysis.scalpMap));
  return {
    field: { width: image.width, height: image.height, pxPerMm: grid.pxPerMm, perCm2 },
    zones,
    scale: grid.scale,
    workWidth: grid.ww,
    workHeight: grid.wh,
    density: composed.density,
    zoneIndex: composed.zoneIndex,
    zoneCore: composed.zoneCore,
    areaCm2: composed.areaCm2,
  };
}

/** No impression off the scalp (face, ears, background): the map the analysis worked inside. */
function clipToScalp(perCm2: Float32Array, image: { width: number; height: number }, map: ScalpMap): void {
  for (let y = 0; y < image.height; y++) {
    const my = Math.min(map.height - 1, Math.floor(y / map.factor));
    for (let x = 0; x < image.width; x++) {
      const mx = Math.min(map.width - 1, Math.floor(x / map.factor));
      if (!isScalpClass(map.classes[my * map.width + mx]!)) perCm2[y * image.width + x] = 0;
    }
  }
}

const rank = (kind: Zone['kind']) => ({ fill: 0, hairline: 1, scar: 2, exclude: 3 })[kind];

function resolveZone(
  zone: Zone,
  index: number,
  spec: ZonesFile,
  image: { width: number; height: number },
  pxPerMm: number,
  analysis: FollicleAnalysis | undefined,
): ResolvedZone {
  const points: readonly Vec2[] = zone.kind === 'hairline' ? zone.polyline : zone.polygon;
  const box = boundingBox(points);
  if (box.x1 < 0 || box.y1 < 0 || box.x0 >= image.width || box.y0 >= image.height) {
    throw new ZoneError(
      ['zones', index, zone.kind === 'hairline' ? 'polyline' : 'polygon'],
      `lies outside the photo (${image.width}×${image.height} px)`,
      'zone-outside',
      { width: image.width, height: image.height },
    );
  }
  if (zone.kind === 'exclude') {
    return {
      id: zone.id,
      kind: zone.kind,
      densityPerCm2: 0,
      densitySource: 'file',
      dotDiameterMm: 0,
      shades: [],
      shadeSource: 'default',
      retention: 1,
      poorRetention: 1,
      texture: null,
    };
  }
  let densityPerCm2: number;
  let densitySource: ResolvedZone['densitySource'] = 'file';
  if (zone.densityPerCm2 === 'match' && zone.kind === 'scar') {
    const match = matchDensity(zone.polygon, pxPerMm, analysis, zone.featherMm ?? ZONE_DEFAULTS.featherMm);
    if (!match.ok)
      throw new ZoneError(['zones', index, 'densityPerCm2'], match.reason, match.code, match.params);
    densityPerCm2 = match.perCm2;
    densitySource = 'analysis';
  } else if (zone.densityPerCm2 === undefined || zone.densityPerCm2 === 'match') {
    densityPerCm2 = ZONE_DEFAULTS.densityPerCm2;
    densitySource = 'default';
  } else densityPerCm2 = zone.densityPerCm2;
  const texture: ResolvedZone['texture'] = zone.kind === 'scar' ? (zone.texture ?? 'flat') : null;
  return {
    id: zone.id,
    kind: zone.kind,
    densityPerCm2,
    densitySource,
    dotDiameterMm: zone.dotDiameterMm ?? ZONE_DEFAULTS.dotDiameterMm[zone.kind],
    shades: zone.shadePerSession ?? shadesForSessions(zone.shade ?? ZONE_DEFAULTS.shade, spec.sessions),
    shadeSource: 'file',
    retention: zone.kind === 'scar' ? (zone.retention ?? SCAR_RETENTION[texture ?? 'flat']) : 1,
    poorRetention: 1,
    texture,
  };
}
