import { z } from 'zod';
import { checkRuler, PxPerMm } from './photo-scale.js';
import { Id, IsoDate, Timestamp } from './common.schema.js';

/** The standard views of a scalp, plus close-ups (the progress view lines up one view across sessions). */
export const PHOTO_VIEWS = ['front', 'top', 'left', 'right', 'back', 'close-up'] as const;
export const PhotoView = z.enum(PHOTO_VIEWS);
export type PhotoView = z.infer<typeof PhotoView>;

/** Formats the server accepts; HEIC/HEIF is refused with 415 until a decoder is added. */
export const PHOTO_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

export const PHOTO_SESSION_ROLES = ['before', 'after'] as const;
export const PhotoSessionRole = z.enum(PHOTO_SESSION_ROLES);
export type PhotoSessionRole = z.infer<typeof PhotoSessionRole>;

const Pixel = z.number().finite().min(0).max(100_000);
const RulerPoint = z.strictObject({ x: Pixel, y: Pixel });

/**
 * How many image pixels make a millimetre: given directly, or as two points on a ruler in the
 * photo and the millimetres between them (the server works out pxPerMm).
 */
export const PhotoCalibration = z.union([
  z.strictObject({ pxPerMm: PxPerMm }),
  z
    .strictObject({ points: z.tuple([RulerPoint, RulerPoint]), mm: z.number().finite().gt(0).max(1000) })
    .superRefine((c, ctx) =>
      checkRuler(Math.hypot(c.points[0].x - c.points[1].x, c.points[0].y - c.points[1].y), c.mm, ctx, {
        points: ['points'],
        mm: ['mm'],
      }),
    ),
]);
export type PhotoCalibration = z.infer<typeof PhotoCalibration>;

export const PhotoUploadQuery = z.strictObject({
  view: PhotoView,
  takenOn: IsoDate,
  /** The file's name as picked; its extension must match the bytes. */
  filename: z.string().trim().min(1).max(255).optional(),
});
export type PhotoUploadQuery = z.infer<typeof PhotoUploadQuery>;

export const UpdatePhotoRequest = z
  .strictObject({
    view: PhotoView.optional(),
    takenOn: IsoDate.optional(),
    calibration: PhotoCalibration.nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothingToChange' });
export type UpdatePhotoRequest = z.infer<typeof UpdatePhotoRequest>;

export const Photo = z.object({
  id: Id,
  clientId: Id,
  sessionId: Id.nullable(),
  sessionRole: PhotoSessionRole.nullable(),
  view: PhotoView,
  takenOn: IsoDate,
  contentType: z.enum(PHOTO_CONTENT_TYPES),
  width: z.number().int(),
  height: z.number().int(),
  bytes: z.number().int(),
  sha256: z.string(),
  calibration: PhotoCalibration.nullable(),
  /** Derived from the calibration (null without one). */
  pxPerMm: z.number().nullable(),
  /** Preview (~1600 px) and thumbnail (~320 px) are made by a job after the upload. */
  derivatives: z.enum(['pending', 'ready', 'failed']),
  /** Whether the client has a signed, not withdrawn photo-use consent: only then may it show in galleries. */
  photoConsent: z.boolean(),
  createdAt: Timestamp,
});
export type Photo = z.infer<typeof Photo>;

export const PhotoList = z.object({ items: z.array(Photo) });
export type PhotoList = z.infer<typeof PhotoList>;

export const GalleryItem = Photo.extend({ clientName: z.string() });
export const Gallery = z.object({ items: z.array(GalleryItem) });
export type Gallery = z.infer<typeof Gallery>;
