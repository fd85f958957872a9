import { multiply, invert, normalise, type Matrix3, type Point } from './matrix3.js';

/**
 * Least-squares fits of the transform that carries `src` onto `dst`: similarity (4 degrees of
 * freedom), affine (6) and homography (8). Each returns null on a degenerate configuration
 * (too few points, all on one line, all at one place).
 */

/** Hartley's conditioning: centre the points and scale them to a mean distance of √2. */
function conditioning(points: readonly Point[]): Matrix3 | null {
  let mx = 0;
  let my = 0;
  for (const p of points) {
    mx += p.x;
    my += p.y;
  }
  mx /= points.length;
  my /= points.length;
  let d = 0;
  for (const p of points) d += Math.hypot(p.x - mx, p.y - my);
  d /= points.length;
  if (!(d > 1e-9)) return null;
  const s = Math.SQRT2 / d;
  return [s, 0, -s * mx, 0, s, -s * my, 0, 0, 1];
}

function conditioned(m: Matrix3, points: readonly Point[]): Point[] {
  return points.map((p) => ({ x: m[0] * p.x + m[2], y: m[4] * p.y + m[5] }));
}

/** Smallest eigenvector of a symmetric matrix (Jacobi rotations), as a plain array. */
function smallestEigenvector(a: Float64Array, n: number): number[] {
  const m = Float64Array.from(a);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p * n + q]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (m[q * n + q]! - m[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k * n + p]!;
          const mkq = m[k * n + q]!;
          m[k * n + p] = c * mkp - s * mkq;
          m[k * n + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p * n + k]!;
          const mqk = m[q * n + k]!;
          m[p * n + k] = c * mpk - s * mqk;
          m[q * n + k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  let best = 0;
  for (let i = 1; i < n; i++) if (m[i * n + i]! < m[best * n + best]!) best = i;
  return Array.from({ length: n }, (_, k) => v[k * n + best]!);
}

/** Normalised direct linear transform; `weights` (optional) weigh each correspondence. */
export function fitHomography(
  src: readonly Point[],
  dst: readonly Point[],
  weights?: readonly number[],
): Matrix3 | null {
  if (src.length < 4 || src.length !== dst.length) return null;
  const ts = conditioning(src);
  const td = conditioning(dst);
  if (!ts || !td) return null;
  const s = conditioned(ts, src);
  const d = conditioned(td, dst);
  const ata = new Float64Array(81);
  const row = new Float64Array(9);
  const add = (w: number) => {
    for (let i = 0; i < 9; i++) {
      const ri = row[i]! * w;
      if (ri === 0) continue;
      for (let j = i; j < 9; j++) ata[i * 9 + j] = ata[i * 9 + j]! + ri * row[j]!;
    }
  };
  for (let k = 0; k < s.length; k++) {
    const { x, y } = s[k]!;
    const { x: u, y: v } = d[k]!;
    const w = weights ? weights[k]! : 1;
    row.set([x, y, 1, 0, 0, 0, -u * x, -u * y, -u]);
    add(w);
    row.set([0, 0, 0, x, y, 1, -v * x, -v * y, -v]);
    add(w);
  }
  for (let i = 0; i < 9; i++) for (let j = 0; j < i; j++) ata[i * 9 + j] = ata[j * 9 + i]!;
  const h = smallestEigenvector(ata, 9) as unknown as Matrix3;
  const tdInv = invert(td);
  if (!tdInv) return null;
  const m = multiply(tdInv, multiply(h, ts));
  if (!m.every(Number.isFinite) || Math.abs(m[8]) < 1e-12) return null;
  return normalise(m);
}

/** Rotation, uniform scale and shift (no reflection), least squares in closed form. */
export function fitSimilarity(
  src: readonly Point[],
  dst: readonly Point[],
  weights?: readonly number[],
): Matrix3 | null {
  if (src.length < 2 || src.length !== dst.length) return null;
  let sw = 0;
  let sx = 0,
    sy = 0,
    dx = 0,
    dy = 0;
  for (let k = 0; k < src.length; k++) {
    const w = weights ? weights[k]! : 1;
    sw += w;
    sx += w * src[k]!.x;
    sy += w * src[k]!.y;
    dx += w * dst[k]!.x;
    dy += w * dst[k]!.y;
  }
  if (!(sw > 0)) return null;
  sx /= sw;
  sy /= sw;
  dx /= sw;
  dy /= sw;
  let sxx = 0,
    a = 0,
    b = 0;
  for (let k = 0; k < src.length; k++) {
    const w = weights ? weights[k]! : 1;
    const x = src[k]!.x - sx;
    const y = src[k]!.y - sy;
    const u = dst[k]!.x - dx;
    const v = dst[k]!.y - dy;
    sxx += w * (x * x + y * y);
    a += w * (x * u + y * v);
    b += w * (x * v - y * u);
  }
  if (!(sxx > 1e-9)) return null;
  a /= sxx;
  b /= sxx;
  if (!(a * a + b * b > 1e-12)) return null;
  return [a, -b, dx - a * sx + b * sy, b, a, dy - b * sx - a * sy, 0, 0, 1];
}

/** General linear map and shift (6 degrees of freedom), least squares. */
export function fitAffine(src: readonly Point[], dst: readonly Point[]): Matrix3 | null {
  if (src.length < 3 || src.length !== dst.length) return null;
  const t = conditioning(src);
  if (!t) return null;
  const s = conditioned(t, src);
  // Normal equations of [x y 1] · row = target, shared by both output rows.
  const n = new Float64Array(9);
  const bx = new Float64Array(3);
  const by = new Float64Array(3);
  for (let k = 0; k < s.length; k++) {
    const r = [s[k]!.x, s[k]!.y, 1];
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) n[i * 3 + j] = n[i * 3 + j]! + r[i]! * r[j]!;
      bx[i] = bx[i]! + r[i]! * dst[k]!.x;
      by[i] = by[i]! + r[i]! * dst[k]!.y;
    }
  }
  const inv = invert(Array.from(n) as unknown as Matrix3);
  if (!inv) return null;
  const solve = (b: Float64Array) =>
    [0, 1, 2].map((i) => inv[i * 3]! * b[0]! + inv[i * 3 + 1]! * b[1]! + inv[i * 3 + 2]! * b[2]!);
  const rx = solve(bx);
  const ry = solve(by);
  const m = multiply([rx[0]!, rx[1]!, rx[2]!, ry[0]!, ry[1]!, ry[2]!, 0, 0, 1], t);
  if (Math.abs(m[0] * m[4] - m[1] * m[3]) < 1e-12) return null;
  return m;
}

/** Twice the signed area of the triangle abc (zero when the three points are on one line). */
export function cross(a: Point, b: Point, c: Point): number {
  return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
}
