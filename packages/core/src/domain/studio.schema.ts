import { z } from 'zod';
import { Phone } from './client.schema.js';
import { Id, Timestamp, UI_LOCALES, UiLocale } from './common.schema.js';
import { Email, NewPassword } from './staff.schema.js';

/**
 * Who may create a studio on this installation: `closed` (the default) only the first one, on an
 * empty installation; `open` anyone at any time (a hosted service); `invite` the first one, then
 * only with a one-time invitation link made on the server's command line.
 */
export const SIGNUP_MODES = ['open', 'invite', 'closed'] as const;
export const SignupMode = z.enum(SIGNUP_MODES);
export type SignupMode = z.infer<typeof SignupMode>;

/** Public bookings are confirmed at once (`auto`) or wait for the studio (`manual`). */
export const BOOKING_CONFIRMATIONS = ['auto', 'manual'] as const;
export const BookingConfirmation = z.enum(BOOKING_CONFIRMATIONS);
export type BookingConfirmation = z.infer<typeof BookingConfirmation>;

/** True when the runtime knows `zone` as an IANA time zone (Europe/London, Asia/Shanghai). */
export function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const TimeZone = z.string().trim().refine(isTimeZone, { message: 'timeZone' });

/** The studio's address on the web: /s/<slug>. */
export const StudioSlug = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(60)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'slugChars' });

/** Lower-case words joined by hyphens; '' when the name has no Latin letters or digits. */
export function slugFrom(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

const text = (max: number) => z.string().trim().max(max);
const required = (max: number) => text(max).min(1, { message: 'required' });

/** A text in each language the studio offers (the other may stay empty). */
export const Bilingual = z.strictObject({ en: text(4000).default(''), 'zh-CN': text(4000).default('') });
export type Bilingual = z.infer<typeof Bilingual>;

export const ConsultationType = z.strictObject({
  key: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'slugChars' })
    .max(40),
  name: z.strictObject({ en: required(100), 'zh-CN': required(100) }),
  minutes: z.int().min(15).max(240),
});
export type ConsultationType = z.infer<typeof ConsultationType>;

const hours = (max: number) => z.int().min(0).max(max);

export const BookingPolicy = z.strictObject({
  /** Whether the public page takes bookings at all. */
  publicBooking: z.boolean(),
  confirmation: BookingConfirmation,
  /** The earliest a visitor may book: this many hours from now. */
  minNoticeHours: hours(24 * 60),
  /** A client may move or cancel online until this many hours before; later they call. */
  cancellationNoticeHours: hours(24 * 60),
  /** Kept free before and after every appointment of the artist when offering public slots. */
  bufferMinutes: z.int().min(0).max(240),
  /** How many days ahead the public page offers slots. */
  bookingHorizonDays: z.int().min(1).max(365),
  depositRequired: z.boolean(),
  /** In minor units (pence, cents, fen); null when the rule in words says it all. */
  depositAmountMinor: z.int().min(0).max(100_000_000).nullable(),
  /** The deposit rule in the studio's own words (refunds, what happens on a no-show). */
  depositRule: Bilingual,
});
export type BookingPolicy = z.infer<typeof BookingPolicy>;

export const Currency = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, { message: 'currency' });

export const StudioLanguages = z
  .array(UiLocale)
  .min(1, { message: 'atLeastOneLanguage' })
  .refine((l) => new Set(l).size === l.length, { message: 'languageTwice' });

/** Everything the owner sets about the studio (setup, then the settings page). */
export const StudioProfile = z.strictObject({
  name: required(200),
  slug: StudioSlug,
  address: required(500),
  phone: Phone,
  email: Email,
  timeZone: TimeZone,
  languages: StudioLanguages,
  currency: Currency,
  /** The length of a consultation booked without a type (the calendar's default). */
  consultationMinutes: z.int().min(15).max(240),
  consultationTypes: z
    .array(ConsultationType)
    .min(1)
    .max(10)
    .refine((types) => new Set(types.map((t) => t.key)).size === types.length, {
      message: 'typeKeyTwice',
    }),
  /** What a consultation involves, in the studio's words, shown on the public page. */
  intro: Bilingual,
  policy: BookingPolicy,
});
export type StudioProfile = z.infer<typeof StudioProfile>;

/**
 * The profile as the API answers it: plain values (answers are not validated again, and studios
 * made before setup existed may have empty fields the owner has yet to fill).
 */
export const StudioSettings = z.object({
  id: Id,
  name: z.string(),
  slug: z.string(),
  address: z.string(),
  phone: z.string(),
  email: z.string(),
  timeZone: z.string(),
  languages: z.array(UiLocale),
  currency: z.string(),
  consultationMinutes: z.int(),
  consultationTypes: z.array(ConsultationType),
  intro: Bilingual,
  policy: BookingPolicy,
  /** Changes whenever the logo does (for cache-busting); null: no logo. */
  logoSha256: z.string().nullable(),
  version: z.int(),
  updatedAt: Timestamp,
});
export type StudioSettings = z.infer<typeof StudioSettings>;

/** Any part of the profile; `version` from the last read (409 when someone saved in between). */
export const UpdateStudioRequest = z
  .strictObject({ ...StudioProfile.partial().shape, version: z.int().min(1) })
  .refine((v) => Object.keys(v).length > 1, { message: 'nothingToChange' });
export type UpdateStudioRequest = z.infer<typeof UpdateStudioRequest>;

const Minute = z
  .int()
  .min(0)
  .max(24 * 60);

/** The owner's weekly hours made at setup (the calendar edits them per artist later). */
export const OpeningHours = z
  .strictObject({
    weekdays: z
      .array(z.int().min(0).max(6))
      .min(1, { message: 'atLeastOneDay' })
      .refine((d) => new Set(d).size === d.length, { message: 'dayTwice' }),
    start: Minute,
    end: Minute,
  })
  .refine((h) => h.end > h.start, { message: 'endAfterStart', path: ['end'] });
export type OpeningHours = z.infer<typeof OpeningHours>;

export const CreateStudioRequest = z.strictObject({
  studio: StudioProfile.extend({ slug: StudioSlug.optional() }),
  owner: z.strictObject({
    name: required(200),
    email: Email,
    password: NewPassword,
    locale: UiLocale.default('en'),
  }),
  openingHours: OpeningHours,
  /** Needed when STIPPLE_SIGNUP=invite and a studio exists already. */
  invitation: z.string().min(20).max(200).optional(),
});
export type CreateStudioRequest = z.infer<typeof CreateStudioRequest>;
export type CreateStudioInput = z.input<typeof CreateStudioRequest>;

export const SetupStatus = z.object({
  /** Whether any studio exists on this installation. */
  studioExists: z.boolean(),
  signup: SignupMode,
  /** Whether a new studio may be created now (with an invitation when `invitationRequired`). */
  canCreate: z.boolean(),
  invitationRequired: z.boolean(),
});
export type SetupStatus = z.infer<typeof SetupStatus>;

export const DEFAULT_BOOKING_POLICY: BookingPolicy = {
  publicBooking: true,
  confirmation: 'manual',
  minNoticeHours: 24,
  cancellationNoticeHours: 48,
  bufferMinutes: 15,
  bookingHorizonDays: 60,
  depositRequired: false,
  depositAmountMinor: null,
  depositRule: { en: '', 'zh-CN': '' },
};

/** What a new studio starts with; the setup form shows these and the owner changes them. */
export function defaultStudioProfile(p: { name: string; timeZone: string; email: string }): StudioProfile {
  return {
    name: p.name,
    slug: slugFrom(p.name) || 'studio',
    address: '',
    phone: '',
    email: p.email,
    timeZone: p.timeZone,
    languages: [...UI_LOCALES],
    currency: 'GBP',
    consultationMinutes: 45,
    consultationTypes: [{ key: 'consultation', name: { en: 'Consultation', 'zh-CN': '咨询' }, minutes: 45 }],
    intro: { en: '', 'zh-CN': '' },
    policy: DEFAULT_BOOKING_POLICY,
  };
}
