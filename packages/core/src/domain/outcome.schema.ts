import { z } from 'zod';
import { SCAR_TEXTURES } from './assessment.schema.js';
import { Id, IsoDate, Timestamp } from './common.schema.js';
import { PhotoView } from './photo.schema.js';

/*
 * Outcomes of sessions measured on healed follow-up photos (outcome/measure-outcome.ts), the
 * studio's retention learnt from them, and the before-and-after gallery that only shows pairs
 * with the client's photo-use consent.
 */

/** 3×3 row-major homography, follow-up pixels to earlier-photo pixels (the alignment's transform). */
export const Homography = z.array(z.number().finite()).length(9, { message: 'nineNumbers' });

export const RecordOutcomeRequest = z.strictObject({
  /** The photo of the same view the zones were drawn on. */
  earlierPhotoId: Id,
  /** The last session before the follow-up. */
  afterSession: z.int().min(1).max(8),
  /** Identity when left out: the follow-up was taken in the earlier photo's frame. */
  transform: Homography.optional(),
});
export type RecordOutcomeRequest = z.infer<typeof RecordOutcomeRequest>;

const Figures = z.object({
  impressionsPerCm2: z.number().nullable(),
  deltaL: z.number(),
  darkening: z.number(),
});

export const ZoneOutcomeSchema = z.object({
  zoneId: z.string(),
  kind: z.string(),
  texture: z.string().nullable(),
  areaCm2: z.number(),
  coverage: z.number(),
  predicted: Figures,
  achieved: Figures,
  difference: z.object({ impressionsPerCm2: z.number().nullable(), deltaL: z.number() }),
  expectedRetention: z.number(),
  retention: z.number().nullable(),
  retentionUncertainty: z.number().nullable(),
  notes: z.array(z.enum(['not-covered', 'no-prediction', 'no-reference-skin', 'beyond-range', 'uncertain'])),
});
export type ZoneOutcomeView = z.infer<typeof ZoneOutcomeSchema>;

export const SessionOutcome = z.object({
  id: Id,
  clientId: Id,
  photoId: Id,
  earlierPhotoId: Id,
  view: PhotoView,
  afterSession: z.number().int(),
  takenOn: IsoDate,
  earlierTakenOn: IsoDate,
  transform: z.array(z.number()),
  fitzpatrick: z.number().int().nullable(),
  densityMeasured: z.boolean(),
  zones: z.array(ZoneOutcomeSchema),
  createdAt: Timestamp,
});
export type SessionOutcome = z.infer<typeof SessionOutcome>;
export const SessionOutcomeList = z.object({ items: z.array(SessionOutcome) });
export type SessionOutcomeList = z.infer<typeof SessionOutcomeList>;

export const StudioRetentionRow = z.object({
  texture: z.enum(SCAR_TEXTURES),
  fitzpatrick: z.number().int().nullable(),
  /** Mean retention measured, percent; the number of scar zones measured. */
  percent: z.number(),
  cases: z.number().int(),
  /** The product's default for the texture (zones.schema SCAR_RETENTION), percent. */
  defaultPercent: z.number(),
  /** Whether the planner uses the studio's figure (enough cases). */
  used: z.boolean(),
});
export const StudioRetention = z.object({
  minCases: z.number().int(),
  rows: z.array(StudioRetentionRow),
});
export type StudioRetention = z.infer<typeof StudioRetention>;

/** The rectangle kept of both photos, in the earlier photo's pixels. */
export const GalleryCrop = z.strictObject({
  x: z.int().min(0),
  y: z.int().min(0),
  w: z.int().min(16),
  h: z.int().min(16),
});

export const AddGalleryPairRequest = z.strictObject({
  beforePhotoId: Id,
  afterPhotoId: Id,
  crop: GalleryCrop.optional(),
  transform: Homography.optional(),
});
export type AddGalleryPairRequest = z.infer<typeof AddGalleryPairRequest>;

export const GalleryPair = z.object({
  id: Id,
  view: PhotoView,
  beforeTakenOn: IsoDate,
  afterTakenOn: IsoDate,
  /** Days from the last session before the after photo to it; null without a session on record. */
  daysSinceSession: z.number().int().nullable(),
  sessionOn: IsoDate.nullable(),
  /** Aligned: the after photo was brought into the before photo's frame by a stored transform. */
  aligned: z.boolean(),
  crop: GalleryCrop,
  /** Always true: the pixels are the stored originals, cropped only (no retouching, no simulation). */
  unretouched: z.literal(true),
  createdAt: Timestamp,
});
export type GalleryPair = z.infer<typeof GalleryPair>;
export const StaffGalleryPair = GalleryPair.extend({ clientId: Id, clientName: z.string() });
export const StaffGalleryPairList = z.object({ items: z.array(StaffGalleryPair) });
export type StaffGalleryPairList = z.infer<typeof StaffGalleryPairList>;
export const PublicGallery = z.object({ studioName: z.string(), items: z.array(GalleryPair) });
export type PublicGallery = z.infer<typeof PublicGallery>;
