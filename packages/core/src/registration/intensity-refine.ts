import { invert, multiply, normalise, type Matrix3 } from './matrix3.js';
import { quantileInPlace } from '../analysis/robust-stats.js';
import { gradients, type Plane } from './plane.js';

export type RefineModel = 'homography' | 'similarity';

export interface RefineResult {
  /** Earlier-level pixels to later-level pixels. */
  matrix: Matrix3;
  iterations: number;
  /** Largest move of a corner of the earlier image by the last update (level pixels). */
  lastStep: number;
  /** Pixels that took part (inside both images) in the last iteration. */
  used: number;
}

const CELL = 16;
const PER_CELL = 24;
const MAX_ITERATIONS = 30;
const STOP_STEP = 0.01;

/**
 * Intensity-based alignment: Gauss-Newton on the lighting-normalised images in the inverse
 * compositional form (Baker & Matthews 2004), so the earlier image's gradients and Jacobian are
 * computed once. Only the most textured pixels of each cell take part (edges and stubble carry
 * the information; flat skin only adds noise), and Tukey's biweight with a MAD scale lets what
 * changed between sessions (new pigment, a shine, hair) drop out instead of pulling.
 */
export function refineAlignment(
  earlier: Plane,
  later: Plane,
  start: Matrix3,
  model: RefineModel,
): RefineResult {
  const { width, height } = earlier;
  const { gx, gy } = gradients(earlier);
  const picks = selectPixels(gx, gy);
  // Parameters act on centred, scaled coordinates so the normal equations are well conditioned.
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  const s = 2 / Math.max(width, height);
  const toN: Matrix3 = [s, 0, -s * cx, 0, s, -s * cy, 0, 0, 1];
  const fromN = invert(toN)!;
  const np = model === 'homography' ? 8 : 4;
  const count = picks.length;
  const jac = new Float64Array(count * np);
  const ref = new Float32Array(count);
  const px = new Float32Array(count);
  const py = new Float32Array(count);
  for (let k = 0; k < count; k++) {
    const i = picks[k]!;
    const x = i % width;
    const y = (i - x) / width;
    px[k] = x;
    py[k] = y;
    ref[k] = earlier.data[i]!;
    // ∇E in normalised units (d/dxn = d/dx / s) times ∂W/∂p at the identity.
    const ex = gx.data[i]! / s;
    const ey = gy.data[i]! / s;
    const xn = s * (x - cx);
    const yn = s * (y - cy);
    const o = k * np;
    if (np === 8) {
      jac.set(
        [ex * xn, ex * yn, ex, ey * xn, ey * yn, ey, -xn * (ex * xn + ey * yn), -yn * (ex * xn + ey * yn)],
        o,
      );
    } else {
      jac.set([ex * xn + ey * yn, -ex * yn + ey * xn, ex, ey], o);
    }
  }

  let h = start;
  const resid = new Float32Array(count);
  const valid = new Uint8Array(count);
  const abs = new Float32Array(count);
  let iterations = 0;
  let lastStep = Infinity;
  let used = 0;
  for (; iterations < MAX_ITERATIONS; iterations++) {
    used = 0;
    for (let k = 0; k < count; k++) {
      const x = px[k]!;
      const y = py[k]!;
      const w = h[6] * x + h[7] * y + h[8];
      const u = (h[0] * x + h[1] * y + h[2]) / w;
      const v = (h[3] * x + h[4] * y + h[5]) / w;
      const val = sampleInside(later, u, v);
      if (Number.isNaN(val) || !(w > 0)) {
        valid[k] = 0;
        continue;
      }
      valid[k] = 1;
      resid[k] = val - ref[k]!;
      abs[used++] = Math.abs(resid[k]!);
    }
    if (used < 4 * np) break;
    // abs is scratch: the selection reorders it.
    const sigma = Math.max(1e-3, 1.4826 * quantileInPlace(abs, 0.5, used));
    const c = 4.685 * sigma;
    const hess = new Float64Array(np * np);
    const grad = new Float64Array(np);
    for (let k = 0; k < count; k++) {
      if (!valid[k]) continue;
      const r = resid[k]!;
      if (Math.abs(r) >= c) continue;
      const t = 1 - (r / c) ** 2;
      const wt = t * t;
      const o = k * np;
      for (let a = 0; a < np; a++) {
        const ja = jac[o + a]! * wt;
        grad[a] = grad[a]! + ja * r;
        for (let b = a; b < np; b++) hess[a * np + b] = hess[a * np + b]! + ja * jac[o + b]!;
      }
    }
    for (let a = 0; a < np; a++) for (let b = 0; b < a; b++) hess[a * np + b] = hess[b * np + a]!;
    const dp = solveSymmetric(hess, grad, np);
    if (!dp) break;
    // Inverse compositional update: H ← H ∘ W(Δp)⁻¹, W acting on the earlier image.
    const dn: Matrix3 =
      np === 8
        ? [1 + dp[0]!, dp[1]!, dp[2]!, dp[3]!, 1 + dp[4]!, dp[5]!, dp[6]!, dp[7]!, 1]
        : [1 + dp[0]!, -dp[1]!, dp[2]!, dp[1]!, 1 + dp[0]!, dp[3]!, 0, 0, 1];
    const dw = multiply(fromN, multiply(dn, toN));
    const dwInv = invert(dw);
    if (!dwInv) break;
    h = normalise(multiply(h, dwInv));
    lastStep = cornerMove(dw, width, height);
    if (lastStep < STOP_STEP) {
      iterations++;
      break;
    }
  }
  return { matrix: h, iterations, lastStep, used };
}

/** The most textured pixels of each cell (by gradient energy), skipping a 2-px border. */
function selectPixels(gx: Plane, gy: Plane): Int32Array {
  const { width, height } = gx;
  const picks: number[] = [];
  // The cell's best PER_CELL so far, kept sorted by energy, strongest first.
  const idx = new Int32Array(PER_CELL);
  const en = new Float32Array(PER_CELL);
  for (let y0 = 2; y0 < height - 2; y0 += CELL) {
    for (let x0 = 2; x0 < width - 2; x0 += CELL) {
      let kept = 0;
      for (let y = y0; y < Math.min(y0 + CELL, height - 2); y++)
        for (let x = x0; x < Math.min(x0 + CELL, width - 2); x++) {
          const i = y * width + x;
          const e = gx.data[i]! ** 2 + gy.data[i]! ** 2;
          if (e <= 1e-4 || (kept === PER_CELL && e <= en[PER_CELL - 1]!)) continue;
          let k = kept < PER_CELL ? kept++ : PER_CELL - 1;
          while (k > 0 && en[k - 1]! < e) {
            en[k] = en[k - 1]!;
            idx[k] = idx[k - 1]!;
            k--;
          }
          en[k] = e;
          idx[k] = i;
        }
      for (let k = 0; k < kept; k++) picks.push(idx[k]!);
    }
  }
  return Int32Array.from(picks);
}

function sampleInside(p: Plane, x: number, y: number): number {
  if (!(x >= 0 && y >= 0 && x < p.width - 1 && y < p.height - 1)) return NaN;
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const i = y0 * p.width + x0;
  const a = p.data[i]!;
  const b = p.data[i + 1]!;
  const c = p.data[i + p.width]!;
  const d = p.data[i + p.width + 1]!;
  return a + (b - a) * fx + (c - a) * fy + (a - b - c + d) * fx * fy;
}

/** How far the update moves the earlier image's corners, in pixels. */
function cornerMove(w: Matrix3, width: number, height: number): number {
  let worst = 0;
  for (const [x, y] of [
    [0, 0],
    [width - 1, 0],
    [0, height - 1],
    [width - 1, height - 1],
  ] as const) {
    const d = w[6] * x + w[7] * y + w[8];
    const u = (w[0] * x + w[1] * y + w[2]) / d;
    const v = (w[3] * x + w[4] * y + w[5]) / d;
    worst = Math.max(worst, Math.hypot(u - x, v - y));
  }
  return worst;
}

/** Cholesky solve of a symmetric positive definite system; null when it is not. */
function solveSymmetric(a: Float64Array, b: Float64Array, n: number): Float64Array | null {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * n + j]!;
      for (let k = 0; k < j; k++) sum -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) {
        if (!(sum > 1e-12)) return null;
        l[i * n + i] = Math.sqrt(sum);
      } else l[i * n + j] = sum / l[j * n + j]!;
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = b[i]!;
    for (let k = 0; k < i; k++) sum -= l[i * n + k]! * y[k]!;
    y[i] = sum / l[i * n + i]!;
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i]!;
    for (let k = i + 1; k < n; k++) sum -= l[k * n + i]! * x[k]!;
    x[i] = sum / l[i * n + i]!;
  }
  return x;
}
