/**
 * The head and scalp map, computed per photo from the photo alone (no trained weights): each map
 * pixel is other (background, clothing, hands, shoulders, neck), face and ears, bare scalp or
 * hair-bearing scalp.
 *
 * 1. Head against everything else, GrabCut-style (Rother et al. 2004): colour-and-texture GMMs of
 *    head and background, a contrast-sensitive Potts smoothness and a minimum cut, iterated.
 *    The background is seeded from the image border, but only where the border does not look
 *    like the middle of the photo (a close-up is scalp to every border; a head cut off by the top
 *    edge keeps its hair).
 * 2. Hair against skin inside the head: seeds from the photo's own skin (skin-coloured, smooth,
 *    at the typical lightness of the head's skin) and its own hair (much darker, or much more
 *    textured), a GMM for each and a second minimum cut.
 * 3. Scalp against face: the scalp is what lies above the hair's lower boundary (the hairline and
 *    the sides), after closing the hair mask so bald patches within it stay scalp; skin below it
 *    is face and ears. A head with (almost) no hair is bare scalp throughout.
 * 4. Bare against hair-bearing scalp: the share of hair pixels around each scalp pixel.
 */
import type { RgbImage } from '../analysis-input.js';
import { fitGmm, gmmLogLikelihood, type Gmm } from './gmm.js';
import { gridMinCut } from './grid-min-cut.js';
import { computeMapFeatures, FEATURE_DIMS, type MapFeatures } from './map-features.js';
import { labelComponents } from '../../geometry/polygon.js';
import { boxShare, dilate, erode, fillHoles, largestComponent } from './mask-ops.js';
import { MAP_CLASS, type ScalpMap } from './scalp-map.js';
import { addShoulderSeeds } from './body-seeds.js';
import { MIN_HAIR_SHARE, scalpOf } from './scalp-line.js';

/** Log-likelihood margin below the middle of the photo that makes a border pixel background. */
const UNLIKE_MARGIN = 1;
/** Weight of L* against a*, b* and texture in the background seed test. */
const SEED_LIGHTNESS_WEIGHT = 0.35;
/**
 * Variance floor of the seed test's model (units of L*, a*, b*, texture squared): colours within
 * about 6 units of the middle's are the same material seen differently, not a background.
 */
const SEED_VARIANCE_FLOOR = 36;
/** Share of the border that must look like background for the photo to have one. */
const MIN_BORDER_SEEDS = 0.25;
/** Potts weight of the contrast-sensitive smoothness (GrabCut's γ). */
const SMOOTHNESS = 50;
const GMM_COMPONENTS = 5;
/**
 * A head's outline stands off what is behind it by at least this many within-side spreads (the
 * median over the outline); a sheen or shadow on a close-up of the scalp, by well under one.
 */
const MIN_OUTLINE_CONTRAST = 1.5;
/**
 * A head set apart from a border that looks like the middle and covering this share of the photo
 * is no head: the photo is a close-up of the scalp.
 */
const CLOSE_UP_SHARE = 0.9;
/** A head covers at least this share of a photo of it. */
const MIN_HEAD_SHARE = 0.05;
const GRABCUT_ROUNDS = 2;
/** Texture above smooth skin's (L* units) from which a pixel seeds the hair model. */
const HAIR_SEED_TEXTURE = 4;
/** Hair-bearing scalp: at least this share of hair pixels round the pixel. */
const HAIR_BEARING_COVERAGE = 0.35;
/** Radius of the opening that separates the head from what clings to it, per √(head area). */
const OPENING_SHARE = 0.1;

/**
 * The narrowest adult head is about 13 cm across (head breadth, 1st percentile of adults in
 * anthropometric surveys is 13-14 cm): a calibrated photo narrower than that in both directions
 * cannot show a head with something behind it on two sides. It is a close-up of the scalp.
 */
const HEAD_BREADTH_MM = 130;

export interface SegmentScalpOptions {
  /** The photo's scale, when calibrated: it tells a close-up from a whole head. */
  pxPerMm?: number | null;
}

export function segmentScalp(image: RgbImage, options: SegmentScalpOptions = {}): ScalpMap {
  const f = computeMapFeatures(image);
  const { width: w, height: h } = f;
  const pairwise = contrastWeights(f);
  const fieldMm = options.pxPerMm ? Math.max(image.width, image.height) / options.pxPerMm : Infinity;
  const { head, closeUp } = segmentHead(f, pairwise, fieldMm < HEAD_BREADTH_MM);
  const hair = segmentHair(f, pairwise, head);
  const classes = new Uint8Array(w * h);
  const scalp = scalpOf(head, hair, w, h, closeUp);
  const headArea = head.reduce((s, v) => s + v, 0);
  const r = Math.max(1, Math.round(0.03 * Math.sqrt(headArea)));
  const coverage = boxShare(hair, w, h, r, scalp);
  for (let i = 0; i < w * h; i++) {
    if (!head[i]) classes[i] = MAP_CLASS.other;
    else if (!scalp[i]) classes[i] = MAP_CLASS.face;
    else classes[i] = coverage[i]! >= HAIR_BEARING_COVERAGE ? MAP_CLASS.hair : MAP_CLASS.bare;
  }
  const hairCoverage = new Float32Array(w * h);
  for (let i = 0; i < w * h; i++) hairCoverage[i] = scalp[i] ? coverage[i]! : 0;
  return {
    width: w,
    height: h,
    factor: f.factor,
    classes,
    hairCoverage,
    hairPixels: hair,
    source: 'automatic',
  };
}

/** Separation cost per neighbour pair (E, SE, S, SW): high where the colours are alike. */
function contrastWeights(f: MapFeatures): Float32Array {
  const { width: w, height: h, features: F } = f;
  const d = FEATURE_DIMS;
  const diff = (i: number, j: number): number => {
    let s = 0;
    for (let k = 0; k < 3; k++) s += (F[i * d + k]! - F[j * d + k]!) ** 2;
    return s;
  };
  const steps = [
    [1, 0, 1],
    [1, 1, Math.SQRT2],
    [0, 1, 1],
    [-1, 1, Math.SQRT2],
  ] as const;
  let sum = 0;
  let count = 0;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      for (const [dx, dy] of steps) {
        const xx = x + dx;
        const yy = y + dy;
        if (xx < 0 || xx >= w || yy >= h) continue;
        sum += diff(y * w + x, yy * w + xx);
        count++;
      }
  const beta = count && sum > 0 ? count / (2 * sum) : 0;
  const out = new Float32Array(4 * w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      for (let s = 0; s < 4; s++) {
        const [dx, dy, dist] = steps[s]!;
        const xx = x + dx;
        const yy = y + dy;
        if (xx < 0 || xx >= w || yy >= h) continue;
        out[4 * (y * w + x) + s] = (SMOOTHNESS * Math.exp(-beta * diff(y * w + x, yy * w + xx))) / dist;
      }
  return out;
}

/** Cost of labelling a pixel that cannot be that label. */
const HARD = 1e6;

function cut(
  f: MapFeatures,
  pairwise: Float32Array,
  yes: Gmm,
  no: Gmm,
  fixed: (i: number) => 0 | 1 | -1,
): Uint8Array {
  const n = f.width * f.height;
  const source = new Float32Array(n);
  const sink = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const fx = fixed(i);
    if (fx === 1) source[i] = HARD;
    else if (fx === 0) sink[i] = HARD;
    else {
      const a = -gmmLogLikelihood(yes, f.features, i * FEATURE_DIMS);
      const b = -gmmLogLikelihood(no, f.features, i * FEATURE_DIMS);
      // only the difference matters; keep both non-negative
      const m = Math.min(a, b);
      source[i] = b - m; // cost of "no"
      sink[i] = a - m; // cost of "yes"
    }
  }
  return gridMinCut({ width: f.width, height: f.height, source, sink, pairwise });
}

/**
 * The head, and whether the photo is a close-up of the scalp (scalp to its borders): the head
 * could not be set apart from the border, or the scale says no head fits.
 */
function segmentHead(
  f: MapFeatures,
  pairwise: Float32Array,
  tooNarrowForAHead: boolean,
): { head: Uint8Array; closeUp: boolean } {
  const { width: w, height: h, features: F } = f;
  const n = w * h;
  const band = Math.max(2, Math.round(0.012 * Math.max(w, h)));
  // The bottom edge is where the body comes in: the face of a bowed head or the nape (skin,
  // head) or a shirt (not skin, background). Only what is not skin-coloured there is background.
  const isBorder = (i: number): boolean => {
    const x = i % w;
    const y = (i - x) / w;
    if (y >= h - band) return !skinColoured(F, i);
    return x < band || y < band || x >= w - band;
  };
  const inCentre = (i: number): boolean => {
    const x = i % w;
    const y = (i - x) / w;
    return ((x - w / 2) / (0.28 * w)) ** 2 + ((y - h / 2) / (0.28 * h)) ** 2 <= 1;
  };
  // The seed test weighs lightness little: light falls off across a head (a lighting gradient,
  // a shadowed side) while the chromaticity and texture of skin and hair stay.
  const chroma = F.slice();
  for (let i = 0; i < n; i++) chroma[i * FEATURE_DIMS] = chroma[i * FEATURE_DIMS]! * SEED_LIGHTNESS_WEIGHT;
  const centre = fitGmm(chroma, FEATURE_DIMS, GMM_COMPONENTS, inCentre, 6000, 4, SEED_VARIANCE_FLOOR);
  if (!centre) return { head: new Uint8Array(n).fill(1), closeUp: true };
  // A border pixel that the middle of the photo explains about as well as its own typical pixel
  // is taken for head (hair cut off by the frame, a close-up), not for background.
  const centreLl: number[] = [];
  for (let i = 0; i < n; i += 3)
    if (inCentre(i)) centreLl.push(gmmLogLikelihood(centre, chroma, i * FEATURE_DIMS));
  centreLl.sort((a, b) => a - b);
  const headLike = (centreLl[Math.floor(0.05 * centreLl.length)] ?? -Infinity) - UNLIKE_MARGIN;
  const seed = new Uint8Array(n);
  let seeds = 0;
  for (let i = 0; i < n; i++)
    if (isBorder(i) && gmmLogLikelihood(centre, chroma, i * FEATURE_DIMS) < headLike) {
      seed[i] = 1;
      seeds++;
    }
  // Few border pixels unlike the middle: either a close-up (scalp to every edge) or a background
  // that resembles the head (a pale wall behind grey hair, a knitted blanket behind curls). Take
  // the whole border for background and see: behind a head the cut finds a head inside it; in a
  // close-up it can only peel the seeded band off, leaving nearly the whole photo...
  const forced = seeds < MIN_BORDER_SEEDS * (band * (w + 2 * h));
  // A close-up by its scale: the border is like the middle because it is the same scalp, and a
  // cut would only split that scalp along its strongest edge (often the very scar photographed).
  if (forced && tooNarrowForAHead)
    return { head: closeUpScalp(centre, chroma, headLike, w, h), closeUp: true };
  if (forced) for (let i = 0; i < n; i++) seed[i] = isBorder(i) ? 1 : 0;
  let fg: Uint8Array = new Uint8Array(n);
  for (let i = 0; i < n; i++) fg[i] = seed[i] ? 0 : 1;
  for (let round = 0; round < GRABCUT_ROUNDS; round++) {
    const yes = fitGmm(F, FEATURE_DIMS, GMM_COMPONENTS, (i) => fg[i] === 1);
    const no = fitGmm(F, FEATURE_DIMS, GMM_COMPONENTS, (i) => fg[i] === 0);
    if (!yes || !no) break;
    fg = cut(f, pairwise, yes, no, (i) => (seed[i] ? 0 : -1));
    // The body: below the neck, whatever lies beyond the neck's width is shoulders and clothing.
    if (round === GRABCUT_ROUNDS - 1 && addShoulderSeeds(fg, seed, w, h)) round--;
  }
  // A head is round: an opening cuts off what clings to it by a narrow band (a shirt's print
  // under the chin, a hand on the neck) before the largest piece is kept.
  const area = fg.reduce((sum, v) => sum + v, 0);
  const r = Math.max(1, OPENING_SHARE * Math.sqrt(area));
  const opened = dilate(erode(fg, w, h, r), w, h, r);
  for (let i = 0; i < n; i++) opened[i] = opened[i]! & fg[i]!;
  const head = fillHoles(largestComponent(opened, w, h), w, h);
  // ...or, the border being like everything else, finds nothing to set apart from it at all; or
  // it sets apart a brighter or darker stretch of the same scalp (a sheen on an oily scalp, a
  // shadow), whose outline is a gentle slope of light through the same texture rather than
  // the edge a real head's outline makes against what is behind it.
  const headArea = head.reduce((sum, v) => sum + v, 0);
  if (
    forced &&
    (headArea >= CLOSE_UP_SHARE * n ||
      headArea < MIN_HEAD_SHARE * n ||
      outlineContrast(F, head, w, h, band) < MIN_OUTLINE_CONTRAST)
  )
    return { head: new Uint8Array(n).fill(1), closeUp: true };
  return { head, closeUp: false };
}

/** Share of one edge of the photo along which something unlike the scalp lies: a ruler, a sleeve. */
const INTRUDER_EDGE_SHARE = 0.6;

/**
 * A close-up is scalp to its edges but for what lies along most of one edge and is unlike the
 * middle (a ruler laid below the scalp, a sleeve across the bottom). A scar running off the frame
 * is unlike the middle too, but meets the edge only over its own width, and stays scalp.
 */
function closeUpScalp(centre: Gmm, chroma: Float32Array, headLike: number, w: number, h: number): Uint8Array {
  const n = w * h;
  const unlike = new Uint8Array(n);
  for (let i = 0; i < n; i++)
    unlike[i] = gmmLogLikelihood(centre, chroma, i * FEATURE_DIMS) < headLike ? 1 : 0;
  const labels = new Int32Array(n);
  const count = labelComponents(unlike, w, h, labels);
  // Per component, how many pixels it has on each edge: top, bottom, left, right.
  const onEdge = new Int32Array(4 * (count + 1));
  for (let x = 0; x < w; x++) {
    onEdge[4 * labels[x]!]!++;
    onEdge[4 * labels[(h - 1) * w + x]! + 1]!++;
  }
  for (let y = 0; y < h; y++) {
    onEdge[4 * labels[y * w]! + 2]!++;
    onEdge[4 * labels[y * w + w - 1]! + 3]!++;
  }
  const intrudes = new Uint8Array(count + 1);
  for (let c = 1; c <= count; c++)
    intrudes[c] =
      Math.max(onEdge[4 * c]!, onEdge[4 * c + 1]!) >= INTRUDER_EDGE_SHARE * w ||
      Math.max(onEdge[4 * c + 2]!, onEdge[4 * c + 3]!) >= INTRUDER_EDGE_SHARE * h
        ? 1
        : 0;
  const head = new Uint8Array(n);
  for (let i = 0; i < n; i++) head[i] = intrudes[labels[i]!] ? 0 : 1;
  return head;
}

function segmentHair(f: MapFeatures, pairwise: Float32Array, head: Uint8Array): Uint8Array {
  const { width: w, height: h, features: F } = f;
  const n = w * h;
  const d = FEATURE_DIMS;
  // The head's own skin: skin-coloured, smooth, and of the lightness most such pixels have.
  let skinish: number[] = [];
  const textures: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!head[i]) continue;
    textures.push(F[i * d + 3]!);
    if (skinColoured(F, i)) skinish.push(i);
  }
  if (skinish.length < 20) return head.slice();
  // Brown and black hair are skin-coloured too, only darker: where the skin-coloured pixels fall
  // into two clearly different lightnesses, the skin is the lighter group.
  const lighter = lighterGroup(skinish.map((i) => F[i * d]!));
  if (lighter !== null) skinish = skinish.filter((i) => F[i * d]! >= lighter);
  textures.sort((a, b) => a - b);
  const skinTextures = skinish.map((i) => F[i * d + 3]!).sort((a, b) => a - b);
  const smooth = skinTextures[Math.floor(0.5 * skinTextures.length)]!;
  const smoothSkin = skinish.filter((i) => F[i * d + 3]! <= smooth);
  const pool = smoothSkin.length >= 20 ? smoothSkin : skinish;
  const ls = pool.map((i) => F[i * d]!).sort((a, b) => a - b);
  const tx = pool.map((i) => F[i * d + 3]!).sort((a, b) => a - b);
  const lRef = ls[ls.length >> 1]!;
  const lSpread = Math.max(3, ls[Math.floor(0.75 * ls.length)]! - ls[Math.floor(0.25 * ls.length)]!);
  const tRef = tx[tx.length >> 1]!;
  const tSpread = Math.max(1, tx[Math.floor(0.75 * tx.length)]! - tx[Math.floor(0.25 * tx.length)]!);
  // In a photo of the whole head, short stubble and thinning hair are barely darker than the skin:
  // what sets them apart is texture, a few units of L* above smooth skin's (seeds from 6 units or
  // four spreads up left the stubble of shaved tops and the sparse hair round a bald crown to the
  // skin's model: on the annotated photos, scalp IoU 0.804 / 0.845 against 0.848 / 0.855).
  const hairSeed = (i: number): boolean =>
    F[i * d]! < lRef - Math.max(18, 3 * lSpread) ||
    F[i * d + 3]! > tRef + Math.max(HAIR_SEED_TEXTURE, 3 * tSpread);
  const skinSeed = (i: number): boolean =>
    skinColoured(F, i) && Math.abs(F[i * d]! - lRef) <= 1.5 * lSpread && F[i * d + 3]! <= tRef + tSpread;
  let hairSeeds = 0;
  let headArea = 0;
  for (let i = 0; i < n; i++)
    if (head[i]) {
      headArea++;
      if (hairSeed(i)) hairSeeds++;
    }
  if (hairSeeds < MIN_HAIR_SHARE * headArea) return new Uint8Array(n);
  const hairG = fitGmm(F, d, GMM_COMPONENTS, (i) => head[i] === 1 && hairSeed(i));
  const skinG = fitGmm(F, d, GMM_COMPONENTS, (i) => head[i] === 1 && skinSeed(i));
  if (!hairG || !skinG) return new Uint8Array(n);
  return cut(f, pairwise, hairG, skinG, (i) => (head[i] ? -1 : 0));
}

/**
 * Two-means split of lightness values: the threshold above which the lighter group lies, when
 * the two groups are clearly apart (15 L* or more) and the lighter holds a tenth of the values.
 */
function lighterGroup(values: number[]): number | null {
  const v = Float32Array.from(values).sort();
  if (v.length < 20) return null;
  let lo = v[Math.floor(0.25 * v.length)]!;
  let hi = v[Math.floor(0.75 * v.length)]!;
  let cut = 0.5 * (lo + hi);
  for (let it = 0; it < 20; it++) {
    let s0 = 0,
      n0 = 0,
      s1 = 0,
      n1 = 0;
    for (const x of v) {
      if (x < cut) {
        s0 += x;
        n0++;
      } else {
        s1 += x;
        n1++;
      }
    }
    if (!n0 || !n1) return null;
    lo = s0 / n0;
    hi = s1 / n1;
    const next = 0.5 * (lo + hi);
    if (Math.abs(next - cut) < 0.01) break;
    cut = next;
  }
  let lighterCount = 0;
  for (const x of v) if (x >= cut) lighterCount++;
  const lighterShare = lighterCount / v.length;
  return hi - lo >= 15 && lighterShare >= 0.1 ? cut : null;
}

/** Skin as a camera sees it, any Fitzpatrick type: a reddish-yellow hue with some chroma. */
function skinColoured(F: Float32Array, i: number): boolean {
  const L = F[i * FEATURE_DIMS]!;
  const a = F[i * FEATURE_DIMS + 1]!;
  const b = F[i * FEATURE_DIMS + 2]!;
  const chroma = Math.hypot(a, b);
  const hue = (Math.atan2(b, a) * 180) / Math.PI;
  return L >= 15 && L <= 97 && chroma >= 5 && hue >= -20 && hue <= 95;
}

/**
 * How sharply the head stands off what lies round it: along the outline (away from the frame),
 * the separation of the head side from the other side of a small window, per feature in units
 * of the spread within the two sides (the larger over the features), as a median over the outline.
 */
function outlineContrast(F: Float32Array, head: Uint8Array, w: number, h: number, band: number): number {
  const k = 3;
  const d = FEATURE_DIMS;
  const steps: number[] = [];
  for (let y = band + k; y < h - band - k; y++)
    for (let x = band + k; x < w - band - k; x++) {
      const i = y * w + x;
      if (!head[i] || (head[i - 1] && head[i + 1] && head[i - w] && head[i + w])) continue;
      const s1 = new Float64Array(2 * d);
      const s2 = new Float64Array(2 * d);
      const cnt = [0, 0];
      for (let dy = -k; dy <= k; dy++)
        for (let dx = -k; dx <= k; dx++) {
          const j = (y + dy) * w + x + dx;
          const side = head[j] ? 0 : 1;
          cnt[side] = cnt[side]! + 1;
          for (let c = 0; c < d; c++) {
            const v = F[j * d + c]!;
            s1[side * d + c] = s1[side * d + c]! + v;
            s2[side * d + c] = s2[side * d + c]! + v * v;
          }
        }
      if (cnt[0]! < 5 || cnt[1]! < 5) continue;
      let best = 0;
      for (let c = 0; c < d; c++) {
        const m0 = s1[c]! / cnt[0]!;
        const m1 = s1[d + c]! / cnt[1]!;
        const v0 = Math.max(0, s2[c]! / cnt[0]! - m0 * m0);
        const v1 = Math.max(0, s2[d + c]! / cnt[1]! - m1 * m1);
        best = Math.max(best, Math.abs(m0 - m1) / Math.sqrt((v0 + v1) / 2 + 1));
      }
      steps.push(best);
    }
  if (!steps.length) return 0;
  steps.sort((a, b) => a - b);
  return steps[steps.length >> 1]!;
}
