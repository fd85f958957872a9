/**
 * Stubble lying on the skin and catching the light: short thin bright streaks (a glint along the
 * hair, grey or blond stubble). They are what the detection channel clips, so they are found as
 * thin elongated components of clipped pixels. A hair whose opening is not visible as a dark dot
 * still marks a follicle, so a streak with no opening near it counts as one, placed at its middle.
 * Dark stubble needs no such path: its root is the darkest part and is found as an opening, and
 * its stub is merged into it (follicle-detector.ts). Ridges that belong to an opening already found (its own stub, the
 * shadow a bright hair casts) are not counted twice.
 */
import type { Blob } from './blob-detector.js';
import { BRIGHT_CLIP } from './detection-channel.js';
import { gaussianAt, type ScaleSpace } from './scale-space.js';

/** Length of a stubble hair lying on the skin that still reads as one hair (mm). */
export const SHAFT_LENGTH_MM = [0.25, 1.8] as const;
/** Widest ridge accepted as a hair shaft (mm); terminal shafts are 0.06-0.14 mm. */
const SHAFT_MAX_WIDTH_MM = 0.22;
const SHAFT_MIN_ELONGATION = 3;
/** Smoothed channel within this of the clip level counts as bright stubble. */
const BRIGHT_MARGIN = 0.04;
/** Both flanks of a hair are skin: not brighter than this (skin level is 1). */
const SKIN_SIDE_LEVEL = 1.05;

export interface Shaft {
  x: number;
  y: number;
  /** Unit direction along the hair. */
  dx: number;
  dy: number;
  lengthPx: number;
  widthPx: number;
}

interface Component {
  n: number;
  sx: number;
  sy: number;
  sxx: number;
  syy: number;
  sxy: number;
}

export function detectShafts(space: ScaleSpace, pxPerMm: number): Shaft[] {
  const g = space.gaussians[0]!; // finest level: a hair is 1-3 px wide at 15-30 px/mm
  const { width: w, height: h, data } = g;
  const brightLevel = BRIGHT_CLIP - BRIGHT_MARGIN;
  // One byte per pixel: bit 1 = bright stubble, bit 2 = visited by the flood fill.
  const label = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) if (data[i]! >= brightLevel) label[i] = 1;
  const stack: number[] = [];
  const shafts: Shaft[] = [];
  const [minLen, maxLen] = [SHAFT_LENGTH_MM[0] * pxPerMm, SHAFT_LENGTH_MM[1] * pxPerMm];
  const maxWidth = SHAFT_MAX_WIDTH_MM * pxPerMm;
  for (let start = 0; start < w * h; start++) {
    if (label[start] !== 1) continue;
    const comp: Component = { n: 0, sx: 0, sy: 0, sxx: 0, syy: 0, sxy: 0 };
    label[start] = 3;
    stack.push(start);
    while (stack.length) {
      const i = stack.pop()!;
      const x = i % w;
      const y = (i - x) / w;
      comp.n++;
      comp.sx += x;
      comp.sy += y;
      comp.sxx += x * x;
      comp.syy += y * y;
      comp.sxy += x * y;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          const yy = y + dy;
          if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
          const j = yy * w + xx;
          if (label[j] === 1) {
            label[j] = 3;
            stack.push(j);
          }
        }
    }
    if (comp.n < 3 || comp.n > 4 * maxLen * maxWidth) continue; // a speck, or a sheen: not a hair
    const mx = comp.sx / comp.n;
    const my = comp.sy / comp.n;
    const cxx = comp.sxx / comp.n - mx * mx;
    const cyy = comp.syy / comp.n - my * my;
    const cxy = comp.sxy / comp.n - mx * my;
    const tmean = 0.5 * (cxx + cyy);
    const trad = Math.sqrt(0.25 * (cxx - cyy) ** 2 + cxy * cxy);
    const l1 = tmean + trad;
    const l2 = Math.max(1e-6, tmean - trad);
    const length = Math.sqrt(12 * l1);
    const width = comp.n / Math.max(1, length);
    if (length < minLen || length > maxLen || width > maxWidth || Math.sqrt(l1 / l2) < SHAFT_MIN_ELONGATION)
      continue;
    const angle = 0.5 * Math.atan2(2 * cxy, cxx - cyy);
    // A hair is a bright line with skin on both sides; the bright edge of a pale scar is not.
    const dx = Math.cos(angle);
    const dy = Math.sin(angle);
    const off = width / 2 + 2;
    let sideA = 0;
    let sideB = 0;
    for (const t of [-length / 3, 0, length / 3]) {
      sideA += gaussianAt(g, mx + t * dx - off * dy, my + t * dy + off * dx);
      sideB += gaussianAt(g, mx + t * dx + off * dy, my + t * dy - off * dx);
    }
    if (Math.max(sideA, sideB) / 3 > SKIN_SIDE_LEVEL) continue;
    shafts.push({
      x: mx,
      y: my,
      dx,
      dy,
      lengthPx: length,
      widthPx: width,
    });
  }
  return shafts;
}

export function distanceToShaft(s: Shaft, x: number, y: number): number {
  const ux = x - s.x;
  const uy = y - s.y;
  const along = Math.max(-s.lengthPx / 2, Math.min(s.lengthPx / 2, ux * s.dx + uy * s.dy));
  return Math.hypot(ux - along * s.dx, uy - along * s.dy);
}

/** Shafts that mark a follicle not found as an opening: no dark blob touches them. */
export function unmatchedShafts(shafts: Shaft[], openings: Blob[], pxPerMm: number): Shaft[] {
  const touch = 0.2 * pxPerMm;
  const cell = SHAFT_LENGTH_MM[1] * pxPerMm;
  const hash = new Map<number, Blob[]>();
  const key = (cx: number, cy: number): number => cy * 1_000_003 + cx;
  for (const b of openings) {
    const k = key(Math.floor(b.x / cell), Math.floor(b.y / cell));
    const list = hash.get(k);
    if (list) list.push(b);
    else hash.set(k, [b]);
  }
  const out: Shaft[] = [];
  for (const s of shafts) {
    let claimed = false;
    const cx = Math.floor(s.x / cell);
    const cy = Math.floor(s.y / cell);
    for (let dy = -1; dy <= 1 && !claimed; dy++)
      for (let dx = -1; dx <= 1 && !claimed; dx++)
        for (const b of hash.get(key(cx + dx, cy + dy)) ?? [])
          if (distanceToShaft(s, b.x, b.y) <= touch + Math.SQRT2 * b.sigma) {
            claimed = true;
            break;
          }
    if (!claimed) out.push(s);
  }
  return out;
}
