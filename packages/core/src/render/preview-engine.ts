import { defaultSessionShares, type ZonesFile } from '../domain/zones.schema.js';
import { createRng, hashSeed, type Rng } from '../sampling/rng.js';
import { assignSessions, sampleSessions } from '../sampling/progressive.js';
import { exclusionRadiusPx, sampleImpressions } from '../sampling/sample-impressions.js';
import {
  composeZoneLayers,
  resolveZones,
  upsampleDensity,
  workGridFor,
  zoneLayer,
  type ComposedZones,
  type FollicleAnalysis,
  type ResolvedZone,
  type WorkGrid,
  type ZoneLayer,
} from './density-field.js';
import { dressImpressions, IMPRESSION_DRAWS, type ImpressionSet } from './impression-set.js';
import type { Stage } from './render-stage.js';
import { simulationStages } from './simulate.js';

/*
 * The live preview of the zone editor: the same density field, sampler and renderer as
 * `planSimulation`, made incremental so that an edit costs what it changes. Each zone's layer is
 * kept while its shape stays; the composed field is compared with the previous one, and only the
 * window where the density changed is upsampled and sampled again, around the impressions that
 * stay (the sampler keeps its distance from them, so the seam has the same spacing as the rest).
 * New impressions join sessions with the same greedy, evenly spread rule as `sampleSessions`,
 * taking the sessions of the impressions around them into account. Each impression draws its
 * size, shade and shape from its own id, so a kept impression looks the same after every edit,
 * and a change of shade or dot size only recomputes those.
 */

/** A rectangle of photo pixels, [x0, x1) × [y0, y1). */
export interface PixelRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PreviewFrame {
  impressions: ImpressionSet;
  zones: ResolvedZone[];
  pxPerMm: number;
  sessions: number;
  /** The stages worth showing, named as `planSimulation` names them. */
  stages: { name: string; stage: Stage }[];
  /** What this update had to redo. */
  change: { kind: 'full' | 'window' | 'appearance'; rect: PixelRect | null };
  /** Impressions kept from the previous update, and placed anew. */
  kept: number;
  placed: number;
  timingsMs: Record<string, number>;
}

/** Windows larger than this share of the photo are resampled whole (as planSimulation does). */
const FULL_RESAMPLE_SHARE = 0.5;

interface CompositionBuffers {
  density: Float32Array;
  strength: Float32Array;
  zoneIndex: Uint8Array;
  zoneCore: Uint8Array;
}

interface PointSet {
  count: number;
  x: Float32Array;
  y: Float32Array;
  session: Uint8Array;
  /** DRAWS random numbers per impression, made once from its id (see drawsFor). */
  draws: Float32Array;
}

const DRAWS = IMPRESSION_DRAWS;

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
    for (let k = 4; k < DRAWS; k++) out[o + k] = u(k + 3);
  }
  return out;
}

// `performance` exists in browsers, workers and Node, but core compiles without their type libs.
const clock = (globalThis as { performance?: { now(): number } }).performance;
const now = (): number => (clock ? clock.now() : Date.now());

/** A zone's layer depends on its shape and edges, its place in the list and its id (hairline noise). */
function layerKey(spec: ZonesFile, index: number): string {
  const z = spec.zones[index]!;
  return JSON.stringify(
    z.kind === 'hairline'
      ? [index, z.kind, z.id, z.polyline, z.inward, z.featherMm, z.transitionMm, z.frontMm, z.depthMm]
      : [index, z.kind, z.polygon, z.featherMm],
  );
}

export class PreviewEngine {
  private grid: WorkGrid | undefined;
  private globalKey = '';
  private layers = new Map<string, ZoneLayer>();
  private composed: ComposedZones | undefined;
  /** Two sets of composition buffers: the current field and the one the next update writes. */
  private buffers: CompositionBuffers[] = [];
  private front = 0;
  private perCm2: Float32Array | undefined;
  private points: PointSet | undefined;
  private rng: Rng = createRng(1);

  constructor(private readonly image: { width: number; height: number }) {}

  /** Brings the preview up to `spec`: call on every edit; throws ZoneError as planSimulation does. */
  update(spec: ZonesFile, analysis?: FollicleAnalysis): PreviewFrame {
    const timings: Record<string, number> = {};
    let t = now();
    const lap = (name: string) => {
      const at = now();
      timings[name] = Math.round((at - t) * 10) / 10;
      t = at;
    };
    const { width, height } = this.image;
    const grid = workGridFor(spec, this.image);
    const shares = spec.sessionShares ?? defaultSessionShares(spec.sessions);
    const globalKey = JSON.stringify([grid.pxPerMm, spec.seed, shares]);
    let full = globalKey !== this.globalKey || !this.composed;
    if (full) {
      this.globalKey = globalKey;
      this.grid = grid;
      this.layers.clear();
      this.composed = undefined;
      const cells = grid.ww * grid.wh;
      const buffers = (): CompositionBuffers => ({
        density: new Float32Array(cells),
        strength: new Float32Array(cells),
        zoneIndex: new Uint8Array(cells),
        zoneCore: new Uint8Array(cells),
      });
      this.buffers = [buffers(), buffers()];
      this.perCm2 = new Float32Array(width * height);
      this.rng = createRng(hashSeed(spec.seed, 'preview'));
    }

    const zones = resolveZones(spec, this.image, analysis);
    const layers = new Map<string, ZoneLayer>();
    const ordered = spec.zones.map((_, i) => {
      const key = layerKey(spec, i);
      const layer = this.layers.get(key) ?? zoneLayer(spec, i, grid);
      layers.set(key, layer);
      return layer;
    });
    this.layers = layers;
    lap('layers');

    const previous = this.composed;
    this.front = 1 - this.front;
    const into = this.buffers[this.front]!;
    const composed = composeZoneLayers(spec, zones, ordered, grid, into);
    lap('compose');

    // Where did the density change? The bounding box of the cells that differ.
    let dirty: PixelRect | null = null;
    if (!full && previous) {
      let cx0 = grid.ww;
      let cy0 = grid.wh;
      let cx1 = -1;
      let cy1 = -1;
      const a = previous.density;
      const b = composed.density;
      for (let y = 0; y < grid.wh; y++) {
        const row = y * grid.ww;
        for (let x = 0; x < grid.ww; x++) {
          if (a[row + x] !== b[row + x]) {
            if (x < cx0) cx0 = x;
            if (x > cx1) cx1 = x;
            if (y < cy0) cy0 = y;
            if (y > cy1) cy1 = y;
          }
        }
      }
      if (cx1 >= 0) {
        // A changed cell moves the bilinear upsampling up to one cell around it.
        dirty = {
          x0: Math.max(0, Math.floor((cx0 - 1) / grid.scale) - 1),
          y0: Math.max(0, Math.floor((cy0 - 1) / grid.scale) - 1),
          x1: Math.min(width, Math.ceil((cx1 + 2) / grid.scale) + 1),
          y1: Math.min(height, Math.ceil((cy1 + 2) / grid.scale) + 1),
        };
        if ((dirty.x1 - dirty.x0) * (dirty.y1 - dirty.y0) > FULL_RESAMPLE_SHARE * width * height) full = true;
      }
    }
    this.composed = composed;
    lap('diff');

    const field = { width, height, pxPerMm: grid.pxPerMm, perCm2: this.perCm2! };
    let kept = this.points?.count ?? 0;
    let placed = 0;
    let kind: PreviewFrame['change']['kind'] = 'appearance';
    if (full) {
      upsampleDensity(composed.density, grid, field.perCm2);
      lap('upsample');
      const sampled = sampleSessions(field, shares, hashSeed(spec.seed, 'impressions'));
      this.points = { ...sampled, draws: drawsFor(this.uids(sampled.count)) };
      kept = 0;
      placed = sampled.count;
      kind = 'full';
      dirty = { x0: 0, y0: 0, x1: width, y1: height };
      lap('sample');
    } else if (dirty) {
      upsampleDensity(composed.density, grid, field.perCm2, dirty);
      lap('upsample');
      const result = this.resampleWindow(field, dirty, shares);
      kept = result.kept;
      placed = result.placed;
      kind = 'window';
      lap('sample');
    }

    const impressions = this.impressionSet(zones, composed, grid);
    lap('impressions');
    return {
      impressions,
      zones,
      pxPerMm: grid.pxPerMm,
      sessions: spec.sessions,
      stages: simulationStages(spec.sessions, spec.fadeYears),
      change: { kind, rect: dirty },
      kept,
      placed,
      timingsMs: timings,
    };
  }

  /** The current target density per photo pixel (for tests and overlays). */
  get densityField(): Float32Array | undefined {
    return this.perCm2;
  }

  private uids(count: number): Uint32Array {
    const out = new Uint32Array(count);
    for (let i = 0; i < count; i++) out[i] = this.rng.nextUint32();
    return out;
  }

  /**
   * Drops the impressions inside `rect` and samples it again, keeping the distance from those
   * around it; the new ones join sessions so that each session stays evenly spread across the seam.
   */
  private resampleWindow(
    field: { width: number; height: number; pxPerMm: number; perCm2: Float32Array },
    rect: PixelRect,
    shares: readonly number[],
  ): { kept: number; placed: number } {
    const old = this.points!;
    const { width, height, pxPerMm, perCm2 } = field;
    const inside = (x: number, y: number) => x >= rect.x0 && x < rect.x1 && y >= rect.y0 && y < rect.y1;

    let max = 0;
    for (let y = rect.y0; y < rect.y1; y++)
      for (let x = rect.x0; x < rect.x1; x++) if (perCm2[y * width + x]! > max) max = perCm2[y * width + x]!;

    // The impressions that stay.
    const keep: number[] = [];
    for (let i = 0; i < old.count; i++) if (!inside(old.x[i]!, old.y[i]!)) keep.push(i);

    let fresh = { count: 0, x: new Float32Array(0), y: new Float32Array(0) };
    let freshSessions: Uint8Array = new Uint8Array(0);
    if (max > 0) {
      // A crop round the window, wide enough for the largest spacing at the sampler's floor.
      const margin = Math.ceil(exclusionRadiusPx(max / 64, pxPerMm)) + 2;
      const cx0 = Math.max(0, rect.x0 - margin);
      const cy0 = Math.max(0, rect.y0 - margin);
      const cx1 = Math.min(width, rect.x1 + margin);
      const cy1 = Math.min(height, rect.y1 + margin);
      const cw = cx1 - cx0;
      const ch = cy1 - cy0;
      const crop = new Float32Array(cw * ch);
      for (let y = rect.y0; y < rect.y1; y++)
        crop.set(perCm2.subarray(y * width + rect.x0, y * width + rect.x1), (y - cy0) * cw + (rect.x0 - cx0));

      const around: number[] = [];
      for (const i of keep) {
        const x = old.x[i]!;
        const y = old.y[i]!;
        if (x >= cx0 - margin && x < cx1 + margin && y >= cy0 - margin && y < cy1 + margin) around.push(i);
      }
      const radiusAt = (x: number, y: number) => {
        const d = perCm2[Math.min(height - 1, y | 0) * width + Math.min(width - 1, x | 0)]!;
        return d > 0 ? exclusionRadiusPx(d, pxPerMm) : 0;
      };
      const fixed = {
        count: around.length,
        x: Float32Array.from(around, (i) => old.x[i]! - cx0),
        y: Float32Array.from(around, (i) => old.y[i]! - cy0),
        r: Float32Array.from(around, (i) => radiusAt(old.x[i]!, old.y[i]!)),
      };
      const local = sampleImpressions(
        { width: cw, height: ch, pxPerMm, perCm2: crop },
        { seed: this.rng.nextUint32(), fixed },
      );
      fresh = {
        count: local.count,
        x: local.x.map((v) => v + cx0),
        y: local.y.map((v) => v + cy0),
      };
      freshSessions = assignSessions(
        fresh,
        Float32Array.from({ length: fresh.count }, (_, i) => radiusAt(fresh.x[i]!, fresh.y[i]!)),
        {
          count: around.length,
          x: Float32Array.from(around, (i) => old.x[i]!),
          y: Float32Array.from(around, (i) => old.y[i]!),
          r: fixed.r,
          session: Uint8Array.from(around, (i) => old.session[i]!),
        },
        shares,
        this.rng,
      );
    }

    const count = keep.length + fresh.count;
    const next: PointSet = {
      count,
      x: new Float32Array(count),
      y: new Float32Array(count),
      session: new Uint8Array(count),
      draws: new Float32Array(count * DRAWS),
    };
    keep.forEach((i, k) => {
      next.x[k] = old.x[i]!;
      next.y[k] = old.y[i]!;
      next.session[k] = old.session[i]!;
      next.draws.set(old.draws.subarray(i * DRAWS, (i + 1) * DRAWS), k * DRAWS);
    });
    next.draws.set(drawsFor(this.uids(fresh.count)), keep.length * DRAWS);
    for (let i = 0; i < fresh.count; i++) {
      const k = keep.length + i;
      next.x[k] = fresh.x[i]!;
      next.y[k] = fresh.y[i]!;
      next.session[k] = freshSessions[i]!;
    }
    this.points = next;
    return { kept: keep.length, placed: fresh.count };
  }

  /** The dots to render, each drawing its variation from its own id (as buildImpressionSet varies them). */
  private impressionSet(zones: ResolvedZone[], composed: ComposedZones, grid: WorkGrid): ImpressionSet {
    const pts = this.points!;
    return dressImpressions(
      pts,
      pts.draws,
      zones,
      { zoneIndex: composed.zoneIndex, ww: grid.ww, wh: grid.wh, scale: grid.scale },
      grid.pxPerMm,
    );
  }
}

/** A well-mixed 32-bit value of an id and a draw number (splitmix32 finaliser). */
function mix32(h: number, k: number): number {
  let z = (h + Math.imul(k + 1, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}
