import { createRng, hashSeed } from '../sampling/rng.js';
import type { SessionImpressions } from '../sampling/progressive.js';
import type { BuiltDensityField, ResolvedZone } from './density-field.js';
import { shadeDarkness } from './render-stage.js';

/**
 * Every dot to render, with the natural irregularity an artist's hand and the skin give it:
 * size and darkness vary a little from dot to dot (±10-20%, algorithms.md §4.2), dots are
 * slightly elliptical and vary in softness (depth), now and then two sit together, and dots in
 * scar tissue keep less pigment, less predictably (domain.md §2.1). Flat typed arrays.
 */
export interface ImpressionSet {
  count: number;
  pxPerMm: number;
  x: Float32Array;
  y: Float32Array;
  /** Session (1-based) in which the dot is placed. */
  session: Uint8Array;
  /** Index of the zone (into the resolved zones). */
  zone: Uint8Array;
  /** Diameter of the fresh dot, mm. */
  diameterMm: Float32Array;
  /** Darkness (0-1) from the shade of its session. */
  darkness: Float32Array;
  /** Share of pigment the skin keeps once healed (1 on healthy skin; 0: lost), as expected and at the poor end for scars. */
  retention: Float32Array;
  poorRetention: Float32Array;
  /** Ratio of the long to the mean axis, and the direction of the long axis. */
  elongation: Float32Array;
  cos: Float32Array;
  sin: Float32Array;
  /** 0 crisp … 3 soft (deeper). */
  softness: Uint8Array;
  /** 1 for a sampled impression, 0 for the companion dot of a pair. */
  primary: Uint8Array;
  /** Per zone: whether it is a scar (scars fade faster). */
  isScar: boolean[];
}

/** Share of impressions that get a companion dot: "the odd pair" of a natural pattern. */
const PAIR_SHARE = 0.04;

/** Random numbers per impression: 0 size, 1 darkness, 3 scar retention (normal); 2 "does not take",
 * 4-6 angle, elongation, depth, 7 "has a companion", 8 its direction, 9-11 the companion's angle,
 * elongation and depth (uniform); 12-13 its scatter off the blue-noise place (normal). */
export const IMPRESSION_DRAWS = 14;
export const SCATTER_DRAW = 12;

/** The per-impression draws of a whole pattern, from the zones file's seed. */
export function impressionDraws(count: number, seed: number): Float32Array {
  const rng = createRng(hashSeed(seed, 'impressions'));
  const gauss = () => {
    // Box-Muller: enough for a few per dot.
    const u = Math.max(1e-12, rng.next());
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
  };
  const out = new Float32Array(count * IMPRESSION_DRAWS);
  for (let o = 0; o < out.length; o += IMPRESSION_DRAWS) {
    out[o] = gauss();
    out[o + 1] = gauss();
    out[o + 3] = gauss();
    out[o + 2] = rng.next();
    for (let k = 4; k < SCATTER_DRAW; k++) out[o + k] = rng.next();
    out[o + SCATTER_DRAW] = gauss();
    out[o + SCATTER_DRAW + 1] = gauss();
  }
  return out;
}

/** Which zone labels each cell of the working grid (label = zone index + 1; 0 = none). */
export interface ZoneLabels {
  zoneIndex: Uint8Array;
  ww: number;
  wh: number;
  scale: number;
}

export function buildImpressionSet(
  points: SessionImpressions,
  built: BuiltDensityField,
  seed: number,
): ImpressionSet {
  return dressImpressions(
    points,
    impressionDraws(points.count, seed),
    built.zones,
    { zoneIndex: built.zoneIndex, ww: built.workWidth, wh: built.workHeight, scale: built.scale },
    built.field.pxPerMm,
  );
}

/**
 * Every sampled impression as a dot of its zone, varied by its draws (IMPRESSION_DRAWS each): the
 * same draws give the same dot, which is what keeps a live preview steady from edit to edit.
 */
export function dressImpressions(
  points: { count: number; x: ArrayLike<number>; y: ArrayLike<number>; session: ArrayLike<number> },
  d: Float32Array,
  zones: readonly ResolvedZone[],
  labels: ZoneLabels,
  pxPerMm: number,
  options: { renderOrder?: boolean } = {},
): ImpressionSet {
  const capacity = Math.ceil(points.count * (1 + PAIR_SHARE * 2)) + 8;
  const set: ImpressionSet = {
    count: 0,
    pxPerMm,
    x: new Float32Array(capacity),
    y: new Float32Array(capacity),
    session: new Uint8Array(capacity),
    zone: new Uint8Array(capacity),
    diameterMm: new Float32Array(capacity),
    darkness: new Float32Array(capacity),
    retention: new Float32Array(capacity),
    poorRetention: new Float32Array(capacity),
    elongation: new Float32Array(capacity),
    cos: new Float32Array(capacity),
    sin: new Float32Array(capacity),
    softness: new Uint8Array(capacity),
    primary: new Uint8Array(capacity),
    isScar: zones.map((z) => z.kind === 'scar'),
  };
  const fallbackZone = Math.max(
    0,
    zones.findIndex((z) => z.kind !== 'exclude'),
  );
  for (let i = 0; i < points.count; i++) {
    const x = points.x[i]!;
    const y = points.y[i]!;
    const cell =
      Math.min(labels.wh - 1, Math.floor(y * labels.scale)) * labels.ww +
      Math.min(labels.ww - 1, Math.floor(x * labels.scale));
    const label = labels.zoneIndex[cell]!;
    const zoneIdx = label > 0 ? label - 1 : fallbackZone;
    const zone = zones[zoneIdx];
    if (!zone) continue;
    const session = points.session[i]!;
    const o = i * IMPRESSION_DRAWS;
    const shade = zone.shades[Math.min(zone.shades.length - 1, session - 1)] ?? 30;
    // The needle's hand: pressure sets the depth, and a deeper dot is wider and softer (domain.md
    // §1.1: "the deeper the needle goes, the bigger and blurrier the dot") and a little lighter.
    const depth = 2 * d[o + 6]! - 1;
    const diameter = zone.dotDiameterMm * Math.exp(0.08 * d[o]! + 0.14 * depth);
    const darkness = Math.min(1, shadeDarkness(shade) * (1 + 0.08 * d[o + 1]! - 0.06 * depth));
    let retention = 1;
    let poorRetention = 1;
    if (zone.kind === 'scar') {
      // Scar tissue keeps less and less predictably; some dots do not take at all.
      const kept = (share: number) =>
        d[o + 2]! < (1 - share) * 0.35 ? 0 : Math.min(1, Math.max(0.1, share + 0.18 * d[o + 3]!));
      retention = kept(zone.retention);
      poorRetention = kept(zone.poorRetention);
    }
    push(
      set,
      x,
      y,
      session,
      zoneIdx,
      diameter,
      darkness,
      retention,
      poorRetention,
      true,
      d[o + 4]!,
      d[o + 5]!,
      depth,
    );
    if (d[o + 7]! < PAIR_SHARE) {
      const a = d[o + 8]! * 2 * Math.PI;
      const offset = 0.6 * diameter * pxPerMm;
      push(
        set,
        x + Math.cos(a) * offset,
        y + Math.sin(a) * offset,
        session,
        zoneIdx,
        diameter * 0.8,
        darkness * 0.95,
        retention,
        poorRetention,
        false,
        d[o + 9]!,
        d[o + 10]!,
        2 * d[o + 11]! - 1,
      );
    }
  }
  return options.renderOrder === false ? set : inRenderOrder(set);
}

function push(
  set: ImpressionSet,
  x: number,
  y: number,
  session: number,
  zone: number,
  diameterMm: number,
  darkness: number,
  retention: number,
  poorRetention: number,
  primary: boolean,
  uAngle: number,
  uElongation: number,
  depth: number,
): void {
  const i = set.count++;
  const angle = uAngle * Math.PI;
  set.x[i] = x;
  set.y[i] = y;
  set.session[i] = session;
  set.zone[i] = zone;
  set.diameterMm[i] = diameterMm;
  set.darkness[i] = darkness;
  set.retention[i] = retention;
  set.poorRetention[i] = poorRetention;
  set.elongation[i] = 1 + 0.28 * uElongation ** 2;
  set.cos[i] = Math.cos(angle);
  set.sin[i] = Math.sin(angle);
  // Softness follows the depth: 0 crisp (shallow) … 2 soft (deep).
  set.softness[i] = Math.min(2, Math.max(0, Math.round(1 + 1.2 * depth)));
  set.primary[i] = primary ? 1 : 0;
}

/**
 * The dots sorted into bands of 16 rows, left to right within a band: stamping them in this order
 * touches the same few rows of the render buffers over and over, instead of a new cache line in a
 * 48 MB buffer for every row of every dot.
 */
function inRenderOrder(set: ImpressionSet): ImpressionSet {
  const n = set.count;
  const key = new Float64Array(n);
  for (let i = 0; i < n; i++) key[i] = Math.floor(set.y[i]! / 16) * 1e6 + set.x[i]!;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => key[a]! - key[b]!);
  const f32 = (a: Float32Array) => Float32Array.from(order, (i) => a[i]!);
  const u8 = (a: Uint8Array) => Uint8Array.from(order, (i) => a[i]!);
  return {
    ...set,
    x: f32(set.x),
    y: f32(set.y),
    session: u8(set.session),
    zone: u8(set.zone),
    diameterMm: f32(set.diameterMm),
    darkness: f32(set.darkness),
    retention: f32(set.retention),
    poorRetention: f32(set.poorRetention),
    elongation: f32(set.elongation),
    cos: f32(set.cos),
    sin: f32(set.sin),
    softness: u8(set.softness),
    primary: u8(set.primary),
  };
}
