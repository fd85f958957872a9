/**
 * The impressions of a live preview, kept between edits: where the sampler put each one (its
 * blue-noise place), where it is placed, its session and its draws (size, shade, shape, scatter),
 * made once from its own id so that a kept impression looks the same after every edit. An edit
 * resamples one window round the impressions that stay, with the same steps as a full build.
 */
import {
  NATURAL_TUNING,
  naturalise,
  type PlacedImpressions,
  type Rect,
} from '../sampling/natural-pattern.js';
import {
  assignSessions,
  existingOnTreatedSkin,
  placeSessions,
  radiiAt,
  withFixedFirst,
} from '../sampling/progressive.js';
import { createRng, hashSeed, type Rng } from '../sampling/rng.js';
import { exclusionRadiusPx, sampleImpressions, type DensityField } from '../sampling/sample-impressions.js';
import { IMPRESSION_DRAWS, SCATTER_DRAW } from './impression-set.js';

export interface PreviewPoints extends PlacedImpressions {
  /** IMPRESSION_DRAWS numbers per impression, from its id. */
  draws: Float32Array;
}

const DRAWS = IMPRESSION_DRAWS;

/** A well-mixed 32-bit value of an id and a draw number (splitmix32 finaliser). */
function mix32(h: number, k: number): number {
  let z = (h + Math.imul(k + 1, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/** The draws of impressions with these ids (see IMPRESSION_DRAWS for what each is). */
function drawsFor(uids: Uint32Array): Float32Array {
  const out = new Float32Array(uids.length * DRAWS);
  for (let i = 0; i < uids.length; i++) {
    const h = uids[i]!;
    const u = (k: number) => mix32(h, k) / 4294967296;
    const gauss = (k: number) =>
      Math.sqrt(-2 * Math.log(Math.max(1e-12, u(k)))) * Math.cos(2 * Math.PI * u(k + 1));
    const o = i * DRAWS;
    out[o] = gauss(0);
    out[o + 1] = gauss(2);
    out[o + 2] = u(4);
    out[o + 3] = gauss(5);
    for (let k = 4; k < SCATTER_DRAW; k++) out[o + k] = u(k + 3);
    out[o + SCATTER_DRAW] = gauss(30);
    out[o + SCATTER_DRAW + 1] = gauss(32);
  }
  return out;
}

/** Scatter normals of a range of impressions, from their draws. */
function normalsOf(draws: Float32Array, from: number, count: number, offset: number): Float32Array {
  const out = new Float32Array(2 * (offset + count));
  for (let i = 0; i < count; i++) {
    out[2 * (offset + i)] = draws[(from + i) * DRAWS + SCATTER_DRAW]!;
    out[2 * (offset + i) + 1] = draws[(from + i) * DRAWS + SCATTER_DRAW + 1]!;
  }
  return out;
}

export class PreviewPointStore {
  points: PreviewPoints = empty();
  private rng: Rng;

  constructor(seed: number) {
    this.rng = createRng(hashSeed(seed, 'preview'));
  }

  private uids(count: number): Uint32Array {
    const out = new Uint32Array(count);
    for (let i = 0; i < count; i++) out[i] = this.rng.nextUint32();
    return out;
  }

  /** Every impression anew (what planSimulation places on the same field). */
  build(
    field: DensityField,
    shares: readonly number[],
    seed: number,
    existing: Float32Array | undefined,
  ): number {
    const placed = placeSessions(field, shares, seed, existing ? { existing } : {});
    const draws = drawsFor(this.uids(placed.count));
    // The draws keep each impression's own scatter; the full build used the seed's, which is the same
    // kind of number: keep where the impressions are, and give later window rebuilds the draws.
    this.points = { ...placed, draws };
    return placed.count;
  }

  /**
   * Drops the impressions whose blue-noise place (or place) lies inside `rect` and samples it again round
   * those that stay and the client's follicles; the new ones join sessions and are scattered so
   * that each session stays natural and without gaps across the seam.
   */
  resample(
    field: DensityField,
    rect: Rect,
    shares: readonly number[],
    existing: Float32Array | undefined,
  ): { kept: number; placed: number; touched: Rect } {
    const old = this.points;
    const { width, height, pxPerMm, perCm2 } = field;
    const inside = (x: number, y: number) => x >= rect.x0 && x < rect.x1 && y >= rect.y0 && y < rect.y1;

    let max = 0;
    for (let y = rect.y0; y < rect.y1; y++)
      for (let x = rect.x0; x < rect.x1; x++) if (perCm2[y * width + x]! > max) max = perCm2[y * width + x]!;
    // An impression goes when its blue-noise place or where it was scattered to lies in the window.
    const keep: number[] = [];
    const dropped = (i: number) => inside(old.baseX[i]!, old.baseY[i]!) || inside(old.x[i]!, old.y[i]!);
    for (let i = 0; i < old.count; i++) if (!dropped(i)) keep.push(i);
    // Where pixels may change: the window, and wherever a dropped impression had been scattered to.
    const touched = { ...rect };
    for (let i = 0; i < old.count; i++)
      if (dropped(i)) {
        touched.x0 = Math.min(touched.x0, old.x[i]!);
        touched.y0 = Math.min(touched.y0, old.y[i]!);
        touched.x1 = Math.max(touched.x1, old.x[i]! + 1);
        touched.y1 = Math.max(touched.y1, old.y[i]! + 1);
      }

    let fresh: PreviewPoints = empty();
    if (max > 0) {
      const floor = max / 64;
      // A crop round the window, wide enough for the largest spacing at the sampler's floor.
      const margin = Math.ceil(exclusionRadiusPx(floor, pxPerMm)) + 2;
      const cx0 = Math.max(0, rect.x0 - margin);
      const cy0 = Math.max(0, rect.y0 - margin);
      const cx1 = Math.min(width, rect.x1 + margin);
      const cy1 = Math.min(height, rect.y1 + margin);
      const cw = cx1 - cx0;
      const ch = cy1 - cy0;
      const crop = new Float32Array(cw * ch);
      for (let y = rect.y0; y < rect.y1; y++)
        crop.set(perCm2.subarray(y * width + rect.x0, y * width + rect.x1), (y - cy0) * cw + (rect.x0 - cx0));

      // Neighbours: kept impressions (by their blue-noise place) and the client's follicles near.
      const near = (x: number, y: number, m: number) =>
        x >= cx0 - m && x < cx1 + m && y >= cy0 - m && y < cy1 + m;
      const around = keep.filter((i) => near(old.baseX[i]!, old.baseY[i]!, margin));
      const hair = existingOnTreatedSkin(field, existing, 0);
      const hairNear: number[] = [];
      for (let i = 0; i < hair.count; i++) if (near(hair.x[i]!, hair.y[i]!, margin)) hairNear.push(i);
      const fixedX = Float32Array.from([
        ...around.map((i) => old.baseX[i]!),
        ...hairNear.map((i) => hair.x[i]!),
      ]);
      const fixedY = Float32Array.from([
        ...around.map((i) => old.baseY[i]!),
        ...hairNear.map((i) => hair.y[i]!),
      ]);
      const fixedR = radiiAt(field, { count: fixedX.length, x: fixedX, y: fixedY });
      const local = sampleImpressions(
        { width: cw, height: ch, pxPerMm, perCm2: crop },
        {
          seed: this.rng.nextUint32(),
          fixed: {
            count: fixedX.length,
            x: fixedX.map((v) => v - cx0),
            y: fixedY.map((v) => v - cy0),
            r: fixedR,
          },
        },
      );
      const n = local.count;
      const baseX = local.x.map((v) => v + cx0);
      const baseY = local.y.map((v) => v + cy0);
      const session = assignSessions(
        { count: n, x: baseX, y: baseY },
        radiiAt(field, { count: n, x: baseX, y: baseY }),
        {
          count: fixedX.length,
          x: fixedX,
          y: fixedY,
          r: fixedR,
          session: Uint8Array.from([...around.map((i) => old.session[i]!), ...hairNear.map(() => 0)]),
        },
        shares,
        this.rng,
      );
      const draws = drawsFor(this.uids(n));

      // Naturalise round what stays: kept impressions where they are now, and the client's hair.
      const reach = (12 * (10 * pxPerMm)) / Math.sqrt(max);
      const stay = keep.filter((i) => near(old.x[i]!, old.y[i]!, reach));
      const stayHair = hairNear.length ? hairNear : [];
      const fixed = {
        count: stay.length + stayHair.length,
        x: [...stay.map((i) => old.x[i]!), ...stayHair.map((i) => hair.x[i]!)],
        y: [...stay.map((i) => old.y[i]!), ...stayHair.map((i) => hair.y[i]!)],
        session: [...stay.map((i) => old.session[i]!), ...stayHair.map(() => 0)],
      };
      const placed = withFixedFirst(fixed, { count: n, x: baseX, y: baseY, session });
      const natural = naturalise(placed, field, {
        normals: normalsOf(draws, 0, n, fixed.count),
        order: Int32Array.from({ length: n }, (_, i) => fixed.count + i),
        shares,
        floor,
        tuning: NATURAL_TUNING,
        region: rect,
        firstMovable: fixed.count,
      }).points;
      // Sessions of kept impressions stay; additions (rare) get draws of their own.
      const f = fixed.count;
      const total = natural.count - f;
      const allDraws = new Float32Array(total * DRAWS);
      allDraws.set(draws);
      if (total > n) allDraws.set(drawsFor(this.uids(total - n)), n * DRAWS);
      fresh = {
        count: total,
        baseX: natural.baseX.slice(f, natural.count),
        baseY: natural.baseY.slice(f, natural.count),
        x: natural.x.slice(f, natural.count),
        y: natural.y.slice(f, natural.count),
        session: natural.session.slice(f, natural.count),
        draws: allDraws,
      };
      for (let i = 0; i < fresh.count; i++) {
        touched.x0 = Math.min(touched.x0, fresh.x[i]!);
        touched.y0 = Math.min(touched.y0, fresh.y[i]!);
        touched.x1 = Math.max(touched.x1, fresh.x[i]! + 1);
        touched.y1 = Math.max(touched.y1, fresh.y[i]! + 1);
      }
    }

    const count = keep.length + fresh.count;
    const next: PreviewPoints = {
      count,
      baseX: new Float32Array(count),
      baseY: new Float32Array(count),
      x: new Float32Array(count),
      y: new Float32Array(count),
      session: new Uint8Array(count),
      draws: new Float32Array(count * DRAWS),
    };
    keep.forEach((i, k) => {
      next.baseX[k] = old.baseX[i]!;
      next.baseY[k] = old.baseY[i]!;
      next.x[k] = old.x[i]!;
      next.y[k] = old.y[i]!;
      next.session[k] = old.session[i]!;
      next.draws.set(old.draws.subarray(i * DRAWS, (i + 1) * DRAWS), k * DRAWS);
    });
    const k0 = keep.length;
    next.baseX.set(fresh.baseX, k0);
    next.baseY.set(fresh.baseY, k0);
    next.x.set(fresh.x, k0);
    next.y.set(fresh.y, k0);
    next.session.set(fresh.session, k0);
    next.draws.set(fresh.draws, k0 * DRAWS);
    this.points = next;
    return { kept: keep.length, placed: fresh.count, touched };
  }
}

function empty(): PreviewPoints {
  return {
    count: 0,
    baseX: new Float32Array(0),
    baseY: new Float32Array(0),
    x: new Float32Array(0),
    y: new Float32Array(0),
    session: new Uint8Array(0),
    draws: new Float32Array(0),
  };
}
