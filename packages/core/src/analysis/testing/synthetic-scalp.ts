/**
 * Synthetic shaved scalps with known follicle positions and planted scars, for testing the photo
 * analysis. Deliberately independent of the detector: its own random source, colour conversion,
 * drawing, blur and JPEG emulation, and its own idea of what a follicle looks like (an opening with
 * one to three stubble dots and short shaft stubs), so that a test cannot pass by sharing a
 * threshold with the code under test.
 */
import { emulateJpeg } from './jpeg-emulation.js';
import {
  toLinear,
  toSrgb,
  valueNoise,
  LinearCanvas,
  gaussianBlurPlane,
  distanceToSegment,
  insidePolygon,
} from './synthetic-canvas.js';
import { convexHull } from '../../geometry/polygon.js';
import { SeededRandom } from './seeded-random.js';

export type Fitzpatrick = 1 | 2 | 3 | 4 | 5 | 6;

export interface StripScarSpec {
  /** End points of the centre line, in mm from the top-left corner. */
  from: [number, number];
  to: [number, number];
  widthMm: number;
}

export interface FueClusterSpec {
  /** Rectangle (mm) the punch scars are scattered in. */
  x: number;
  y: number;
  w: number;
  h: number;
  count: number;
}

export interface SyntheticScalpOptions {
  seed: number;
  widthMm: number;
  heightMm: number;
  pxPerMm: number;
  fitzpatrick: Fitzpatrick;
  /** Follicular units per cm². */
  fuPerCm2: number;
  /** Amplitude g of a linear lighting ramp: light falls from 100 % to (1 − g)/(1 + g) across the image. */
  lightingGradient?: number;
  /** Gaussian noise, standard deviation in 8-bit sRGB levels. */
  noiseLevels?: number;
  /** Optical blur, Gaussian σ in mm. */
  blurMm?: number;
  jpegQuality?: number;
  /** Oily scalp: bright specks beside openings, random glints and a broad sheen. */
  shiny?: boolean;
  freckles?: boolean;
  strip?: StripScarSpec;
  fue?: FueClusterSpec;
  /** Micropigmentation dots tattooed into a zone (a stand-in for a treated scar). */
  pigment?: PigmentSpec;
}

export interface PigmentSpec {
  /** Zone outline in mm. */
  polygonMm: [number, number][];
  dotsPerCm2: number;
  dotRadiusMm: number;
  /** Pigment as it shows through skin (sRGB), e.g. a blue-black. */
  colour: [number, number, number];
  opacity: number;
}

export interface TruthFollicle {
  /** Pixel coordinates (the centre of pixel (0, 0) is (0, 0)). */
  x: number;
  y: number;
  hairs: number;
  /** Radius of the dark opening in pixels. */
  radiusPx: number;
}

export interface TruthScar {
  kind: 'strip' | 'fue';
  /** Outline in pixel coordinates. */
  polygon: [number, number][];
  /** FUE punch scars (pixels). */
  dots?: { x: number; y: number; r: number }[];
}

export interface SyntheticScalp {
  image: { width: number; height: number; channels: 3; data: Uint8ClampedArray };
  pxPerMm: number;
  follicles: TruthFollicle[];
  scars: TruthScar[];
  /** True follicular-unit density outside the scars, per cm². */
  densityPerCm2: number;
}

// Typical constitutive skin colours per Fitzpatrick type (sRGB), light to dark.
const SKIN_SRGB: Record<Fitzpatrick, [number, number, number]> = {
  1: [245, 220, 202],
  2: [232, 192, 166],
  3: [209, 162, 128],
  4: [176, 124, 91],
  5: [127, 86, 60],
  6: [78, 52, 40],
};
const HAIR_SRGB: [number, number, number] = [32, 27, 25];

export function syntheticScalp(options: SyntheticScalpOptions): SyntheticScalp {
  const rng = new SeededRandom(options.seed);
  const ppm = options.pxPerMm;
  const width = Math.round(options.widthMm * ppm);
  const height = Math.round(options.heightMm * ppm);
  const n = width * height;
  const canvas = new LinearCanvas(width, height);
  const toPx = (mm: number): number => mm * ppm - 0.5;

  // Skin: constitutive colour, broad mottling, fine grain.
  const skin = SKIN_SRGB[options.fitzpatrick].map(toLinear) as [number, number, number];
  const mottle = valueNoise(rng, width, height, 3 * ppm);
  const blotch = valueNoise(rng, width, height, 0.8 * ppm);
  const grain = valueNoise(rng, width, height, Math.max(1.5, 0.12 * ppm));
  const strip = options.strip;
  const stripA: [number, number] | null = strip ? [toPx(strip.from[0]), toPx(strip.from[1])] : null;
  const stripB: [number, number] | null = strip ? [toPx(strip.to[0]), toPx(strip.to[1])] : null;
  const stripHalf = strip ? (strip.widthMm / 2) * ppm : 0;
  // Scar tissue: paler, less red and smoother than the skin around it.
  const scarTint: [number, number, number] = [1.16, 1.24, 1.3];
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      let inScar = 0;
      if (stripA && stripB) {
        const d = distanceToSegment(x, y, stripA, stripB);
        inScar = Math.min(1, Math.max(0, (stripHalf + 0.15 * ppm - d) / (0.3 * ppm)));
      }
      const texture = 1 + (0.05 * mottle[i]! + 0.025 * blotch[i]! + 0.03 * grain[i]!) * (1 - 0.7 * inScar);
      canvas.r[i] = skin[0] * texture * (1 + (scarTint[0] - 1) * inScar);
      canvas.g[i] = skin[1] * texture * (1 + (scarTint[1] - 1) * inScar);
      canvas.b[i] = skin[2] * texture * (1 + (scarTint[2] - 1) * inScar);
    }

  // FUE punch scars: round pale dots, 0.6-1.0 mm across, at least 2 mm apart.
  const fueDots: { x: number; y: number; r: number }[] = [];
  if (options.fue) {
    const f = options.fue;
    let attempts = 0;
    while (fueDots.length < f.count && attempts++ < 5000) {
      const xm = rng.uniform(f.x, f.x + f.w);
      const ym = rng.uniform(f.y, f.y + f.h);
      if (fueDots.some((d) => Math.hypot(d.x - toPx(xm), d.y - toPx(ym)) < 2 * ppm)) continue;
      fueDots.push({ x: toPx(xm), y: toPx(ym), r: rng.uniform(0.3, 0.5) * ppm });
    }
    // Hypopigmented: lighter by a factor and an offset, so they stand out on dark skin as they do.
    for (const d of fueDots)
      canvas.lightenDisc(d.x, d.y, d.r, [1.15, 1.2, 1.22], [0.035, 0.03, 0.03], 0.12 * ppm);
  }

  if (options.freckles) {
    const count = Math.round(((options.widthMm * options.heightMm) / 100) * 0.4);
    for (let k = 0; k < count; k++)
      canvas.scaleDisc(
        rng.uniform(0, width),
        rng.uniform(0, height),
        rng.uniform(0.6, 1.5) * ppm,
        [0.9, 0.84, 0.8],
        0.4 * ppm,
      );
  }

  // Faint pores and skin texture pits: smaller and much lower in contrast than an opening.
  const pores = Math.round(((options.widthMm * options.heightMm) / 100) * 60);
  for (let k = 0; k < pores; k++) {
    const f = rng.uniform(0.93, 0.96);
    canvas.scaleDisc(
      rng.uniform(0, width),
      rng.uniform(0, height),
      rng.uniform(0.02, 0.035) * ppm,
      [f, f, f],
      1,
    );
  }

  // Follicular units on a jittered grid (blue-noise-like), with a flow direction for the stubs.
  const cellMm = Math.sqrt(100 / options.fuPerCm2);
  const flow = rng.uniform(0, 2 * Math.PI);
  const hair = HAIR_SRGB.map(toLinear) as [number, number, number];
  const follicles: TruthFollicle[] = [];
  const specks: [number, number][] = [];
  for (let gy = 0; gy * cellMm < options.heightMm; gy++)
    for (let gx = 0; gx * cellMm < options.widthMm; gx++) {
      const xm = (gx + 0.5 + rng.uniform(-0.38, 0.38)) * cellMm;
      const ym = (gy + 0.5 + rng.uniform(-0.38, 0.38)) * cellMm;
      if (xm >= options.widthMm || ym >= options.heightMm) continue;
      const x = toPx(xm);
      const y = toPx(ym);
      if (stripA && stripB && distanceToSegment(x, y, stripA, stripB) < stripHalf + 0.1 * ppm) continue;
      if (fueDots.some((d) => Math.hypot(d.x - x, d.y - y) < d.r + 0.15 * ppm)) continue;
      const hairs = rng.int(1, 3);
      const openingR = rng.uniform(0.08, 0.12) * ppm;
      canvas.scaleDisc(x, y, openingR, [0.72, 0.74, 0.76], 1);
      const direction = flow + 0.4 * Math.sin(xm / 15) + rng.uniform(-0.4, 0.4);
      for (let h = 0; h < hairs; h++) {
        const offR = hairs === 1 ? 0 : rng.uniform(0.02, 0.06) * ppm;
        const offA = rng.uniform(0, 2 * Math.PI);
        const hx = x + offR * Math.cos(offA);
        const hy = y + offR * Math.sin(offA);
        const hairR = rng.uniform(0.035, 0.055) * ppm;
        const stub = rng.uniform(0.1, 0.35) * ppm;
        const a = direction + rng.uniform(-0.25, 0.25);
        canvas.paintCapsule(
          hx,
          hy,
          hx + stub * Math.cos(a),
          hy + stub * Math.sin(a),
          hairR * 0.75,
          hair,
          0.75,
        );
        canvas.paintDisc(hx, hy, hairR, hair, 0.9);
      }
      follicles.push({ x, y, hairs, radiusPx: openingR });
      if (options.shiny && rng.next() < 0.4) {
        const a = rng.uniform(0, 2 * Math.PI);
        const d = rng.uniform(0.16, 0.24) * ppm;
        specks.push([x + d * Math.cos(a), y + d * Math.sin(a)]);
      }
    }

  if (options.pigment) {
    const p = options.pigment;
    const poly = p.polygonMm.map(([x, y]) => [toPx(x), toPx(y)] as [number, number]);
    const xs = poly.map((q) => q[0]);
    const ys = poly.map((q) => q[1]);
    const stepPx = Math.sqrt(100 / p.dotsPerCm2) * ppm;
    const ink = p.colour.map(toLinear) as [number, number, number];
    for (let y = Math.min(...ys); y <= Math.max(...ys); y += stepPx)
      for (let x = Math.min(...xs); x <= Math.max(...xs); x += stepPx) {
        const dx = x + rng.uniform(-0.35, 0.35) * stepPx;
        const dy = y + rng.uniform(-0.35, 0.35) * stepPx;
        if (insidePolygon(poly, dx, dy))
          canvas.paintDisc(dx, dy, p.dotRadiusMm * ppm, ink, p.opacity, 0.4 * p.dotRadiusMm * ppm + 1);
      }
  }

  if (options.shiny) {
    const glints = Math.round(((options.widthMm * options.heightMm) / 100) * 25);
    for (let k = 0; k < glints; k++) specks.push([rng.uniform(0, width), rng.uniform(0, height)]);
    for (const [sx, sy] of specks)
      canvas.addLight(sx, sy, rng.uniform(0.025, 0.06) * ppm, rng.uniform(0.5, 1.0));
    // A broad sheen across part of the head.
    const cx = rng.uniform(0.2, 0.8) * width;
    const cy = rng.uniform(0.2, 0.8) * height;
    const rad = 0.3 * Math.min(width, height);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const s = 0.12 * Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * rad * rad));
        const i = y * width + x;
        canvas.r[i] = canvas.r[i]! + s;
        canvas.g[i] = canvas.g[i]! + s;
        canvas.b[i] = canvas.b[i]! + s;
      }
  }

  // Lighting: a linear ramp in a random direction and a mild vignette.
  const g = options.lightingGradient ?? 0;
  const angle = rng.uniform(0, 2 * Math.PI);
  const ca = Math.cos(angle);
  const sa = Math.sin(angle);
  const half = Math.hypot(width, height) / 2;
  let planes = [canvas.r, canvas.g, canvas.b];
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const u = ((x - width / 2) * ca + (y - height / 2) * sa) / half;
      const v = Math.hypot(x - width / 2, y - height / 2) / half;
      // exposed for the brightest part: the ramp darkens, it never blows out the skin
      const light = ((1 + g * u) / (1 + g)) * (1 - 0.08 * v * v);
      const i = y * width + x;
      for (const p of planes) p[i] = p[i]! * light;
    }

  if (options.blurMm && options.blurMm > 0) {
    const s = options.blurMm * ppm;
    planes = planes.map((p) => gaussianBlurPlane(p, width, height, s));
  }

  const data = new Uint8ClampedArray(n * 3);
  const noise = options.noiseLevels ?? 0;
  for (let i = 0; i < n; i++) {
    const shared = noise * 0.6 * rng.normal();
    for (let c = 0; c < 3; c++)
      data[3 * i + c] = toSrgb(planes[c]![i]!) + shared + noise * 0.8 * rng.normal();
  }
  if (options.jpegQuality !== undefined) emulateJpeg(data, width, height, options.jpegQuality);

  const scars: TruthScar[] = [];
  if (stripA && stripB) {
    const dx = stripB[0] - stripA[0];
    const dy = stripB[1] - stripA[1];
    const len = Math.hypot(dx, dy);
    const nx = (-dy / len) * stripHalf;
    const ny = (dx / len) * stripHalf;
    scars.push({
      kind: 'strip',
      polygon: [
        [stripA[0] + nx, stripA[1] + ny],
        [stripB[0] + nx, stripB[1] + ny],
        [stripB[0] - nx, stripB[1] - ny],
        [stripA[0] - nx, stripA[1] - ny],
      ],
    });
  }
  if (fueDots.length > 0) {
    const rim: [number, number][] = [];
    for (const d of fueDots)
      for (let k = 0; k < 16; k++)
        rim.push([d.x + d.r * Math.cos((k * Math.PI) / 8), d.y + d.r * Math.sin((k * Math.PI) / 8)]);
    scars.push({ kind: 'fue', polygon: convexHull(rim), dots: fueDots });
  }

  // True density outside the scars: units counted over the area that is not scar tissue.
  const scarAreaPx =
    (stripA && stripB ? 2 * stripHalf * Math.hypot(stripB[0] - stripA[0], stripB[1] - stripA[1]) : 0) +
    fueDots.reduce((s, d) => s + Math.PI * d.r * d.r, 0);
  const areaCm2 = (n - scarAreaPx) / (ppm * ppm) / 100;

  return {
    image: { width, height, channels: 3, data },
    pxPerMm: ppm,
    follicles,
    scars,
    densityPerCm2: follicles.length / areaCm2,
  };
}
