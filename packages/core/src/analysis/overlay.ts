/**
 * Draws an analysis over its photo, RGBA out, for people to check it at 100 % zoom: every follicle
 * circled (openings green, shafts cyan), scar suggestions outlined (strip magenta, FUE yellow with
 * each dot circled, patch orange), regions that do not resolve follicles hatched in the colour of
 * their reason (blur orange, noise violet, no detail grey, overexposed white, pixel scale red) and
 * what is not skin dimmed. Pure pixel work; the caller encodes the PNG.
 */
import type { RgbImage } from './analysis-input.js';
import type { PhotoAnalysis } from './analysis-result.js';
import type { RegionStatus } from './resolvability.js';
import { decodeScalpMap } from './scalp-map/scalp-map-output.js';
import { isScalpClass, MAP_CLASS } from './scalp-map/scalp-map.js';

type Rgb = [number, number, number];

const HATCH: Record<Exclude<RegionStatus, 'resolved' | 'not-skin' | 'not-scalp'>, Rgb> = {
  blur: [255, 140, 0],
  noise: [170, 80, 255],
  'no-detail': [150, 150, 150],
  overexposed: [255, 255, 255],
  'pixel-scale': [230, 30, 30],
};
const OPENING: Rgb = [40, 255, 60];
const SHAFT: Rgb = [0, 230, 255];
const SCAR: Record<'strip' | 'fue' | 'patch', Rgb> = {
  strip: [255, 0, 200],
  fue: [255, 230, 0],
  patch: [255, 120, 0],
};

export interface Overlay {
  width: number;
  height: number;
  channels: 4;
  data: Uint8ClampedArray;
}

/**
 * The head and scalp map under everything: what is not head dimmed to a third, the face tinted
 * amber, bare scalp left as it is, hair-bearing scalp tinted blue, a line where the scalp ends.
 */
function shadeMap(out: Uint8ClampedArray, width: number, height: number, analysis: PhotoAnalysis): void {
  if (!analysis.scalpMap) return;
  const map = decodeScalpMap(analysis.scalpMap);
  const at = (x: number, y: number): number => {
    const mx = Math.min(map.width - 1, Math.floor(x / map.factor));
    const my = Math.min(map.height - 1, Math.floor(y / map.factor));
    return map.classes[my * map.width + mx]!;
  };
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const c = at(x, y);
      const o = 4 * (y * width + x);
      const edge =
        isScalpClass(c) !== isScalpClass(at(Math.min(width - 1, x + map.factor / 2), y)) ||
        isScalpClass(c) !== isScalpClass(at(x, Math.min(height - 1, y + map.factor / 2)));
      if (edge && (x + y) % 4 < 2) {
        out[o] = 255;
        out[o + 1] = 255;
        out[o + 2] = 0;
        continue;
      }
      if (c === MAP_CLASS.other) for (let k = 0; k < 3; k++) out[o + k] = out[o + k]! / 3;
      else if (c === MAP_CLASS.face) {
        out[o] = 0.7 * out[o]! + 0.3 * 255;
        out[o + 1] = 0.7 * out[o + 1]! + 0.3 * 190;
        out[o + 2] = 0.7 * out[o + 2]!;
      } else if (c === MAP_CLASS.hair) {
        out[o] = 0.85 * out[o]!;
        out[o + 1] = 0.85 * out[o + 1]! + 0.15 * 120;
        out[o + 2] = 0.85 * out[o + 2]! + 0.15 * 255;
      }
    }
}

export function renderOverlay(image: RgbImage, analysis: PhotoAnalysis): Overlay {
  const { width, height } = image;
  const out = new Uint8ClampedArray(width * height * 4);
  for (let i = 0, s = 0; i < width * height; i++, s += image.channels) {
    out[4 * i] = image.data[s]!;
    out[4 * i + 1] = image.data[s + 1]!;
    out[4 * i + 2] = image.data[s + 2]!;
    out[4 * i + 3] = 255;
  }
  const canvas = new Canvas(out, width, height);
  const thick = Math.max(1, Math.round(Math.min(width, height) / 1500));
  shadeMap(out, width, height, analysis);
  for (const region of analysis.resolvability.regions) {
    if (region.status === 'resolved' || region.status === 'not-scalp') continue;
    if (region.status === 'not-skin') canvas.dim(region.x, region.y, region.w, region.h, 0.5);
    else canvas.hatch(region.x, region.y, region.w, region.h, HATCH[region.status], 6 * thick, 0.55);
  }
  for (const f of analysis.follicles)
    canvas.circle(f.x, f.y, f.r + 1.5 * thick, f.kind === 'opening' ? OPENING : SHAFT, thick);
  for (const s of analysis.scarSuggestions) {
    canvas.polygon(s.polygon, SCAR[s.kind], 2 * thick);
    for (const d of s.dots ?? []) canvas.circle(d.x, d.y, d.r, SCAR.fue, thick);
  }
  return { width, height, channels: 4, data: out };
}

class Canvas {
  constructor(
    private readonly data: Uint8ClampedArray,
    private readonly width: number,
    private readonly height: number,
  ) {}

  private blend(x: number, y: number, c: Rgb, a: number): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const i = 4 * (y * this.width + x);
    this.data[i] = this.data[i]! * (1 - a) + c[0] * a;
    this.data[i + 1] = this.data[i + 1]! * (1 - a) + c[1] * a;
    this.data[i + 2] = this.data[i + 2]! * (1 - a) + c[2] * a;
  }

  dot(x: number, y: number, c: Rgb, size: number): void {
    const h = Math.floor(size / 2);
    for (let dy = -h; dy < size - h; dy++)
      for (let dx = -h; dx < size - h; dx++) this.blend(Math.round(x) + dx, Math.round(y) + dy, c, 1);
  }

  dim(x: number, y: number, w: number, h: number, factor: number): void {
    for (let yy = y; yy < y + h; yy++)
      for (let xx = x; xx < x + w; xx++) this.blend(xx, yy, [0, 0, 0], factor);
  }

  hatch(x: number, y: number, w: number, h: number, c: Rgb, period: number, alpha: number): void {
    for (let yy = y; yy < y + h; yy++)
      for (let xx = x; xx < x + w; xx++) {
        const onStripe = (((xx + yy) % (2 * period)) + 2 * period) % (2 * period) < period / 2;
        this.blend(xx, yy, c, onStripe ? alpha : 0.12);
      }
  }

  circle(cx: number, cy: number, r: number, c: Rgb, thick: number): void {
    const steps = Math.max(12, Math.ceil(2 * Math.PI * r));
    for (let k = 0; k < steps; k++) {
      const a = (2 * Math.PI * k) / steps;
      this.dot(cx + r * Math.cos(a), cy + r * Math.sin(a), c, thick);
    }
  }

  line(x0: number, y0: number, x1: number, y1: number, c: Rgb, thick: number): void {
    const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0)));
    for (let k = 0; k <= steps; k++)
      this.dot(x0 + ((x1 - x0) * k) / steps, y0 + ((y1 - y0) * k) / steps, c, thick);
  }

  polygon(points: readonly [number, number][], c: Rgb, thick: number): void {
    for (let i = 0; i < points.length; i++) {
      const [x0, y0] = points[i]!;
      const [x1, y1] = points[(i + 1) % points.length]!;
      this.line(x0, y0, x1, y1, c, thick);
    }
  }
}
