/**
 * FUE punch scars: round pale dots 0.6-1.0 mm across (punches of 0.6-1.0 mm; Rose & Morgan 2018),
 * hair-free, in a cluster dense enough to be a harvested donor area.
 *
 * A dot is a bright spot of the working channel (skin level 1) at the punch scale, and it must:
 * - stand clear of the skin around it, yet not be a glint (a scar is paler than skin, not a mirror);
 * - be round (tufts of stubble and shine streaks are not) and pale all over (a crossing of grey
 *   hairs is pale and round at this scale too, but made of thin lines);
 * - carry no follicle and no hair shaft;
 * - lie outside glare and amid resolved scalp (the lit fringe of stubble on a head's silhouette
 *   looks like a row of pale dots).
 */
import { convexHull, polygonArea } from '../geometry/polygon.js';
import { blockMean, sampleBilinear } from './gaussian-filter.js';
import { hessianFeatures, peakOffset, roundnessAt } from './hessian-features.js';
import type { LineSegment } from './line-segments.js';
import { expectedSpotResponse } from './resolvability.js';
import { median } from './robust-stats.js';
import type { ScarSuggestionDraft } from './scar-gaps.js';

/** Gaussian σ of a punch scar of 0.6-1.0 mm across. */
const FUE_SIGMA_MM = 0.25;
/** The largest punch (mm). */
const FUE_MAX_DIAMETER_MM = 1;
/** Weber contrast over the ring of skin around a dot: clear, but below a glint's. */
const FUE_MIN_CONTRAST = 0.1;
const FUE_MAX_CONTRAST = 1.6;
/** Smaller over larger curvature at the peak: punch scars are round. */
const FUE_MIN_ROUNDNESS = 0.5;
/** Share of the dot's core above half its contrast: a disc, not a tuft of lines. */
const FUE_MIN_FILL = 0.9;
/** The dot and the skin this far around it (mm) must be resolved scalp. */
const FUE_CONTEXT_MM = 2;
const FUE_LINK_MM = 8;
const FUE_MAX_LINK_MM = 15;
/**
 * An FUE harvest leaves hundreds of punches and a close-up of a donor area shows at least ten;
 * a handful of pale dots is skin between follicles (the crown fixture shows clusters of 5 and 8).
 */
const FUE_MIN_DOTS = 10;
/** At most this much outline per punch scar (mm²), 5 per cm²: a harvested donor area is denser. */
const FUE_MAX_AREA_PER_DOT_MM2 = 20;

export interface FueDot {
  x: number;
  y: number;
  r: number;
  contrast: number;
}

export interface FueInput {
  channel: Float32Array;
  width: number;
  height: number;
  pxPerMm: number;
  /** Follicles (exit points and openings) and hair shafts anywhere, resolved or not (working px). */
  follicles: readonly { x: number; y: number; bright: boolean }[];
  segments: readonly LineSegment[];
  /** Resolved scalp outside glare, at a working position. */
  usable: (x: number, y: number) => boolean;
}

export function detectFueDots(input: FueInput): FueDot[] {
  const s = input.pxPerMm;
  // A punch scar spans 6-10 working pixels: half the resolution finds it as well, four times cheaper.
  const step = s >= 8 ? 2 : 1;
  const coarse = blockMean(input.channel, input.width, input.height, step);
  const { width: w, height: h } = coarse;
  // bright spots are the dark spots of the negated channel
  for (let i = 0; i < coarse.data.length; i++) coarse.data[i] = 2 - coarse.data[i]!;
  const sigma = (FUE_SIGMA_MM * s) / step;
  const f = hessianFeatures(coarse.data, w, h, sigma, { darkSpot: true });
  const strength = f.darkSpot;
  const smooth = f.smooth;
  // half the response of the faintest dot accepted (a Gaussian dot of σ at this scale), so the
  // ring and fill tests run on few peaks
  const minStrength = 0.5 * expectedSpotResponse(FUE_MIN_CONTRAST, sigma, sigma);
  const ringR = 2.2 * sigma;
  const coreR = 0.8 * sigma * step;
  const context = FUE_CONTEXT_MM * s;
  const radius = Math.SQRT2 * sigma * step;
  const hairNear = hairLookup(input, Math.max(2, Math.ceil(2 * s)), FUE_MAX_DIAMETER_MM * s);
  const dots: FueDot[] = [];
  const margin = Math.ceil(ringR) + 2;
  for (let y = margin; y < h - margin; y++)
    for (let x = margin; x < w - margin; x++) {
      const i = y * w + x;
      const v = strength[i]!;
      if (v < minStrength) continue;
      const peak = peakOffset(strength, w, i);
      if (!peak) continue;
      // in working pixels
      const wx = (x + peak[0]) * step + (step - 1) / 2;
      const wy = (y + peak[1]) * step + (step - 1) / 2;
      if (!input.usable(wx, wy)) continue;
      const centre = 2 - smooth[i]!;
      const ring: number[] = [];
      for (let k = 0; k < 16; k++) {
        const a = (k * Math.PI) / 8;
        ring.push(2 - sampleBilinear(smooth, w, h, x + ringR * Math.cos(a), y + ringR * Math.sin(a)));
      }
      ring.sort((p, q) => p - q);
      const skin = 0.5 * (ring[7]! + ring[8]!);
      const contrast = skin > 0 ? (centre - skin) / skin : 0;
      if (contrast < FUE_MIN_CONTRAST || contrast > FUE_MAX_CONTRAST) continue;
      if (roundnessAt(smooth, w, i) < FUE_MIN_ROUNDNESS) continue;
      const level = skin + 0.5 * (centre - skin);
      if (fill(input.channel, input.width, Math.round(wx), Math.round(wy), coreR, level) < FUE_MIN_FILL)
        continue;
      let inContext = true;
      for (let k = 0; k < 8 && inContext; k++) {
        const a = (k * Math.PI) / 4;
        inContext = input.usable(wx + context * Math.cos(a), wy + context * Math.sin(a));
      }
      if (!inContext || hairNear(wx, wy, radius)) continue;
      dots.push({ x: wx, y: wy, r: radius, contrast });
    }
  return dots;
}

/** Whether a follicle or a point of a hair shaft lies within r of (x, y), through a bucket grid. */
function hairLookup(
  input: FueInput,
  cell: number,
  paleLength: number,
): (x: number, y: number, r: number) => boolean {
  const buckets = new Map<number, { x: number; y: number }[]>();
  const key = (x: number, y: number): number => Math.floor(y / cell) * 100_003 + Math.floor(x / cell);
  const add = (p: { x: number; y: number }): void => {
    const k = key(p.x, p.y);
    const list = buckets.get(k);
    if (list) list.push(p);
    else buckets.set(k, [p]);
  };
  // Dark hair anywhere near, and pale hair longer than the largest punch: a punch scar's own pale disc
  // shows short pale ridges of its own, which are no hair.
  for (const p of input.follicles) if (!p.bright) add(p);
  // hair shafts as points every pixel along them, so one lookup answers both
  for (const g of input.segments.filter((g) => !g.bright || g.length > paleLength))
    for (let t = g.tA; t <= g.tB; t += 1) add({ x: g.x + t * g.dx, y: g.y + t * g.dy });
  return (x, y, r) => {
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++)
        for (const p of buckets.get(key(x + dx * cell, y + dy * cell)) ?? [])
          if (Math.hypot(p.x - x, p.y - y) <= r) return true;
    return false;
  };
}

/** Share of the pixels within `r` of (x, y) at or above `level` in the unsmoothed channel. */
function fill(channel: Float32Array, w: number, x: number, y: number, r: number, level: number): number {
  const ri = Math.ceil(r);
  let n = 0;
  let above = 0;
  for (let dy = -ri; dy <= ri; dy++)
    for (let dx = -ri; dx <= ri; dx++) {
      if (dx * dx + dy * dy > r * r) continue;
      n++;
      if (channel[(y + dy) * w + x + dx]! >= level) above++;
    }
  return n ? above / n : 0;
}

export function clusterFueDots(dots: FueDot[], pxPerMm: number): ScarSuggestionDraft[] {
  // Harvests differ in how sparse they are: link dots within 8 mm or twice their typical spacing.
  const nearest = dots.map((d) =>
    Math.min(...dots.filter((o) => o !== d).map((o) => Math.hypot(o.x - d.x, o.y - d.y))),
  );
  const typical = nearest.length > 1 ? median(nearest) : 0;
  const link = Math.min(FUE_MAX_LINK_MM * pxPerMm, Math.max(FUE_LINK_MM * pxPerMm, 2 * typical));
  const parent = dots.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let i = 0; i < dots.length; i++)
    for (let j = i + 1; j < dots.length; j++)
      if (Math.hypot(dots[i]!.x - dots[j]!.x, dots[i]!.y - dots[j]!.y) <= link) parent[find(i)] = find(j);
  const groups = new Map<number, FueDot[]>();
  dots.forEach((d, i) => {
    const g = find(i);
    const list = groups.get(g);
    if (list) list.push(d);
    else groups.set(g, [d]);
  });
  const drafts: ScarSuggestionDraft[] = [];
  for (const group of groups.values()) {
    if (group.length < FUE_MIN_DOTS) continue;
    const rim: [number, number][] = [];
    for (const d of group)
      for (let k = 0; k < 12; k++)
        rim.push([d.x + d.r * Math.cos((k * Math.PI) / 6), d.y + d.r * Math.sin((k * Math.PI) / 6)]);
    const hull = convexHull(rim);
    // A harvested donor area is dense with punch scars; pale spots scattered over a head are not.
    if (polygonArea(hull) / (pxPerMm * pxPerMm) / group.length > FUE_MAX_AREA_PER_DOT_MM2) continue;
    const meanContrast = group.reduce((s, d) => s + d.contrast, 0) / group.length;
    drafts.push({
      kind: 'fue',
      polygon: hull,
      areaMm2: polygonArea(hull) / (pxPerMm * pxPerMm),
      confidence: Math.min(0.95, (1 - Math.exp(-group.length / 4)) * Math.min(1, meanContrast / 0.12)),
      reasons: [
        `${group.length} pale round hair-free dots of ${((2 * median(group.map((d) => d.r))) / pxPerMm).toFixed(1)} mm`,
      ],
      dots: group,
    });
  }
  return drafts;
}
