import { z } from 'zod';
import { Id, Timestamp, UiLocale } from './common.schema.js';
import { Email } from './staff.schema.js';

/** What an emailed link opens in the portal. */
export const PORTAL_LINK_PURPOSES = ['booking', 'waitlist', 'portal_sign_in', 'intake'] as const;
export const PortalLinkPurpose = z.enum(PORTAL_LINK_PURPOSES);
export type PortalLinkPurpose = z.infer<typeof PortalLinkPurpose>;

/** What the link page shows before the link is used: the studio only, nothing of the client. */
export const PortalLinkPreview = z.object({
  purpose: PortalLinkPurpose,
  studio: z.object({ name: z.string(), slug: z.string(), logoUrl: z.string().nullable() }),
  expiresAt: Timestamp,
});
export type PortalLinkPreview = z.infer<typeof PortalLinkPreview>;

/** The signed-in client of the portal; `csrfToken` goes back in `x-csrf-token`. */
export const PortalSessionInfo = z.object({
  client: z.object({ id: Id, givenName: z.string(), familyName: z.string(), locale: UiLocale }),
  studio: z.object({ name: z.string(), slug: z.string(), phone: z.string(), logoUrl: z.string().nullable() }),
  csrfToken: z.string(),
  expiresAt: Timestamp,
  /** Where the link meant to lead: the booking, the intake of an appointment, or the start page. */
  landing: z.object({
    page: z.enum(['home', 'intake']),
    appointmentId: Id.nullable(),
  }),
});
export type PortalSessionInfo = z.infer<typeof PortalSessionInfo>;

export const PortalSignInRequest = z.strictObject({
  email: Email,
  locale: UiLocale,
  /** Left empty by people (a honeypot). */
  website: z.string().max(500).default(''),
});
export type PortalSignInRequest = z.infer<typeof PortalSignInRequest>;

const Instant = z.iso.datetime({ offset: true, message: 'notADateTime' });

/** One of the client's appointments, as their portal shows it. */
export const PortalAppointment = z.object({
  id: Id,
  kind: z.enum(['consultation', 'session', 'touch_up']),
  startsAt: Timestamp,
  endsAt: Timestamp,
  status: z.enum(['requested', 'booked', 'completed', 'cancelled', 'no_show']),
  artistName: z.string(),
  /** Moving or cancelling online is open until then (the studio's cancellation notice). */
  changeUntil: Timestamp,
  canChange: z.boolean(),
  /** The health questions for it: not answered, waiting for the artist, accepted. */
  intake: z.enum(['none', 'submitted', 'accepted']),
});
export type PortalAppointment = z.infer<typeof PortalAppointment>;

export const PortalAppointments = z.object({
  upcoming: z.array(PortalAppointment),
  past: z.array(PortalAppointment),
  cancellationNoticeHours: z.int(),
});
export type PortalAppointments = z.infer<typeof PortalAppointments>;

export const PortalMoveRequest = z.strictObject({ startsAt: Instant });
export const PortalCancelRequest = z.strictObject({
  reason: z.string().trim().max(500).default(''),
});

/** The consent texts the client may sign (current versions, in their language) and what they signed. */
export const PortalConsentTemplate = z.object({
  id: Id,
  kind: z.enum(['treatment', 'photo', 'marketing']),
  title: z.string(),
  body: z.string(),
  version: z.int(),
});
export const PortalConsent = z.object({
  id: Id,
  kind: z.enum(['treatment', 'photo', 'marketing']),
  title: z.string(),
  templateVersion: z.int(),
  signedAt: Timestamp,
  status: z.enum(['active', 'withdrawn', 'expired']),
  withdrawnAt: Timestamp.nullable(),
  validUntil: Timestamp.nullable(),
});
export type PortalConsent = z.infer<typeof PortalConsent>;
export const PortalConsents = z.object({
  templates: z.array(PortalConsentTemplate),
  signed: z.array(PortalConsent),
});
export type PortalConsents = z.infer<typeof PortalConsents>;

/** What withdrawing did, right away, in numbers the portal shows. */
export const WithdrawalEffect = z.object({
  consent: PortalConsent,
  kind: z.enum(['photo', 'marketing']),
  /** photo: the client's photos no longer in the studio's gallery; marketing: offers not sent. */
  count: z.int(),
});
export type WithdrawalEffect = z.infer<typeof WithdrawalEffect>;
