// The synthetic scalp's own drawing tools, apart from the detector's: sRGB <-> linear light, smooth
// value noise, a linear-light canvas that stamps anti-aliased discs and capsules, a Gaussian blur,
// and the little geometry the scars need (distance to a segment, point in polygon, convex hull).
import type { SeededRandom } from './seeded-random.js';

export function toLinear(c: number): number {
  const v = c / 255;
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
}
export function toSrgb(v: number): number {
  const c = v <= 0.0031308 ? 12.92 * v : 1.055 * Math.max(v, 0) ** (1 / 2.4) - 0.055;
  return c * 255;
}

/** Smooth random field: random values on a grid of `cellPx`, interpolated with smoothstep. */
export function valueNoise(rng: SeededRandom, width: number, height: number, cellPx: number): Float32Array {
  const gw = Math.ceil(width / cellPx) + 2;
  const gh = Math.ceil(height / cellPx) + 2;
  const grid = new Float32Array(gw * gh);
  for (let i = 0; i < grid.length; i++) grid[i] = rng.uniform(-1, 1);
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const gy = y / cellPx;
    const y0 = Math.floor(gy);
    let fy = gy - y0;
    fy = fy * fy * (3 - 2 * fy);
    for (let x = 0; x < width; x++) {
      const gx = x / cellPx;
      const x0 = Math.floor(gx);
      let fx = gx - x0;
      fx = fx * fx * (3 - 2 * fx);
      const a = grid[y0 * gw + x0]!;
      const b = grid[y0 * gw + x0 + 1]!;
      const c = grid[(y0 + 1) * gw + x0]!;
      const d = grid[(y0 + 1) * gw + x0 + 1]!;
      out[y * width + x] = a + (b - a) * fx + (c - a) * fy + (a - b - c + d) * fx * fy;
    }
  }
  return out;
}

export class LinearCanvas {
  readonly r: Float32Array;
  readonly g: Float32Array;
  readonly b: Float32Array;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    const n = width * height;
    this.r = new Float32Array(n);
    this.g = new Float32Array(n);
    this.b = new Float32Array(n);
  }

  /** Blends `colour` over a shape given by its signed coverage function, anti-aliased by distance. */
  private stamp(
    cx: number,
    cy: number,
    extent: number,
    distance: (x: number, y: number) => number,
    apply: (i: number, alpha: number) => void,
    softness: number,
  ): void {
    const x0 = Math.max(0, Math.floor(cx - extent - 1));
    const x1 = Math.min(this.width - 1, Math.ceil(cx + extent + 1));
    const y0 = Math.max(0, Math.floor(cy - extent - 1));
    const y1 = Math.min(this.height - 1, Math.ceil(cy + extent + 1));
    for (let y = y0; y <= y1; y++)
      for (let x = x0; x <= x1; x++) {
        const d = distance(x, y);
        const alpha = Math.min(1, Math.max(0, 0.5 - d / softness));
        if (alpha > 0) apply(y * this.width + x, alpha);
      }
  }

  paintDisc(
    cx: number,
    cy: number,
    radius: number,
    colour: [number, number, number],
    opacity: number,
    softness = 1,
  ): void {
    this.stamp(
      cx,
      cy,
      radius + softness,
      (x, y) => Math.hypot(x - cx, y - cy) - radius,
      (i, a) => this.blend(i, colour, a * opacity),
      softness,
    );
  }

  paintCapsule(
    ax: number,
    ay: number,
    bx: number,
    by: number,
    radius: number,
    colour: [number, number, number],
    opacity: number,
  ): void {
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy || 1;
    this.stamp(
      (ax + bx) / 2,
      (ay + by) / 2,
      Math.hypot(dx, dy) / 2 + radius + 1,
      (x, y) => {
        const t = Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / len2));
        return Math.hypot(x - ax - t * dx, y - ay - t * dy) - radius;
      },
      (i, a) => this.blend(i, colour, a * opacity),
      1,
    );
  }

  /** Multiplies the colour under a disc (a darker or lighter patch of skin). */
  scaleDisc(
    cx: number,
    cy: number,
    radius: number,
    factor: [number, number, number],
    softness: number,
  ): void {
    this.stamp(
      cx,
      cy,
      radius + softness,
      (x, y) => Math.hypot(x - cx, y - cy) - radius,
      (i, a) => {
        this.r[i] = this.r[i]! * (1 + (factor[0] - 1) * a);
        this.g[i] = this.g[i]! * (1 + (factor[1] - 1) * a);
        this.b[i] = this.b[i]! * (1 + (factor[2] - 1) * a);
      },
      softness,
    );
  }

  lightenDisc(
    cx: number,
    cy: number,
    radius: number,
    factor: [number, number, number],
    offset: [number, number, number],
    softness: number,
  ): void {
    this.stamp(
      cx,
      cy,
      radius + softness,
      (x, y) => Math.hypot(x - cx, y - cy) - radius,
      (i, a) => {
        this.r[i] = this.r[i]! + a * (this.r[i]! * (factor[0] - 1) + offset[0]);
        this.g[i] = this.g[i]! + a * (this.g[i]! * (factor[1] - 1) + offset[1]);
        this.b[i] = this.b[i]! + a * (this.b[i]! * (factor[2] - 1) + offset[2]);
      },
      softness,
    );
  }

  addLight(cx: number, cy: number, radius: number, amount: number): void {
    this.stamp(
      cx,
      cy,
      radius + 1,
      (x, y) => Math.hypot(x - cx, y - cy) - radius,
      (i, a) => {
        this.r[i] = this.r[i]! + amount * a;
        this.g[i] = this.g[i]! + amount * a;
        this.b[i] = this.b[i]! + amount * a;
      },
      1,
    );
  }

  blend(i: number, c: [number, number, number], a: number): void {
    this.r[i] = this.r[i]! * (1 - a) + c[0] * a;
    this.g[i] = this.g[i]! * (1 - a) + c[1] * a;
    this.b[i] = this.b[i]! * (1 - a) + c[2] * a;
  }
}

export function gaussianBlurPlane(
  src: Float32Array,
  width: number,
  height: number,
  sigma: number,
): Float32Array {
  const radius = Math.ceil(3.5 * sigma);
  const kernel: number[] = [];
  let sum = 0;
  for (let i = -radius; i <= radius; i++) {
    const v = Math.exp(-(i * i) / (2 * sigma * sigma));
    kernel.push(v);
    sum += v;
  }
  const k = kernel.map((v) => v / sum);
  const clampIndex = (i: number, n: number): number => (i < 0 ? 0 : i >= n ? n - 1 : i);
  const tmp = new Float32Array(width * height);
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let s = 0;
      for (let j = -radius; j <= radius; j++)
        s += k[j + radius]! * src[y * width + clampIndex(x + j, width)]!;
      tmp[y * width + x] = s;
    }
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let s = 0;
      for (let j = -radius; j <= radius; j++)
        s += k[j + radius]! * tmp[clampIndex(y + j, height) * width + x]!;
      out[y * width + x] = s;
    }
  return out;
}

export function distanceToSegment(px: number, py: number, a: [number, number], b: [number, number]): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const t = Math.min(1, Math.max(0, ((px - a[0]) * dx + (py - a[1]) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - a[0] - t * dx, py - a[1] - t * dy);
}

export function insidePolygon(poly: [number, number][], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i]!;
    const [xj, yj] = poly[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
