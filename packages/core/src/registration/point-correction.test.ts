import { describe, expect, it } from 'vitest';
import { apply, type Matrix3 } from './matrix3.js';
import { transformFromPointPairs } from './point-correction.js';
import { RegistrationInputError } from './registration-result.js';

const H: Matrix3 = [0.95, 0.12, 40, -0.1, 1.02, -25, 3e-5, 2e-5, 1];
const spots = [
  { x: 100, y: 120 },
  { x: 900, y: 150 },
  { x: 500, y: 700 },
  { x: 150, y: 650 },
  { x: 820, y: 640 },
  { x: 480, y: 330 },
];
const pairsFor = (m: Matrix3, n: number, jitter = 0) =>
  spots.slice(0, n).map((p, i) => {
    const q = apply(m, p);
    return { earlier: p, later: { x: q.x + (i % 2 ? jitter : -jitter), y: q.y } };
  });

describe('three-point correction', () => {
  it('three pairs give the affine map through them, with zero residuals', () => {
    const r = transformFromPointPairs(pairsFor(H, 3));
    if (!r.ok) throw new Error(r.message);
    expect(r.model).toBe('affine');
    expect(Math.max(...r.residualsPx)).toBeLessThan(1e-6);
    // Between the three points an affine map is close to the true homography (small perspective).
    const inside = { x: 500, y: 330 };
    const d = Math.hypot(
      apply(r.laterFromEarlier, inside).x - apply(H, inside).x,
      apply(r.laterFromEarlier, inside).y - apply(H, inside).y,
    );
    expect(d).toBeLessThan(15);
    const back = apply(r.earlierFromLater, apply(r.laterFromEarlier, inside));
    expect(back.x).toBeCloseTo(inside.x, 6);
  });

  it('four pairs give the exact homography; more are fitted with their residuals', () => {
    const four = transformFromPointPairs(pairsFor(H, 4));
    if (!four.ok) throw new Error(four.message);
    expect(four.model).toBe('homography');
    const far = { x: 950, y: 20 };
    expect(apply(four.laterFromEarlier, far).x).toBeCloseTo(apply(H, far).x, 4);
    const six = transformFromPointPairs(pairsFor(H, 6, 2));
    if (!six.ok) throw new Error(six.message);
    expect(six.residualsPx).toHaveLength(6);
    // Clicks 2 px off leave residuals of that order, not zero and not more.
    expect(six.rmsPx).toBeGreaterThan(0.3);
    expect(six.rmsPx).toBeLessThan(3);
  });

  it('refuses points on a line, on one spot, or in mirrored order, in words', () => {
    const line = [0, 1, 2].map((t) => ({
      earlier: { x: 100 + 300 * t, y: 100 + 200 * t },
      later: { x: 90 + 300 * t, y: 110 + 200 * t },
    }));
    const onLine = transformFromPointPairs(line);
    expect(onLine.ok).toBe(false);
    if (!onLine.ok) expect(onLine.reason).toBe('points-on-a-line');
    const threeOfFour = transformFromPointPairs([
      ...line,
      { earlier: { x: 700, y: 100 }, later: { x: 690, y: 110 } },
    ]);
    expect(threeOfFour.ok).toBe(false);
    const spot = [0, 1, 2].map((t) => ({ earlier: { x: 100 + t, y: 100 }, later: { x: 100, y: 100 + t } }));
    const tooClose = transformFromPointPairs(spot);
    if (tooClose.ok) throw new Error('accepted points within 2 px');
    expect(tooClose.reason).toBe('points-too-close');
    expect(tooClose.message).toMatch(/earlier photo/);
    const mirrored = transformFromPointPairs(
      pairsFor(H, 3).map((p) => ({ earlier: p.earlier, later: { x: 2000 - p.later.x, y: p.later.y } })),
    );
    if (mirrored.ok) throw new Error('accepted a mirrored set of points');
    expect(mirrored.reason).toBe('mirrored-or-folded');
  });

  it('treats fewer than three pairs or a missing coordinate as bad input naming the field', () => {
    expect(() => transformFromPointPairs(pairsFor(H, 2))).toThrow(RegistrationInputError);
    const bad = pairsFor(H, 3);
    bad[1] = { earlier: { x: Number.NaN, y: 1 }, later: bad[1]!.later };
    expect(() => transformFromPointPairs(bad)).toThrow(/points\[1\]\.earlier\.x/);
  });
});
