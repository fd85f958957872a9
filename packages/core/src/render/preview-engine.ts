import type { Stopwatch } from '../domain/stopwatch.js';
import { defaultSessionShares, ZONE_DEFAULTS, type ZonesFile } from '../domain/zones.schema.js';
import type { Vec2 } from '../geometry/polygon.js';
import { hashSeed } from '../sampling/rng.js';
import { shadeForStubble, type ClientHair, type StubbleShade } from './client-hair.js';
import { changedFollicles, countedFollicles, follicleCounted } from './counted-hair.js';
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
import { dressImpressions, type ImpressionSet } from './impression-set.js';
import { PreviewPointStore } from './preview-points.js';
import { unionRect, type Stage } from './render-stage.js';
import { simulationStages } from './simulate.js';
import { patchPolygonLayer } from './zone-layers.js';
import { summariseZones, type ZoneSummary } from './zone-summary.js';

/*
 * The live preview of the zone editor: the same density field, sampler and renderer as
 * `planSimulation`, made incremental so that an edit costs what it changes. A zone's layer is kept
 * while its shape stays, and patched where a vertex moved; the zones are composed again only over
 * the cells the changed layers cover, and only the window where the density changed is upsampled
 * and sampled again, round the impressions that stay (preview-points.ts). Each impression draws
 * its size, shade, shape and scatter from its own id, so a kept impression looks the same after
 * every edit, and a change of shade or dot size only recomputes those.
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
  /** What this update had to redo, and where the density changed. */
  change: { kind: 'full' | 'window' | 'appearance'; rect: PixelRect | null };
  /** Where impressions were added, removed or changed (their centres), null for everywhere: what to render again. */
  dirty: PixelRect | null;
  /** Impressions kept from the previous update, and placed anew. */
  kept: number;
  placed: number;
  /** Per zone: area, density reached (with the client's hair), shade against the stubble, warnings. */
  summary: ZoneSummary[];
  stubble: StubbleShade | null;
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

interface KeptLayer {
  id: string;
  key: string;
  /** What the layer's cells depend on besides its outline. */
  shapeKey: string;
  outline: readonly Vec2[] | null;
  layer: ZoneLayer;
}

/**
 * A zone's layer depends on its shape and edges; a hairline's also on its place in the list and its
 * id (its noise). A polygon's layer does not depend on its place, so it is kept by the zone's id
 * when zones are added or removed before it.
 */
function layerKeys(
  spec: ZonesFile,
  index: number,
): { key: string; shapeKey: string; outline: readonly Vec2[] | null } {
  const z = spec.zones[index]!;
  if (z.kind === 'hairline') {
    const key = JSON.stringify([
      index,
      z.kind,
      z.id,
      z.polyline,
      z.inward,
      z.featherMm,
      z.transitionMm,
      z.frontMm,
      z.depthMm,
    ]);
    return { key, shapeKey: key, outline: null };
  }
  const shapeKey = JSON.stringify([z.kind, z.featherMm]);
  return { key: JSON.stringify([shapeKey, z.polygon]), shapeKey, outline: z.polygon };
}

/** Cells a layer covers, as a rectangle. */
const boxOf = (l: ZoneLayer) => ({ x0: l.x0, y0: l.y0, x1: l.x1, y1: l.y1 });

/** The box round the centres of the dots of the zones marked in `zones` (by zone index), or null. */
function dotsBox(set: ImpressionSet, zones: readonly boolean[]): PixelRect | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < set.count; i++) {
    if (!zones[set.zone[i]!]) continue;
    const x = set.x[i]!;
    const y = set.y[i]!;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  if (x1 < x0) return null;
  return { x0: Math.floor(x0), y0: Math.floor(y0), x1: Math.ceil(x1) + 1, y1: Math.ceil(y1) + 1 };
}

export class PreviewEngine {
  private grid: WorkGrid | undefined;
  private globalKey = '';
  private layers: KeptLayer[] = [];
  private composedAs: string[] = [];
  private buffers: CompositionBuffers | undefined;
  private composed: ComposedZones | undefined;
  private perCm2: Float32Array | undefined;
  private store = new PreviewPointStore(1);
  private hairKey: ClientHair | undefined;
  /** Which of the client's follicles counted in the last update (follicleCounted). */
  private counted: Uint8Array | undefined;

  /** `clock` times the stages (`timingsMs`); without one the frame carries no timings. */
  constructor(
    private readonly image: { width: number; height: number },
    private readonly clock?: Stopwatch,
  ) {}

  /** Brings the preview up to `spec`: call on every edit; throws ZoneError as planSimulation does. */
  update(spec: ZonesFile, analysis?: FollicleAnalysis, hair?: ClientHair): PreviewFrame {
    const timings: Record<string, number> = {};
    const clock = this.clock;
    let t = clock?.now() ?? 0;
    const lap = (name: string) => {
      if (!clock) return;
      const at = clock.now();
      timings[name] = Math.round((at - t) * 10) / 10;
      t = at;
    };
    const { width, height } = this.image;
    const grid = workGridFor(spec, this.image);
    const shares = spec.sessionShares ?? defaultSessionShares(spec.sessions);
    const globalKey = JSON.stringify([grid.pxPerMm, spec.seed, shares]);
    let full = globalKey !== this.globalKey || !this.composed || hair !== this.hairKey;
    if (full) {
      this.globalKey = globalKey;
      this.hairKey = hair;
      this.grid = grid;
      this.layers = [];
      this.composedAs = [];
      this.composed = undefined;
      const cells = grid.ww * grid.wh;
      this.buffers = {
        density: new Float32Array(cells),
        strength: new Float32Array(cells),
        zoneIndex: new Uint8Array(cells),
        zoneCore: new Uint8Array(cells),
      };
      this.perCm2 = new Float32Array(width * height);
      this.store = new PreviewPointStore(hashSeed(spec.seed, 'preview'));
    }

    const stubble = hair ? shadeForStubble(hair.stubbleLab, hair.skinLab) : null;
    const zones = resolveZones(spec, this.image, analysis, { stubbleShade: stubble?.shade ?? null });
    lap('resolve');
    // Layers: kept, patched where the outline changed, or made anew; the cells that may have changed.
    let cells: PixelRect | null = null;
    const byId = new Map(this.layers.map((l) => [l.id, l]));
    const layers: KeptLayer[] = spec.zones.map((zone, i) => {
      const keys = { ...layerKeys(spec, i), id: zone.id };
      const before = byId.get(zone.id);
      if (before && before.key === keys.key) return before;
      if (before && before.shapeKey === keys.shapeKey && before.outline && keys.outline) {
        const patched = patchPolygonLayer(
          before.layer,
          before.outline,
          keys.outline,
          zone.kind === 'fill' ? 'centred' : 'outward',
          grid,
          zone.featherMm ?? ZONE_DEFAULTS.featherMm,
        );
        cells = unionRect(cells, patched.changed);
        return { ...keys, layer: patched.layer };
      }
      const layer = zoneLayer(spec, i, grid);
      cells = unionRect(cells, unionRect(before ? boxOf(before.layer) : null, boxOf(layer)));
      return { ...keys, layer };
    });
    // A zone's place, kind and density are part of the composition (its label, its order among
    // scars): where they changed, or a zone came or went, its cells are composed again.
    const composedAs = zones.map((z) => JSON.stringify([z.id, z.kind, z.densityPerCm2]));
    const count = Math.max(layers.length, this.layers.length);
    for (let i = 0; i < count; i++) {
      if (composedAs[i] === this.composedAs[i]) continue;
      const was = this.layers[i];
      const now = layers[i];
      cells = unionRect(cells, unionRect(was ? boxOf(was.layer) : null, now ? boxOf(now.layer) : null));
    }
    this.composedAs = composedAs;
    this.layers = layers;
    lap('layers');

    // Compose again over those cells only, and find where the density really changed.
    const previous = this.composed;
    const buffers = this.buffers!;
    let before: Float32Array | null = null;
    const within = full ? undefined : (cells ?? { x0: 0, y0: 0, x1: 0, y1: 0 });
    if (within && previous) {
      before = new Float32Array(Math.max(0, within.x1 - within.x0) * Math.max(0, within.y1 - within.y0));
      const w = within.x1 - within.x0;
      for (let y = within.y0; y < within.y1; y++)
        before.set(
          buffers.density.subarray(y * grid.ww + within.x0, y * grid.ww + within.x1),
          (y - within.y0) * w,
        );
    }
    const composed = composeZoneLayers(
      spec,
      zones,
      layers.map((l) => l.layer),
      grid,
      buffers,
      within,
    );
    lap('compose');

    let dirty: PixelRect | null = null;
    if (!full && within && before) {
      let cx0 = grid.ww;
      let cy0 = grid.wh;
      let cx1 = -1;
      let cy1 = -1;
      const w = within.x1 - within.x0;
      for (let y = within.y0; y < within.y1; y++) {
        const row = y * grid.ww;
        for (let x = within.x0; x < within.x1; x++) {
          if (before[(y - within.y0) * w + (x - within.x0)] !== composed.density[row + x]) {
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
    // Which of the client's follicles count (none where a scar governs: follicleCounted). A scar
    // moved over hair may leave the density as it was (a fill of the same density under it) and
    // still change which follicles count: the dots round those are placed again.
    let existing: Float32Array | undefined;
    if (hair) {
      const counted = follicleCounted(hair.follicles, {
        zoneIndex: composed.zoneIndex,
        ww: grid.ww,
        wh: grid.wh,
        scale: grid.scale,
        kinds: zones.map((z) => z.kind),
      });
      if (!full && this.counted) {
        const moved = changedFollicles(
          hair.follicles,
          this.counted,
          counted,
          grid,
          composed.density,
          this.image,
        );
        if (moved) {
          const window = unionRect(dirty, moved)!;
          dirty = window;
          if ((window.x1 - window.x0) * (window.y1 - window.y0) > FULL_RESAMPLE_SHARE * width * height)
            full = true;
        }
      }
      this.counted = counted;
      existing = countedFollicles(hair.follicles, counted);
    } else this.counted = undefined;
    this.composed = composed;
    lap('diff');

    const field = { width, height, pxPerMm: grid.pxPerMm, perCm2: this.perCm2! };
    let kept = this.store.points.count;
    let placed = 0;
    let kind: PreviewFrame['change']['kind'] = 'appearance';
    let changedDots: PixelRect | null = null;
    if (full) {
      upsampleDensity(composed.density, grid, field.perCm2);
      lap('upsample');
      placed = this.store.build(field, shares, hashSeed(spec.seed, 'impressions'), existing);
      kept = 0;
      kind = 'full';
      dirty = { x0: 0, y0: 0, x1: width, y1: height };
      lap('sample');
    } else if (dirty) {
      upsampleDensity(composed.density, grid, field.perCm2, dirty);
      lap('upsample');
      const result = this.store.resample(field, dirty, shares, existing);
      kept = result.kept;
      placed = result.placed;
      kind = 'window';
      changedDots = result.touched;
      lap('sample');
    }

    const points = this.store.points;
    const impressions = dressImpressions(
      points,
      points.draws,
      zones,
      { zoneIndex: composed.zoneIndex, ww: grid.ww, wh: grid.wh, scale: grid.scale },
      grid.pxPerMm,
      { renderOrder: false },
    );
    lap('impressions');
    const summary = summariseZones(
      spec,
      {
        zones,
        density: composed.density,
        zoneCore: composed.zoneCore,
        areaCm2: composed.areaCm2,
        workWidth: grid.ww,
        workHeight: grid.wh,
        scale: grid.scale,
        pxPerMm: grid.pxPerMm,
      },
      impressions,
      existing,
      stubble,
    );
    lap('summary');
    // What to render again: where impressions moved, came or went, and where their zone may have
    // changed; and where the dots of a zone whose looks changed lie (a new shade recolours that
    // zone's dots only, so a frame carries that zone's pixels, not the whole photo).
    const looks = new Map(
      zones.map((z) => [
        z.id,
        JSON.stringify([z.kind, z.shades, z.dotDiameterMm, z.retention, z.poorRetention]),
      ]),
    );
    const restyled = zones.map((z) => this.looks.get(z.id) !== looks.get(z.id));
    this.looks = looks;
    let renderDirty: PixelRect | null = null;
    if (kind !== 'full') {
      renderDirty = unionRect(changedDots, restyled.some(Boolean) ? dotsBox(impressions, restyled) : null);
      const c: PixelRect | null = within ? cells : null;
      if (c) {
        renderDirty = unionRect(renderDirty, {
          x0: Math.floor(c.x0 / grid.scale),
          y0: Math.floor(c.y0 / grid.scale),
          x1: Math.ceil(c.x1 / grid.scale),
          y1: Math.ceil(c.y1 / grid.scale),
        });
      }
      renderDirty ??= { x0: 0, y0: 0, x1: 0, y1: 0 };
    }
    return {
      impressions,
      zones,
      pxPerMm: grid.pxPerMm,
      sessions: spec.sessions,
      stages: simulationStages(
        spec.sessions,
        spec.fadeYears,
        zones.some((z) => z.kind === 'scar'),
      ),
      change: { kind, rect: dirty },
      dirty: renderDirty,
      kept,
      placed,
      summary,
      stubble,
      timingsMs: timings,
    };
  }

  /** Per zone id, what its dots' looks depend on, as of the last update. */
  private looks = new Map<string, string>();

  /** The current target density per photo pixel (for tests and overlays). */
  get densityField(): Float32Array | undefined {
    return this.perCm2;
  }
}
