import { LINEAR_TO_SRGB, LINEAR_TO_SRGB_STEPS, SRGB_TO_LINEAR } from './srgb.js';
import type { ImpressionSet } from './impression-set.js';

/** An 8-bit RGB or RGBA photo, row-major. */
export interface RgbImage {
  width: number;
  height: number;
  channels: 3 | 4;
  data: Uint8Array | Uint8ClampedArray;
}

/**
 * What a render shows: right after a session (fresh), once healed, or years later. Healed scars
 * keep the share of pigment expected for their texture, or, to show the honest uncertainty, the
 * poor end of its range.
 */
export type Stage =
  | { look: 'fresh'; afterSession: number }
  | { look: 'healed'; afterSession: number; scarRetention?: 'expected' | 'poor' }
  | { look: 'faded'; afterSession: number; years: number };

/**
 * How pigment looks through skin (algorithms.md §4.1-4.2). Carbon in the upper dermis is seen
 * through the epidermis, which scatters short wavelengths back before they reach it: the light
 * that returns lacks red most, so black pigment reads blue-grey. Modelled as a thin absorber in
 * linear light, per channel, red absorbed most.
 */
export const ABSORBANCE = { r: 1.0, g: 0.9, b: 0.76 };
/** Optical density at the centre of a fully dark, fresh dot (shade 10 on the numbered scale). */
export const PEAK_DENSITY = 1.6;
/** Healed: the scab over each dot was larger and darker; 1-2 shades lighter (domain.md §1.8). */
export const HEALED_DARKNESS = 0.78;
/**
 * Healed dots keep the footprint of the fresh mark: the needle hole shrinks (~50%, domain.md §1.3)
 * but the pigment under it spreads a little in the dermis, and healed SMP dots read larger than
 * neighbouring follicles (Nguyen 2022).
 */
const HEALED_SIZE = 1.0;
/** Fading per year (to ~60% after 5 years); scars fade faster (Liu 2025: 1.6 vs 0.9). */
const FADE_PER_YEAR = 0.1;
const SCAR_FADE_FACTOR = 1.7;
/** Slight spread of the pigment over the years (domain.md §1.8-1.9). */
export const SPREAD_PER_YEAR = 0.02;

/** Dots are drawn no smaller than this radius in pixels, their darkness scaled to keep the pigment. */
const MIN_RADIUS_PX = 0.75;

/** Dot profile by squared distance in dot radii: a soft core plus a faint dermal-scatter halo. */
const PROFILE_STEPS = 1024;
const PROFILE_EXTENT2 = 4; // out to 2 radii: the halo beyond is under 5% of the centre
const SOFTNESS_LEVELS = 4;
const profiles: Float32Array[] = [];
for (let s = 0; s < SOFTNESS_LEVELS; s++) {
  const p = new Float32Array(PROFILE_STEPS + 1);
  // Dermal scatter blurs the deposit: a soft shoulder rather than an edge, wider when deeper.
  const edge0 = 0.2 - 0.04 * s;
  const edge1 = 1.65 + 0.18 * s;
  for (let i = 0; i <= PROFILE_STEPS; i++) {
    const rho = Math.sqrt((i / PROFILE_STEPS) * PROFILE_EXTENT2);
    const t = Math.min(1, Math.max(0, (rho - edge0) / (edge1 - edge0)));
    const core = 1 - t * t * (3 - 2 * t);
    const halo = 0.22 * Math.exp(-(rho * rho) / 2.6);
    p[i] = core + halo * (1 - core);
  }
  profiles.push(p);
}
/** Redness round fresh needle marks, wider than the dot. */
const redness = new Float32Array(PROFILE_STEPS + 1);
for (let i = 0; i <= PROFILE_STEPS; i++)
  redness[i] = Math.exp(-((i / PROFILE_STEPS) * PROFILE_EXTENT2) / 2.5);

/**
 * The absorber applied per channel as 8-bit tables: out = in · exp(-k_c · OD) in linear light,
 * for OD quantised to 1/128 (under 1% change per step) up to 6, and every 8-bit input value.
 * Built once, 3 × 768 × 256 bytes; turns linearise-exp-encode per pixel into one lookup.
 */
const DENSITY_LEVELS_PER_UNIT = 128;
const DENSITY_LEVELS = 6 * DENSITY_LEVELS_PER_UNIT;
const DENSITY_STEP = 1 / DENSITY_LEVELS_PER_UNIT;
let tables: { tr: Uint8Array; tg: Uint8Array; tb: Uint8Array; lumaOf: Float32Array } | null = null;
function compositeTables() {
  if (tables) return tables;
  const make = (k: number) => {
    const t = new Uint8Array(DENSITY_LEVELS * 256);
    for (let q = 0; q < DENSITY_LEVELS; q++) {
      const keep = Math.exp((-k * (q + 0.5)) / DENSITY_LEVELS_PER_UNIT);
      for (let v = 0; v < 256; v++) {
        const linear = SRGB_TO_LINEAR[v]! * (q === 0 ? 1 : keep);
        t[(q << 8) + v] = LINEAR_TO_SRGB[Math.round(linear * LINEAR_TO_SRGB_STEPS)]!;
      }
    }
    return t;
  };
  // Share of the optical density that acts, by 8-bit luma: highlights above 55% linear are spared.
  const lumaOf = new Float32Array(256);
  for (let v = 0; v < 256; v++) {
    const l = SRGB_TO_LINEAR[v]!;
    lumaOf[v] = l > 0.55 ? 1 - 0.7 * Math.min(1, (l - 0.55) / 0.35) : 1;
  }
  tables = { tr: make(ABSORBANCE.r), tg: make(ABSORBANCE.g), tb: make(ABSORBANCE.b), lumaOf };
  return tables;
}

/** Darkness (0-1) of a shade on the numbered dilution scale: 10 darkest, 60 lightest. */
export function shadeDarkness(shade: number): number {
  return Math.min(1, Math.max(0.08, (68 - shade) / 58));
}

/** The whole shade on the scale (10-60) nearest a darkness: the inverse of shadeDarkness. */
export function shadeForDarkness(darkness: number): number {
  return Math.min(60, Math.max(10, Math.round(68 - 58 * darkness)));
}

/** A rectangle of pixels [x0, x1) × [y0, y1). */
export interface RenderRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The smallest rectangle holding both (either may be null: nothing). */
export function unionRect(a: RenderRect | null, b: RenderRect | null): RenderRect | null {
  if (!a) return b;
  if (!b) return a;
  return {
    x0: Math.min(a.x0, b.x0),
    y0: Math.min(a.y0, b.y0),
    x1: Math.max(a.x1, b.x1),
    y1: Math.max(a.y1, b.y1),
  };
}

/**
 * Renders one stage onto the photo: impressions of sessions before `afterSession` healed (or
 * faded), those of the last session as the stage says. Returns a new image; the photo is not
 * changed. Cost: one pass over each dot's footprint and one over the touched pixels.
 */
export function renderStage(photo: RgbImage, set: ImpressionSet, stage: Stage): RgbImage {
  return new StageRenderer(photo, 1).render(set, stage);
}

/**
 * Renders stage after stage of one photo, keeping its buffers between them: the float planes the
 * dots are stamped into, and `outputs` copies of the photo that stages are composited onto. A
 * stage costs its dots' footprints, not the photo's size: what the last stage on a buffer changed
 * is put back from the photo first. A job rendering every stage of a 12-megapixel photo encodes
 * one stage while the next is rendered (two outputs); the image `render` returns is valid until
 * `outputs` more stages have been rendered.
 */
export class StageRenderer {
  private readonly od: Float32Array;
  private red: Float32Array | null = null;
  private readonly outputs: { data: Uint8Array; changed: Int32Array | null }[] = [];
  private turn = 0;

  constructor(
    private readonly photo: RgbImage,
    private readonly outputCount = 1,
  ) {
    this.od = new Float32Array(photo.width * photo.height);
  }

  /** The photo with `stage` of `set` applied (the photo itself is not changed). */
  render(set: ImpressionSet, stage: Stage): RgbImage {
    const { width: w, height: h, channels } = this.photo;
    const src = this.photo.data;
    const k = this.turn++ % this.outputCount;
    const output = (this.outputs[k] ??= { data: new Uint8Array(src), changed: null });
    const out = output.data;
    if (output.changed) {
      const c = output.changed;
      for (let f = 0; f < c.length; f += 4)
        for (let y = c[f + 1]!; y <= c[f + 3]!; y++) {
          const from = (y * w + c[f]!) * channels;
          out.set(src.subarray(from, (y * w + c[f + 2]! + 1) * channels), from);
        }
    }
    const red = stage.look === 'fresh' ? (this.red ??= new Float32Array(w * h)) : null;
    const footprints: number[] = [];
    stampDots(set, stage, this.od, red, w, h, null, null, footprints);
    for (let f = 0; f < footprints.length; f += 4) {
      const rect = {
        x0: footprints[f]!,
        y0: footprints[f + 1]!,
        x1: footprints[f + 2]!,
        y1: footprints[f + 3]!,
      };
      compositeDots(this.photo, this.od, red, out, rect);
    }
    // Clean for the next stage: only what this one touched.
    for (let f = 0; f < footprints.length; f += 4)
      for (let y = footprints[f + 1]!; y <= footprints[f + 3]!; y++) {
        this.od.fill(0, y * w + footprints[f]!, y * w + footprints[f + 2]! + 1);
        red?.fill(0, y * w + footprints[f]!, y * w + footprints[f + 2]! + 1);
      }
    output.changed = Int32Array.from(footprints);
    return { width: w, height: h, channels, data: out };
  }
}

/** How far a dot's footprint reaches from its centre, in its radii. */
export const DOT_EXTENT = Math.sqrt(PROFILE_EXTENT2);

/**
 * Adds the optical density (and, fresh, the redness) of the dots `indices` (all when null) to `od`
 * and `red`, within `clip` when given. Returns the bounding box of what was touched (inclusive), or
 * null, and pushes each dot's box onto `footprints`. The dots' order does not matter to the result;
 * sorted in rows it runs faster.
 */
export function stampDots(
  set: ImpressionSet,
  stage: Stage,
  od: Float32Array,
  red: Float32Array | null,
  w: number,
  h: number,
  clip: RenderRect | null,
  indices: ArrayLike<number> | null,
  footprints?: number[],
): RenderRect | null {
  const fresh = stage.look === 'fresh';
  const poor = stage.look === 'healed' && stage.scarRetention === 'poor';
  const pxPerMm = set.pxPerMm;
  const years = stage.look === 'faded' ? stage.years : 0;
  const cx0 = clip ? Math.max(0, clip.x0) : 0;
  const cy0 = clip ? Math.max(0, clip.y0) : 0;
  const cx1 = clip ? Math.min(w, clip.x1) - 1 : w - 1;
  const cy1 = clip ? Math.min(h, clip.y1) - 1 : h - 1;

  let x0 = w;
  let y0 = h;
  let x1 = 0;
  let y1 = 0;
  const n = indices ? indices.length : set.count;
  for (let k = 0; k < n; k++) {
    const i = indices ? indices[k]! : k;
    const session = set.session[i]!;
    if (session > stage.afterSession) continue;
    const isFresh = fresh && session === stage.afterSession;
    const zone = set.zone[i]!;
    const scarFade = set.isScar[zone] ? SCAR_FADE_FACTOR : 1;
    let darkness = set.darkness[i]! * PEAK_DENSITY;
    let radius = (set.diameterMm[i]! * pxPerMm) / 2;
    let softness = set.softness[i]!;
    if (isFresh) {
      darkness *= 1.15;
    } else {
      darkness *= HEALED_DARKNESS * (poor ? set.poorRetention[i]! : set.retention[i]!);
      radius *= HEALED_SIZE;
      if (years > 0) {
        darkness *= Math.exp(-FADE_PER_YEAR * scarFade * years);
        radius *= 1 + SPREAD_PER_YEAR * years;
        softness = Math.min(SOFTNESS_LEVELS - 1, softness + Math.round(years / 4));
      }
    }
    // A dot smaller than a pixel is spread over one, keeping its pigment (what a camera sees): on a
    // web photo at 2 px/mm a 0.25 mm dot would otherwise miss every pixel centre, or hit one hard.
    if (radius < MIN_RADIUS_PX) {
      darkness *= (radius / MIN_RADIUS_PX) ** 2;
      radius = MIN_RADIUS_PX;
    }
    if (darkness <= 0.002 || radius <= 0.05) continue;
    // The ellipse's bounding box: half-axes a = r·e along (cos, sin) and b = r/e across it.
    const ea = radius * set.elongation[i]! * DOT_EXTENT;
    const eb = (radius / set.elongation[i]!) * DOT_EXTENT;
    const c2 = set.cos[i]! * set.cos[i]!;
    const s2 = 1 - c2;
    const reachX = Math.sqrt(ea * ea * c2 + eb * eb * s2);
    const reachY = Math.sqrt(ea * ea * s2 + eb * eb * c2);
    const cx = set.x[i]!;
    const cy = set.y[i]!;
    const bx0 = Math.max(cx0, Math.floor(cx - reachX));
    const by0 = Math.max(cy0, Math.floor(cy - reachY));
    const bx1 = Math.min(cx1, Math.ceil(cx + reachX));
    const by1 = Math.min(cy1, Math.ceil(cy + reachY));
    if (bx0 > bx1 || by0 > by1) continue;
    footprints?.push(bx0, by0, bx1, by1);
    if (bx0 < x0) x0 = bx0;
    if (by0 < y0) y0 = by0;
    if (bx1 > x1) x1 = bx1;
    if (by1 > y1) y1 = by1;
    // Elliptical dot: ρ² = (u/a)² + (v/b)² in the dot's own axes, scaled to the table.
    const e = set.elongation[i]!;
    const cos = set.cos[i]!;
    const sin = set.sin[i]!;
    const ia2 = 1 / (radius * e * radius * e);
    const ib2 = (e * e) / (radius * radius);
    const A = (cos * cos * ia2 + sin * sin * ib2) * (PROFILE_STEPS / PROFILE_EXTENT2);
    const B = 2 * cos * sin * (ia2 - ib2) * (PROFILE_STEPS / PROFILE_EXTENT2);
    const C = (sin * sin * ia2 + cos * cos * ib2) * (PROFILE_STEPS / PROFILE_EXTENT2);
    const profile = profiles[softness]!;
    // ρ² along a row grows by a known step: q(x + 1) = q(x) + A·(2·dx + 1) + B·dy.
    const a2 = 2 * A;
    for (let y = by0; y <= by1; y++) {
      const dy = y + 0.5 - cy;
      const row = y * w;
      const dx0 = bx0 + 0.5 - cx;
      let q = (A * dx0 + B * dy) * dx0 + C * dy * dy;
      let step = A * (2 * dx0 + 1) + B * dy;
      if (red && isFresh) {
        for (let x = bx0; x <= bx1; x++) {
          if (q < PROFILE_STEPS) {
            const k = q | 0;
            od[row + x] = od[row + x]! + darkness * profile[k]!;
            red[row + x] = red[row + x]! + redness[k]!;
          }
          q += step;
          step += a2;
        }
      } else {
        for (let x = bx0; x <= bx1; x++) {
          if (q < PROFILE_STEPS) od[row + x] = od[row + x]! + darkness * profile[q | 0]!;
          q += step;
          step += a2;
        }
      }
    }
  }
  return x1 < x0 ? null : { x0, y0, x1, y1 };
}

/**
 * Writes the photo's pixels of `rect` (inclusive) with the dots' optical density applied into `out`
 * (the photo's size and channels): pigment absorbed per channel in linear light, highlights partly
 * spared, faint redness round fresh marks.
 */
export function compositeDots(
  photo: RgbImage,
  od: Float32Array,
  red: Float32Array | null,
  out: Uint8Array | Uint8ClampedArray,
  rect: RenderRect,
): void {
  const { width: w, channels } = photo;
  const src = photo.data;
  const { tr, tg, tb, lumaOf } = compositeTables();
  for (let y = rect.y0; y <= rect.y1; y++) {
    for (let x = rect.x0; x <= rect.x1; x++) {
      const p = y * w + x;
      const d = od[p]!;
      const rr = red ? red[p]! : 0;
      const o = p * channels;
      const r = src[o]!;
      const g = src[o + 1]!;
      const b = src[o + 2]!;
      if (d < DENSITY_STEP && rr <= 0.001) {
        out[o] = r;
        out[o + 1] = g;
        out[o + 2] = b;
        continue;
      }
      // Highlights are reflected above the pigment: the brightest pixels are partly spared.
      let q = d * DENSITY_LEVELS_PER_UNIT * lumaOf[(r * 77 + g * 150 + b * 29) >> 8]!;
      q = q >= DENSITY_LEVELS - 1 ? DENSITY_LEVELS - 1 : q | 0;
      const row = q << 8;
      if (rr > 0.001) {
        // Fresh marks: a faint redness of the skin round them, fading within days.
        // Rounded here, so that an 8-bit and a clamped 8-bit buffer (a canvas) hold the same.
        const f = Math.min(1, rr) * 0.12;
        out[o] = Math.min(255, (tr[row + r]! * (1 + f * 0.5) + 0.5) | 0);
        out[o + 1] = (tg[row + g]! * (1 - 0.3 * f) + 0.5) | 0;
        out[o + 2] = (tb[row + b]! * (1 - 0.25 * f) + 0.5) | 0;
      } else {
        out[o] = tr[row + r]!;
        out[o + 1] = tg[row + g]!;
        out[o + 2] = tb[row + b]!;
      }
    }
  }
}
