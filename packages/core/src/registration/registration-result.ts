import type { Matrix3, Point } from './matrix3.js';

export type TransformModel = 'homography' | 'similarity' | 'affine';

/** How well two photos agree once aligned; what the app shows beside the slider. */
export interface AlignmentQuality {
  /**
   * Correlation (−1…1) of the two photos' lighting-normalised texture over their overlap after
   * alignment: near 1 the same surface in the same place, near 0 unrelated pictures.
   */
  agreement: number;
  /** Share (0…1) of the earlier photo that the aligned later photo covers. */
  overlap: number;
  /** Feature matches that agree with the transform, and all matches tried. */
  inliers: number;
  matches: number;
  /** Distance between each inlier's earlier point, carried by the transform, and its later point (later-photo px). */
  reprojectionErrorPx: { median: number; rms: number; p90: number };
}

/** Photos aligned: the transform between their pixel frames and how much to trust it. */
export interface Registration {
  ok: true;
  model: TransformModel;
  /**
   * Carries a pixel of the earlier photo (x right, y down, pixel centres at integers) to the
   * same place in the later photo. The aligned later photo samples the later photo here.
   */
  laterFromEarlier: Matrix3;
  /** The inverse: a later-photo pixel to the earlier photo's frame. */
  earlierFromLater: Matrix3;
  earlierSize: { width: number; height: number };
  laterSize: { width: number; height: number };
  quality: AlignmentQuality;
  /** Why this model (e.g. a homography fell back to a similarity), for the record. */
  notes: string[];
  /** Matched feature points that agree with the transform (earlier frame, later frame). */
  inlierPairs: { earlier: Point; later: Point }[];
}

export type RefusalReason =
  | 'too-little-texture'
  | 'too-few-matches'
  | 'inconsistent-geometry'
  | 'matches-too-concentrated'
  | 'implausible-transform'
  | 'too-little-overlap'
  | 'poor-agreement';

/** The photos cannot be aligned reliably; `reason` is stable for translation, `message` is English. */
export interface RegistrationRefusal {
  ok: false;
  reason: RefusalReason;
  message: string;
  /** The figures behind the decision (counts, shares), for the message in any language. */
  details: Record<string, number>;
}

export type RegistrationResult = Registration | RegistrationRefusal;

/** Bad input (not the expected "cannot align"): a malformed image or point list. */
export class RegistrationInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'RegistrationInputError';
  }
}

export function refuse(reason: RefusalReason, details: Record<string, number>): RegistrationRefusal {
  return { ok: false, reason, message: refusalMessage(reason, details), details };
}

const pct = (v: number | undefined) => `${Math.round(100 * (v ?? 0))} %`;

/** The refusal in words for a person (English; the app translates by `reason` and `details`). */
export function refusalMessage(reason: RefusalReason, d: Record<string, number>): string {
  switch (reason) {
    case 'too-little-texture':
      return `the ${d.photo === 0 ? 'earlier' : 'later'} photo has too little detail to align (${d.keypoints} distinct points, at least ${d.needed} needed): it may be blurred, over-exposed or plain`;
    case 'too-few-matches':
      return `too few points match between the photos (${d.matches}, at least ${d.needed} needed): they may show different views or different people`;
    case 'inconsistent-geometry':
      return `the matching points do not agree on one way to lay the photos over each other (${d.inliers} of ${d.matches} agree, at least ${d.needed} needed): they may show different views or different people`;
    case 'matches-too-concentrated':
      return `the points that agree cover only ${pct(d.spread)} of the shared area (a logo, a watermark or one small patch), not the scalp: the photos may show different people`;
    case 'implausible-transform':
      return `the only fit found would ${d.scale ? `scale the photo by ${d.scale.toFixed(2)}` : 'distort the photo'} beyond what a second photo of the same view needs`;
    case 'too-little-overlap':
      return `the photos share only ${pct(d.overlap)} of the earlier photo's area (at least ${pct(d.needed)} needed)`;
    case 'poor-agreement':
      return `once laid over each other the photos do not look alike (agreement ${(d.agreement ?? 0).toFixed(2)}, at least ${(d.needed ?? 0).toFixed(2)} needed): they may show different views or different people`;
  }
}
