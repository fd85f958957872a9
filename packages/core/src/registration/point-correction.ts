import { apply, depth, determinant, invert, normalise, type Matrix3, type Point } from './matrix3.js';
import { cross, fitAffine, fitHomography } from './model-fit.js';
import { RegistrationInputError } from './registration-result.js';

/** The same spot marked by the artist on both photos. */
export interface PointPair {
  earlier: Point;
  later: Point;
}

export type PointCorrectionResult =
  | {
      ok: true;
      /** Affine from three pairs; a homography from four or more. */
      model: 'affine' | 'homography';
      laterFromEarlier: Matrix3;
      earlierFromLater: Matrix3;
      /** Per pair: how far its earlier point, carried over, lands from its later point (later px). */
      residualsPx: number[];
      rmsPx: number;
    }
  | {
      ok: false;
      reason: 'points-on-a-line' | 'points-too-close' | 'mirrored-or-folded';
      message: string;
      /** The photo whose points are at fault (none for crossed-over pairs), and their span (px). */
      side?: 'earlier' | 'later';
      spanPx?: number;
    };

/** Points closer than this (px) cannot fix a transform: a slip of the finger would swing it. */
const MIN_SPAN = 8;

/**
 * The transform the artist's point pairs define: from three pairs the affine map through them
 * (exact, residuals zero); from four or more the homography that fits them best (exact for
 * four). Pairs that cannot define one (on a line, on one spot, crossed over) are refused in words.
 */
export function transformFromPointPairs(pairs: readonly PointPair[]): PointCorrectionResult {
  if (pairs.length < 3)
    throw new RegistrationInputError('points', `need at least 3 pairs, got ${pairs.length}`);
  pairs.forEach((p, i) => {
    for (const side of ['earlier', 'later'] as const)
      for (const k of ['x', 'y'] as const)
        if (!Number.isFinite(p[side]?.[k]))
          throw new RegistrationInputError(`points[${i}].${side}.${k}`, 'must be a finite number');
  });
  const src = pairs.map((p) => p.earlier);
  const dst = pairs.map((p) => p.later);
  for (const [side, pts] of [
    ['earlier', src],
    ['later', dst],
  ] as const) {
    const span = Math.max(...pts.map((a) => Math.max(...pts.map((b) => Math.hypot(a.x - b.x, a.y - b.y)))));
    if (span < MIN_SPAN)
      return {
        ok: false,
        reason: 'points-too-close',
        side,
        spanPx: span,
        message: `the points on the ${side} photo are all within ${span.toFixed(1)} px of each other: spread them over the scalp`,
      };
    // Widest triangle against the span: near zero when every point is on one line.
    let widest = 0;
    for (let i = 0; i < pts.length; i++)
      for (let j = i + 1; j < pts.length; j++)
        for (let k = j + 1; k < pts.length; k++)
          widest = Math.max(widest, Math.abs(cross(pts[i]!, pts[j]!, pts[k]!)));
    // Four pairs fix a homography only if no three of them are on one line.
    const narrowest =
      pts.length === 4
        ? Math.min(
            ...[
              [0, 1, 2],
              [0, 1, 3],
              [0, 2, 3],
              [1, 2, 3],
            ].map(([i, j, k]) => Math.abs(cross(pts[i!]!, pts[j!]!, pts[k!]!))),
          )
        : widest;
    if (widest < 0.02 * span * span || narrowest < 0.01 * span * span)
      return {
        ok: false,
        reason: 'points-on-a-line',
        side,
        spanPx: span,
        message: `the points on the ${side} photo lie on one line: place at least one away from the line through the others`,
      };
  }
  const model = pairs.length === 3 ? 'affine' : 'homography';
  const m = model === 'affine' ? fitAffine(src, dst) : fitHomography(src, dst);
  const inv = m && invert(m);
  if (!m || !inv || determinant(m) <= 0 || src.some((p) => !(depth(m, p) > 0)))
    return {
      ok: false,
      reason: 'mirrored-or-folded',
      message:
        'the points are in a different order round the scalp on the two photos (as if one were mirrored): check each pair',
    };
  const residualsPx = pairs.map((p) => {
    const q = apply(m, p.earlier);
    return Math.hypot(q.x - p.later.x, q.y - p.later.y);
  });
  const rmsPx = Math.sqrt(residualsPx.reduce((s, r) => s + r * r, 0) / residualsPx.length);
  return {
    ok: true,
    model,
    laterFromEarlier: normalise(m),
    earlierFromLater: normalise(inv),
    residualsPx,
    rmsPx,
  };
}
