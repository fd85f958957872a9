import { z } from 'zod';
import { Id, IsoDate, Timestamp } from './common.schema.js';
import { Eligibility, PlanNeedle, PlanZoneKind } from './plan.schema.js';

export const APPOINTMENT_KINDS = ['consultation', 'session', 'touch_up'] as const;
export const AppointmentKind = z.enum(APPOINTMENT_KINDS);
export type AppointmentKind = z.infer<typeof AppointmentKind>;

/**
 * `requested`: booked online and held for the client, waiting for their email confirmation or the
 * studio's; `no_show`: the client did not come (item of the client's record).
 */
export const APPOINTMENT_STATUSES = ['requested', 'booked', 'completed', 'cancelled', 'no_show'] as const;
export const AppointmentStatus = z.enum(APPOINTMENT_STATUSES);
export type AppointmentStatus = z.infer<typeof AppointmentStatus>;

/** Default minimum days between two sessions of a treatment (domain.md §8: 14, range 7-30). */
export const DEFAULT_MIN_INTERVAL_DAYS = 14;
/** Default years until a touch-up recall (domain.md §8: 4, range 1-6). */
export const DEFAULT_TOUCH_UP_YEARS = 4;
/** Default number of sessions of a course (domain.md §8: 3 for hair loss). */
export const DEFAULT_PLANNED_SESSIONS = 3;

/** Why a rule is set aside: kept with the booking, its history and the audit log. */
export const OverrideReason = z
  .string()
  .trim()
  .min(3, { message: 'reasonTooShort' })
  .max(1000, { message: 'tooLong' });
const reason = OverrideReason;

/** Values left out come from the client's latest saved plan, else the defaults above. */
export const CreateCourseRequest = z.strictObject({
  title: z.string().trim().min(1, { message: 'required' }).max(200),
  /** The consultation whose plan governs the course; left out, the client's latest planned one. */
  consultationId: Id.optional(),
  minIntervalDays: z.number().int().min(1).max(365).optional(),
  plannedSessions: z.number().int().min(1).max(20).optional(),
  touchUpYears: z.number().int().min(1).max(10).optional(),
});
export type CreateCourseRequest = z.infer<typeof CreateCourseRequest>;

/**
 * What the plan that governs a course decides, for booking: the eligibility, the first day a
 * session may take place and the text of a wait without a date, in the request's language.
 */
export const CoursePlan = z.object({
  planId: Id,
  consultationId: Id,
  version: z.number().int(),
  eligibility: Eligibility,
  earliestStartDate: IsoDate.nullable(),
  undatedWait: z.string().nullable(),
  sessionsCount: z.number().int(),
  minIntervalDays: z.number().int(),
});
export type CoursePlan = z.infer<typeof CoursePlan>;

export const TreatmentCourse = z.object({
  id: Id,
  clientId: Id,
  consultationId: Id.nullable(),
  title: z.string(),
  minIntervalDays: z.number().int(),
  plannedSessions: z.number().int(),
  touchUpYears: z.number().int(),
  /** The plan that governs the course now; null when the client has no saved plan. */
  plan: CoursePlan.nullable(),
  createdAt: Timestamp,
});
export type TreatmentCourse = z.infer<typeof TreatmentCourse>;
export const CourseList = z.object({ items: z.array(TreatmentCourse) });

/** An instant with its offset, e.g. 2026-12-01T10:00:00+01:00 or ...Z. */
const Instant = z.iso.datetime({
  offset: true,
  message: 'notADateTime',
});

export const CreateAppointmentRequest = z
  .strictObject({
    clientId: Id,
    artistId: Id,
    kind: AppointmentKind,
    /** Required for sessions and touch-ups: the treatment they belong to. */
    courseId: Id.nullable().default(null),
    startsAt: Instant,
    durationMinutes: z
      .number()
      .int()
      .min(15)
      .max(12 * 60),
    notes: z.string().trim().max(1000).default(''),
    /** Books a session sooner than the treatment's minimum interval; the reason is kept in the history. */
    intervalOverrideReason: reason.optional(),
    /** Books a session the treatment plan does not allow yet (wait, referral, not eligible). */
    planOverrideReason: reason.optional(),
  })
  .superRefine((a, ctx) => {
    if (a.kind !== 'consultation' && !a.courseId)
      ctx.addIssue({ code: 'custom', path: ['courseId'], message: 'requiredForSession' });
  });
export type CreateAppointmentRequest = z.infer<typeof CreateAppointmentRequest>;

export const MoveAppointmentRequest = z.strictObject({
  startsAt: Instant,
  durationMinutes: z
    .number()
    .int()
    .min(15)
    .max(12 * 60)
    .optional(),
  artistId: Id.optional(),
  reason: z.string().trim().max(1000).default(''),
  intervalOverrideReason: reason.optional(),
  planOverrideReason: reason.optional(),
  version: z.number().int().min(1),
});
export type MoveAppointmentRequest = z.infer<typeof MoveAppointmentRequest>;

export const CancelAppointmentRequest = z.strictObject({ reason: reason, version: z.number().int().min(1) });
export type CancelAppointmentRequest = z.infer<typeof CancelAppointmentRequest>;

export const Appointment = z.object({
  id: Id,
  clientId: Id,
  clientName: z.string(),
  artistId: Id,
  artistName: z.string(),
  kind: AppointmentKind,
  courseId: Id.nullable(),
  /** 1, 2, 3 ... within the treatment, counting sessions that are not cancelled, in date order. */
  sessionNumber: z.number().int().nullable(),
  startsAt: Timestamp,
  endsAt: Timestamp,
  status: AppointmentStatus,
  notes: z.string(),
  intervalOverrideReason: z.string().nullable(),
  planOverrideReason: z.string().nullable(),
  /** Whether a session record exists (its content is clinical: not for front desk). */
  hasSessionRecord: z.boolean(),
  version: z.number().int(),
});
export type Appointment = z.infer<typeof Appointment>;

export const AppointmentListQuery = z.strictObject({
  from: Instant,
  to: Instant,
  artistId: Id.optional(),
  clientId: Id.optional(),
  includeCancelled: z.enum(['true', 'false']).default('false'),
});
export type AppointmentListQuery = z.infer<typeof AppointmentListQuery>;

export const AppointmentList = z.object({ items: z.array(Appointment) });
export type AppointmentList = z.infer<typeof AppointmentList>;

export const APPOINTMENT_EVENT_ACTIONS = [
  'booked',
  'confirmed',
  'moved',
  'cancelled',
  'completed',
  'no_show',
] as const;
export const AppointmentEvent = z.object({
  id: Id,
  action: z.enum(APPOINTMENT_EVENT_ACTIONS),
  at: Timestamp,
  actor: z.object({ id: Id, name: z.string() }).nullable(),
  fromStartsAt: Timestamp.nullable(),
  toStartsAt: Timestamp.nullable(),
  fromArtistId: Id.nullable(),
  toArtistId: Id.nullable(),
  reason: z.string().nullable(),
  intervalOverrideReason: z.string().nullable(),
  planOverrideReason: z.string().nullable(),
});
export type AppointmentEvent = z.infer<typeof AppointmentEvent>;
export const AppointmentHistory = z.object({ items: z.array(AppointmentEvent) });

/** Minutes after midnight, studio time. */
const Minute = z
  .number()
  .int()
  .min(0)
  .max(24 * 60);

export const WorkingHoursSlot = z
  .strictObject({ weekday: z.number().int().min(0).max(6), start: Minute, end: Minute })
  .refine((s) => s.end > s.start, { message: 'endAfterStart', path: ['end'] });

export const WorkingHoursException = z
  .strictObject({
    date: IsoDate,
    /** Null start/end: not working that day. */
    start: Minute.nullable().default(null),
    end: Minute.nullable().default(null),
    reason: z.string().trim().max(200).default(''),
  })
  .refine((e) => (e.start === null) === (e.end === null), {
    message: 'startAndEndOrNeither',
    path: ['end'],
  })
  .refine((e) => e.start === null || e.end === null || e.end > e.start, {
    message: 'endAfterStart',
    path: ['end'],
  });

export const WorkingHours = z.strictObject({
  weekly: z.array(WorkingHoursSlot).max(50),
  exceptions: z.array(WorkingHoursException).max(400),
});
export type WorkingHours = z.infer<typeof WorkingHours>;

export const CALENDAR_FEED_KINDS = ['artist', 'client'] as const;
export const CreateCalendarFeedRequest = z.strictObject({
  kind: z.enum(CALENDAR_FEED_KINDS),
  subjectId: Id,
});
export type CreateCalendarFeedRequest = z.infer<typeof CreateCalendarFeedRequest>;

export const CalendarFeed = z.object({
  id: Id,
  kind: z.enum(CALENDAR_FEED_KINDS),
  subjectId: Id,
  createdAt: Timestamp,
  revokedAt: Timestamp.nullable(),
  /** Only in the answer to the creation: the secret address to subscribe to. */
  url: z.string().optional(),
});
export type CalendarFeed = z.infer<typeof CalendarFeed>;
export const CalendarFeedList = z.object({ items: z.array(CalendarFeed) });

/** Who can be booked: active owners and artists (any signed-in role may see this list). */
export const BookableArtist = z.object({ id: Id, name: z.string(), role: z.enum(['owner', 'artist']) });
export type BookableArtist = z.infer<typeof BookableArtist>;
export const BookableArtistList = z.object({ items: z.array(BookableArtist) });

/** Minutes after midnight, studio time, at which a day's sessions should start when they can. */
const StartMinute = z
  .number()
  .int()
  .min(0)
  .max(24 * 60 - 15);

/** "Book the remaining sessions at the plan's interval": what to propose. */
export const RemainingSessionsProposalRequest = z.strictObject({
  artistId: Id,
  durationMinutes: z
    .number()
    .int()
    .min(15)
    .max(12 * 60),
  /** Preferred start (default: the time of the last session, else the start of the working day). */
  startMinute: StartMinute.optional(),
});
export type RemainingSessionsProposalRequest = z.infer<typeof RemainingSessionsProposalRequest>;

export const ProposedAppointment = z.object({
  sessionNumber: z.number().int(),
  startsAt: Timestamp,
  endsAt: Timestamp,
});

export const RemainingSessionsProposal = z.object({
  /** Sessions the plan (or the course) calls for, and those already booked or done. */
  planned: z.number().int(),
  booked: z.number().int(),
  intervalDays: z.number().int(),
  /** The first day the plan allows; null when it allows none (referral, not eligible, undated wait). */
  planOpensOn: IsoDate.nullable(),
  plan: CoursePlan.nullable(),
  sessions: z.array(ProposedAppointment),
  /** Set when not every remaining session found a free time: the day the search began for the next one. */
  noTimeFrom: IsoDate.nullable(),
});
export type RemainingSessionsProposal = z.infer<typeof RemainingSessionsProposal>;

/** Books the proposed sessions, exactly as shown; each is checked like any other booking. */
export const BookRemainingSessionsRequest = z.strictObject({
  artistId: Id,
  durationMinutes: z
    .number()
    .int()
    .min(15)
    .max(12 * 60),
  startsAt: z.array(Instant).min(1).max(20),
  planOverrideReason: reason.optional(),
});
export type BookRemainingSessionsRequest = z.infer<typeof BookRemainingSessionsRequest>;

/** The plan's targets for one session of a course, zone by zone. */
export const SessionTarget = z.object({
  zone: z.number().int().describe('index of the zone in the plan'),
  kind: PlanZoneKind,
  scars: z.array(z.string()),
  targetDensityPerCm2: z.number(),
  densityPercent: z.number(),
  shadeNumber: z.number().int(),
  dotSizeMm: z.number(),
  needle: PlanNeedle,
  needleDiameterMm: z.number(),
});
export type SessionTarget = z.infer<typeof SessionTarget>;

/** What the treatment plan says about one session appointment: may it take place, and its targets. */
export const SessionPlan = z.object({
  plan: CoursePlan.nullable(),
  sessionNumber: z.number().int().nullable(),
  /** The plan's session the targets are for (the last one when the course has more sessions). */
  planSession: z.number().int().nullable(),
  targets: z.array(SessionTarget),
  /** Whether the plan allows the session on its day (YYYY-MM-DD, studio time). */
  date: IsoDate,
  allowed: z.boolean(),
  /** An override already recorded for this appointment. */
  overrideReason: z.string().nullable(),
});
export type SessionPlan = z.infer<typeof SessionPlan>;
