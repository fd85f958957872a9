import { z } from 'zod';
import { Id, Timestamp } from './common.schema.js';

/**
 * A follow-up photo registered to the earlier photo of the same view (issue 13). The original
 * pixels of both photos stay as stored; the alignment is a transform between their pixel frames
 * and images derived from them (the later photo resampled into the earlier one's frame, and a
 * difference image).
 */
export const ALIGNMENT_STATUSES = ['queued', 'running', 'done', 'refused', 'failed'] as const;
export const AlignmentStatus = z.enum(ALIGNMENT_STATUSES);
export type AlignmentStatus = z.infer<typeof AlignmentStatus>;

/** `features`: found automatically; `points`: through the artist's point pairs. */
export const ALIGNMENT_METHODS = ['features', 'points'] as const;
export const AlignmentMethod = z.enum(ALIGNMENT_METHODS);
export type AlignmentMethod = z.infer<typeof AlignmentMethod>;

export const ALIGNMENT_MODELS = ['homography', 'similarity', 'affine'] as const;

/** Why two photos could not be aligned (the core's refusal reasons). */
export const ALIGNMENT_REFUSALS = [
  'too-little-texture',
  'too-few-matches',
  'inconsistent-geometry',
  'matches-too-concentrated',
  'implausible-transform',
  'too-little-overlap',
  'poor-agreement',
] as const;
export const AlignmentRefusalReason = z.enum(ALIGNMENT_REFUSALS);
export type AlignmentRefusalReason = z.infer<typeof AlignmentRefusalReason>;

/**
 * A 3×3 projective transform between pixel frames, row-major [m00, m01, m02, m10, …, m22].
 * Pixels of the stored (upright) originals at full size: x to the right, y down, (0, 0) the
 * centre of the top-left pixel; a point (x, y) maps to (u/w, v/w) with [u, v, w] = M · [x, y, 1].
 */
export const Transform3x3 = z.array(z.number().finite()).length(9);
export type Transform3x3 = z.infer<typeof Transform3x3>;

const PixelCoord = z.number().finite().min(-0.5).max(100_000);
export const AlignmentPoint = z.strictObject({ x: PixelCoord, y: PixelCoord });
/** The same spot tapped on both photos, in each photo's full-size pixels. */
export const AlignmentPointPair = z.strictObject({ earlier: AlignmentPoint, later: AlignmentPoint });
export type AlignmentPointPair = z.infer<typeof AlignmentPointPair>;

export const StartAlignmentRequest = z.strictObject({
  /** The earlier photo to align to; by default the last earlier photo of the same view. */
  referencePhotoId: Id.optional(),
});
export type StartAlignmentRequest = z.infer<typeof StartAlignmentRequest>;

/** The artist's correction: three pairs fix an affine map, four or more a homography. */
export const CorrectAlignmentRequest = z.strictObject({
  pairs: z.array(AlignmentPointPair).min(3).max(20),
});
export type CorrectAlignmentRequest = z.infer<typeof CorrectAlignmentRequest>;

export const PhotoAlignment = z.object({
  /** The follow-up photo (the later one). */
  photoId: Id,
  /** The earlier photo of the same view it is aligned to. */
  referencePhotoId: Id,
  status: AlignmentStatus,
  method: AlignmentMethod,
  /** Whether the artist set the transform with point pairs. */
  corrected: z.boolean(),
  model: z.enum(ALIGNMENT_MODELS).nullable(),
  /**
   * Carries a pixel of the later photo (this photo) to the same place on the earlier photo: use
   * it to bring anything found on the follow-up into the earlier photo's frame.
   */
  earlierFromLater: Transform3x3.nullable(),
  /** The inverse: a pixel of the earlier photo to the follow-up (e.g. zones drawn on the earlier photo). */
  laterFromEarlier: Transform3x3.nullable(),
  /**
   * How far matched points land from where the transform puts them (px of the later photo): the
   * median of the feature matches, or the RMS of the artist's pairs.
   */
  residualPx: z.number().nullable(),
  quality: z
    .object({
      /** Texture correlation over the overlap (−1…1); below 0.2 the photos do not look alike there. */
      agreement: z.number(),
      /** Share of the earlier photo the aligned follow-up covers (0…1). */
      overlap: z.number(),
      inliers: z.int().nullable(),
      matches: z.int().nullable(),
    })
    .nullable(),
  /** The artist's pairs (method `points`), with how far each lands (px). */
  pairs: z.array(AlignmentPointPair.extend({ residualPx: z.number() })).nullable(),
  /** Share of the overlap that got visibly darker or lighter between the photos. */
  difference: z.object({ darker: z.number(), lighter: z.number() }).nullable(),
  refusal: z
    .object({
      reason: AlignmentRefusalReason,
      details: z.record(z.string(), z.number()),
      /** The reason in words, in the request's language. */
      message: z.string(),
    })
    .nullable(),
  /** Warnings in the request's language (a poor fit of the artist's points, a fallback model). */
  warnings: z.array(z.string()),
  earlierSize: z.object({ width: z.int(), height: z.int() }),
  laterSize: z.object({ width: z.int(), height: z.int() }),
  createdAt: Timestamp,
  finishedAt: Timestamp.nullable(),
});
export type PhotoAlignment = z.infer<typeof PhotoAlignment>;

export const ALIGNMENT_IMAGES = ['aligned', 'difference'] as const;
export const AlignmentImageQuery = z.strictObject({
  kind: z.enum(ALIGNMENT_IMAGES),
  /** Any text that changes with the alignment, so that a browser never shows the previous image. */
  version: z.string().max(100).optional(),
});
