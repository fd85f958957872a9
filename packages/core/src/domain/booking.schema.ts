import { z } from 'zod';
import { Phone } from './client.schema.js';
import { Id, IsoDate, Timestamp, UiLocale } from './common.schema.js';
import { PhotoView } from './photo.schema.js';
import { Email } from './staff.schema.js';
import { Bilingual, BookingConfirmation, ConsultationType } from './studio.schema.js';

/** What a visitor wants treated, as they tick it on the public page. */
export const BOOKING_CONCERNS = ['scar', 'density', 'hairline', 'other'] as const;
export const BookingConcern = z.enum(BOOKING_CONCERNS);
export type BookingConcern = z.infer<typeof BookingConcern>;

export const BOOKING_STATUSES = [
  'unverified',
  'requested',
  'confirmed',
  'declined',
  'expired',
  'cancelled',
] as const;
export const BookingStatus = z.enum(BOOKING_STATUSES);
export type BookingStatus = z.infer<typeof BookingStatus>;

/** Photos a visitor may add to one booking. */
export const MAX_BOOKING_PHOTOS = 6;

/** The studio as its public page shows it. */
export const PublicStudio = z.object({
  slug: z.string(),
  name: z.string(),
  address: z.string(),
  phone: z.string(),
  email: z.string(),
  timeZone: z.string(),
  languages: z.array(UiLocale),
  currency: z.string(),
  intro: Bilingual,
  consultationTypes: z.array(ConsultationType),
  artists: z.array(z.object({ id: Id, name: z.string() })),
  logoUrl: z.string().nullable(),
  policy: z.object({
    publicBooking: z.boolean(),
    confirmation: BookingConfirmation,
    minNoticeHours: z.int(),
    cancellationNoticeHours: z.int(),
    bookingHorizonDays: z.int(),
    depositRequired: z.boolean(),
    depositAmountMinor: z.int().nullable(),
    depositRule: Bilingual,
  }),
});
export type PublicStudio = z.infer<typeof PublicStudio>;

const TypeKey = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'notConsultationType' })
  .max(40);

export const SlotQuery = z.strictObject({
  type: TypeKey,
  /** First studio day to look at. */
  from: IsoDate,
  days: z.coerce.number().int().min(1).max(14).default(7),
  artistId: Id.optional(),
});
export type SlotQuery = z.infer<typeof SlotQuery>;

export const Slot = z.object({
  startsAt: Timestamp,
  endsAt: Timestamp,
  /** Who is free then; the booking takes the first unless the visitor chose one. */
  artistIds: z.array(Id),
});
export type Slot = z.infer<typeof Slot>;

export const SlotList = z.object({
  timeZone: z.string(),
  slots: z.array(Slot),
  /** The last day (studio time) the page offers slots for. */
  lastDay: IsoDate,
});
export type SlotList = z.infer<typeof SlotList>;

const Instant = z.iso.datetime({ offset: true, message: 'notADateTime' });

export const CreateBookingRequest = z.strictObject({
  type: TypeKey,
  startsAt: Instant,
  artistId: Id.optional(),
  givenName: z.string().trim().max(100).default(''),
  familyName: z.string().trim().min(1, { message: 'required' }).max(100),
  email: Email,
  phone: Phone.nullable().default(null),
  locale: UiLocale,
  concerns: z.array(BookingConcern).max(4).default([]),
  message: z.string().trim().max(2000).default(''),
  /** The visitor read how their data is used (health data, photos). */
  privacyAccepted: z.literal(true, { message: 'mustAccept' }),
  /** Left empty by people; filled by form-filling robots (a honeypot). */
  website: z.string().max(500).default(''),
});
export type CreateBookingRequest = z.infer<typeof CreateBookingRequest>;
export type CreateBookingInput = z.input<typeof CreateBookingRequest>;

/** The same answer whether or not the email was known: what happens next comes by email. */
export const BookingReceipt = z.object({
  bookingId: Id,
  /** Lets this browser add photos to the booking for a while (header x-upload-token). */
  uploadToken: z.string(),
  uploadUntil: Timestamp,
  maxPhotos: z.int(),
  /** The link in the email must be opened by then, or the slot is given back. */
  verifyBy: Timestamp,
});
export type BookingReceipt = z.infer<typeof BookingReceipt>;

export const BookingPhotoQuery = z.strictObject({
  view: PhotoView.default('top'),
  filename: z.string().max(255).optional(),
});

export const BookingPhotoReceipt = z.object({ photos: z.int() });

export const JoinWaitlistRequest = z
  .strictObject({
    type: TypeKey,
    fromDate: IsoDate,
    untilDate: IsoDate,
    givenName: z.string().trim().max(100).default(''),
    familyName: z.string().trim().min(1, { message: 'required' }).max(100),
    email: Email,
    locale: UiLocale,
    privacyAccepted: z.literal(true, { message: 'mustAccept' }),
    website: z.string().max(500).default(''),
  })
  .refine((w) => w.untilDate >= w.fromDate, {
    message: 'notBeforeFromDay',
    path: ['untilDate'],
  });
export type JoinWaitlistRequest = z.infer<typeof JoinWaitlistRequest>;
export type JoinWaitlistInput = z.input<typeof JoinWaitlistRequest>;

/** An online booking as the studio sees it. */
export const Booking = z.object({
  id: Id,
  status: BookingStatus,
  clientId: Id,
  clientName: z.string(),
  /** True when it joined an existing client (same verified email and name). */
  matchedExisting: z.boolean(),
  appointmentId: Id,
  startsAt: Timestamp,
  endsAt: Timestamp,
  artistId: Id,
  artistName: z.string(),
  consultationType: z.string(),
  /** As the visitor entered them. */
  givenName: z.string(),
  familyName: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  locale: UiLocale,
  concerns: z.array(BookingConcern),
  message: z.string(),
  photoIds: z.array(Id),
  createdAt: Timestamp,
  verifiedAt: Timestamp.nullable(),
  decidedAt: Timestamp.nullable(),
  declineReason: z.string().nullable(),
});
export type Booking = z.infer<typeof Booking>;

export const BookingList = z.object({ items: z.array(Booking) });
export type BookingList = z.infer<typeof BookingList>;

export const BookingListQuery = z.strictObject({
  status: BookingStatus.optional(),
  clientId: Id.optional(),
});

export const DeclineBookingRequest = z.strictObject({
  reason: z.string().trim().min(3, { message: 'reasonTooShort' }).max(1000),
});
