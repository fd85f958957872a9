/**
 * From blue noise to the pattern of follicles on a shaved scalp. Blue noise alone is too regular:
 * the nearest-neighbour distances of a maximal Poisson-disk set vary by 5-10 %, and the union of
 * sessions reads as perforated paper at 100 %, where real follicles vary by a third or more.
 *
 * 1. Gaps closed the way an artist closes them, session by session: wherever the impressions of
 *    sessions 1..k leave skin farther than `gapLimit / 2` of that session's spacing from every one
 *    of them, the nearest impression of a later session is brought forward into session k (its
 *    place does not change, so later sessions keep theirs), and one of session k whose leaving opens
 *    no gap there goes to the next session in its stead (each session keeps its share); failing
 *    that, the nearest impression that can leave its place without opening a gap moves into it;
 *    failing that, one is added (rare).
 * 2. Scatter: every impression moves off its blue-noise place by a Gaussian step of `scatter`
 *    times the local spacing (a hand does not hit a lattice), in random order, one at a time; a
 *    step is halved, then dropped, where it would land on untreated skin (an excluded mole stays
 *    clean) or open a gap in any session the impression belongs to.
 *
 * 3. The healed union keeps the sampler's count: for each impression added, one of the last session
 *    whose leaving opens no gap is taken out.
 *
 * So each session's cumulative pattern and the healed union are irregular without holes, and the
 * count is the sampler's. "Gap" is checked on a raster of cells a third of a session's spacing wide
 * that counts the impressions within reach of each cell centre: a cell of treated skin that drops
 * to none is a gap. The spacing s(x) = 10·pxPerMm / √(density per cm²) px is the side of the
 * square that holds one impression on average; point-pattern-statistics.ts uses the same unit.
 */
import { CoverageRaster } from './coverage-raster.js';
import { NearestBuckets } from './nearest-buckets.js';
import type { DensityField } from './sample-impressions.js';

/** Impressions with the place the sampler gave them and the place they are put. */
export interface PlacedImpressions {
  count: number;
  baseX: Float32Array;
  baseY: Float32Array;
  x: Float32Array;
  y: Float32Array;
  /** Session (1-based) of each impression; 0 for the client's own follicles, there all along. */
  session: Uint8Array;
}

export interface NaturalTuning {
  /** Standard deviation of the scatter, in units of the local spacing. */
  scatter: number;
  /** Widest empty disc left, in units of the session's local spacing. */
  gapLimit: number;
}

/**
 * Calibrated against the follicles marked by eye in the crown photo's windows (bench/annotations,
 * 156 points in 6 windows: pooled, edge-corrected nearest-neighbour CV 0.23, 0.26 with the
 * uncertain points; `npm run bench -- naturalness` sets them side by side): a scatter of 0.24
 * spacings gives the healed union a CV of about 0.24-0.25, within ±0.08 of the real one, and the
 * gap rule (1.6 spacings between the coarse probes) keeps every empty disc under twice the spacing.
 */
export const NATURAL_TUNING: NaturalTuning = { scatter: 0.24, gapLimit: 1.6 };

/** Spacing (px) at a density (per cm²) on a photo of `pxPerMm`. */
export function spacingPx(perCm2: number, pxPerMm: number): number {
  return (10 * pxPerMm) / Math.sqrt(perCm2);
}

/** A pixel rectangle [x0, x1) × [y0, y1). */
export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface NaturalReport {
  /**
   * Impressions brought forward a session, moved from where they were not needed, or added, to
   * close a gap; scatter steps taken in full, halved, dropped.
   */
  promoted: number;
  moved: number;
  added: number;
  /** Impressions of the last session taken out where they were not needed, as many as were added. */
  removed: number;
  stepped: number;
  halved: number;
  kept: number;
}

/** A dot keeps at least this share of the local spacing off each of the client's follicles. */
const FOLLICLE_CLEARANCE = 0.4;
/** A scatter step is cut off at this many standard deviations. */
const SCATTER_CUTOFF = 2.5;
/**
 * Coverage is checked at the centres of cells this fraction of a session's spacing wide: coarse
 * enough to be cheap (a disc of reach is about 18 cells), fine enough with the gap limit of 1.6
 * that empty discs stay under about 2 spacings (a hole centred between probes can be a sixth of a
 * spacing wider than the probes see: 1.93-1.95 in the bench's windows, 2.01 at worst in tests).
 */
const CELLS_PER_SPACING = 3;
/** Gaps are looked for where the zone applies at least this share of its densest (spacing ≤ 4×). */
const CONSIDERED_SHARE = 1 / 16;

const densityAt = (field: DensityField, x: number, y: number): number =>
  field.perCm2[
    Math.min(field.height - 1, Math.max(0, y | 0)) * field.width +
      Math.min(field.width - 1, Math.max(0, x | 0))
  ]!;

export interface NaturaliseOptions {
  /**
   * Two standard normal numbers per impression (its scatter); the order impressions leave a session
   * or the pattern in (random over the whole zone), and the order they scatter in (`order` unless
   * given: locally random is enough there, and a random walk over a 12-megapixel field misses the
   * cache on every step).
   */
  normals: ArrayLike<number>;
  order: ArrayLike<number>;
  scatterOrder?: ArrayLike<number>;
  /** The density under each impression's blue-noise place where known (the sampler read it); else read here. */
  density?: ArrayLike<number>;
  shares: readonly number[];
  /** Density below which nothing is placed (the sampler's floor). */
  floor: number;
  tuning?: NaturalTuning;
  /**
   * Only gaps inside this rectangle are closed, and only impressions from `firstMovable` on are
   * moved or brought forward; those before stay where they are (`x`, `y`) and count as cover: the
   * client's own follicles, or, in a live preview, the impressions round the window an edit redoes.
   */
  region?: Rect;
  firstMovable?: number;
}

/**
 * Closes the gaps of each session and scatters the impressions (see the file's comment). `x` and `y`
 * of the movable impressions are overwritten from `baseX`/`baseY`; sessions may be brought forward. Returns the
 * impressions (with any additions appended: a new object then) and what was done.
 */
export function naturalise(
  points: PlacedImpressions,
  field: DensityField,
  options: NaturaliseOptions,
): { points: PlacedImpressions; report: NaturalReport } {
  const { width: w, height: h, pxPerMm } = field;
  const { shares, floor, normals, order } = options;
  const tuning = options.tuning ?? NATURAL_TUNING;
  const firstMovable = options.firstMovable ?? 0;
  const report: NaturalReport = {
    promoted: 0,
    moved: 0,
    added: 0,
    removed: 0,
    stepped: 0,
    halved: 0,
    kept: 0,
  };
  const region = options.region ?? { x0: 0, y0: 0, x1: w, y1: h };
  const n0 = points.count;
  points.x.set(points.baseX.subarray(firstMovable, n0), firstMovable);
  points.y.set(points.baseY.subarray(firstMovable, n0), firstMovable);

  // The density under each impression's blue-noise place, read once: a 12-megapixel field misses
  // the cache on nearly every read.
  let baseDensity = new Float32Array(n0);
  let maxDensity = 0;
  const known = options.density;
  for (let i = 0; i < n0; i++) {
    const d = known ? known[i]! : densityAt(field, points.baseX[i]!, points.baseY[i]!);
    baseDensity[i] = d;
    if (i >= firstMovable && d > maxDensity) maxDensity = d;
  }
  if (!(maxDensity > 0) || n0 === firstMovable) return { points, report };
  const considered = Math.max(floor, maxDensity * CONSIDERED_SHARE);
  const sMin = spacingPx(maxDensity, pxPerMm);
  const levels = shares.length;
  const levelScale = shares.map((share) => 1 / Math.sqrt(share));
  const reachOf = (d: number) => (d > 0 ? (tuning.gapLimit / 2) * spacingPx(d, pxPerMm) : 0);

  // Rasters over the region and as far round it as an impression's reach or step goes (twice the
  // reach at the densest: sparser skin further out only matters where its own impressions are).
  const margin =
    2 * reachOf(maxDensity) * levelScale[0]! +
    SCATTER_CUTOFF * tuning.scatter * spacingPx(maxDensity, pxPerMm);
  const ox = Math.max(0, Math.floor(region.x0 - margin));
  const oy = Math.max(0, Math.floor(region.y0 - margin));
  const rw = Math.min(w, Math.ceil(region.x1 + margin)) - ox;
  const rh = Math.min(h, Math.ceil(region.y1 + margin)) - oy;
  const checked = (x: number, y: number) =>
    x >= region.x0 &&
    y >= region.y0 &&
    x < region.x1 &&
    y < region.y1 &&
    densityAt(field, x, y) >= considered;
  const rasters = levelScale.map(
    (scale) => new CoverageRaster((sMin * scale) / CELLS_PER_SPACING, ox, oy, rw, rh, checked),
  );

  // Room for the rare additions.
  let capacity = n0 + 64;
  let pts: PlacedImpressions = points;
  let reach = new Float32Array(0);
  const grow = () => {
    capacity *= 2;
    const f32 = (a: Float32Array) => {
      const b = new Float32Array(capacity);
      b.set(a.subarray(0, pts.count));
      return b;
    };
    const session = new Uint8Array(capacity);
    session.set(pts.session.subarray(0, pts.count));
    pts = {
      count: pts.count,
      baseX: f32(pts.baseX),
      baseY: f32(pts.baseY),
      x: f32(pts.x),
      y: f32(pts.y),
      session,
    };
    reach = f32(reach);
    baseDensity = f32(baseDensity);
  };
  const rx0 = ox - margin;
  const ry0 = oy - margin;
  const rx1 = ox + rw + margin;
  const ry1 = oy + rh + margin;
  // Where each impression is now: its blue-noise place for the movable ones.
  const cover = (i: number, from: number, to: number, delta: 1 | -1) => {
    for (let level = Math.max(1, from); level <= to; level++)
      rasters[level - 1]!.disc(pts.x[i]!, pts.y[i]!, reach[i]! * levelScale[level - 1]!, delta);
  };
  reach = new Float32Array(n0);
  for (let i = 0; i < n0; i++) {
    const x = pts.x[i]!;
    const y = pts.y[i]!;
    if (!(x >= rx0 && y >= ry0 && x < rx1 && y < ry1)) continue;
    reach[i] = reachOf(baseDensity[i]!);
    cover(i, pts.session[i]!, levels, 1);
  }

  // 1. Gaps of each session: bring the nearest later impression forward, or add one.
  const buckets = new NearestBuckets(pts.baseX, pts.baseY, n0, sMin, w, h);
  const promotedInto = new Array<number>(levels + 1).fill(0);
  for (let k = 1; k <= levels; k++) {
    const raster = rasters[k - 1]!;
    for (let c = 0; c < raster.count.length; c++) {
      if (raster.count[c] !== 0 || !raster.mustCover(c)) continue;
      const cx = raster.centreX(c);
      const cy = raster.centreY(c);
      const gap = reachOf(densityAt(field, cx, cy)) * levelScale[k - 1]!;
      const later = buckets.nearest(cx, cy, gap, (i) => i >= firstMovable && pts.session[i]! > k);
      if (later >= 0) {
        cover(later, k, pts.session[later]! - 1, 1);
        pts.session[later] = k;
        promotedInto[k] = promotedInto[k]! + 1;
        report.promoted++;
        continue;
      }
      // The nearest impression that can leave its place without opening a gap moves into this one.
      const safe = (i: number) => {
        if (i < firstMovable || i >= n0 || reach[i] === 0) return false;
        for (let level = pts.session[i]!; level <= levels; level++)
          if (
            !rasters[level - 1]!.canRemove(pts.baseX[i]!, pts.baseY[i]!, reach[i]! * levelScale[level - 1]!)
          )
            return false;
        return true;
      };
      const moving = buckets.nearest(cx, cy, 3 * gap, safe);
      if (moving >= 0) {
        cover(moving, pts.session[moving]!, levels, -1);
        if (pts.session[moving]! > k) promotedInto[k] = promotedInto[k]! + 1;
        pts.baseX[moving] = pts.x[moving] = cx;
        baseDensity[moving] = densityAt(field, cx, cy);
        pts.baseY[moving] = pts.y[moving] = cy;
        pts.session[moving] = Math.min(k, pts.session[moving]!);
        cover(moving, pts.session[moving], levels, 1);
        report.moved++;
        continue;
      }
      if (pts.count === capacity || reach.length < capacity) grow();
      const i = pts.count++;
      pts.baseX[i] = pts.x[i] = cx;
      pts.baseY[i] = pts.y[i] = cy;
      pts.session[i] = k;
      baseDensity[i] = densityAt(field, cx, cy);
      reach[i] = reachOf(baseDensity[i]);
      cover(i, k, levels, 1);
      report.added++;
    }
  }

  // Each session keeps its share: as many impressions as were brought forward into it go back to
  // the next session, taken where leaving opens no gap in this one.
  for (let k = 1; k < levels; k++) {
    let excess = promotedInto[k]!;
    for (let o = 0; o < order.length && excess > 0; o++) {
      const i = order[o]!;
      if (i < firstMovable || i >= n0 || pts.session[i] !== k || reach[i] === 0) continue;
      const radius = reach[i]! * levelScale[k - 1]!;
      if (!rasters[k - 1]!.canRemove(pts.baseX[i]!, pts.baseY[i]!, radius)) continue;
      rasters[k - 1]!.disc(pts.baseX[i]!, pts.baseY[i]!, radius, -1);
      pts.session[i] = k + 1;
      excess--;
    }
  }

  // 2. Scatter, one impression at a time, never opening a gap, nor onto one of the client's follicles.
  const n = pts.count;
  const { baseX, baseY, x: X, y: Y, session } = pts;
  // Constants from here on, so that the closures below read them from registers, not a context.
  const stepReach = reach;
  const density = baseDensity;
  const follicles = new NearestBuckets(pts.x, pts.y, firstMovable, sMin, w, h);
  const onFollicle = (px: number, py: number, clearance: number) =>
    follicles.nearest(px, py, clearance, (j) => session[j] === 0) >= 0;
  const step = (i: number, fraction: number, gx: number, gy: number): boolean => {
    const bx = baseX[i]!;
    const by = baseY[i]!;
    const spacing = spacingPx(density[i]!, pxPerMm);
    const s = spacing * tuning.scatter * fraction;
    const px = bx + gx * s;
    const py = by + gy * s;
    if (px < 0 || py < 0 || px >= w || py >= h || densityAt(field, px, py) < floor) return false;
    if (firstMovable > 0 && onFollicle(px, py, FOLLICLE_CLEARANCE * spacing)) return false;
    for (let level = session[i]!; level <= levels; level++)
      if (!rasters[level - 1]!.canMove(bx, by, px, py, stepReach[i]! * levelScale[level - 1]!)) return false;
    for (let level = session[i]!; level <= levels; level++)
      rasters[level - 1]!.move(bx, by, px, py, stepReach[i]! * levelScale[level - 1]!);
    X[i] = px;
    Y[i] = py;
    return true;
  };
  const scatterOrder = options.scatterOrder ?? order;
  for (let o = 0; o < scatterOrder.length; o++) {
    const i = scatterOrder[o]!;
    if (i < firstMovable || i >= n || stepReach[i] === 0 || tuning.scatter <= 0) continue;
    let gx = normals[2 * i]!;
    let gy = normals[2 * i + 1]!;
    const g = Math.sqrt(gx * gx + gy * gy);
    if (g > SCATTER_CUTOFF) {
      gx *= SCATTER_CUTOFF / g;
      gy *= SCATTER_CUTOFF / g;
    }
    if (step(i, 1, gx, gy)) report.stepped++;
    else if (step(i, 0.5, gx, gy)) report.halved++;
    else report.kept++;
  }

  // 3. The healed union keeps the sampler's count: as many impressions as were added to close holes
  // leave the last session where leaving opens no gap.
  const last = rasters[levels - 1]!;
  const removed = new Uint8Array(report.added ? n : 0);
  for (let o = 0; o < order.length && report.removed < report.added; o++) {
    const i = order[o]!;
    if (i < firstMovable || i >= n0 || reach[i] === 0 || session[i] !== levels) continue;
    if (X[i]! < region.x0 || Y[i]! < region.y0 || X[i]! >= region.x1 || Y[i]! >= region.y1) continue;
    const radius = reach[i]! * levelScale[levels - 1]!;
    if (!last.canRemove(X[i]!, Y[i]!, radius)) continue;
    last.disc(X[i]!, Y[i]!, radius, -1);
    removed[i] = 1;
    report.removed++;
  }
  if (pts === points && !report.removed) return { points, report };
  const kept = new Int32Array(n - report.removed);
  for (let i = 0, k = 0; i < n; i++) if (!removed[i]) kept[k++] = i;
  const pick = <T extends Float32Array | Uint8Array>(a: T, b: T) => {
    for (let k = 0; k < kept.length; k++) b[k] = a[kept[k]!]!;
    return b;
  };
  const f32 = () => new Float32Array(kept.length);
  return {
    points: {
      count: kept.length,
      baseX: pick(baseX, f32()),
      baseY: pick(baseY, f32()),
      x: pick(X, f32()),
      y: pick(Y, f32()),
      session: pick(session, new Uint8Array(kept.length)),
    },
    report,
  };
}
