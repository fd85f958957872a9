/**
 * The live preview's renderer: keeps the last rendered stage and, after an edit, renders again
 * only the pixels the edit can change (the engine says where impressions changed), so that a
 * vertex drag costs its window, not the whole photo.
 */
import type { ImpressionSet } from './impression-set.js';
import {
  compositeDots,
  DOT_EXTENT,
  SPREAD_PER_YEAR,
  stampDots,
  unionRect,
  type RenderRect,
  type RgbImage,
  type Stage,
} from './render-stage.js';

/** Cells of the dot index, px. */
const BUCKET = 32;

export interface RenderedFrame {
  image: RgbImage;
  /** The pixels that changed since the last frame ([x0, x1) × [y0, y1)), or null for all of them. */
  rect: RenderRect | null;
}

export class PreviewRenderer {
  private readonly od: Float32Array;
  private readonly red: Float32Array;
  private readonly out: Uint8ClampedArray;
  private stageKey = '';
  /**
   * The box ([x0, x1) × [y0, y1)) outside which the rendered image is the photo, null when it is
   * the photo everywhere; undefined before the first render.
   */
  private drawn: RenderRect | null | undefined = undefined;
  private indexed: ImpressionSet | null = null;
  private heads = new Int32Array(0);
  private next = new Int32Array(0);
  private cols = 0;
  private rows = 0;

  constructor(private readonly photo: RgbImage) {
    const n = photo.width * photo.height;
    this.od = new Float32Array(n);
    this.red = new Float32Array(n);
    this.out = new Uint8ClampedArray(photo.data);
  }

  /**
   * Renders `stage` of `set`. `changed` is where impressions were added, removed or changed since
   * the last call (photo pixels, their centres; null when anything may have changed).
   */
  render(set: ImpressionSet, stage: Stage, changed: RenderRect | null): RenderedFrame {
    const { width: w, height: h } = this.photo;
    const key = JSON.stringify(stage);
    const fresh = stage.look === 'fresh';
    const red = fresh ? this.red : null;
    const image = { width: w, height: h, channels: this.photo.channels, data: this.out };
    if (key !== this.stageKey || changed === null) {
      this.stageKey = key;
      this.od.fill(0);
      if (red) red.fill(0);
      const touched = stampDots(set, stage, this.od, red, w, h, null, null);
      // Only where the last frame or this one has dots can a pixel differ from the photo: the
      // frame carries that box (a session slider's frame is the treated area, not the photo).
      const before = this.drawn;
      this.drawn = touched && { x0: touched.x0, y0: touched.y0, x1: touched.x1 + 1, y1: touched.y1 + 1 };
      const box = before === undefined ? { x0: 0, y0: 0, x1: w, y1: h } : unionRect(before, this.drawn);
      if (box)
        compositeDots(this.photo, this.od, red, this.out, {
          x0: box.x0,
          y0: box.y0,
          x1: box.x1 - 1,
          y1: box.y1 - 1,
        });
      return { image, rect: before === undefined ? null : (box ?? { x0: 0, y0: 0, x1: 0, y1: 0 }) };
    }
    // Footprints reach beyond the centres that changed.
    const reach = Math.ceil(maxReach(set, stage)) + 1;
    const rect = {
      x0: Math.max(0, Math.floor(changed.x0) - reach),
      y0: Math.max(0, Math.floor(changed.y0) - reach),
      x1: Math.min(w, Math.ceil(changed.x1) + reach),
      y1: Math.min(h, Math.ceil(changed.y1) + reach),
    };
    if (rect.x1 <= rect.x0 || rect.y1 <= rect.y0) return { image, rect };
    this.drawn = unionRect(this.drawn ?? null, rect);
    for (let y = rect.y0; y < rect.y1; y++) {
      this.od.fill(0, y * w + rect.x0, y * w + rect.x1);
      if (red) red.fill(0, y * w + rect.x0, y * w + rect.x1);
    }
    const dots = this.dotsNear(set, rect, reach);
    stampDots(set, stage, this.od, red, w, h, rect, dots);
    compositeDots(this.photo, this.od, red, this.out, {
      x0: rect.x0,
      y0: rect.y0,
      x1: rect.x1 - 1,
      y1: rect.y1 - 1,
    });
    return { image, rect };
  }

  /** Indices of the dots whose centre lies within `reach` of `rect`. */
  private dotsNear(set: ImpressionSet, rect: RenderRect, reach: number): Int32Array {
    if (this.indexed !== set) this.index(set);
    const found: number[] = [];
    const c0 = Math.max(0, Math.floor((rect.x0 - reach) / BUCKET));
    const c1 = Math.min(this.cols - 1, Math.floor((rect.x1 + reach) / BUCKET));
    const r0 = Math.max(0, Math.floor((rect.y0 - reach) / BUCKET));
    const r1 = Math.min(this.rows - 1, Math.floor((rect.y1 + reach) / BUCKET));
    for (let r = r0; r <= r1; r++)
      for (let c = c0; c <= c1; c++)
        for (let i = this.heads[r * this.cols + c]!; i >= 0; i = this.next[i]!) found.push(i);
    return Int32Array.from(found);
  }

  private index(set: ImpressionSet): void {
    const { width: w, height: h } = this.photo;
    this.cols = Math.ceil(w / BUCKET);
    this.rows = Math.ceil(h / BUCKET);
    this.heads = new Int32Array(this.cols * this.rows).fill(-1);
    this.next = new Int32Array(set.count);
    for (let i = 0; i < set.count; i++) {
      const c = Math.min(this.cols - 1, Math.max(0, Math.floor(set.x[i]! / BUCKET)));
      const r = Math.min(this.rows - 1, Math.max(0, Math.floor(set.y[i]! / BUCKET)));
      this.next[i] = this.heads[r * this.cols + c]!;
      this.heads[r * this.cols + c] = i;
    }
    this.indexed = set;
  }
}

/** The farthest any dot's footprint reaches from its centre at this stage, px. */
function maxReach(set: ImpressionSet, stage: Stage): number {
  let diameter = 0;
  let elongation = 1;
  for (let i = 0; i < set.count; i++) {
    if (set.diameterMm[i]! > diameter) diameter = set.diameterMm[i]!;
    if (set.elongation[i]! > elongation) elongation = set.elongation[i]!;
  }
  const spread = stage.look === 'faded' ? 1 + SPREAD_PER_YEAR * stage.years : 1;
  return ((diameter * set.pxPerMm) / 2) * elongation * spread * DOT_EXTENT;
}
