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
