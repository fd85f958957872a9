/**
 * Hair shafts as line segments: pixels where a line response peaks across the line (non-maximum
 * suppression along the Hessian's across direction), joined by hysteresis (a weak stretch counts
 * when it continues a strong one, as a hair fading into the skin does), each connected run fitted
 * with a straight axis. Stubble a few days old is straight over its 0.3-3 mm.
 */
import { acrossDirection, type HessianFeatures } from './hessian-features.js';
import { tileIndexAt, type TileGrid } from './tile-grid.js';

export interface LineSegment {
  /** Centroid (working px). */
  x: number;
  y: number;
  /** Unit vector along the axis, from end A to end B. */
  dx: number;
  dy: number;
  /** End A (−) and end B (+) along the axis, as offsets from the centroid. */
  tA: number;
  tB: number;
  length: number;
  /** Mean line strength over the run, in units of the local noise floor. */
  snr: number;
  /** Pixels in the run. */
  n: number;
  /** RMS distance of the run's pixels from the axis (px). */
  spread: number;
  bright: boolean;
}

export interface LineParams {
  /** Hysteresis: a run needs one pixel at `high` × noise; it extends through pixels at `low` × noise. */
  low: number;
  high: number;
  minLength: number;
  maxLength: number;
}

const NEIGHBOURS: [number, number][] = [
  [1, 0],
  [1, 1],
  [0, 1],
  [-1, 1],
  [-1, 0],
  [-1, -1],
  [0, -1],
  [1, -1],
];

export function extractLines(
  f: HessianFeatures,
  bright: boolean,
  noise: Float32Array,
  grid: TileGrid,
  params: LineParams,
  inside: (x: number, y: number) => boolean,
): LineSegment[] {
  const { width: w, height: h } = f;
  const strength = bright ? f.brightLine : f.darkLine;
  // 0 nothing, 1 ridge peak above low, 2 above high; bit 4 = visited
  const mark = new Uint8Array(w * h);
  const tileCols = grid.cols;
  const tileSize = grid.size;
  for (let y = 2; y < h - 2; y++) {
    const tr = Math.min(grid.rows - 1, Math.floor(y / tileSize));
    for (let x = 2; x < w - 2; x++) {
      const i = y * w + x;
      const v = strength[i]!;
      if (v <= 0) continue;
      const nz = noise[tr * tileCols + Math.min(tileCols - 1, Math.floor(x / tileSize))]!;
      if (!(v >= params.low * nz)) continue;
      const [ax, ay] = acrossDirection(f, i, bright);
      const ox = Math.round(ax);
      const oy = Math.round(ay);
      const j = i + oy * w + ox;
      const k = i - oy * w - ox;
      if (strength[j]! > v || strength[k]! > v) continue;
      mark[i] = v >= params.high * nz ? 2 : 1;
    }
  }
  const out: LineSegment[] = [];
  const stack: number[] = [];
  const px: number[] = [];
  for (let start = 0; start < w * h; start++) {
    if (mark[start] !== 2) continue;
    stack.length = 0;
    px.length = 0;
    stack.push(start);
    mark[start] = mark[start]! | 4;
    while (stack.length) {
      const i = stack.pop()!;
      px.push(i);
      const x = i % w;
      const y = (i - x) / w;
      for (const [dx, dy] of NEIGHBOURS) {
        const xx = x + dx;
        const yy = y + dy;
        if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
        const j = yy * w + xx;
        const m = mark[j]!;
        if (m !== 0 && (m & 4) === 0) {
          mark[j] = m | 4;
          stack.push(j);
        }
      }
    }
    const seg = fitSegment(px, w, strength, noise, grid, bright);
    if (seg.length < params.minLength || seg.length > params.maxLength) continue;
    if (!inside(seg.x, seg.y)) continue;
    out.push(seg);
  }
  return out;
}

function fitSegment(
  px: number[],
  w: number,
  strength: Float32Array,
  noise: Float32Array,
  grid: TileGrid,
  bright: boolean,
): LineSegment {
  let sx = 0;
  let sy = 0;
  let ss = 0;
  for (const i of px) {
    const x = i % w;
    sx += x;
    sy += (i - x) / w;
  }
  const n = px.length;
  const mx = sx / n;
  const my = sy / n;
  let cxx = 0;
  let cyy = 0;
  let cxy = 0;
  for (const i of px) {
    const x = (i % w) - mx;
    const y = (i - (i % w)) / w - my;
    cxx += x * x;
    cyy += y * y;
    cxy += x * y;
    ss += strength[i]!;
  }
  const angle = 0.5 * Math.atan2(2 * cxy, cxx - cyy);
  const dx = Math.cos(angle);
  const dy = Math.sin(angle);
  let tA = 0;
  let tB = 0;
  let off = 0;
  for (const i of px) {
    const x = (i % w) - mx;
    const y = (i - (i % w)) / w - my;
    const t = x * dx + y * dy;
    if (t < tA) tA = t;
    if (t > tB) tB = t;
    const o = -x * dy + y * dx;
    off += o * o;
  }
  // a run of pixel centres spans one pixel less than the line it samples
  tA -= 0.5;
  tB += 0.5;
  const nz = noise[tileIndexAt(grid, mx, my)]!;
  return {
    x: mx,
    y: my,
    dx,
    dy,
    tA,
    tB,
    length: tB - tA,
    snr: nz > 0 ? ss / n / nz : 0,
    n,
    spread: Math.sqrt(off / n),
    bright,
  };
}
