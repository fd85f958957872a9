import { agreementOf, errorStats, implausibility, round } from './alignment-quality.js';
import { hullArea, overlapShare } from './coverage.js';
import { describe } from './descriptors.js';
import { refineAlignment, type RefineModel } from './intensity-refine.js';
import { buildPyramid, detectKeypoints, type Keypoint } from './keypoints.js';
import { matchDescriptors, type Match } from './matching.js';
import { apply, invert, normalise, type Matrix3, type Point } from './matrix3.js';
import { fitSimilarity } from './model-fit.js';
import { fromLevels, onLevels, PhotoFrames, validatePhoto } from './photo-frames.js';
import type { PhotoPixels, Plane } from './plane.js';
import { orientationKept, ransac, type RansacResult } from './ransac.js';
import { refuse, type RegistrationResult } from './registration-result.js';

export interface RegisterOptions {
  /** Long side (px) of the copies on which features are found and matched. */
  featureSide?: number;
  /** Long side (px) of the finest copies the intensity refinement works on. */
  refineSide?: number;
}

/** The thresholds behind every refusal, in one place. */
export const ACCEPTANCE = {
  /** Distinct corners each photo must have. */
  minKeypoints: 40,
  /** Mutual, distinctive matches needed before any fit is tried. */
  minMatches: 12,
  /**
   * Matches that must agree with a similarity; a homography (8 unknowns) needs more. Between
   * unrelated photos at most 7 agree by chance (120 pairs of the real-heads set).
   */
  minInliers: 12,
  minInliersHomography: 20,
  /** Share of the shared area that the agreeing points must span (of the earlier photo). */
  minSpread: 0.03,
  /** A homography is kept only when its points span this much; else the similarity is used. */
  minSpreadHomography: 0.12,
  minOverlap: 0.25,
  /** A second photo of the same view is not 4 times nearer or farther. */
  maxScaleChange: 4,
  /** Across the shared area a homography may change the local scale by at most this factor. */
  maxScaleVariation: 2,
  minAgreement: 0.2,
} as const;

const FEATURE_SIDE = 1024;
const REFINE_SIDE = 2048;

/**
 * Registers a follow-up photo (`later`) to an earlier photo of the same view: corners and
 * oriented binary descriptors on lighting-normalised copies, mutual ratio-tested matches, RANSAC
 * for a homography (or a similarity when the points cannot carry 8 unknowns), then intensity
 * refinement coarse to fine. Returns the transform with its quality, or a refusal in words.
 */
export function registerPhotos(
  earlier: PhotoPixels,
  later: PhotoPixels,
  options: RegisterOptions = {},
): RegistrationResult {
  validatePhoto(earlier, 'earlier');
  validatePhoto(later, 'later');
  const featureSide = options.featureSide ?? FEATURE_SIDE;
  const refineSide = Math.max(featureSide, options.refineSide ?? REFINE_SIDE);
  const fe = new PhotoFrames(earlier, featureSide, refineSide);
  const fl = new PhotoFrames(later, featureSide, refineSide);

  const levelsE = buildPyramid(fe.light(fe.feature));
  const levelsL = buildPyramid(fl.light(fl.feature));
  const target = Math.round(Math.min(2500, Math.max(600, (fe.feature.width * fe.feature.height) / 300)));
  const kpE = detectKeypoints(levelsE, target);
  const kpL = detectKeypoints(levelsL, target);
  for (const [photo, kp] of [kpE, kpL].entries())
    if (sites(kp) < ACCEPTANCE.minKeypoints)
      return refuse('too-little-texture', { photo, keypoints: sites(kp), needed: ACCEPTANCE.minKeypoints });

  const matches = dedupe(matchDescriptors(describe(kpE, levelsE), describe(kpL, levelsL)), kpE, kpL);
  if (matches.length < ACCEPTANCE.minMatches)
    return refuse('too-few-matches', { matches: matches.length, needed: ACCEPTANCE.minMatches });
  const src = matches.map((m) => ({ x: kpE[m.a]!.x, y: kpE[m.a]!.y }));
  const dst = matches.map((m) => ({ x: kpL[m.b]!.x, y: kpL[m.b]!.y }));
  const threshold = Math.max(2.5, 0.004 * Math.max(fe.feature.width, fe.feature.height));
  const byH = ransac(src, dst, 'homography', { threshold });
  const byS = ransac(src, dst, 'similarity', { threshold });
  const best = Math.max(byH?.count ?? 0, byS?.count ?? 0);
  if (best < ACCEPTANCE.minInliers)
    return refuse('inconsistent-geometry', {
      inliers: best,
      matches: matches.length,
      needed: ACCEPTANCE.minInliers,
    });

  const notes: string[] = [];
  const spreadOf = (r: RansacResult) => {
    const share = overlapShare(r.matrix, fe.feature, fl.feature);
    return (
      hullArea(src.filter((_, i) => r.inliers[i])) / Math.max(1, share * fe.feature.width * fe.feature.height)
    );
  };
  const implausible = (
    h: Matrix3,
    e: { width: number; height: number },
    l: { width: number; height: number },
  ) => implausibility(h, e, l, ACCEPTANCE.maxScaleChange, ACCEPTANCE.maxScaleVariation);
  let chosen: { model: RefineModel; fit: RansacResult } | null = null;
  if (
    byH &&
    byH.count >= ACCEPTANCE.minInliersHomography &&
    !implausible(byH.matrix, fe.feature, fl.feature)
  ) {
    const simpler = perspectiveUnsupported(byH, src, dst, threshold);
    if (spreadOf(byH) < ACCEPTANCE.minSpreadHomography)
      notes.push(
        'the matching points span too little of the photo to fix a perspective: fitted a similarity',
      );
    else if (simpler && simpler.count >= ACCEPTANCE.minInliers) {
      notes.push('the points show no perspective beyond their noise: fitted a similarity');
      chosen = { model: 'similarity', fit: simpler };
    } else chosen = { model: 'homography', fit: byH };
  } else
    notes.push(
      `a perspective fit was not supported (${byH?.count ?? 0} agreeing points): fitted a similarity`,
    );
  if (!chosen) {
    if (!byS || byS.count < ACCEPTANCE.minInliers)
      return refuse('inconsistent-geometry', {
        inliers: byS?.count ?? 0,
        matches: matches.length,
        needed: ACCEPTANCE.minInliers,
      });
    const why = implausible(byS.matrix, fe.feature, fl.feature);
    if (why) return refuse('implausible-transform', why);
    chosen = { model: 'similarity', fit: byS };
  }
  const spread = spreadOf(chosen.fit);
  if (spread < ACCEPTANCE.minSpread)
    return refuse('matches-too-concentrated', { spread, inliers: chosen.fit.count });

  const featureH = fromLevels(chosen.fit.matrix, fe, fe.feature, fl, fl.feature);
  const overlap0 = overlapShare(featureH, fe.full, fl.full);
  if (overlap0 < ACCEPTANCE.minOverlap)
    return refuse('too-little-overlap', { overlap: overlap0, needed: ACCEPTANCE.minOverlap });

  const refined = refine(fe, fl, featureH, chosen.model);
  const agreeFeature = agreementOf(fe, fl, featureH);
  const agreeRefined = refined ? agreementOf(fe, fl, refined) : -Infinity;
  let h = featureH;
  if (refined && agreeRefined >= agreeFeature - 0.02) h = refined;
  else notes.push('the intensity refinement did not improve the fit: kept the feature-based transform');
  const agree = h === featureH ? agreeFeature : agreeRefined;
  const overlap = overlapShare(h, fe.full, fl.full);
  if (overlap < ACCEPTANCE.minOverlap)
    return refuse('too-little-overlap', { overlap, needed: ACCEPTANCE.minOverlap });
  if (agree < ACCEPTANCE.minAgreement)
    return refuse('poor-agreement', { agreement: agree, needed: ACCEPTANCE.minAgreement });
  const check = implausible(h, fe.full, fl.full);
  if (check) return refuse('implausible-transform', check);

  const toFull = (f: PhotoFrames, p: Point) => apply(f.fromLevel(f.feature), p);
  const inlierPairs = matches
    .filter((_, i) => chosen.fit.inliers[i])
    .map((m) => ({ earlier: toFull(fe, kpE[m.a]!), later: toFull(fl, kpL[m.b]!) }));
  return {
    ok: true,
    model: chosen.model,
    laterFromEarlier: h,
    earlierFromLater: normalise(invert(h)!),
    earlierSize: fe.full,
    laterSize: fl.full,
    quality: {
      agreement: round(agree, 3),
      overlap: round(overlap, 3),
      inliers: chosen.fit.count,
      matches: matches.length,
      reprojectionErrorPx: errorStats(h, inlierPairs),
    },
    notes,
    inlierPairs,
  };
}

/**
 * Intensity refinement from the feature-based transform, coarse to fine, each level on its own
 * lighting-normalised copies; null if it folds the photo over.
 */
function refine(fe: PhotoFrames, fl: PhotoFrames, start: Matrix3, model: RefineModel): Matrix3 | null {
  const levels: [Plane, Plane][] = [
    [fe.coarse, fl.coarse],
    [fe.feature, fl.feature],
  ];
  if (fe.top.width > fe.feature.width * 1.2) levels.push([fe.top, fl.top]);
  let h = start;
  for (const [pe, pl] of levels) {
    const r = refineAlignment(fe.light(pe), fl.light(pl), onLevels(h, fe, pe, fl, pl), model);
    h = fromLevels(r.matrix, fe, pe, fl, pl);
  }
  const corners = [
    { x: 0, y: 0 },
    { x: fe.full.width - 1, y: 0 },
    { x: 0, y: fe.full.height - 1 },
    { x: fe.full.width - 1, y: fe.full.height - 1 },
  ];
  return orientationKept(h, corners) ? h : null;
}

/** Critical F(4, many) at p ≈ 0.005: more than this and the perspective terms explain real structure. */
const F_CRITICAL = 3.7;

/**
 * The similarity to use instead of the homography when the 4 extra unknowns explain no more of
 * the agreeing points than their noise would (a nested-model F test on the homography's
 * inliers); a homography fitted to noise bends the parts of the photo without points. Null when
 * the perspective is real.
 */
function perspectiveUnsupported(
  h: RansacResult,
  src: Point[],
  dst: Point[],
  threshold: number,
): RansacResult | null {
  const s = src.filter((_, i) => h.inliers[i]);
  const d = dst.filter((_, i) => h.inliers[i]);
  const n = s.length;
  const sim = fitSimilarity(s, d);
  if (!sim || n < 10) return null;
  const ssr = (m: Matrix3) =>
    s.reduce((t, p, i) => {
      const q = apply(m, p);
      return t + (q.x - d[i]!.x) ** 2 + (q.y - d[i]!.y) ** 2;
    }, 0);
  const ssrH = ssr(h.matrix);
  const f = (ssr(sim) - ssrH) / 4 / (ssrH / (2 * n - 8));
  if (f > F_CRITICAL) return null;
  const inliers = src.map((p, i) => {
    const q = apply(sim, p);
    return Math.hypot(q.x - dst[i]!.x, q.y - dst[i]!.y) < threshold;
  });
  return { matrix: sim, inliers, count: inliers.filter(Boolean).length };
}

/** Keypoints at distinct places (a corner with two orientations counts once). */
function sites(kp: Keypoint[]): number {
  return new Set(kp.map((k) => `${Math.round(k.x)},${Math.round(k.y)}`)).size;
}

/** One match per pair of places: two orientations of the same corners are one piece of evidence. */
function dedupe(matches: Match[], kpE: Keypoint[], kpL: Keypoint[]): Match[] {
  const seen = new Map<string, Match>();
  for (const m of matches) {
    const a = kpE[m.a]!;
    const b = kpL[m.b]!;
    const key = `${Math.round(a.x)},${Math.round(a.y)}:${Math.round(b.x)},${Math.round(b.y)}`;
    const prev = seen.get(key);
    if (!prev || m.distance < prev.distance) seen.set(key, m);
  }
  return [...seen.values()];
}
