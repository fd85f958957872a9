/**
 * 3 × 3 projective transforms of pixel coordinates, row-major, acting on column vectors
 * [x, y, 1]. Pixel centres sit at integer coordinates: (0, 0) is the centre of the top-left pixel.
 */
export type Matrix3 = readonly [number, number, number, number, number, number, number, number, number];

export interface Point {
  x: number;
  y: number;
}

export const IDENTITY: Matrix3 = [1, 0, 0, 0, 1, 0, 0, 0, 1];

export function multiply(a: Matrix3, b: Matrix3): Matrix3 {
  const m = new Array<number>(9);
  for (let r = 0; r < 3; r++)
    for (let c = 0; c < 3; c++)
      m[r * 3 + c] = a[r * 3]! * b[c]! + a[r * 3 + 1]! * b[3 + c]! + a[r * 3 + 2]! * b[6 + c]!;
  return m as unknown as Matrix3;
}

/** The inverse (not normalised), or null when the matrix is singular (a degenerate transform). */
export function invert(m: Matrix3): Matrix3 | null {
  const [a, b, c, d, e, f, g, h, i] = m;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  const scale = Math.max(...m.map(Math.abs));
  if (!Number.isFinite(det) || Math.abs(det) <= 1e-14 * scale ** 3) return null;
  const inv: Matrix3 = [
    A / det,
    -(b * i - c * h) / det,
    (b * f - c * e) / det,
    B / det,
    (a * i - c * g) / det,
    -(a * f - c * d) / det,
    C / det,
    -(a * h - b * g) / det,
    (a * e - b * d) / det,
  ];
  return inv;
}

/** The same transform scaled so that its bottom-right entry is 1 (when it can be). */
export function normalise(m: Matrix3): Matrix3 {
  const s = Math.abs(m[8]) > 1e-12 ? m[8] : 1;
  return m.map((v) => v / s) as unknown as Matrix3;
}

export function determinant(m: Matrix3): number {
  return (
    m[0] * (m[4] * m[8] - m[5] * m[7]) -
    m[1] * (m[3] * m[8] - m[5] * m[6]) +
    m[2] * (m[3] * m[7] - m[4] * m[6])
  );
}

export function apply(m: Matrix3, p: Point): Point {
  const w = m[6] * p.x + m[7] * p.y + m[8];
  return { x: (m[0] * p.x + m[1] * p.y + m[2]) / w, y: (m[3] * p.x + m[4] * p.y + m[5]) / w };
}

/** The projective denominator at p: positive where the point maps in front of the camera. */
export function depth(m: Matrix3, p: Point): number {
  return m[6] * p.x + m[7] * p.y + m[8];
}

export function scaling(sx: number, sy = sx): Matrix3 {
  return [sx, 0, 0, 0, sy, 0, 0, 0, 1];
}

export function translation(tx: number, ty: number): Matrix3 {
  return [1, 0, tx, 0, 1, ty, 0, 0, 1];
}

/** Rotation by `radians` (counter-clockwise on screen is negative, y pointing down), scale, then shift. */
export function similarity(scale: number, radians: number, tx: number, ty: number): Matrix3 {
  const c = scale * Math.cos(radians);
  const s = scale * Math.sin(radians);
  return [c, -s, tx, s, c, ty, 0, 0, 1];
}

/**
 * From a photo's pixel coordinates to those of a copy resampled to sx × sy times its size, each
 * new pixel averaging the area it covers: the centre of new pixel i lies at (i + ½) / s − ½.
 */
export function resampleFrame(sx: number, sy: number): Matrix3 {
  return [sx, 0, 0.5 * sx - 0.5, 0, sy, 0.5 * sy - 0.5, 0, 0, 1];
}

/** Local linear scale of the transform at p (square root of the Jacobian determinant). */
export function localScale(m: Matrix3, p: Point): number {
  const w = depth(m, p);
  const q = apply(m, p);
  const j00 = (m[0] - m[6] * q.x) / w;
  const j01 = (m[1] - m[7] * q.x) / w;
  const j10 = (m[3] - m[6] * q.y) / w;
  const j11 = (m[4] - m[7] * q.y) / w;
  const det = j00 * j11 - j01 * j10;
  return Math.sign(det) * Math.sqrt(Math.abs(det));
}
