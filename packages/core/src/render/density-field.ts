import {
  SCAR_RETENTION,
  ZONE_DEFAULTS,
  pxPerMmOf,
  shadesForSessions,
  type HairlineZone,
  type Zone,
  type ZonesFile,
} from '../domain/zones.schema.js';
import {
  boundingBox,
  distanceToSegment,
  polygonArea,
  rasterizePolygon,
  type Vec2,
} from '../geometry/polygon.js';
import { signedDistance } from '../geometry/distance-transform.js';
import { fractalNoise1, fractalNoise2 } from '../geometry/value-noise.js';
import { hashSeed } from '../sampling/rng.js';
import type { DensityField } from '../sampling/sample-impressions.js';
import { decodeScalpMap, type EncodedScalpMap } from '../analysis/scalp-map/scalp-map-output.js';
import { isScalpClass, MAP_CLASS, type ScalpMap } from '../analysis/scalp-map/scalp-map.js';
import { describeStatus, type RegionStatus } from '../analysis/resolvability.js';

/** What the simulation needs from a photo analysis: follicles, where they were counted, the scalp. */
export interface FollicleAnalysis {
  follicles?: readonly { x: number; y: number }[];
  density?: { perCm2Median?: number | null };
  /** The analysis' regions: "match" counts only in resolved ones. */
  resolvability?: { regions: readonly RegionArea[] };
  /** The head and scalp map: the density field is clipped to the scalp, "match" reads hair-bearing scalp. */
  scalpMap?: EncodedScalpMap;
}

interface RegionArea {
  x: number;
  y: number;
  w: number;
  h: number;
  status: string;
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
  /** Share of pigment kept (1 outside scars). */
  retention: number;
  texture: keyof typeof SCAR_RETENTION | null;
}

export interface BuiltDensityField {
  field: DensityField;
  zones: ResolvedZone[];
  /** Working grid (about 0.2 mm cells) the zones were composed on: cells per image pixel. */
  scale: number;
  workWidth: number;
  workHeight: number;
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
  ) {
    super(`${path.join('.')}: ${message}`);
    this.name = 'ZoneError';
  }
}

/** Working-grid resolution: 5 cells per mm (0.2 mm), far finer than any spacing (≥ 0.7 mm). */
const CELLS_PER_MM = 5;
/** Ring round a scar where "match" counts follicles, outside its feather (mm). */
const MATCH_RING_MM = 5;

const smoothstep = (e0: number, e1: number, x: number) => {
  const t = Math.min(1, Math.max(0, (x - e0) / (e1 - e0)));
  return t * t * (3 - 2 * t);
};

/** The working grid (about 0.2 mm cells) zones are composed on, for a photo of a given size. */
export interface WorkGrid {
  width: number;
  height: number;
  pxPerMm: number;
  /** Cells per image pixel (at most 1). */
  scale: number;
  ww: number;
  wh: number;
  cellsPerMm: number;
}

export function workGridFor(spec: ZonesFile, image: { width: number; height: number }): WorkGrid {
  const pxPerMm = pxPerMmOf(spec.calibration);
  const scale = Math.min(1, CELLS_PER_MM / pxPerMm);
  return {
    width: image.width,
    height: image.height,
    pxPerMm,
    scale,
    ww: Math.max(1, Math.ceil(image.width * scale)),
    wh: Math.max(1, Math.ceil(image.height * scale)),
    cellsPerMm: scale * pxPerMm,
  };
}

/** Every zone with its defaults filled in (and "match" resolved from the analysis). */
export function resolveZones(
  spec: ZonesFile,
  image: { width: number; height: number },
  analysis?: FollicleAnalysis,
): ResolvedZone[] {
  const pxPerMm = pxPerMmOf(spec.calibration);
  return spec.zones.map((zone, i) => resolveZone(zone, i, spec, image, pxPerMm, analysis));
}

/**
 * One zone's weight (0-1) on the working grid, within its bounding box plus the feather. It
 * depends only on the zone's shape and edges, its place in the list and the seed, so a live
 * preview can keep it while other zones change.
 */
export function zoneLayer(spec: ZonesFile, index: number, grid: WorkGrid): ZoneLayer {
  const zone = spec.zones[index]!;
  const feather = zone.featherMm ?? ZONE_DEFAULTS.featherMm;
  const { ww, wh, scale, cellsPerMm } = grid;
  return zone.kind === 'hairline'
    ? hairlineWeight(zone, spec.seed, index, ww, wh, scale, cellsPerMm, feather)
    : polygonWeight(
        zone.polygon,
        zone.kind === 'fill' ? 'centred' : 'outward',
        ww,
        wh,
        scale,
        cellsPerMm,
        feather,
      );
}

/** The zones composed on the working grid: density per cell and which zone dominates each cell. */
export interface ComposedZones {
  density: Float32Array;
  zoneIndex: Uint8Array;
  zoneCore: Uint8Array;
  areaCm2: number[];
}

/**
 * Fill and hairline zones add density (the larger wins where they overlap); a scar replaces what
 * lies under it with its own density; an exclusion removes everything. `into` reuses buffers of
 * the grid's size (they are overwritten).
 */
export function composeZoneLayers(
  spec: ZonesFile,
  zones: readonly ResolvedZone[],
  layers: readonly ZoneLayer[],
  grid: WorkGrid,
  into?: { density: Float32Array; strength: Float32Array; zoneIndex: Uint8Array; zoneCore: Uint8Array },
): ComposedZones {
  const { ww, wh, scale, cellsPerMm } = grid;
  const n = ww * wh;
  const density = into?.density ?? new Float32Array(n);
  const strength = into?.strength ?? new Float32Array(n); // how strongly the labelled zone applies
  const zoneIndex = into?.zoneIndex ?? new Uint8Array(n);
  const zoneCore = into?.zoneCore ?? new Uint8Array(n);
  if (into) {
    density.fill(0);
    strength.fill(0);
    zoneIndex.fill(0);
    zoneCore.fill(0);
  }

  // Fill and hairline first, then scars over them, then exclusions over everything.
  const order = [...spec.zones.keys()].sort((a, b) => rank(spec.zones[a]!.kind) - rank(spec.zones[b]!.kind));
  for (const i of order) {
    const kind = spec.zones[i]!.kind;
    const target = zones[i]!.densityPerCm2;
    const label = i + 1;
    const { x0, y0, x1, y1, weight } = layers[i]!;
    const lw = x1 - x0;
    // One loop per kind, so that the hot loop has no branch on the kind.
    for (let y = y0; y < y1; y++) {
      let k = (y - y0) * lw;
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

  const areaCells = new Float64Array(zones.length);
  for (let c = 0; c < n; c++) {
    if (zoneIndex[c]! > 0 && strength[c]! >= 0.5) {
      zoneCore[c] = zoneIndex[c]!;
      areaCells[zoneIndex[c]! - 1] = areaCells[zoneIndex[c]! - 1]! + 1;
    }
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
): BuiltDensityField {
  const grid = workGridFor(spec, image);
  const zones = resolveZones(spec, image, analysis);
  const layers = spec.zones.map((_, i) => zoneLayer(spec, i, grid));
  const composed = composeZoneLayers(spec, zones, layers, grid);
  const perCm2 = new Float32Array(image.width * image.height);
  upsampleDensity(composed.density, grid, perCm2);
  if (analysis?.scalpMap) clipToScalp(perCm2, image, decodeScalpMap(analysis.scalpMap));
  return {
    field: { width: image.width, height: image.height, pxPerMm: grid.pxPerMm, perCm2 },
    zones,
    scale: grid.scale,
    workWidth: grid.ww,
    workHeight: grid.wh,
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
      retention: 1,
      texture: null,
    };
  }
  let densityPerCm2: number;
  let densitySource: ResolvedZone['densitySource'] = 'file';
  if (zone.densityPerCm2 === 'match' && zone.kind === 'scar') {
    densityPerCm2 = matchDensity(
      zone.polygon,
      index,
      pxPerMm,
      analysis,
      zone.featherMm ?? ZONE_DEFAULTS.featherMm,
    );
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
    retention: zone.kind === 'scar' ? (zone.retention ?? SCAR_RETENTION[texture ?? 'flat']) : 1,
    texture,
  };
}

/** A ring is measured when at least this share of it is resolved hair-bearing scalp… */
const MATCH_MIN_MEASURED_SHARE = 0.5;
/** …covering at least this much (cm²): about 15 follicles at a thin 30/cm². */
const MATCH_MIN_MEASURED_CM2 = 0.5;

/**
 * Follicles per cm² in a ring round the scar, outside its feather, counted only where the
 * analysis resolved follicles on hair-bearing scalp. Where too little of the ring is measured it
 * refuses, naming the reason; never a photo-wide figure in its place.
 */
function matchDensity(
  polygon: readonly Vec2[],
  index: number,
  pxPerMm: number,
  analysis: FollicleAnalysis | undefined,
  featherMm: number,
): number {
  const path = ['zones', index, 'densityPerCm2'];
  if (!analysis)
    throw new ZoneError(
      path,
      'is "match", which needs a photo analysis (--analysis analysis.json) to measure the follicle density round the scar',
    );
  if (!analysis.resolvability || !analysis.scalpMap)
    throw new ZoneError(
      path,
      'is "match", but the photo analysis is from an older version without its scalp map; analyse the photo again',
    );
  const map = decodeScalpMap(analysis.scalpMap);
  const regions = analysis.resolvability.regions;
  const box = boundingBox(polygon);
  const margin = (featherMm + MATCH_RING_MM) * pxPerMm;
  const x0 = Math.floor(box.x0 - margin);
  const y0 = Math.floor(box.y0 - margin);
  const cell = pxPerMm / 2; // 0.5 mm cells are enough to measure a ring's area
  const gw = Math.ceil((box.x1 + margin - x0) / cell) + 1;
  const gh = Math.ceil((box.y1 + margin - y0) / cell) + 1;
  const mask = new Uint8Array(gw * gh);
  rasterizePolygon(
    mask,
    gw,
    gh,
    polygon.map(([x, y]) => [x - x0, y - y0] as const),
    1 / cell,
  );
  const sd = signedDistance(mask, gw, gh);
  // Why each ring cell is or is not measured.
  const why = new Map<string, number>();
  const usable = new Uint8Array(gw * gh);
  let ringCells = 0;
  let usableCells = 0;
  for (let gy = 0; gy < gh; gy++)
    for (let gx = 0; gx < gw; gx++) {
      const mm = (sd[gy * gw + gx]! * cell) / pxPerMm;
      if (mm < featherMm || mm >= featherMm + MATCH_RING_MM) continue;
      ringCells++;
      const px = x0 + (gx + 0.5) * cell;
      const py = y0 + (gy + 0.5) * cell;
      const mx = Math.floor(px / map.factor);
      const my = Math.floor(py / map.factor);
      const cls =
        mx >= 0 && my >= 0 && mx < map.width && my < map.height ? map.classes[my * map.width + mx]! : 0;
      let reason: string;
      if (cls !== MAP_CLASS.hair)
        reason = cls === MAP_CLASS.bare ? 'bare scalp, without hair to match' : 'not scalp';
      else {
        const region = regions.find((r) => px >= r.x && py >= r.y && px < r.x + r.w && py < r.y + r.h);
        reason = region ? region.status : 'outside the analysed part of the photo';
      }
      if (reason === 'resolved') {
        usable[gy * gw + gx] = 1;
        usableCells++;
      } else why.set(reason, (why.get(reason) ?? 0) + 1);
    }
  const cellCm2 = (cell * cell) / (pxPerMm * pxPerMm * 100);
  const usableCm2 = usableCells * cellCm2;
  if (
    ringCells === 0 ||
    usableCells < MATCH_MIN_MEASURED_SHARE * ringCells ||
    usableCm2 < MATCH_MIN_MEASURED_CM2
  ) {
    const [main] = [...why.entries()].sort((a, b) => b[1] - a[1]);
    const share = ringCells ? Math.round((100 * (ringCells - usableCells)) / ringCells) : 100;
    const reason = main ? describeReason(main[0]) : 'no ring round the zone';
    throw new ZoneError(
      path,
      `is "match", but ${share}% of the ${MATCH_RING_MM} mm ring round the scar is not measured hair-bearing scalp (mostly: ${reason}); give a number, or analyse a sharp close-up of the area`,
    );
  }
  let count = 0;
  for (const f of analysis.follicles ?? []) {
    const gx = Math.floor((f.x - x0) / cell);
    const gy = Math.floor((f.y - y0) / cell);
    if (gx >= 0 && gy >= 0 && gx < gw && gy < gh && usable[gy * gw + gx]) count++;
  }
  return Math.min(200, Math.max(1, count / usableCm2));
}

function describeReason(reason: string): string {
  const statuses: readonly string[] = [
    'pixel-scale',
    'blur',
    'noise',
    'no-detail',
    'not-scalp',
    'not-skin',
    'overexposed',
  ];
  return statuses.includes(reason) ? describeStatus(reason as RegionStatus) : reason;
}

/** A zone's weight on the working grid within the cells [x0, x1) × [y0, y1). */
export interface ZoneLayer {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  weight: Float32Array;
}

/** Zone weight (0-1) of a polygon on the working grid, within its bounding box plus the feather. */
function polygonWeight(
  polygon: readonly Vec2[],
  edge: 'centred' | 'outward',
  ww: number,
  wh: number,
  scale: number,
  cellsPerMm: number,
  featherMm: number,
): ZoneLayer {
  const box = boundingBox(polygon);
  const margin = Math.ceil((featherMm + 1) * cellsPerMm) + 2;
  // The distance transform needs the whole window, including what lies outside the photo.
  const ox = Math.floor(box.x0 * scale) - margin;
  const oy = Math.floor(box.y0 * scale) - margin;
  const lw = Math.ceil(box.x1 * scale) + margin - ox;
  const lh = Math.ceil(box.y1 * scale) + margin - oy;
  const mask = new Uint8Array(lw * lh);
  rasterizePolygon(
    mask,
    lw,
    lh,
    polygon.map(([x, y]) => [x - ox / scale, y - oy / scale] as const),
    scale,
  );
  const sd = signedDistance(mask, lw, lh);
  const x0 = Math.max(0, ox);
  const y0 = Math.max(0, oy);
  const x1 = Math.min(ww, ox + lw);
  const y1 = Math.min(wh, oy + lh);
  const weight = new Float32Array(Math.max(0, x1 - x0) * Math.max(0, y1 - y0));
  // Outward edges start one cell outside the polygon, so that every pixel inside it, after the
  // bilinear upsampling, lies between fully applied cells: an excluded mole gets exactly nothing.
  const oneCell = 1 / cellsPerMm;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const mm = sd[(y - oy) * lw + (x - ox)]! / cellsPerMm;
      weight[(y - y0) * (x1 - x0) + (x - x0)] =
        edge === 'centred'
          ? featherMm === 0
            ? mm <= 0
              ? 1
              : 0
            : 1 - smoothstep(-featherMm / 2, featherMm / 2, mm)
          : mm <= oneCell
            ? 1
            : featherMm === 0
              ? 0
              : 1 - smoothstep(oneCell, oneCell + featherMm, mm);
    }
  }
  return { x0, y0, x1, y1, weight };
}

/**
 * A hairline: density that rises irregularly over `transitionMm` behind the drawn line, never
 * along a straight or sharp edge (domain.md §3.4: "irregular irregularity", graded density,
 * scattered islands; left-right differences up to 2 mm are natural). The line itself wanders by
 * up to about ±1.5 mm along its length; in front of it sit isolated impressions and small
 * clusters; behind the transition the zone keeps its density for `depthMm`, then fades.
 */
function hairlineWeight(
  zone: HairlineZone,
  seed: number,
  index: number,
  ww: number,
  wh: number,
  scale: number,
  cellsPerMm: number,
  featherMm: number,
): ZoneLayer {
  const line = zone.polyline;
  const transition = zone.transitionMm ?? ZONE_DEFAULTS.transitionMm;
  const front = zone.frontMm ?? ZONE_DEFAULTS.frontMm;
  const depth = zone.depthMm ?? ZONE_DEFAULTS.depthMm;
  const pxPerMm = cellsPerMm / scale;
  const s = hashSeed(seed, `hairline:${zone.id}:${index}`);

  // Which side is the scalp: the side of the segment nearest to the inward point.
  let nearest = 0;
  let best = Infinity;
  for (let k = 0; k + 1 < line.length; k++) {
    const { d } = distanceToSegment(zone.inward[0], zone.inward[1], line[k]!, line[k + 1]!);
    if (d < best) [best, nearest] = [d, k];
  }
  const side = Math.sign(cross(line[nearest]!, line[nearest + 1]!, zone.inward)) || 1;

  // Arc length at each vertex, for noise that follows the line.
  const arc = [0];
  for (let k = 1; k < line.length; k++)
    arc.push(arc[k - 1]! + Math.hypot(line[k]![0] - line[k - 1]![0], line[k]![1] - line[k - 1]![1]));

  const box = boundingBox(line);
  const reach = (Math.max(front, depth) + featherMm + 3) * pxPerMm;
  const x0 = Math.max(0, Math.floor((box.x0 - reach) * scale));
  const y0 = Math.max(0, Math.floor((box.y0 - reach) * scale));
  const x1 = Math.min(ww, Math.ceil((box.x1 + reach) * scale));
  const y1 = Math.min(wh, Math.ceil((box.y1 + reach) * scale));
  const lw = Math.max(0, x1 - x0);
  const weight = new Float32Array(lw * Math.max(0, y1 - y0));
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const px = (x + 0.5) / scale;
      const py = (y + 0.5) / scale;
      // Nearest point on the line: signed depth behind it (mm) and how far past an end it lies.
      let dMin = Infinity;
      let seg = 0;
      let tAt = 0;
      for (let k = 0; k + 1 < line.length; k++) {
        const { d, t } = distanceToSegment(px, py, line[k]!, line[k + 1]!);
        if (d < dMin) [dMin, seg, tAt] = [d, k, t];
      }
      const a = line[seg]!;
      const b = line[seg + 1]!;
      const segLen = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
      const along = (arc[seg]! + tAt * segLen) / pxPerMm;
      const crossN = cross(a, b, [px, py]) / segLen; // signed perpendicular distance, px
      const atEnd = (seg === 0 && tAt === 0) || (seg === line.length - 2 && tAt === 1);
      const behindPx = atEnd ? side * Math.sign(crossN) * Math.abs(crossN) : side * crossN;
      const pastEndMm = atEnd ? Math.sqrt(Math.max(0, dMin * dMin - crossN * crossN)) / pxPerMm : 0;
      // The line wanders along its length: slow undulation plus finer irregularity.
      const wander = 1.5 * fractalNoise1(s, along, 18, 3);
      const d = behindPx / pxPerMm - wander;
      const mmX = px / pxPerMm;
      const mmY = py / pxPerMm;
      let w: number;
      if (d < -front) w = 0;
      else if (d < 0) {
        // In front: isolated impressions and small clusters, thinning towards the forehead.
        const clump = Math.max(0, fractalNoise2(hashSeed(s, 'front'), mmX, mmY, 3, 2));
        w = 0.35 * clump * clump * 4 * (1 + d / front);
      } else if (d < transition) {
        // The transition: density rises irregularly, never along a straight contour.
        const jitter = 0.35 * transition * fractalNoise2(hashSeed(s, 'rise'), mmX, mmY, 4, 3);
        w = 0.2 + 0.8 * smoothstep(0, transition, d + jitter);
      } else w = 1;
      if (d > depth) w *= 1 - smoothstep(depth, depth + featherMm, d);
      if (pastEndMm > 0) w *= 1 - smoothstep(0, featherMm, pastEndMm);
      weight[(y - y0) * lw + (x - x0)] = Math.min(1, Math.max(0, w));
    }
  }
  return { x0, y0, x1, y1, weight };
}

function cross(a: Vec2, b: Vec2, p: Vec2): number {
  return (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
}

/**
 * Bilinear upsampling of the working grid to image pixels, written into `out` (the image's size);
 * only the pixels of `rect` ([x0, x1) × [y0, y1), image pixels) when given.
 */
export function upsampleDensity(
  src: Float32Array,
  grid: WorkGrid,
  out: Float32Array,
  rect: { x0: number; y0: number; x1: number; y1: number } = {
    x0: 0,
    y0: 0,
    x1: grid.width,
    y1: grid.height,
  },
): void {
  const { ww: sw, wh: sh, width, height, scale } = grid;
  const rx0 = Math.max(0, Math.floor(rect.x0));
  const ry0 = Math.max(0, Math.floor(rect.y0));
  const rx1 = Math.min(width, Math.ceil(rect.x1));
  const ry1 = Math.min(height, Math.ceil(rect.y1));
  if (rx1 <= rx0 || ry1 <= ry0) return;
  if (scale === 1 && sw === width && sh === height) {
    for (let y = ry0; y < ry1; y++) out.set(src.subarray(y * width + rx0, y * width + rx1), y * width + rx0);
    return;
  }
  const xi = new Int32Array(rx1 - rx0);
  const xf = new Float32Array(rx1 - rx0);
  for (let x = rx0; x < rx1; x++) {
    const k = x - rx0;
    const sx = Math.min(sw - 1, Math.max(0, (x + 0.5) * scale - 0.5));
    xi[k] = Math.min(sw - 2, Math.floor(sx));
    xf[k] = sx - xi[k];
    if (sw === 1) {
      xi[k] = 0;
      xf[k] = 0;
    }
  }
  for (let y = ry0; y < ry1; y++) {
    const sy = Math.min(sh - 1, Math.max(0, (y + 0.5) * scale - 0.5));
    const y0 = sh === 1 ? 0 : Math.min(sh - 2, Math.floor(sy));
    const fy = sh === 1 ? 0 : sy - y0;
    const r0 = y0 * sw;
    const r1 = sh === 1 ? r0 : r0 + sw;
    const row = y * width;
    for (let x = rx0; x < rx1; x++) {
      const k = x - rx0;
      const i = xi[k]!;
      const fx = xf[k]!;
      const j = sw === 1 ? i : i + 1;
      const top = src[r0 + i]! + (src[r0 + j]! - src[r0 + i]!) * fx;
      const bottom = src[r1 + i]! + (src[r1 + j]! - src[r1 + i]!) * fx;
      out[row + x] = top + (bottom - top) * fy;
    }
  }
}
