import { z } from 'zod';
import { Id, IsoDate, Timestamp } from './common.schema.js';

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

const reason = z
  .string()
  .trim()
  .min(3, { message: 'must say why (at least 3 characters)' })
  .max(1000, { message: 'must be at most 1000 characters' });

/** Values left out come from the client's latest saved plan, else the defaults above. */
export const CreateCourseRequest = z.strictObject({
  title: z.string().trim().min(1, { message: 'is required' }).max(200),
  minIntervalDays: z.number().int().min(1).max(365).optional(),
  plannedSessions: z.number().int().min(1).max(20).optional(),
  touchUpYears: z.number().int().min(1).max(10).optional(),
});
export type CreateCourseRequest = z.infer<typeof CreateCourseRequest>;

export const TreatmentCourse = z.object({
  id: Id,
  clientId: Id,
  title: z.string(),
  minIntervalDays: z.number().int(),
  plannedSessions: z.number().int(),
  touchUpYears: z.number().int(),
  createdAt: Timestamp,
});
export type TreatmentCourse = z.infer<typeof TreatmentCourse>;
export const CourseList = z.object({ items: z.array(TreatmentCourse) });

/** An instant with its offset, e.g. 2026-12-01T10:00:00+01:00 or ...Z. */
const Instant = z.iso.datetime({
  offset: true,
  message: 'must be a date and time such as 2026-12-01T10:00:00Z',
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
  })
  .superRefine((a, ctx) => {
    if (a.kind !== 'consultation' && !a.courseId)
      ctx.addIssue({ code: 'custom', path: ['courseId'], message: 'is required for a session or touch-up' });
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
  .refine((s) => s.end > s.start, { message: 'must end after it starts', path: ['end'] });

export const WorkingHoursException = z
  .strictObject({
    date: IsoDate,
    /** Null start/end: not working that day. */
    start: Minute.nullable().default(null),
    end: Minute.nullable().default(null),
    reason: z.string().trim().max(200).default(''),
  })
  .refine((e) => (e.start === null) === (e.end === null), {
    message: 'give both start and end, or neither (a day off)',
    path: ['end'],
  })
  .refine((e) => e.start === null || e.end === null || e.end > e.start, {
    message: 'must end after it starts',
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
