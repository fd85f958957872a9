import { overlapShare } from './coverage.js';
import { apply, localScale, type Matrix3, type Point } from './matrix3.js';
import { onLevels, PhotoFrames, validatePhoto } from './photo-frames.js';
import { sample, type PhotoPixels, type Plane } from './plane.js';
import type { AlignmentQuality } from './registration-result.js';

/** Normalised cross-correlation of the earlier texture with the later texture carried by `h`. */
export function agreement(e: Plane, l: Plane, h: Matrix3): number {
  let n = 0;
  let se = 0,
    sl = 0,
    see = 0,
    sll = 0,
    sel = 0;
  for (let y = 0; y < e.height; y++)
    for (let x = 0; x < e.width; x++) {
      const q = apply(h, { x, y });
      const b = sample(l, q.x, q.y);
      if (Number.isNaN(b)) continue;
      const a = e.data[y * e.width + x]!;
      n++;
      se += a;
      sl += b;
      see += a * a;
      sll += b * b;
      sel += a * b;
    }
  if (n < 100) return 0;
  const cov = sel / n - (se / n) * (sl / n);
  const ve = see / n - (se / n) ** 2;
  const vl = sll / n - (sl / n) ** 2;
  return ve > 0 && vl > 0 ? cov / Math.sqrt(ve * vl) : 0;
}

/** Agreement of two photos' texture at the coarse level under a full-resolution transform. */
export function agreementOf(e: PhotoFrames, l: PhotoFrames, laterFromEarlier: Matrix3): number {
  return agreement(
    e.light(e.coarse),
    l.light(l.coarse),
    onLevels(laterFromEarlier, e, e.coarse, l, l.coarse),
  );
}

/**
 * How well any transform (e.g. one from the artist's points) lays `later` over `earlier`: the
 * texture agreement and the share of the earlier photo covered.
 */
export function assessAlignment(
  earlier: PhotoPixels,
  later: PhotoPixels,
  laterFromEarlier: Matrix3,
): Pick<AlignmentQuality, 'agreement' | 'overlap'> {
  validatePhoto(earlier, 'earlier');
  validatePhoto(later, 'later');
  // Only the coarse copies are needed: features and refinement sizes are irrelevant here.
  const e = new PhotoFrames(earlier, 1024, 1024);
  const l = new PhotoFrames(later, 1024, 1024);
  return {
    agreement: round(agreementOf(e, l, laterFromEarlier), 3),
    overlap: round(overlapShare(laterFromEarlier, e.full, l.full), 3),
  };
}

/**
 * Null when the transform is one a second photo of the same view can need; otherwise the figures
 * of why not: a mirror or fold, a scale change beyond `maxScale`, or a perspective that
 * stretches one part of the shared area more than `maxVariation` times another.
 */
export function implausibility(
  h: Matrix3,
  earlier: { width: number; height: number },
  later: { width: number; height: number },
  maxScale: number,
  maxVariation: number,
): Record<string, number> | null {
  const scales: number[] = [];
  for (let j = 0; j <= 8; j++)
    for (let i = 0; i <= 8; i++) {
      const p = { x: (i / 8) * (earlier.width - 1), y: (j / 8) * (earlier.height - 1) };
      const q = apply(h, p);
      if (q.x < 0 || q.y < 0 || q.x > later.width - 1 || q.y > later.height - 1) continue;
      scales.push(localScale(h, p));
    }
  if (!scales.length) return null;
  if (scales.some((s) => !(s > 0))) return { scale: 0 };
  const lo = Math.min(...scales);
  const hi = Math.max(...scales);
  const mid = Math.sqrt(lo * hi);
  if (mid > maxScale || mid < 1 / maxScale) return { scale: mid };
  if (hi / lo > maxVariation) return { scale: 0, variation: hi / lo };
  return null;
}

export function errorStats(
  h: Matrix3,
  pairs: { earlier: Point; later: Point }[],
): AlignmentQuality['reprojectionErrorPx'] {
  const e = pairs.map((p) => {
    const q = apply(h, p.earlier);
    return Math.hypot(q.x - p.later.x, q.y - p.later.y);
  });
  e.sort((a, b) => a - b);
  const at = (q: number) => e[Math.min(e.length - 1, Math.floor(q * e.length))] ?? 0;
  const rms = Math.sqrt(e.reduce((s, v) => s + v * v, 0) / Math.max(1, e.length));
  return { median: round(at(0.5), 2), rms: round(rms, 2), p90: round(at(0.9), 2) };
}

export function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
