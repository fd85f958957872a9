/**
 * From shafts and pores to follicles: each hair counted once, at the point where it leaves the
 * skin.
 *
 * - A hair lying on the skin shows two ends. The exit end is the one beside a dark pore (the
 *   opening, and the hair's root seen through the skin), and the dim one: the shaft runs into the
 *   skin at a slant and fades under the translucent epidermis, while the cut tip ends abruptly
 *   at full contrast.
 * - Neighbouring hairs grow in a common direction (the hair stream), so where a hair's own ends
 *   are alike, its neighbours' direction decides: each hair's own evidence and a vote of the
 *   hairs around it, weighted by distance and by how clear each was.
 * - A pore at the exit end, or anywhere along a dark shaft, is that hair's opening, not a second
 *   follicle; a pore that no shaft claims is a follicle of its own (an opening, or a stub too
 *   short to show as a line).
 */
import { sampleBilinear } from './gaussian-filter.js';
import type { HessianFeatures } from './hessian-features.js';
import type { LineSegment } from './line-segments.js';
import type { Pore } from './pore-detector.js';
import { joinBroken, SpatialIndex } from './shaft-joining.js';

/**
 * Weights of the exit-end cues, as log-odds: a pore at one end only is right about five times in
 * six, the fade along the shaft about two times in three; the stream of the neighbours, when they
 * all agree, is right about nineteen times in twenty (measured on the development window of
 * pale lying hair).
 */
const PORE_WEIGHT = 1.6;
const FADE_WEIGHT = 0.7;
const STREAM_WEIGHT = 3;
const STREAM_ROUNDS = 4;
/** The dim end is followed while the shaft keeps this share of its contrast, up to this far (mm). */
const FADE_VISIBLE = 0.5;
const FADE_REACH_MM = 0.5;
/** Pores at the two ends must differ by this much contrast to count as a cue. */
const PORE_CUE_CONTRAST = 0.05;

export interface HairFollicle {
  /** Exit point (working px). */
  x: number;
  y: number;
  kind: 'opening' | 'shaft';
  /** Unit vector from the exit point toward the tip (shafts only; 0 for openings). */
  dx: number;
  dy: number;
  lengthPx: number;
  /** Strength over the noise floor of the evidence (the shaft's or the pore's). */
  snr: number;
  /** Weber contrast of the shaft or the pore against the skin. */
  contrast: number;
  /** The exit end's certainty: |own evidence + neighbours' vote| (shafts), 0 for openings. */
  endMargin: number;
  bright: boolean;
}

export interface ExitParams {
  pxPerMm: number;
  /** A pore this close to a shaft's end (mm) is that hair's opening. */
  endReachMm: number;
  /** A pore this close to a dark shaft's axis (mm), within its length, belongs to it. */
  sideReachMm: number;
  /** Scale of the neighbourhood the hair stream is taken from (mm, Gaussian σ). */
  flowSigmaMm: number;
  /** Shafts that are one hair broken in two: end gap (mm) and angle (degrees). */
  joinGapMm: number;
  joinAngleDeg: number;
}

interface Shaft {
  seg: LineSegment;
  /** End points (working px). */
  ax: number;
  ay: number;
  bx: number;
  by: number;
  poreA: Pore | null;
  poreB: Pore | null;
  /** Own evidence: positive means the exit is at end A. */
  own: number;
  contrast: number;
}

export function assembleFollicles(
  segments: LineSegment[],
  pores: Pore[],
  f: HessianFeatures,
  params: ExitParams,
): { follicles: HairFollicle[]; shafts: number; claimedPores: number } {
  const s = params.pxPerMm;
  const joined = joinBroken(segments, params.joinGapMm * s, (params.joinAngleDeg * Math.PI) / 180);
  const shafts: Shaft[] = joined.map((seg) => ({
    seg,
    ax: seg.x + seg.tA * seg.dx,
    ay: seg.y + seg.tA * seg.dy,
    bx: seg.x + seg.tB * seg.dx,
    by: seg.y + seg.tB * seg.dy,
    poreA: null,
    poreB: null,
    own: 0,
    contrast: shaftContrast(f, seg),
  }));
  const poreIndex = new SpatialIndex<Pore>(Math.max(2, 3 * s));
  for (const p of pores) poreIndex.add(p.x, p.y, p);
  const claimed = new Set<Pore>();
  const endReach = params.endReachMm * s;
  const sideReach = params.sideReachMm * s;
  for (const sh of shafts) {
    const { seg } = sh;
    // a pore at either end: the nearest within reach, a little beyond the end counting as at it
    sh.poreA = nearestPore(
      poreIndex,
      sh.ax - 0.5 * endReach * seg.dx,
      sh.ay - 0.5 * endReach * seg.dy,
      endReach,
    );
    sh.poreB = nearestPore(
      poreIndex,
      sh.bx + 0.5 * endReach * seg.dx,
      sh.by + 0.5 * endReach * seg.dy,
      endReach,
    );
    if (sh.poreA === sh.poreB) {
      // one pore near both ends of a very short shaft: it belongs to the nearer end
      const p = sh.poreA;
      if (p && Math.hypot(p.x - sh.ax, p.y - sh.ay) > Math.hypot(p.x - sh.bx, p.y - sh.by)) sh.poreA = null;
      else sh.poreB = null;
    }
    if (sh.poreA) claimed.add(sh.poreA);
    if (sh.poreB) claimed.add(sh.poreB);
    if (!seg.bright)
      poreIndex.forEachNear(seg.x, seg.y, seg.length / 2 + endReach, (p) => {
        const ux = p.x - seg.x;
        const uy = p.y - seg.y;
        const along = ux * seg.dx + uy * seg.dy;
        const across = Math.abs(-ux * seg.dy + uy * seg.dx);
        if (across <= sideReach && along >= seg.tA - endReach && along <= seg.tB + endReach) claimed.add(p);
      });
    sh.own = ownEvidence(f, sh);
  }

  // The hair stream: each shaft's exit→tip direction, as its neighbours see it. Neighbour lists
  // and weights once; then a few rounds in which every shaft's belief is its own evidence plus the
  // mean belief of its neighbours, so that agreement spreads through a stream of weak cues.
  const flowIndex = new SpatialIndex<number>(Math.max(2, 2 * params.flowSigmaMm * s));
  shafts.forEach((sh, i) => flowIndex.add(sh.seg.x, sh.seg.y, i));
  const sigma = params.flowSigmaMm * s;
  const nbr: number[][] = [];
  const nbrWeight: number[][] = [];
  shafts.forEach((sh, i) => {
    const list: number[] = [];
    const weights: number[] = [];
    flowIndex.forEachNear(sh.seg.x, sh.seg.y, 2.5 * sigma, (j) => {
      if (j === i) return;
      const o = shafts[j]!;
      const cos = o.seg.dx * sh.seg.dx + o.seg.dy * sh.seg.dy;
      if (Math.abs(cos) < 0.5) return;
      const d2 = (o.seg.x - sh.seg.x) ** 2 + (o.seg.y - sh.seg.y) ** 2;
      list.push(j);
      // o's exit→tip vector is +d when its exit is at A; projected on this shaft's axis
      weights.push(Math.exp(-d2 / (2 * sigma * sigma)) * cos);
    });
    nbr.push(list);
    nbrWeight.push(weights);
  });
  let belief = Float64Array.from(shafts, (sh) => sh.own);
  for (let round = 0; round < STREAM_ROUNDS; round++) {
    const next = new Float64Array(shafts.length);
    shafts.forEach((sh, i) => {
      let sum = 0;
      let total = 0;
      const list = nbr[i]!;
      const weights = nbrWeight[i]!;
      for (let k = 0; k < list.length; k++) {
        sum += weights[k]! * Math.tanh(belief[list[k]!]!);
        total += Math.abs(weights[k]!);
      }
      // the stream's direction here, from −1 to 1 (1: every neighbour sure of end A), shrunk
      // toward 0 where there are few neighbours
      const vote = (STREAM_WEIGHT * sum) / (total + 1);
      next[i] = sh.own + vote;
    });
    belief = next;
  }
  const follicles: HairFollicle[] = [];
  shafts.forEach((sh, i) => {
    const { seg } = sh;
    const decision = belief[i]!;
    const atA = decision >= 0;
    const pore = atA ? sh.poreA : sh.poreB;
    // Without a pore the exit is where the dim end fades into the skin, which can lie beyond
    // the run the line filter kept (its faint last stretch falls under the hysteresis).
    const fadeT = pore
      ? 0
      : fadeOut(f, seg, atA ? seg.tA : seg.tB, atA ? -1 : 1, sh.contrast, FADE_REACH_MM * s);
    const ex = pore ? pore.x : (atA ? sh.ax : sh.bx) + fadeT * (atA ? -seg.dx : seg.dx);
    const ey = pore ? pore.y : (atA ? sh.ay : sh.by) + fadeT * (atA ? -seg.dy : seg.dy);
    follicles.push({
      x: ex,
      y: ey,
      kind: 'shaft',
      dx: atA ? seg.dx : -seg.dx,
      dy: atA ? seg.dy : -seg.dy,
      lengthPx: seg.length,
      snr: seg.snr,
      contrast: sh.contrast,
      endMargin: Math.abs(decision),
      bright: seg.bright,
    });
  });
  for (const p of pores) {
    if (claimed.has(p)) continue;
    follicles.push({
      x: p.x,
      y: p.y,
      kind: 'opening',
      dx: 0,
      dy: 0,
      lengthPx: 0,
      snr: p.snr,
      contrast: p.contrast,
      endMargin: 0,
      bright: false,
    });
  }
  return { follicles, shafts: shafts.length, claimedPores: claimed.size };
}

/**
 * Positive: the exit is at end A. A pore at one end only is the strongest cue; on pale hair the
 * fade along the shaft (the dim end is the exit) adds a weaker one.
 */
function ownEvidence(f: HessianFeatures, sh: Shaft): number {
  const { seg } = sh;
  const pore = (sh.poreA?.contrast ?? 0) - (sh.poreB?.contrast ?? 0);
  const poreCue = Math.abs(pore) >= PORE_CUE_CONTRAST ? Math.sign(pore) : 0;
  // The fade was measured on pale hair lying on the skin; on dark stubble the opening darkens the
  // exit end and the fade points the wrong way as often as not, so there only the pore counts.
  if (!seg.bright) return PORE_WEIGHT * poreCue;
  // how the shaft's visibility changes from A to B, over its middle 80 %
  const sign = 1;
  let n = 0;
  let st = 0;
  let sp = 0;
  let stt = 0;
  let stp = 0;
  const from = seg.tA + 0.1 * seg.length;
  const to = seg.tB - 0.1 * seg.length;
  const step = Math.max(0.5, (to - from) / 12);
  for (let t = from; t <= to + 1e-9; t += step) {
    const p = crossPeak(f, seg, t, sign);
    n++;
    st += t;
    sp += p;
    stt += t * t;
    stp += t * p;
  }
  const varT = stt - (st * st) / n;
  const slope = varT > 1e-9 ? (stp - (st * sp) / n) / varT : 0;
  // relative change of visibility over the shaft's length: 1 = from nothing to full
  const fade = (slope * seg.length) / Math.max(0.05, Math.abs(sh.contrast));
  return PORE_WEIGHT * poreCue + FADE_WEIGHT * Math.max(-1, Math.min(1, fade));
}

/**
 * How far beyond the end at `t0` (walking in direction `dir` along the axis) the shaft stays
 * visible: at least a quarter of its contrast.
 */
function fadeOut(
  f: HessianFeatures,
  seg: LineSegment,
  t0: number,
  dir: number,
  contrast: number,
  reach: number,
): number {
  const sign = seg.bright ? 1 : -1;
  const floor = FADE_VISIBLE * Math.abs(contrast);
  let u = 0;
  while (u + 0.5 <= reach && crossPeak(f, seg, t0 + dir * (u + 0.5), sign) >= floor) u += 0.5;
  return u;
}

/**
 * The shaft's visibility at position t along its axis: the strongest value across it within a
 * pixel of the axis (a slightly curved hair, or an axis a pixel off at one end, must not read as
 * the hair fading there).
 */
function crossPeak(f: HessianFeatures, seg: LineSegment, t: number, sign: number): number {
  let best = -Infinity;
  for (let o = -1; o <= 1; o += 0.5) {
    const v = sampleBilinear(
      f.smooth,
      f.width,
      f.height,
      seg.x + t * seg.dx - o * seg.dy,
      seg.y + t * seg.dy + o * seg.dx,
    );
    best = Math.max(best, sign * (v - 1));
  }
  return best;
}

/** Mean signed contrast along the middle half of the shaft (pale > 0, dark < 0). */
export function shaftContrast(f: HessianFeatures, seg: LineSegment): number {
  let sum = 0;
  let n = 0;
  for (let k = 0; k <= 8; k++) {
    const t = seg.tA + seg.length * (0.25 + (0.5 * k) / 8);
    sum += sampleBilinear(f.smooth, f.width, f.height, seg.x + t * seg.dx, seg.y + t * seg.dy) - 1;
    n++;
  }
  return sum / n;
}

function nearestPore(index: SpatialIndex<Pore>, x: number, y: number, reach: number): Pore | null {
  let best: Pore | null = null;
  let bestD = reach * reach;
  index.forEachNear(x, y, reach, (p) => {
    const d = (p.x - x) ** 2 + (p.y - y) ** 2;
    if (d <= bestD) {
      bestD = d;
      best = p;
    }
  });
  return best;
}
