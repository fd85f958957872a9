// What the client portal shows of the care itself: the plan in plain words, the preview (a
// simulation, with the honest range for scars), each session's aftercare as a day-by-day
// checklist with its reminders; and the studio tablet's kiosk for signing one document.
import { z } from 'zod';
import { Id, IsoDate, Timestamp, UiLocale } from './common.schema.js';
import { CAMOUFLAGE_QUALIFIERS, Eligibility, PLAN_ZONE_KINDS } from './plan.schema.js';
import { SignConsentRequest } from './consent.schema.js';
import { OutboxStatus } from './outbox.schema.js';
import { PortalConsentTemplate } from './portal.schema.js';

const Said = z.object({ text: z.string() });

/** One session of the plan: what each zone gets, and what share of the final density that is. */
export const PortalPlanSession = z.object({
  session: z.int().min(1),
  /** Days after the first session at the earliest (the plan's minimum interval). */
  earliestDay: z.int().min(0),
  zones: z.array(
    z.object({
      kind: z.enum(PLAN_ZONE_KINDS),
      scars: z.array(z.string()),
      /** Share of the final density placed by the end of this session, and added in it. */
      reachedPercent: z.number(),
      addedPercent: z.number(),
      /** Lighter than the zone's last session's shade (a higher number on the shade scale). */
      lighterThanFinal: z.boolean(),
    }),
  ),
});
export type PortalPlanSession = z.infer<typeof PortalPlanSession>;

/** The client's plan, from the newest saved plan of their newest consultation, in their language. */
export const PortalPlan = z.object({
  plan: z
    .object({
      consultationDate: IsoDate,
      artistName: z.string(),
      version: z.int(),
      savedAt: Timestamp,
      eligibility: Eligibility,
      earliestStartDate: IsoDate.nullable(),
      reasons: z.array(Said),
      waiting: z.array(Said.extend({ until: IsoDate.nullable() })),
      preTreatments: z.array(Said),
      sessionCount: z.int(),
      minIntervalDays: z.int(),
      hoursPerSession: z.number(),
      sessions: z.array(PortalPlanSession),
      expectations: z.array(
        Said.extend({ scar: z.string(), percent: z.int(), qualifier: z.enum(CAMOUFLAGE_QUALIFIERS) }),
      ),
      touchUpYears: z.number(),
      cautions: z.array(Said),
    })
    .nullable(),
});
export type PortalPlan = z.infer<typeof PortalPlan>;

/** A photo of the client with the stages of its newest finished render the portal shows. */
export const PortalPreview = z.object({
  photoId: Id,
  view: z.string(),
  takenOn: IsoDate,
  renderId: Id,
  renderedAt: Timestamp,
  sessions: z.int(),
  /** Width over height of the photo and its stages. */
  aspect: z.number().positive(),
  /** The healed look as expected; with scars, also healed with scars at the poor end. */
  healed: z.string(),
  poorScars: z.string().nullable(),
  /** Each scar zone's share of pigment it is expected to keep, and at the poor end. */
  scars: z.array(
    z.object({
      texture: z.string(),
      retentionPercent: z.int(),
      poorRetentionPercent: z.int(),
      /** The scar with a margin round it, as shares of the image (for a close-up). */
      box: z.object({ left: z.number(), top: z.number(), width: z.number(), height: z.number() }),
    }),
  ),
});
export type PortalPreview = z.infer<typeof PortalPreview>;
export const PortalPreviews = z.object({ items: z.array(PortalPreview) });
export type PortalPreviews = z.infer<typeof PortalPreviews>;

/** One day of a session's aftercare: the steps that apply that day, and whether it is ticked. */
export const AftercareDay = z.object({
  date: IsoDate,
  day: z.int().min(0),
  steps: z.array(z.object({ title: z.string(), instructions: z.string(), starts: z.boolean() })),
  done: z.boolean(),
});
export type AftercareDay = z.infer<typeof AftercareDay>;

export const PortalAftercareSession = z.object({
  sessionId: Id,
  sessionNumber: z.int().nullable(),
  performedOn: IsoDate,
  artistName: z.string(),
  language: UiLocale,
  days: z.array(AftercareDay),
  /** Steps that start after the daily checklist ends (e.g. sun protection for good). */
  later: z.array(z.object({ date: IsoDate, title: z.string(), instructions: z.string() })),
  /** The aftercare emails of this session: when each goes (or went) and what it says. */
  reminders: z.array(
    z.object({
      subject: z.string(),
      sendAfter: Timestamp,
      status: OutboxStatus,
      sentAt: Timestamp.nullable(),
    }),
  ),
  /** Where the reminders go: the client's email, or null when the studio has none. */
  reminderAddress: z.string().nullable(),
});
export type PortalAftercareSession = z.infer<typeof PortalAftercareSession>;
export const PortalAftercare = z.object({
  today: IsoDate,
  sessions: z.array(PortalAftercareSession),
});
export type PortalAftercare = z.infer<typeof PortalAftercare>;

export const AftercareTickRequest = z.strictObject({ done: z.boolean() });

/** Staff open the kiosk on the studio's tablet for one client and one consent text. */
export const OpenKioskRequest = z.strictObject({ clientId: Id, templateId: Id });
export const KioskTicket = z.object({ token: z.string(), expiresAt: Timestamp });
export type KioskTicket = z.infer<typeof KioskTicket>;

/** What the tablet shows: the studio, the client's name and the one document. */
export const KioskView = z.object({
  studio: z.object({ name: z.string(), logoUrl: z.string().nullable() }),
  client: z.object({ givenName: z.string(), familyName: z.string(), locale: UiLocale }),
  document: PortalConsentTemplate,
  expiresAt: Timestamp,
});
export type KioskView = z.infer<typeof KioskView>;

/** The kiosk signs the document its ticket names: the body has no template id to swap. */
export const KioskSignRequest = SignConsentRequest.omit({ templateId: true });
