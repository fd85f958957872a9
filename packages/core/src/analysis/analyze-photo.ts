/**
 * Photo analysis: calibration, follicle detection, resolvability, density, shade and scar
 * suggestions, in one pass over an RGB(A) image. Pure: the caller decodes the photo (sharp in the
 * CLI, a canvas in the browser) and hands over the pixels.
 */
import type { Stopwatch } from '../domain/stopwatch.js';
import { resolveRoi, validateImage, type RgbImage, type Roi } from './analysis-input.js';
import type { Follicle, PhotoAnalysis, RegionAssessment, ScarSuggestion } from './analysis-result.js';
import { resolveCalibration, type CalibrationInput } from './calibration.js';
import { computeDensityGrid, densityStats } from './density-map.js';
import { BRIGHT_CLIP, buildDetectionChannel } from './detection-channel.js';
import { detectFollicleBlobs, follicleSigmaRange, FOLLICLE_SNR } from './follicle-detector.js';
import { detectFueDots, FUE_RADIUS_MM } from './fue-detector.js';
import { pointInPolygon } from '../geometry/polygon.js';
import {
  assessResolvability,
  describeStatus,
  MIN_PX_PER_MM,
  type RegionStatus,
  type TileResolvability,
} from './resolvability.js';
import { BASE_SIGMA, buildScaleSpace, gaussianAt, type GaussianLevel } from './scale-space.js';
import { clusterFueDots, suggestGaps, type ScarSuggestionDraft } from './scar-suggestions.js';
import { detectShafts, distanceToShaft, unmatchedShafts, type Shaft } from './shaft-detector.js';
import { measureShades } from './stubble-shade.js';
import { measureTileColour } from './tile-colour.js';
import {
  checkMapFits,
  clipRoiToScalp,
  encodeScalpMap,
  summariseScalp,
} from './scalp-map/scalp-map-output.js';
import { measureHair } from './scalp-map/hair-measure.js';
import { refineByDensity } from './scalp-map/refine-by-density.js';
import { suggestionPlaces } from './scalp-map/suggestion-places.js';
import { scalpInterior, type ScalpMap } from './scalp-map/scalp-map.js';
import { segmentScalp } from './scalp-map/segment-scalp.js';
import type { TileGrid } from './tile-grid.js';
import { makeTileGrid, tileIndexAt, tileRect } from './tile-grid.js';
import { dogNoisePerTile } from './tile-noise.js';

export interface AnalyzeOptions {
  calibration?: CalibrationInput;
  roi?: Roi;
  /**
   * The head and scalp map to work inside: the artist's corrected map or one given as a mask.
   * Computed from the photo when absent.
   */
  scalpMap?: ScalpMap;
  /** Times the stages (`timingsMs`); without one nothing is timed (core reads no clock). */
  clock?: Stopwatch;
}

/** Scale assumed for choosing filter sizes when the photo is not calibrated; never reported. */
export const ASSUMED_PX_PER_MM = 20;
/** Photos finer than this are area-averaged down to about it: follicles are 2-10 px there. */
const TARGET_WORKING_PX_PER_MM = 18;
/** Side of a resolvability tile (mm): a few follicles at normal density. */
export const TILE_MM = 3;
/** Disc radius per DoG σ at the response peak (Lindeberg: √2). */
export const RADIUS_PER_SIGMA = Math.SQRT2;

export function analyzePhoto(image: RgbImage, options: AnalyzeOptions = {}): PhotoAnalysis {
  const timings: Record<string, number> = {};
  const nowMs = (): number => options.clock?.now() ?? 0;
  let t = nowMs();
  const lap = (name: string): void => {
    const now = nowMs();
    timings[name] = Math.round((now - t) * 10) / 10;
    t = now;
  };
  validateImage(image);
  const calibration = resolveCalibration(options.calibration);
  const requestedRoi = resolveRoi(image, options.roi);
  const scalpMap = options.scalpMap ?? segmentScalp(image, { pxPerMm: calibration.pxPerMm });
  checkMapFits(scalpMap, image);
  lap('scalpMap');
  const scalpSummary = summariseScalp(scalpMap, calibration.pxPerMm);
  // Everything downstream works inside the scalp: the detector never sees the background.
  const roi = clipRoiToScalp(requestedRoi, scalpMap) ?? requestedRoi;
  // Detections keep off the scalp's edge: the map places it to within a map pixel, and the
  // outline of a head against its background is full of dark spots that are not follicles.
  const interior = scalpInterior(scalpMap, calibration.pxPerMm ?? ASSUMED_PX_PER_MM);
  const inScalpPhoto = (x: number, y: number): boolean => interior(x, y);

  const ppm = calibration.pxPerMm ?? ASSUMED_PX_PER_MM;
  const factor = Math.max(1, Math.floor(ppm / TARGET_WORKING_PX_PER_MM));
  const wppm = ppm / factor;
  const notes: string[] = [];
  if (!calibration.calibrated)
    notes.push(
      `No calibration: follicles are located in pixels only; nothing is reported per cm² or in mm. Give px per mm or two ruler points.`,
    );
  const toPhotoX = (x: number): number => roi.x + (x + 0.5) * factor - 0.5;
  const toPhotoY = (y: number): number => roi.y + (y + 0.5) * factor - 0.5;
  const tileWorking = TILE_MM * wppm;

  const base = {
    calibrated: calibration.calibrated,
    pxPerMm: calibration.pxPerMm,
    calibrationSource: calibration.source,
    roi,
    scalp: scalpSummary,
  };
  const scalpShareOf = (grid: TileGrid): Float32Array => {
    const share = new Float32Array(grid.cols * grid.rows);
    for (let k = 0; k < share.length; k++) {
      const rect = tileRect(grid, k);
      let inside = 0;
      for (let sy = 0; sy < 3; sy++)
        for (let sx = 0; sx < 3; sx++)
          if (
            inScalpPhoto(
              toPhotoX(rect.x + ((sx + 0.5) / 3) * rect.w),
              toPhotoY(rect.y + ((sy + 0.5) / 3) * rect.h),
            )
          )
            inside++;
      share[k] = inside / 9;
    }
    return share;
  };
  if (scalpSummary.scalpShare === 0)
    notes.push('No scalp found in the photo: nothing is measured. Correct the scalp map if this is wrong.');

  if (wppm < MIN_PX_PER_MM) {
    const grid = makeTileGrid(
      Math.floor(roi.w / factor),
      Math.floor(roi.h / factor),
      Math.max(8, tileWorking),
    );
    const tile: TileResolvability = {
      status: 'pixel-scale',
      blurMm: null,
      spotMm: null,
      referenceSnr: 0,
      sharpSpots: 0,
      blurredSpots: 0,
    };
    const regions: RegionAssessment[] = [];
    const share = scalpShareOf(grid);
    for (let k = 0; k < grid.cols * grid.rows; k++)
      regions.push(
        regionOf(
          share[k]! >= 0.5 ? tile : { ...tile, status: 'not-scalp' },
          tileRect(grid, k),
          toPhotoX,
          toPhotoY,
          factor,
        ),
      );
    notes.push(
      `The photo has ${wppm.toFixed(1)} px per mm; follicle openings (0.1-0.3 mm) need at least ${MIN_PX_PER_MM}. Take a close-up of the area (a phone held 10-15 cm from the scalp, with a ruler in view).`,
    );
    return {
      ...base,
      follicles: [],
      density: null,
      densityMap: null,
      dotDiameterMm: null,
      stubbleLab: null,
      skinLab: null,
      hair: measureHair(image, scalpMap, []),
      scalpMap: encodeScalpMap(scalpMap),
      scarSuggestions: [],
      resolvability: {
        tileSizePx: grid.size * factor,
        cols: grid.cols,
        rows: grid.rows,
        regions,
        resolvedFraction: 0,
        counts: countStatuses(regions),
      },
      notes,
      timingsMs: timings,
    };
  }

  // Coarse enough to be cheap (a punch scar's σ is about one coarse pixel), fine enough that
  // smaller blobs peak below the accepted scales and are rejected as too small.
  const fueStep = Math.max(
    1,
    2 ** Math.floor(Math.log2(Math.max(1, FUE_RADIUS_MM[0] * wppm * Math.SQRT1_2))),
  );
  const working = buildDetectionChannel(image, roi, factor, 1.0 * wppm, fueStep);
  lap('channel');
  const [, maxSigma] = follicleSigmaRange(wppm);
  const space = buildScaleSpace(
    working.channel,
    working.width,
    working.height,
    4 * maxSigma,
    working.scratch,
    BASE_SIGMA,
  );
  lap('scaleSpace');
  const grid = makeTileGrid(working.width, working.height, tileWorking);
  const noise = space.dogs.map((d) => dogNoisePerTile(d, grid));
  lap('noise');
  const blobs = detectFollicleBlobs(space, noise, grid, wppm);
  lap('blobs');
  const shafts = detectShafts(space, wppm);
  const extraShafts = unmatchedShafts(shafts, blobs.follicles, wppm);
  lap('shafts');
  const colour = measureTileColour(image, roi, factor, grid);
  const tiles = assessResolvability({
    grid,
    pxPerMm: wppm,
    openings: blobs.follicles,
    tooLarge: blobs.tooLarge,
    shafts,
    dogs: space.dogs,
    noise,
    colour,
    scalpShare: scalpShareOf(grid),
  });
  // Resolved means: a resolved tile, and on the scalp itself (a tile may straddle its edge).
  const resolvedAt = (x: number, y: number): boolean =>
    tiles[tileIndexAt(grid, x, y)]!.status === 'resolved' && inScalpPhoto(toPhotoX(x), toPhotoY(y));
  lap('resolvability');

  // Follicles on resolved skin only: elsewhere a detection is not a measurement.
  const found: { x: number; y: number; r: number; confidence: number; kind: Follicle['kind'] }[] = [];
  for (const b of blobs.follicles)
    if (resolvedAt(b.x, b.y))
      found.push({
        x: b.x,
        y: b.y,
        r: RADIUS_PER_SIGMA * b.sigma,
        confidence: confidenceFromSnr(b.snr),
        kind: 'opening',
      });
  for (const s of extraShafts)
    if (resolvedAt(s.x, s.y))
      found.push({ x: s.x, y: s.y, r: Math.max(0.5, s.widthPx / 2), confidence: 0.5, kind: 'shaft' });

  const density = computeDensityGrid(found, working.width, working.height, wppm, resolvedAt);
  // Where follicles were counted, the count decides bare against hair-bearing (a shaved head's
  // stubble is finer than the map can see); an artist's corrections are kept as they are.
  const finalMap =
    scalpMap.source === 'automatic'
      ? refineByDensity(scalpMap, (x, y) => {
          const wx = (x - roi.x) / factor;
          const wy = (y - roi.y) / factor;
          if (wx < 0 || wy < 0 || wx >= working.width || wy >= working.height) return Number.NaN;
          const c = Math.min(density.cols - 1, Math.floor(wx / density.cellPx));
          const r = Math.min(density.rows - 1, Math.floor(wy / density.cellPx));
          return density.perCm2[r * density.cols + c]!;
        })
      : scalpMap;
  lap('density');

  // Scars: pale round dots, then follicle-free gaps.
  // Hair-free means no dark opening and no stubble at all, resolved or not.
  const hairIndex = new PointIndex<Shaft | null>(2 * wppm);
  for (const f of blobs.follicles) hairIndex.add(f.x, f.y, null);
  for (const s of shafts) hairIndex.add(s.x, s.y, s);
  const hairyRadius = (x: number, y: number, radius: number): boolean =>
    hairIndex.some(x, y, (px, py, s) =>
      s ? distanceToShaft(s, x, y) <= radius + s.widthPx / 2 : Math.hypot(px - x, py - y) <= radius,
    );
  const d0 = space.dogs[0]!;
  const textureAt = (x: number, y: number, half: number): number =>
    fineTexture(d0.upper.data, d0.lower.data, working.channel, working.width, working.height, x, y, half);
  const inWorking = (x: number, y: number): boolean =>
    x >= 0 && y >= 0 && x < working.width && y < working.height;
  const fueDots = detectFueDots(
    working.coarse,
    wppm,
    image,
    (x, y) => [toPhotoX(x), toPhotoY(y)],
    hairyRadius,
    (x, y) => inWorking(x, y) && resolvedAt(x, y),
    (x, y, radius, contrast) => paleFill(space.gaussians[0]!, x, y, radius, contrast),
  );
  const drafts: ScarSuggestionDraft[] = [...clusterFueDots(fueDots, wppm)];
  lap('fue');
  drafts.push(
    ...suggestGaps({
      width: working.width,
      height: working.height,
      pxPerMm: wppm,
      follicles: found,
      resolved: resolvedAt,
      density,
      image,
      roi,
      factor,
      texture: (x, y) => textureAt(x, y, Math.max(1, 0.125 * wppm)),
    }),
  );
  // A suggestion lies on hair-bearing scalp (a scar interrupts hair), clear of the scalp's edge
  // (the backlit rim of the head, the hairline, an ear); elsewhere a pale or empty patch is
  // skin, not a scar.
  const place = suggestionPlaces(finalMap);
  const kept = drafts.filter((d) =>
    place.accepts(
      d.polygon.map(([x, y]) => [toPhotoX(x), toPhotoY(y)] as [number, number]),
      ppm,
    ),
  );
  drafts.length = 0;
  drafts.push(...kept);
  lap('scars');

  const inScar = (x: number, y: number): boolean => drafts.some((d) => pointInPolygon(d.polygon, x, y));
  const stats = calibration.calibrated
    ? densityStats(density, wppm, (i) => {
        const c = i % density.cols;
        const r = (i - c) / density.cols;
        return !inScar((c + 0.5) * density.cellPx, (r + 0.5) * density.cellPx);
      })
    : null;

  const follicles: Follicle[] = found.map((f) => ({
    x: round2(toPhotoX(f.x)),
    y: round2(toPhotoY(f.y)),
    r: round2(f.r * factor),
    confidence: round2(f.confidence),
    kind: f.kind,
  }));
  const openings = follicles.filter((f) => f.kind === 'opening');
  const shades = measureShades(image, openings);
  const radii = openings.map((f) => f.r).sort((a, b) => a - b);
  const dotDiameterMm =
    calibration.calibrated && radii.length ? round3((2 * radii[radii.length >> 1]!) / ppm) : null;

  const scarSuggestions: ScarSuggestion[] = drafts
    .sort((a, b) => b.confidence - a.confidence)
    .map((d) => ({
      kind: d.kind,
      polygon: d.polygon.map(([x, y]) => [round2(toPhotoX(x)), round2(toPhotoY(y))] as [number, number]),
      areaCm2: calibration.calibrated ? round3(d.areaMm2 / 100) : null,
      confidence: round2(d.confidence),
      reasons: d.reasons,
      ...(d.dots
        ? {
            dots: d.dots.map((p) => ({
              x: round2(toPhotoX(p.x)),
              y: round2(toPhotoY(p.y)),
              r: round2(p.r * factor),
            })),
          }
        : {}),
    }));

  const regions = tiles.map((tile, k) => regionOf(tile, tileRect(grid, k), toPhotoX, toPhotoY, factor));
  const counts = countStatuses(regions);
  const skinTiles = regions.filter((r) => r.status !== 'not-scalp').length;
  const resolvedFraction = skinTiles ? (counts.resolved ?? 0) / skinTiles : 0;
  notes.push(...resolvabilityNotes(counts, skinTiles, tiles));
  // Density is the count over the area measured, nothing smoothed or divided by less.
  const measured = measuredArea(
    working.width,
    working.height,
    wppm,
    resolvedAt,
    inScalpPhoto,
    toPhotoX,
    toPhotoY,
  );
  const measuredCm2 = measured.resolved / (wppm * wppm * 100);
  const scalpInRoiCm2 = measured.scalp / (wppm * wppm * 100);
  if (calibration.calibrated && !stats)
    notes.push('No density reported: no part of the photo resolves follicle openings (see resolvability).');

  const densityMap = calibration.calibrated
    ? {
        originX: roi.x,
        originY: roi.y,
        cellPx: round2(density.cellPx * factor),
        cols: density.cols,
        rows: density.rows,
        perCm2: Array.from(density.perCm2, (v) => (Number.isNaN(v) ? null : Math.round(v * 10) / 10)),
      }
    : null;
  lap('output');
  return {
    ...base,
    follicles,
    density:
      stats && measuredCm2 > 0
        ? {
            perCm2: round2(found.length / measuredCm2),
            perCm2Median: round2(stats.perCm2Median),
            perCm2P10: round2(stats.perCm2P10),
            perCm2P90: round2(stats.perCm2P90),
            areaCm2: round3(measuredCm2),
            unresolvedShare: round3(scalpInRoiCm2 > 0 ? Math.max(0, 1 - measuredCm2 / scalpInRoiCm2) : 1),
          }
        : null,
    densityMap,
    dotDiameterMm,
    stubbleLab: shades.stubbleLab ? roundLab(shades.stubbleLab) : null,
    skinLab: shades.skinLab ? roundLab(shades.skinLab) : null,
    hair: measureHair(image, finalMap, follicles),
    scalpMap: encodeScalpMap(finalMap),
    scarSuggestions,
    resolvability: {
      tileSizePx: grid.size * factor,
      cols: grid.cols,
      rows: grid.rows,
      regions,
      resolvedFraction: round3(resolvedFraction),
      counts,
    },
    notes,
    timingsMs: timings,
  };
}

function confidenceFromSnr(snr: number): number {
  return Math.min(0.99, Math.max(0.05, 1 - Math.exp(-(snr - 0.75 * FOLLICLE_SNR) / FOLLICLE_SNR)));
}

/** Mean |finest DoG| over a small window, skipping stubble (dark) pixels: fine skin texture. */
function fineTexture(
  upper: Float32Array,
  lower: Float32Array,
  channel: Float32Array,
  width: number,
  height: number,
  x: number,
  y: number,
  half: number,
): number {
  let s = 0;
  let n = 0;
  const x0 = Math.max(0, Math.floor(x - half));
  const x1 = Math.min(width - 1, Math.ceil(x + half));
  const y0 = Math.max(0, Math.floor(y - half));
  const y1 = Math.min(height - 1, Math.ceil(y + half));
  for (let yy = y0; yy <= y1; yy++)
    for (let xx = x0; xx <= x1; xx++) {
      const i = yy * width + xx;
      if (channel[i]! < 0.85) continue;
      s += Math.abs(upper[i]! - lower[i]!);
      n++;
    }
  return n ? s / n : 0;
}

/** Share of the core (0.6 r) of a pale dot that is clearly paler than the ring around it. */
function paleFill(level: GaussianLevel, x: number, y: number, r: number, contrast: number): number {
  const ring: number[] = [];
  for (let k = 0; k < 16; k++)
    ring.push(
      gaussianAt(level, x + 2 * r * Math.cos((k * Math.PI) / 8), y + 2 * r * Math.sin((k * Math.PI) / 8)),
    );
  ring.sort((a, b) => a - b);
  const skin = ring[8]!;
  const threshold = skin + 0.5 * Math.min(contrast, BRIGHT_CLIP - skin);
  const core = 0.6 * r;
  let n = 0;
  let pale = 0;
  for (let dy = -Math.floor(core); dy <= core; dy++)
    for (let dx = -Math.floor(core); dx <= core; dx++) {
      if (dx * dx + dy * dy > core * core) continue;
      n++;
      if (gaussianAt(level, x + dx, y + dy) >= threshold) pale++;
    }
  return n ? pale / n : 0;
}

/** Points bucketed on a grid, for "is anything near here" questions within one cell. */
class PointIndex<T> {
  private readonly cells = new Map<number, { x: number; y: number; item: T }[]>();
  constructor(private readonly cell: number) {}
  private key(cx: number, cy: number): number {
    return cy * 1_000_003 + cx;
  }
  add(x: number, y: number, item: T): void {
    const k = this.key(Math.floor(x / this.cell), Math.floor(y / this.cell));
    const list = this.cells.get(k);
    if (list) list.push({ x, y, item });
    else this.cells.set(k, [{ x, y, item }]);
  }
  some(x: number, y: number, test: (px: number, py: number, item: T) => boolean): boolean {
    const cx = Math.floor(x / this.cell);
    const cy = Math.floor(y / this.cell);
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++)
        for (const p of this.cells.get(this.key(cx + dx, cy + dy)) ?? [])
          if (test(p.x, p.y, p.item)) return true;
    return false;
  }
}

function regionOf(
  tile: TileResolvability,
  rect: { x: number; y: number; w: number; h: number },
  toPhotoX: (x: number) => number,
  toPhotoY: (y: number) => number,
  factor: number,
): RegionAssessment {
  return {
    x: Math.round(toPhotoX(rect.x) + 0.5 - factor / 2),
    y: Math.round(toPhotoY(rect.y) + 0.5 - factor / 2),
    w: rect.w * factor,
    h: rect.h * factor,
    status: tile.status,
    blurMm: tile.blurMm === null ? null : round3(tile.blurMm),
    spotMm: tile.spotMm === null ? null : round3(tile.spotMm),
    referenceSnr: round2(tile.referenceSnr),
  };
}

function countStatuses(regions: readonly RegionAssessment[]): Partial<Record<RegionStatus, number>> {
  const counts: Partial<Record<RegionStatus, number>> = {};
  for (const r of regions) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

/** Working pixels (sampled every ~0.25 mm, weighted back) on the scalp, and of those resolved. */
function measuredArea(
  width: number,
  height: number,
  pxPerMm: number,
  resolvedAt: (x: number, y: number) => boolean,
  inScalpPhoto: (x: number, y: number) => boolean,
  toPhotoX: (x: number) => number,
  toPhotoY: (y: number) => number,
): { scalp: number; resolved: number } {
  const step = Math.max(1, Math.round(pxPerMm / 4));
  let scalp = 0;
  let resolved = 0;
  for (let y = step / 2; y < height; y += step)
    for (let x = step / 2; x < width; x += step) {
      if (!inScalpPhoto(toPhotoX(x), toPhotoY(y))) continue;
      scalp++;
      if (resolvedAt(x, y)) resolved++;
    }
  return { scalp: scalp * step * step, resolved: resolved * step * step };
}

function resolvabilityNotes(
  counts: Partial<Record<RegionStatus, number>>,
  skinTiles: number,
  tiles: TileResolvability[],
): string[] {
  const notes: string[] = [];
  if (skinTiles === 0) return ['No scalp in the analysed region.'];
  const unresolved = skinTiles - (counts.resolved ?? 0);
  if (unresolved === 0) return notes;
  const share = Math.round((100 * unresolved) / skinTiles);
  const parts: string[] = [];
  for (const status of ['blur', 'noise', 'no-detail', 'overexposed'] as const) {
    const n = counts[status] ?? 0;
    if (!n) continue;
    let text = `${describeStatus(status)} (${n} regions)`;
    if (status === 'blur') {
      const blurs = tiles
        .filter((t) => t.status === 'blur' && t.blurMm !== null)
        .map((t) => t.blurMm!)
        .sort((a, b) => a - b);
      if (blurs.length) text += `, blur ≈ ${blurs[blurs.length >> 1]!.toFixed(2)} mm`;
    }
    parts.push(text);
  }
  notes.push(
    `${share}% of the scalp in the photo does not resolve follicle openings: ${parts.join('; ')}. No density is reported there; take a sharp close-up of those areas (10-15 cm away, focus on the scalp, with a ruler).`,
  );
  return notes;
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}
function roundLab(lab: [number, number, number]): [number, number, number] {
  return [round2(lab[0]), round2(lab[1]), round2(lab[2])];
}
