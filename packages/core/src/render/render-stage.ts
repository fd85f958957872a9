import { LINEAR_TO_SRGB, LINEAR_TO_SRGB_STEPS, SRGB_TO_LINEAR } from './srgb.js';
import type { ImpressionSet } from './impression-set.js';

/** An 8-bit RGB or RGBA photo, row-major. */
export interface RgbImage {
  width: number;
  height: number;
  channels: 3 | 4;
  data: Uint8Array | Uint8ClampedArray;
}

/** What a render shows: right after a session (fresh), once healed, or years later. */
export type Stage =
  | { look: 'fresh'; afterSession: number }
  | { look: 'healed'; afterSession: number }
  | { look: 'faded'; afterSession: number; years: number };

/**
 * How pigment looks through skin (algorithms.md §4.1-4.2). Carbon in the upper dermis is seen
 * through the epidermis, which scatters short wavelengths back before they reach it: the light
 * that returns lacks red most, so black pigment reads blue-grey. Modelled as a thin absorber in
 * linear light, per channel, red absorbed most.
 */
const ABSORBANCE = { r: 1.0, g: 0.9, b: 0.76 };
/** Optical density at the centre of a fully dark, fresh dot (shade 10 on the numbered scale). */
const PEAK_DENSITY = 1.6;
/** Healed: the scab over each dot was larger and darker; 1-2 shades lighter (domain.md §1.8). */
const HEALED_DARKNESS = 0.72;
/** Healed dots are smaller than the fresh needle mark (holes shrink by ~50%, domain.md §1.3). */
const HEALED_SIZE = 0.9;
/** Fading per year (to ~60% after 5 years); scars fade faster (Liu 2025: 1.6 vs 0.9). */
const FADE_PER_YEAR = 0.1;
const SCAR_FADE_FACTOR = 1.7;
/** Slight spread of the pigment over the years (domain.md §1.8-1.9). */
const SPREAD_PER_YEAR = 0.035;

/** Dot profile by squared distance in dot radii: a soft core plus a faint dermal-scatter halo. */
const PROFILE_STEPS = 1024;
const PROFILE_EXTENT2 = 6.25; // out to 2.5 radii
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
for (let i = 0; i <= PROFILE_STEPS; i++) redness[i] = Math.exp(-((i / PROFILE_STEPS) * PROFILE_EXTENT2) / 2.5);

const EXP_STEPS = 4096;
const EXP_MAX = 10;
const expTable = new Float32Array(EXP_STEPS + 1);
for (let i = 0; i <= EXP_STEPS; i++) expTable[i] = Math.exp(-(i / EXP_STEPS) * EXP_MAX);

/** Darkness (0-1) of a shade on the numbered dilution scale: 10 darkest, 60 lightest. */
export function shadeDarkness(shade: number): number {
  return Math.min(1, Math.max(0.08, (68 - shade) / 58));
}

/**
 * Renders one stage onto the photo: impressions of sessions before `afterSession` healed (or
 * faded), those of the last session as the stage says. Returns a new image; the photo is not
 * changed. Cost: one pass over each dot's footprint and one over the touched pixels.
 */
export function renderStage(photo: RgbImage, set: ImpressionSet, stage: Stage): RgbImage {
  const { width: w, height: h, channels } = photo;
  const od = new Float32Array(w * h);
  const fresh = stage.look === 'fresh';
  const red = fresh ? new Float32Array(w * h) : null;
  const pxPerMm = set.pxPerMm;
  const years = stage.look === 'faded' ? stage.years : 0;

  let x0 = w;
  let y0 = h;
  let x1 = 0;
  let y1 = 0;
  for (let i = 0; i < set.count; i++) {
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
      darkness *= HEALED_DARKNESS * set.retention[i]!;
      radius *= HEALED_SIZE;
      if (years > 0) {
        darkness *= Math.exp(-FADE_PER_YEAR * scarFade * years);
        radius *= 1 + SPREAD_PER_YEAR * years;
        softness = Math.min(SOFTNESS_LEVELS - 1, softness + Math.round(years / 4));
      }
    }
    if (darkness <= 0.002 || radius <= 0.05) continue;
    const reach = radius * Math.sqrt(PROFILE_EXTENT2) * set.elongation[i]!;
    const cx = set.x[i]!;
    const cy = set.y[i]!;
    const bx0 = Math.max(0, Math.floor(cx - reach));
    const by0 = Math.max(0, Math.floor(cy - reach));
    const bx1 = Math.min(w - 1, Math.ceil(cx + reach));
    const by1 = Math.min(h - 1, Math.ceil(cy + reach));
    if (bx0 > bx1 || by0 > by1) continue;
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
    for (let y = by0; y <= by1; y++) {
      const dy = y + 0.5 - cy;
      const row = y * w;
      const cyy = C * dy * dy;
      const bdy = B * dy;
      for (let x = bx0; x <= bx1; x++) {
        const dx = x + 0.5 - cx;
        const q = (A * dx + bdy) * dx + cyy;
        if (q >= PROFILE_STEPS) continue;
        const k = q | 0;
        od[row + x] = od[row + x]! + darkness * profile[k]!;
        if (red) red[row + x] = red[row + x]! + redness[k]!;
      }
    }
  }

  const out = new Uint8Array(photo.data);
  if (x1 < x0) return { width: w, height: h, channels, data: out };
  const kr = ABSORBANCE.r * (EXP_STEPS / EXP_MAX);
  const kg = ABSORBANCE.g * (EXP_STEPS / EXP_MAX);
  const kb = ABSORBANCE.b * (EXP_STEPS / EXP_MAX);
  const toL = SRGB_TO_LINEAR;
  const toS = LINEAR_TO_SRGB;
  const L = LINEAR_TO_SRGB_STEPS;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const p = y * w + x;
      let d = od[p]!;
      const rr = red ? red[p]! : 0;
      if (d <= 0.001 && rr <= 0.001) continue;
      const o = p * channels;
      const r = toL[out[o]!]!;
      const g = toL[out[o + 1]!]!;
      const b = toL[out[o + 2]!]!;
      // Highlights are reflected above the pigment: spare the brightest pixels partly.
      const luma = 0.2126 * r + 0.7152 * g + 0.0722 * b;
      if (luma > 0.55) d *= 1 - 0.7 * Math.min(1, (luma - 0.55) / 0.35);
      const ir = Math.min(EXP_STEPS, (d * kr) | 0);
      const ig = Math.min(EXP_STEPS, (d * kg) | 0);
      const ib = Math.min(EXP_STEPS, (d * kb) | 0);
      let nr = r * expTable[ir]!;
      let ng = g * expTable[ig]!;
      let nb = b * expTable[ib]!;
      if (rr > 0.001) {
        // Fresh marks: a faint redness of the skin round them, fading within days.
        const f = Math.min(1, rr) * 0.12;
        nr = Math.min(1, nr * (1 + f));
        ng *= 1 - 0.35 * f;
        nb *= 1 - 0.3 * f;
      }
      out[o] = toS[(nr * L + 0.5) | 0]!;
      out[o + 1] = toS[(ng * L + 0.5) | 0]!;
      out[o + 2] = toS[(nb * L + 0.5) | 0]!;
    }
  }
  return { width: w, height: h, channels, data: out };
}
