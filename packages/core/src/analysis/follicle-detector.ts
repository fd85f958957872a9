/**
 * Follicles in the working channel: hair shafts (pale or dark) and pores, assembled so that each
 * hair counts once at its exit point (hair-exits.ts). Scales in mm, converted with the working
 * scale; thresholds in units of each tile's noise floor, so texture (skin grain, JPEG blocks, a
 * phone's denoising) that sets the floor does not pass.
 */
import { GLARE_CELL_SHARE } from './glare-map.js';
import { assembleFollicles, type HairFollicle } from './hair-exits.js';
import { hessianFeatures, type HessianFeatures } from './hessian-features.js';
import { extractLines, type LineSegment } from './line-segments.js';
import { detectPores, type Pore } from './pore-detector.js';
import { sheenSnrScale } from './sheen-snr.js';
import { makeTileGrid, type TileGrid } from './tile-grid.js';
import { quietNoisePerTile } from './tile-noise.js';
import type { WorkingChannel } from './working-channel.js';

/** Gaussian σ of a hair shaft as a phone renders it (0.12-0.25 mm wide): the line filter's scale. */
export const SHAFT_SIGMA_MM = 0.07;
/** Gaussian σ of a pore or opening (0.1-0.3 mm across). */
export const PORE_SIGMA_MM = 0.1;
/** A hair lying on the skin reads as one when 0.3-4 mm of it shows (stubble of a few days). */
export const SHAFT_LENGTH_MM = [0.3, 4] as const;
/** Weber contrast a shaft needs along its middle: a hair is clearly paler or darker than skin. */
export const SHAFT_MIN_CONTRAST = 0.08;
/**
 * A pale shaft's median contrast along its middle over its peak: a hair fading into the skin at
 * its exit keeps about two thirds; a run of bright pixels lit by one specular glint far less.
 */
export const MIN_PALE_EVENNESS = 0.5;
export const PORE_MIN_CONTRAST = 0.1;
/** The pore filter sees the skin up to this much brighter than its level (Weber contrast). */
export const PORE_BRIGHT_CLIP = 0.1;
/**
 * A dark line beside a point this many times brighter (over the skin) than the line is dark is
 * the flank of a glint, not a hair: a dark hair is darker than skin by 10-60 %, a glint on dark
 * skin several times brighter, and its JPEG ringing draws dark lines round it.
 */
export const GLINT_FLANK_RATIO = 6;
/** A bright spot at least twice the skin's level and this round is a glint, not a pale hair. */
export const GLINT_MIN_CONTRAST = 1;
export const GLINT_MIN_ROUNDNESS = 0.5;
/** Line hysteresis and pore threshold, in units of the tile's noise floor (Laplacian spread). */
export const LINE_LOW_SNR = 2;
export const LINE_HIGH_SNR = 4;
export const PORE_MIN_SNR = 1.75;
/** In glare: what clears the diffuse skin between the flecks (see pore-detector.ts). */
export const GLARE_PORE_MIN_SNR = 0.75;
export const GLARE_PORE_MIN_CONTRAST = 0.2;
/** Side of a noise tile (mm): a few follicles at normal density. */
export const NOISE_TILE_MM = 3;
/** Blocks the noise floor is taken from (mm): about the gap between neighbouring hairs. */
export const NOISE_BLOCK_MM = 0.5;

export interface FollicleFinding {
  follicles: HairFollicle[];
  grid: TileGrid;
  /** Noise floors per tile at the shaft and the pore scales. */
  lineNoise: Float32Array;
  poreNoise: Float32Array;
  lines: HessianFeatures;
  spots: HessianFeatures;
  segments: LineSegment[];
  pores: Pore[];
  /** How the pore noise floor follows the sheen's diffuse share (sheen-snr.ts). */
  sheenBeta: number;
}

export function detectFollicles(
  wc: WorkingChannel,
  inside: (x: number, y: number) => boolean,
  /** Glare share at a working position (glare-map.ts); none when absent. */
  glareAt: (x: number, y: number) => number = () => 0,
  /** Diffuse share at a working position (glare-map.ts): 1 where no sheen dilutes the contrast. */
  diffuseAt: (x: number, y: number) => number = () => 1,
): FollicleFinding {
  const s = wc.pxPerMm;
  const { width, height, channel } = wc;
  const grid = makeTileGrid(width, height, NOISE_TILE_MM * s);
  const scratch = new Float32Array(width * height);
  const lines = hessianFeatures(
    channel,
    width,
    height,
    Math.max(0.7, SHAFT_SIGMA_MM * s),
    { brightLine: true, darkLine: true },
    scratch,
  );
  // at the pore scale only the Laplacian is read (noise floor, sharpness, texture): the pores
  // themselves are found on the channel held to skin level below
  const spots = hessianFeatures(channel, width, height, Math.max(0.8, PORE_SIGMA_MM * s), {}, scratch);
  const block = NOISE_BLOCK_MM * s;
  const lineNoise = quietNoisePerTile(lines.laplacian, width, grid, block, inside);
  const poreNoise = quietNoisePerTile(spots.laplacian, width, grid, block, inside);
  const lineParams = {
    low: LINE_LOW_SNR,
    high: LINE_HIGH_SNR,
    minLength: SHAFT_LENGTH_MM[0] * s,
    maxLength: SHAFT_LENGTH_MM[1] * s,
  };
  const segments: LineSegment[] = [];
  for (const bright of [true, false])
    for (const seg of extractLines(lines, bright, lineNoise, grid, lineParams, inside)) {
      // In glare a bright streak is as likely a specular fleck as a hair: no pale hair is read
      // there; a dark one must stand out as a pore there does, the gaps between flecks being dark.
      const inGlare = glareAt(seg.x, seg.y) >= GLARE_CELL_SHARE;
      if (bright && inGlare) continue;
      // contrast of the skin's own light: a sheen adds the same light to hair and skin alike
      const raw = middleContrast(lines, seg);
      const c = raw / (inGlare ? 1 : diffuseAt(seg.x, seg.y));
      const minContrast = inGlare ? GLARE_PORE_MIN_CONTRAST : SHAFT_MIN_CONTRAST;
      // a bright line beside a dark one (or the reverse) is the other's side lobe, not a hair
      if (!(bright ? c >= minContrast : c <= -minContrast)) continue;
      // nor is a dark line hugging a glint far brighter than it is dark: the glint's flank and
      // the JPEG ringing round it
      if (!bright && brightestNear(channel, width, height, seg, lines.sigma) - 1 > GLINT_FLANK_RATIO * -raw)
        continue;
      // a pale hair is pale along its length; a run lit by one glint peaks at a single point
      if (bright && evenness(lines, seg) < MIN_PALE_EVENNESS) continue;
      // and a hair is a line: a glint is a round spot, which the line filter answers all round it
      if (bright && isGlint(lines, seg)) continue;
      segments.push(seg);
    }
  // Openings are dark: anything brighter than the skin (a glint on a stub, a pale hair beside
  // the opening) only bends the spot filter's response, so the pore filter sees the channel held
  // to just above skin level, and its own noise floor.
  const clip = 1 + PORE_BRIGHT_CLIP;
  const darkOnly = new Float32Array(channel.length);
  for (let i = 0; i < channel.length; i++) darkOnly[i] = channel[i]! > clip ? clip : channel[i]!;
  const poreSpots = hessianFeatures(darkOnly, width, height, spots.sigma, { darkSpot: true }, scratch);
  const poreFloor = quietNoisePerTile(poreSpots.laplacian, width, grid, block, inside);
  const sheen = sheenSnrScale(
    grid,
    poreFloor,
    diffuseAt,
    (x, y) => glareAt(x, y) >= GLARE_CELL_SHARE,
    GLARE_PORE_MIN_SNR / PORE_MIN_SNR,
  );
  const pores = detectPores(
    poreSpots,
    poreFloor,
    grid,
    {
      minSnrScale: sheen.scale,
      minSnr: PORE_MIN_SNR,
      minContrast: PORE_MIN_CONTRAST,
      glareMinSnr: GLARE_PORE_MIN_SNR,
      glareMinContrast: GLARE_PORE_MIN_CONTRAST,
      glareAt,
      diffuseAt,
      glareShare: GLARE_CELL_SHARE,
      ringRadius: 2.5 * spots.sigma + 1,
    },
    inside,
  );
  const { follicles } = assembleFollicles(segments, pores, lines, {
    pxPerMm: s,
    endReachMm: 0.3,
    sideReachMm: 0.12,
    flowSigmaMm: 2,
    joinGapMm: 0.25,
    joinAngleDeg: 15,
  });
  return { follicles, grid, lineNoise, poreNoise, lines, spots, segments, pores, sheenBeta: sheen.beta };
}

/**
 * Whether a bright segment is a glint: at its brightest point in the middle half it is at least
 * GLINT_MIN_CONTRAST over the skin and round (smaller over larger curvature above
 * GLINT_MIN_ROUNDNESS). Short pale hairs are often roundish at the working scale, but not that
 * bright; a white hair that bright is long and narrow.
 */
function isGlint(f: HessianFeatures, seg: LineSegment): boolean {
  const g = f.smooth;
  const w = f.width;
  let best = -1;
  let bi = -1;
  for (let k = 0; k <= 4; k++) {
    const t = seg.tA + seg.length * (0.25 + (0.5 * k) / 4);
    const x = Math.round(seg.x + t * seg.dx);
    const y = Math.round(seg.y + t * seg.dy);
    if (x < 1 || y < 1 || x >= w - 1 || y >= f.height - 1) continue;
    const v = g[y * w + x]!;
    if (v > best) {
      best = v;
      bi = y * w + x;
    }
  }
  if (bi < 0 || best - 1 < GLINT_MIN_CONTRAST) return false;
  const c = g[bi]!;
  // curvatures of the negated image, so that a bright spot has both positive
  const hxx = 2 * c - g[bi - 1]! - g[bi + 1]!;
  const hyy = 2 * c - g[bi - w]! - g[bi + w]!;
  const hxy = -0.25 * (g[bi + w + 1]! - g[bi + w - 1]! - g[bi - w + 1]! + g[bi - w - 1]!);
  const half = 0.5 * (hxx + hyy);
  const d = Math.sqrt(0.25 * (hxx - hyy) ** 2 + hxy * hxy);
  const l2 = half + d;
  return (l2 > 0 ? Math.max(0, half - d) / l2 : 0) > GLINT_MIN_ROUNDNESS;
}

/** Brightest channel value within 2σ of a segment's middle. */
function brightestNear(
  channel: Float32Array,
  width: number,
  height: number,
  seg: LineSegment,
  sigma: number,
): number {
  const t = seg.tA + 0.5 * seg.length;
  const cx = Math.round(seg.x + t * seg.dx);
  const cy = Math.round(seg.y + t * seg.dy);
  const r = Math.max(1, Math.ceil(2 * sigma));
  let max = 0;
  for (let y = Math.max(0, cy - r); y <= Math.min(height - 1, cy + r); y++)
    for (let x = Math.max(0, cx - r); x <= Math.min(width - 1, cx + r); x++) {
      const v = channel[y * width + x]!;
      if (v > max) max = v;
    }
  return max;
}

/** Median over maximum of the contrast at nine points along the middle 80 % of a segment. */
function evenness(f: HessianFeatures, seg: LineSegment): number {
  const values: number[] = [];
  for (let k = 0; k <= 8; k++) {
    const t = seg.tA + seg.length * (0.1 + (0.8 * k) / 8);
    const x = Math.round(seg.x + t * seg.dx);
    const y = Math.round(seg.y + t * seg.dy);
    values.push(
      f.smooth[Math.min(f.height - 1, Math.max(0, y)) * f.width + Math.min(f.width - 1, Math.max(0, x))]! - 1,
    );
  }
  values.sort((a, b) => a - b);
  const max = values[values.length - 1]!;
  return max > 0 ? values[values.length >> 1]! / max : 0;
}

function middleContrast(f: HessianFeatures, seg: LineSegment): number {
  let sum = 0;
  for (let k = 0; k <= 4; k++) {
    const t = seg.tA + seg.length * (0.25 + (0.5 * k) / 4);
    const x = Math.round(seg.x + t * seg.dx);
    const y = Math.round(seg.y + t * seg.dy);
    sum +=
      f.smooth[Math.min(f.height - 1, Math.max(0, y)) * f.width + Math.min(f.width - 1, Math.max(0, x))]! - 1;
  }
  return sum / 5;
}
