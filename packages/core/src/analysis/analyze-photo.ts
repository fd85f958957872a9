/**
 * Photo analysis: calibration, the head and scalp map, follicles, resolvability, density, shade,
 * the client's own hair and scar suggestions, in one pass over an RGB(A) image. Pure: the caller
 * decodes the photo (sharp in the CLI, a canvas in the browser) and hands over the pixels.
 *
 * Everything after the map works inside the scalp's bounding box, at a working scale just fine
 * enough for follicle structures (working-channel.ts), so a 12 MP photo costs what its scalp at
 * about 10 px/mm costs.
 */
import { noteOf, type Note } from '../domain/note.schema.js';
import type { Stopwatch } from '../domain/stopwatch.js';
import { resolveRoi, validateImage, type RgbImage, type Roi } from './analysis-input.js';
import type { Follicle, PhotoAnalysis, ScarSuggestion } from './analysis-result.js';
import { resolveCalibration, type CalibrationInput } from './calibration.js';
import { computeDensityGrid, densityStats } from './density-map.js';
import { detectFollicles, type FollicleFinding } from './follicle-detector.js';
import { diffuseShareAt, GLARE_CELL_SHARE, glareShareAt, measureGlare } from './glare-map.js';
import type { HairFollicle } from './hair-exits.js';
import { hessianFeatures } from './hessian-features.js';
import { assessResolvability, MIN_PX_PER_MM } from './resolvability.js';
import { countStatuses, regionOf, resolvabilityNotes, tileMeans } from './resolvability-report.js';
import { suggestScars } from './scar-suggestions.js';
import { structureWidthPerTile } from './sharpness.js';
import { measureShades } from './stubble-shade.js';
import { makeTileGrid, tileIndexAt, type TileGrid } from './tile-grid.js';
import { buildWorkingChannel, photoX, photoY } from './working-channel.js';
import {
  checkMapFits,
  clipRoiToScalp,
  encodeScalpMap,
  summariseScalp,
} from './scalp-map/scalp-map-output.js';
import { measureHair } from './scalp-map/hair-measure.js';
import { refineByDensity } from './scalp-map/refine-by-density.js';
import { inScalp, scalpInterior, type ScalpMap } from './scalp-map/scalp-map.js';
import { MIN_HEAD_WIDTH_MM, wholeHeadScaleBound } from './scalp-map/head-extent.js';
import { segmentScalp } from './scalp-map/segment-scalp.js';

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
/** Side of a resolvability tile (mm): a few follicles at normal density. */
export const TILE_MM = 3;
/** Scale (mm, Gaussian σ) against which the finest structures' width is measured. */
const SHARPNESS_COARSE_SIGMA_MM = 0.28;
/**
 * Density is reported from at least this much resolved scalp: under 1 cm² even a full head of
 * 60 FU/cm² gives a count with ±13 % Poisson error, and islands smaller than that are more often a
 * few sharp tiles in a blurred photo than a measurement.
 */
const MIN_DENSITY_AREA_CM2 = 1;
/** Glare is measured on cells of this side (mm). */
const GLARE_CELL_MM = 0.5;

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
  const ppm = calibration.pxPerMm ?? ASSUMED_PX_PER_MM;
  // Everything downstream works inside the scalp: the detector never sees the background.
  const roi = clipRoiToScalp(requestedRoi, scalpMap) ?? requestedRoi;
  // Detections keep off the scalp's edge: the map places it to within a map pixel, and the
  // outline of a head against its background is full of dark spots that are not follicles.
  const interior = scalpInterior(scalpMap, ppm);
  const notes: Note[] = [];
  if (!calibration.calibrated) notes.push(noteOf('uncalibrated'));
  if (scalpSummary.scalpShare === 0) notes.push(noteOf('noScalp'));
  const base = {
    calibrated: calibration.calibrated,
    pxPerMm: calibration.pxPerMm,
    calibrationSource: calibration.source,
    roi,
    scalp: scalpSummary,
  };

  // Uncalibrated, the filters assume a close-up; a whole head in view says how far it was.
  const headBound = calibration.calibrated ? null : wholeHeadScaleBound(scalpMap);
  const tooFar = headBound !== null && headBound < MIN_PX_PER_MM;
  if (ppm < MIN_PX_PER_MM || tooFar) {
    // Too far: nothing of follicle size is in the pixels. Tiles only say where the scalp is.
    const grid = makeTileGrid(roi.w, roi.h, Math.max(8, TILE_MM * ppm));
    const share = tileMeans(grid, 1, roi, (x, y) => (inScalp(scalpMap, x, y) ? 1 : 0));
    const regions = Array.from(share, (s, k) =>
      regionOf(grid, k, roi, 1, {
        status: s >= 0.5 ? 'pixel-scale' : 'not-scalp',
        blurMm: null,
        spotMm: null,
        referenceSnr: 0,
      }),
    );
    notes.push(
      tooFar
        ? noteOf('headTooFar', {
            pxPerMm: round1(headBound),
            headCm: MIN_HEAD_WIDTH_MM / 10,
            needed: MIN_PX_PER_MM,
          })
        : noteOf('tooFewPxPerMm', { pxPerMm: round1(ppm), needed: MIN_PX_PER_MM }),
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
        tileSizePx: grid.size,
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

  const wc = buildWorkingChannel(image, roi, ppm);
  const f = wc.factor;
  const wppm = wc.pxPerMm;
  const toPhotoX = (x: number): number => photoX(wc, x);
  const toPhotoY = (y: number): number => photoY(wc, y);
  const insideWorking = (x: number, y: number): boolean => interior(toPhotoX(x), toPhotoY(y));
  lap('channel');
  const glare = measureGlare(image, roi, GLARE_CELL_MM * ppm, (x, y) => inScalp(scalpMap, x, y));
  const glareAt = (x: number, y: number): number => glareShareAt(glare, toPhotoX(x), toPhotoY(y));
  lap('glare');
  const diffuseAt = (x: number, y: number): number => diffuseShareAt(glare, toPhotoX(x), toPhotoY(y));
  const finding: FollicleFinding = detectFollicles(wc, insideWorking, glareAt, diffuseAt);
  lap('follicles');

  const { grid } = finding;
  const coarse = hessianFeatures(wc.channel, wc.width, wc.height, SHARPNESS_COARSE_SIGMA_MM * wppm, {});
  const structureWidth = structureWidthPerTile(finding.spots, coarse, grid, insideWorking);
  const tileOf = (fn: (x: number, y: number) => number): Float32Array => tileMeans(grid, f, roi, fn);
  const tiles = assessResolvability({
    grid,
    pxPerMm: wppm,
    structureWidth,
    poreNoise: finding.poreNoise,
    poreSigma: finding.spots.sigma,
    lineNoise: finding.lineNoise,
    lineSigma: finding.lines.sigma,
    scalpShare: tileOf((x, y) => (inScalp(scalpMap, x, y) ? 1 : 0)),
    structures: countPerTile(grid, [...finding.follicles, ...finding.pores]),
    clipped: tileOf((x, y) => cellValue(glare.clipped, glare, x, y)),
    glare: tileOf((x, y) => cellValue(glare.share, glare, x, y)),
    glareShare: GLARE_CELL_SHARE,
  });
  // Resolved means: a resolved tile, and on the scalp itself (a tile may straddle its edge).
  const resolvedAt = (x: number, y: number): boolean =>
    x >= 0 &&
    y >= 0 &&
    x < wc.width &&
    y < wc.height &&
    tiles[tileIndexAt(grid, x, y)]!.status === 'resolved' &&
    insideWorking(x, y);
  lap('resolvability');

  // Follicles on resolved scalp only: elsewhere a detection is not a measurement.
  const found = finding.follicles.filter((h) => resolvedAt(h.x, h.y));
  const density = computeDensityGrid(found, wc.width, wc.height, wppm, resolvedAt);
  // Where follicles were counted, the count decides bare against hair-bearing (a shaved head's
  // stubble is finer than the map can see); an artist's corrections are kept as they are.
  const finalMap =
    scalpMap.source === 'automatic'
      ? refineByDensity(scalpMap, (x, y) => {
          const wx = (x - roi.x) / f;
          const wy = (y - roi.y) / f;
          if (wx < 0 || wy < 0 || wx >= wc.width || wy >= wc.height) return Number.NaN;
          const c = Math.min(density.cols - 1, Math.floor(wx / density.cellPx));
          const r = Math.min(density.rows - 1, Math.floor(wy / density.cellPx));
          return density.perCm2[r * density.cols + c]!;
        })
      : scalpMap;
  lap('density');

  const lap1 = finding.spots.laplacian;
  const textureHalf = Math.max(1, Math.round(0.125 * wppm));
  const scarSuggestions: ScarSuggestion[] = suggestScars({
    image,
    map: finalMap,
    working: wc,
    glare,
    follicles: finding.follicles,
    segments: finding.segments,
    counted: found,
    density,
    resolvedAt,
    texture: (x, y) => meanAbsAround(lap1, wc.width, wc.height, x, y, textureHalf),
    pxPerMm: ppm,
    calibrated: calibration.calibrated,
  });
  lap('scars');

  const follicles: Follicle[] = found.map((h) => toFollicle(h, toPhotoX, toPhotoY, f, wppm));
  const openings = follicles.filter((x) => x.kind === 'opening');
  // the stubble's shade from the hair itself: openings at their centre, shafts half way along
  const shades = measureShades(
    image,
    found.map((h, k) =>
      h.kind === 'shaft'
        ? {
            x: toPhotoX(h.x + 0.5 * h.lengthPx * h.dx),
            y: toPhotoY(h.y + 0.5 * h.lengthPx * h.dy),
            r: follicles[k]!.r,
          }
        : follicles[k]!,
    ),
  );
  const radii = openings.map((x) => x.r).sort((a, b) => a - b);
  const dotDiameterMm =
    calibration.calibrated && radii.length ? round3((2 * radii[radii.length >> 1]!) / ppm) : null;

  const regions = tiles.map((tile, k) => regionOf(grid, k, roi, f, tile));
  const counts = countStatuses(regions);
  const scalpTiles = regions.filter((r) => r.status !== 'not-scalp').length;
  const resolvedFraction = scalpTiles ? (counts.resolved ?? 0) / scalpTiles : 0;
  notes.push(...resolvabilityNotes(counts, scalpTiles, tiles));
  // Density is the count over the area measured, nothing smoothed or divided by less.
  const measured = measuredArea(wc.width, wc.height, wppm, resolvedAt, insideWorking);
  const measuredCm2 = measured.resolved / (wppm * wppm * 100);
  const scalpCm2 = measured.scalp / (wppm * wppm * 100);
  const stats =
    calibration.calibrated && measuredCm2 >= MIN_DENSITY_AREA_CM2 ? densityStats(density, wppm) : null;
  if (calibration.calibrated && !stats)
    notes.push(
      measuredCm2 > 0
        ? noteOf('densityTooLittleArea', { areaCm2: round2(measuredCm2), neededCm2: MIN_DENSITY_AREA_CM2 })
        : noteOf('densityNoArea'),
    );
  const densityMap = stats
    ? {
        originX: roi.x,
        originY: roi.y,
        cellPx: round2(density.cellPx * f),
        cols: density.cols,
        rows: density.rows,
        perCm2: Array.from(density.perCm2, (v) => (Number.isNaN(v) ? null : Math.round(v * 10) / 10)),
      }
    : null;
  lap('output');
  return {
    ...base,
    follicles,
    density: stats
      ? {
          perCm2: round2(found.length / measuredCm2),
          perCm2Median: round2(stats.perCm2Median),
          perCm2P10: round2(stats.perCm2P10),
          perCm2P90: round2(stats.perCm2P90),
          areaCm2: round3(measuredCm2),
          unresolvedShare: round3(scalpCm2 > 0 ? Math.max(0, 1 - measuredCm2 / scalpCm2) : 1),
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
      tileSizePx: round2(grid.size * f),
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

function cellValue(
  values: Float32Array,
  map: { cellPx: number; originX: number; originY: number; cols: number; rows: number },
  x: number,
  y: number,
): number {
  const c = Math.min(map.cols - 1, Math.max(0, Math.floor((x - map.originX) / map.cellPx)));
  const r = Math.min(map.rows - 1, Math.max(0, Math.floor((y - map.originY) / map.cellPx)));
  return values[r * map.cols + c]!;
}

function countPerTile(grid: TileGrid, points: readonly { x: number; y: number }[]): Float32Array {
  const out = new Float32Array(grid.cols * grid.rows);
  for (const p of points) {
    const k = tileIndexAt(grid, p.x, p.y);
    out[k] = out[k]! + 1;
  }
  return out;
}

/** Mean |value| over the (2·half + 1)² pixels round (x, y), clipped to the image. */
function meanAbsAround(
  plane: Float32Array,
  width: number,
  height: number,
  x: number,
  y: number,
  half: number,
): number {
  const cx = Math.round(x);
  const cy = Math.round(y);
  let sum = 0;
  let n = 0;
  for (let yy = Math.max(0, cy - half); yy <= Math.min(height - 1, cy + half); yy++)
    for (let xx = Math.max(0, cx - half); xx <= Math.min(width - 1, cx + half); xx++) {
      sum += Math.abs(plane[yy * width + xx]!);
      n++;
    }
  return n ? sum / n : 0;
}

/** A follicle for the output, in photo pixels; confidence from how clearly it stood out. */
function toFollicle(
  h: HairFollicle,
  toPhotoX: (x: number) => number,
  toPhotoY: (y: number) => number,
  factor: number,
  wppm: number,
): Follicle {
  // a shaft is surer the longer and clearer it is and the surer its exit end; an opening by its
  // signal over the noise floor
  const confidence =
    h.kind === 'shaft'
      ? (1 - Math.exp(-h.snr / 4)) * (1 - 0.5 * Math.exp(-h.endMargin))
      : 1 - Math.exp(-(h.snr - 1) / 1.5);
  return {
    x: round2(toPhotoX(h.x)),
    y: round2(toPhotoY(h.y)),
    r: round2(Math.max(0.5, 0.1 * wppm * factor)),
    confidence: round2(Math.min(0.99, Math.max(0.05, confidence))),
    kind: h.kind,
  };
}

/** Working pixels (sampled every ~0.25 mm, weighted back) on the scalp, and of those resolved. */
function measuredArea(
  width: number,
  height: number,
  pxPerMm: number,
  resolvedAt: (x: number, y: number) => boolean,
  inside: (x: number, y: number) => boolean,
): { scalp: number; resolved: number } {
  const step = Math.max(1, Math.round(pxPerMm / 4));
  let scalp = 0;
  let resolved = 0;
  for (let y = step / 2; y < height; y += step)
    for (let x = step / 2; x < width; x += step) {
      if (!inside(x, y)) continue;
      scalp++;
      if (resolvedAt(x, y)) resolved++;
    }
  return { scalp: scalp * step * step, resolved: resolved * step * step };
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
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
