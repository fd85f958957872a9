import { z } from 'zod';
import { Id, IsoDate, Timestamp } from './common.schema.js';

/** Where on the scalp a session worked (names as on the consultation's diagram). */
export const TREATMENT_ZONES = [
  'hairline',
  'frontal',
  'mid-scalp',
  'crown',
  'temporal-left',
  'temporal-right',
  'parietal-left',
  'parietal-right',
  'occipital',
  'donor-area',
  'scar',
] as const;
export const TreatmentZone = z.enum(TREATMENT_ZONES);
export type TreatmentZone = z.infer<typeof TreatmentZone>;

const text = (max: number) => z.string().trim().max(max);

/** One pigment or needle lot used in the session. Pigments carry the working dilution. */
export const SessionMaterialInput = z.strictObject({
  lotId: Id,
  /** e.g. "1:20 with distilled water"; pigments only. */
  dilution: text(200).default(''),
});

export const SaveSessionRequest = z.strictObject({
  /** The day the work was done (defaults to the appointment's day). */
  performedOn: IsoDate.optional(),
  zones: z.array(TreatmentZone).max(TREATMENT_ZONES.length).default([]),
  materials: z.array(SessionMaterialInput).max(20).default([]),
  durationMinutes: z
    .number()
    .int()
    .min(1)
    .max(16 * 60)
    .nullable()
    .default(null),
  notes: text(10_000).default(''),
  adverseEvents: text(5000).default(''),
  /** Photos of this client (uploaded first) attached as before/after pictures of the session. */
  beforePhotoIds: z.array(Id).max(30).default([]),
  afterPhotoIds: z.array(Id).max(30).default([]),
  /**
   * Completes the session in the same save: needs a valid signed treatment consent, and makes the
   * aftercare schedule, its reminders and the touch-up recall.
   */
  complete: z.boolean().default(false),
  /** Completes a session the treatment plan does not allow (wait, referral, not eligible): why. */
  planOverrideReason: z
    .string()
    .trim()
    .min(3, { message: 'reasonTooShort' })
    .max(1000, { message: 'tooLong' })
    .optional(),
  /** The version read; omitted for a first save. */
  version: z.number().int().min(1).optional(),
});
export type SaveSessionRequest = z.infer<typeof SaveSessionRequest>;

export const SessionMaterial = z.object({
  lotId: Id,
  productId: Id,
  kind: z.enum(['pigment', 'needle']),
  productName: z.string(),
  manufacturer: z.string(),
  shade: z.string().nullable(),
  needleConfiguration: z.string().nullable(),
  needleDiameterMm: z.number().nullable(),
  lotNumber: z.string(),
  expiresOn: IsoDate,
  dilution: z.string(),
});
export type SessionMaterial = z.infer<typeof SessionMaterial>;

export const SessionRecord = z.object({
  id: Id,
  appointmentId: Id,
  clientId: Id,
  courseId: Id.nullable(),
  artistId: Id,
  artistName: z.string(),
  sessionNumber: z.number().int().nullable(),
  performedOn: IsoDate,
  zones: z.array(TreatmentZone),
  materials: z.array(SessionMaterial),
  durationMinutes: z.number().int().nullable(),
  notes: z.string(),
  adverseEvents: z.string(),
  beforePhotoIds: z.array(Id),
  afterPhotoIds: z.array(Id),
  status: z.enum(['draft', 'completed']),
  completedAt: Timestamp.nullable(),
  consentId: Id.nullable(),
  /** Completed although the plan said to wait, refer or not treat. */
  planOverride: z
    .object({ reason: z.string(), by: z.object({ id: Id, name: z.string() }), at: Timestamp })
    .nullable(),
  version: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type SessionRecord = z.infer<typeof SessionRecord>;
export const SessionRecordList = z.object({ items: z.array(SessionRecord) });
export type SessionRecordList = z.infer<typeof SessionRecordList>;
