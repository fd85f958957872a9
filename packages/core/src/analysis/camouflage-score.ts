/**
 * How visible is a scar (a zone) against the skin around it, as a person sees it at a normal
 * distance — before treatment (the photo) and after (a render)?
 *
 * Colour: S-CIELAB (Zhang & Wandell 1996). The image goes to linear XYZ, then to the opponent
 * channels of Poirson & Wandell (luminance, red-green, blue-yellow); each is low-passed with the
 * sum-of-Gaussians contrast-sensitivity filters of S-CIELAB at the viewing distance, then back to
 * XYZ and CIELAB. Dots the eye cannot resolve at that distance merge into an average tone, which is
 * what "blends in" means. The zone is compared with a ring around it by CIEDE2000 (mean colours,
 * and the zone's pixels against the ring's mean: mean and 95th percentile), and by CIE76 ΔE*ab for
 * the clinical anchors (Cheon et al. 2010: perfect match 4.4 ± 1.8, slight mismatch 9.6 ± 2.2).
 *
 * Viewing distance: 1 m by default (conversation distance; someone standing behind a seated
 * client). At 1 m one degree of visual angle spans 17.5 mm of scalp, and the finest luminance
 * filter (spread 0.05°) is a Gaussian of σ ≈ 0.62 mm, so 1-mm SMP dots are largely averaged out.
 *
 * Density: follicles (or pigment dots) per cm² inside the zone and in the ring, and their ratio.
 */
import { validateImage, AnalysisInputError, type RgbImage } from './analysis-input.js';
import { analyzePhoto } from './analyze-photo.js';
import { decodeScalpMap } from './scalp-map/scalp-map-output.js';
import { isScalpClass } from './scalp-map/scalp-map.js';
import type { PhotoAnalysis } from './analysis-result.js';
import { deltaE2000, deltaE2000ToReference } from './ciede2000.js';
import { deltaE76, linearRgbToXyz, SRGB8_TO_LINEAR, xyzToLab, type Lab } from './color-space.js';
import { distanceTransform } from '../geometry/distance-transform.js';
import { gaussianBlur } from './gaussian-filter.js';
import { pointInPolygon, rasterizePolygon } from '../geometry/polygon.js';
import { quantileInPlace } from './robust-stats.js';

export const DEFAULT_VIEWING_DISTANCE_MM = 1000;
const DEFAULT_RING_MM = 5;
const DEFAULT_GAP_MM = 1;
/** Samples per degree the filtering runs at: enough for the finest S-CIELAB spread (0.05°). */
const SAMPLES_PER_DEGREE = 60;

// Poirson & Wandell opponent space from CIE XYZ (as used by S-CIELAB).
const XYZ_TO_OPP = [0.279, 0.72, -0.107, -0.449, 0.29, -0.077, 0.086, -0.59, 0.501] as const;
const OPP_TO_XYZ = invert3(XYZ_TO_OPP);
/** Linear sRGB to opponent space: XYZ_TO_OPP after the sRGB → XYZ matrix. */
const RGB_TO_OPP = multiply3(
  XYZ_TO_OPP,
  [...linearRgbToXyz(1, 0, 0), ...linearRgbToXyz(0, 1, 0), ...linearRgbToXyz(0, 0, 1)].map(
    (_, i, m) => m[(i % 3) * 3 + Math.floor(i / 3)]!,
  ),
);
/** S-CIELAB filters: weights and spreads (degrees) of the Gaussians, exp(−r²/s²). */
const FILTERS: readonly { weights: number[]; spreads: number[] }[] = [
  { weights: [1.00327, 0.114416, -0.117686], spreads: [0.05, 0.225, 7.0] },
  { weights: [0.616725, 0.383275], spreads: [0.0685, 0.826] },
  { weights: [0.567885, 0.432115], spreads: [0.092, 0.6451] },
];

export interface CamouflageZone {
  id?: string;
  /** Outline in photo pixels. */
  polygon: [number, number][];
}

export interface CamouflageOptions {
  pxPerMm: number;
  viewingDistanceMm?: number;
  ringWidthMm?: number;
  gapMm?: number;
  /** A finished analysis of the same image (its follicles are counted); otherwise one is run. */
  analysis?: PhotoAnalysis;
}

export interface ZoneCamouflage {
  id: string;
  zoneLab: Lab;
  ringLab: Lab;
  /** CIEDE2000 between the zone's and the ring's mean colour after the viewing-distance filter. */
  deltaE00: number;
  /** Zone pixels against the ring's mean colour: mean and 95th percentile of CIEDE2000. */
  deltaE00Mean: number;
  deltaE00P95: number;
  /** CIE76 ΔE*ab of the means, the unit of the clinical scar-colour studies. */
  deltaEab: number;
  /** Dots or follicles per cm² inside and around, and inside / around (null without dots around). */
  densityInside: number;
  densityAround: number;
  densityRatio: number | null;
  zoneAreaCm2: number;
}

export interface CamouflageComparison {
  id: string;
  before: ZoneCamouflage;
  after: ZoneCamouflage;
  /** Before minus after: positive means the scar is less visible after. */
  deltaE00Reduction: number;
}

export function camouflageScore(
  image: RgbImage,
  zones: CamouflageZone[],
  options: CamouflageOptions,
): ZoneCamouflage[] {
  validateImage(image);
  const { pxPerMm } = options;
  if (!(pxPerMm > 0)) throw new AnalysisInputError('pxPerMm', 'must be a positive number');
  zones.forEach((z, i) => {
    if (!Array.isArray(z.polygon) || z.polygon.length < 3)
      throw new AnalysisInputError(`zones[${i}].polygon`, 'needs at least three [x, y] points');
  });
  const distance = options.viewingDistanceMm ?? DEFAULT_VIEWING_DISTANCE_MM;
  const ringMm = options.ringWidthMm ?? DEFAULT_RING_MM;
  const gapMm = options.gapMm ?? DEFAULT_GAP_MM;
  const pxPerDegree = pxPerMm * distance * Math.tan(Math.PI / 180);
  const block = Math.max(1, Math.floor(pxPerDegree / SAMPLES_PER_DEGREE));
  const filtered = sCielabFilter(image, block, pxPerDegree / block);
  const { cols, rows } = filtered;
  const cellMm = block / pxPerMm;

  const analysis =
    options.analysis ??
    analyzePhoto(image, {
      calibration: { pxPerMm },
      roi: zonesBoundingBox(zones, (ringMm + gapMm) * pxPerMm, image),
    });

  const scalp = analysis.scalpMap ? decodeScalpMap(analysis.scalpMap) : null;
  const onScalp = (i: number): boolean => {
    if (!scalp) return true;
    const x = ((i % cols) + 0.5) * block;
    const y = (Math.floor(i / cols) + 0.5) * block;
    const mx = Math.min(scalp.width - 1, Math.floor(x / scalp.factor));
    const my = Math.min(scalp.height - 1, Math.floor(y / scalp.factor));
    return isScalpClass(scalp.classes[my * scalp.width + mx]!);
  };
  return zones.map((zone, index) => {
    const zoneMask = new Uint8Array(cols * rows);
    rasterizePolygon(zoneMask, cols, rows, zone.polygon, 1 / block);
    const fromZone = distanceTransform(zoneMask, cols, rows);
    const ring = new Uint8Array(cols * rows);
    let zoneCells = 0;
    let ringCells = 0;
    for (let i = 0; i < ring.length; i++) {
      const d = fromZone[i]! * cellMm;
      if (zoneMask[i]) zoneCells++;
      // The ring is scalp only: the forehead or the background beside a zone is no reference.
      else if (d > gapMm && d <= gapMm + ringMm && onScalp(i)) {
        ring[i] = 1;
        ringCells++;
      }
    }
    if (zoneCells === 0)
      throw new AnalysisInputError(`zones[${index}].polygon`, 'covers no part of the image');
    if (ringCells === 0)
      throw new AnalysisInputError(
        `zones[${index}].polygon`,
        'has no scalp round it to compare with (the ring round the zone is face or background)',
      );
    const zoneLab = meanLab(filtered, zoneMask);
    const ringLab = meanLab(filtered, ring);
    const zonePlanes = {
      L: new Float32Array(zoneCells),
      a: new Float32Array(zoneCells),
      b: new Float32Array(zoneCells),
    };
    for (let i = 0, k = 0; i < zoneMask.length; i++)
      if (zoneMask[i]) {
        zonePlanes.L[k] = filtered.L[i]!;
        zonePlanes.a[k] = filtered.a[i]!;
        zonePlanes.b[k] = filtered.b[i]!;
        k++;
      }
    const map = deltaE2000ToReference(zonePlanes, ringLab, new Float32Array(zoneCells));
    let sum = 0;
    for (const v of map) sum += v;
    const p95 = quantileInPlace(map, 0.95);

    // Density of detected dots inside and around (photo-pixel geometry).
    const zoneAreaCm2 = (zoneCells * cellMm * cellMm) / 100;
    const ringAreaCm2 = (ringCells * cellMm * cellMm) / 100;
    let inside = 0;
    let around = 0;
    for (const f of analysis.follicles) {
      if (pointInPolygon(zone.polygon, f.x, f.y)) inside++;
      else {
        const c = Math.min(cols - 1, Math.floor(f.x / block));
        const r = Math.min(rows - 1, Math.floor(f.y / block));
        if (ring[r * cols + c]) around++;
      }
    }
    const densityInside = inside / zoneAreaCm2;
    const densityAround = ringAreaCm2 > 0 ? around / ringAreaCm2 : 0;
    return {
      id: zone.id ?? `zone-${index + 1}`,
      zoneLab: roundLab(zoneLab),
      ringLab: roundLab(ringLab),
      deltaE00: round(deltaE2000(zoneLab, ringLab)),
      deltaE00Mean: round(sum / zoneCells),
      deltaE00P95: round(p95),
      deltaEab: round(deltaE76(zoneLab, ringLab)),
      densityInside: round(densityInside),
      densityAround: round(densityAround),
      densityRatio: densityAround > 0 ? round(densityInside / densityAround) : null,
      zoneAreaCm2: round(zoneAreaCm2),
    };
  });
}

/**
 * An image as seen from `viewingDistanceMm` (S-CIELAB, as `camouflageScore` sees it): CIELAB per
 * cell of `block` photo pixels, and the mean colour of a set of those cells (linear XYZ averaged).
 */
export function viewedFrom(
  image: RgbImage,
  pxPerMm: number,
  viewingDistanceMm = DEFAULT_VIEWING_DISTANCE_MM,
): { cols: number; rows: number; block: number; meanLab(cells: Uint8Array): Lab } {
  validateImage(image);
  if (!(pxPerMm > 0)) throw new AnalysisInputError('pxPerMm', 'must be a positive number');
  const pxPerDegree = pxPerMm * viewingDistanceMm * Math.tan(Math.PI / 180);
  const block = Math.max(1, Math.floor(pxPerDegree / SAMPLES_PER_DEGREE));
  const filtered = sCielabFilter(image, block, pxPerDegree / block);
  return { cols: filtered.cols, rows: filtered.rows, block, meanLab: (cells) => meanLab(filtered, cells) };
}

/** The same zones scored on the photo before and on a render (or photo) after, same size and scale. */
export function compareCamouflage(
  before: RgbImage,
  after: RgbImage,
  zones: CamouflageZone[],
  options: Omit<CamouflageOptions, 'analysis'>,
): CamouflageComparison[] {
  if (before.width !== after.width || before.height !== after.height)
    throw new AnalysisInputError(
      'after',
      `must have the size of before (${before.width}×${before.height}), got ${after.width}×${after.height}`,
    );
  const b = camouflageScore(before, zones, options);
  const a = camouflageScore(after, zones, options);
  return b.map((zb, i) => ({
    id: zb.id,
    before: zb,
    after: a[i]!,
    deltaE00Reduction: round(zb.deltaE00 - a[i]!.deltaE00),
  }));
}

interface FilteredLab {
  cols: number;
  rows: number;
  X: Float32Array;
  Y: Float32Array;
  Z: Float32Array;
  L: Float32Array;
  a: Float32Array;
  b: Float32Array;
}

/** Area-averages to `block` px cells in linear XYZ, filters in opponent space, returns Lab. */
function sCielabFilter(image: RgbImage, block: number, samplesPerDegree: number): FilteredLab {
  const cols = Math.ceil(image.width / block);
  const rows = Math.ceil(image.height / block);
  const n = cols * rows;
  const o1 = new Float32Array(n);
  const o2 = new Float32Array(n);
  const o3 = new Float32Array(n);
  const opp = [o1, o2, o3];
  const count = new Float32Array(n);
  const ch = image.channels;
  for (let y = 0; y < image.height; y++) {
    const rowBase = Math.floor(y / block) * cols;
    for (let x = 0, s = y * image.width * ch; x < image.width; x++, s += ch) {
      // linear sRGB straight to the opponent channels (one 3 × 3 matrix, see RGB_TO_OPP)
      const r = SRGB8_TO_LINEAR[image.data[s]!]!;
      const g = SRGB8_TO_LINEAR[image.data[s + 1]!]!;
      const b = SRGB8_TO_LINEAR[image.data[s + 2]!]!;
      const k = rowBase + Math.floor(x / block);
      o1[k] = o1[k]! + RGB_TO_OPP[0]! * r + RGB_TO_OPP[1]! * g + RGB_TO_OPP[2]! * b;
      o2[k] = o2[k]! + RGB_TO_OPP[3]! * r + RGB_TO_OPP[4]! * g + RGB_TO_OPP[5]! * b;
      o3[k] = o3[k]! + RGB_TO_OPP[6]! * r + RGB_TO_OPP[7]! * g + RGB_TO_OPP[8]! * b;
      count[k] = count[k]! + 1;
    }
  }
  for (let c = 0; c < 3; c++) for (let k = 0; k < n; k++) opp[c]![k] = opp[c]![k]! / count[k]!;
  const filtered = opp.map((plane, c) => {
    const out = new Float32Array(n);
    const f = FILTERS[c]!;
    f.weights.forEach((w, i) => {
      // exp(−r²/s²) is a Gaussian of σ = s/√2
      const sigma = (f.spreads[i]! * samplesPerDegree) / Math.SQRT2;
      const g = gaussianBlur(plane, cols, rows, sigma);
      for (let k = 0; k < n; k++) out[k] = out[k]! + w * g[k]!;
    });
    return out;
  });
  const X = new Float32Array(n);
  const Y = new Float32Array(n);
  const Z = new Float32Array(n);
  const L = new Float32Array(n);
  const a = new Float32Array(n);
  const b = new Float32Array(n);
  const m = OPP_TO_XYZ;
  for (let k = 0; k < n; k++) {
    const o1 = filtered[0]![k]!;
    const o2 = filtered[1]![k]!;
    const o3 = filtered[2]![k]!;
    X[k] = m[0]! * o1 + m[1]! * o2 + m[2]! * o3;
    Y[k] = m[3]! * o1 + m[4]! * o2 + m[5]! * o3;
    Z[k] = m[6]! * o1 + m[7]! * o2 + m[8]! * o3;
    const lab = xyzToLab(X[k]!, Y[k]!, Z[k]!);
    L[k] = lab[0];
    a[k] = lab[1];
    b[k] = lab[2];
  }
  return { cols, rows, X, Y, Z, L, a, b };
}

function meanLab(f: FilteredLab, mask: Uint8Array): Lab {
  let x = 0;
  let y = 0;
  let z = 0;
  let n = 0;
  for (let i = 0; i < mask.length; i++)
    if (mask[i]) {
      x += f.X[i]!;
      y += f.Y[i]!;
      z += f.Z[i]!;
      n++;
    }
  return n ? xyzToLab(x / n, y / n, z / n) : [Number.NaN, Number.NaN, Number.NaN];
}

function zonesBoundingBox(
  zones: CamouflageZone[],
  margin: number,
  image: RgbImage,
): { x: number; y: number; w: number; h: number } {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const z of zones)
    for (const [x, y] of z.polygon) {
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x);
      y1 = Math.max(y1, y);
    }
  x0 = Math.max(0, Math.floor(x0 - margin));
  y0 = Math.max(0, Math.floor(y0 - margin));
  x1 = Math.min(image.width, Math.ceil(x1 + margin));
  y1 = Math.min(image.height, Math.ceil(y1 + margin));
  return { x: x0, y: y0, w: Math.max(16, x1 - x0), h: Math.max(16, y1 - y0) };
}

function multiply3(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  for (let r = 0; r < 3; r++)
    for (let c = 0; c < 3; c++)
      out.push(a[3 * r]! * b[c]! + a[3 * r + 1]! * b[3 + c]! + a[3 * r + 2]! * b[6 + c]!);
  return out;
}

function invert3(m: readonly number[]): number[] {
  const [a, b, c, d, e, f, g, h, i] = m as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [
    A / det,
    -(b * i - c * h) / det,
    (b * f - c * e) / det,
    B / det,
    (a * i - c * g) / det,
    -(a * f - c * d) / det,
    C / det,
    -(a * h - b * g) / det,
    (a * e - b * d) / det,
  ];
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
function roundLab(lab: Lab): Lab {
  return [round(lab[0]), round(lab[1]), round(lab[2])];
}
