// The calendar: treatment courses, appointments (consultations, numbered sessions, touch-ups),
// artists' working hours, moves and cancellations with their history, the minimum interval
// between sessions of a treatment (an override needs a reason and an owner or artist), and
// secret .ics feeds. Every role books and sees the calendar; nothing here is clinical.
import type {
  Appointment,
  BookableArtist,
  AppointmentEvent,
  AppointmentList,
  AppointmentListQuery,
  CalendarFeed,
  CancelAppointmentRequest,
  CreateAppointmentRequest,
  CreateCalendarFeedRequest,
  CreateCourseRequest,
  MoveAppointmentRequest,
  TreatmentCourse,
  WorkingHours,
} from '@stipple/core';
import { DEFAULT_MIN_INTERVAL_DAYS, DEFAULT_PLANNED_SESSIONS, DEFAULT_TOUCH_UP_YEARS } from '@stipple/core';
import { audit } from '../audit/audit-trail.js';
import { auditRepository } from '../audit/audit.repository.js';
import type { Actor } from '../auth/actor.js';
import { CLINICAL, isClinical, requireRole } from '../auth/roles.js';
import { hashToken, newToken } from '../auth/tokens.js';
import { clientRepository } from '../clients/client.repository.js';
import { consultationRepository } from '../consultations/consultation.repository.js';
import type { Config } from '../config.js';
import type { Database, Tx } from '../db/database.js';
import { findPgError } from '../db/pg-errors.js';
import { docLocale } from '../documents/format.js';
import { AppError, conflict, forbidden, notFound } from '../http/app-error.js';
import { outboxRepository } from '../outbox/outbox.repository.js';
import { staffRepository } from '../staff/staff.repository.js';
import { studioRepository, type StudioRow } from '../studio/studio.repository.js';
import { formatName, shortName } from '../text/person-name.js';
import {
  appointmentRepository,
  type AppointmentRow,
  type AppointmentView,
  type CourseRow,
} from './appointment.repository.js';
import { fitsWorkingHours } from './availability.js';
import { queueAppointmentReminder } from './reminders.js';
import { timedCalendar } from './ics.js';
import { daysBetween, localTime } from './studio-time.js';

const PG_EXCLUSION_VIOLATION = '23P01';

/** Where appointments take place, as calendar files print it: the studio's name and address. */
export const studioLocation = (studio: Pick<StudioRow, 'name' | 'address'>): string =>
  [studio.name, studio.address].filter(Boolean).join(', ');
const MINUTE = 60_000;
/** Appointments still to come: booked, or held for an online booking. */
const LIVE = new Set<AppointmentRow['status']>(['booked', 'requested']);

export const toCourse = (row: CourseRow): TreatmentCourse => ({
  id: row.id,
  clientId: row.clientId,
  title: row.title,
  minIntervalDays: row.minIntervalDays,
  plannedSessions: row.plannedSessions,
  touchUpYears: row.touchUpYears,
  createdAt: row.createdAt.toISOString(),
});

export const toAppointment = (row: AppointmentView): Appointment => ({
  id: row.id,
  clientId: row.clientId,
  clientName: formatName(row),
  artistId: row.artistId,
  artistName: row.artistName,
  kind: row.kind,
  courseId: row.courseId,
  sessionNumber: row.sessionNumber,
  startsAt: row.startsAt.toISOString(),
  endsAt: row.endsAt.toISOString(),
  status: row.status,
  notes: row.notes,
  intervalOverrideReason: row.intervalOverrideReason,
  hasSessionRecord: row.hasSessionRecord,
  version: row.version,
});

const field = (name: string, message: string) => [{ in: 'body' as const, field: name, message }];

const doubleBooked = () =>
  new AppError(
    409,
    'double_booking',
    'The artist already has an appointment at that time',
    field('startsAt', 'overlaps another appointment of this artist'),
  );

const staleAppointment = (version: number) =>
  conflict(
    'Someone else changed this appointment since you opened it; reload and try again',
    field('version', `is stale: the appointment is at version ${version}`),
  );

interface SlotCheck {
  studio: StudioRow;
  artistId: string;
  clientId: string;
  kind: AppointmentRow['kind'];
  courseId: string | null;
  startsAt: Date;
  endsAt: Date;
  exceptId: string | null;
  overrideReason: string | undefined;
}

/** Told when an appointment is cancelled, in its transaction (the waitlist hears of freed times). */
export type FreedHook = (tx: Tx, appointment: AppointmentRow) => Promise<void>;

export class AppointmentService {
  private freed: FreedHook = () => Promise.resolve();

  constructor(
    private readonly deps: { db: Database; config: Pick<Config, 'publicUrl' | 'reminderHoursBefore'> },
  ) {}

  onFreed(hook: FreedHook): void {
    this.freed = hook;
  }

  // ---- treatment courses ----

  async createCourse(actor: Actor, clientId: string, request: CreateCourseRequest): Promise<TreatmentCourse> {
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      if (!(await clientRepository.findById(tx, clientId))) throw notFound('Client');
      // Values left out come from the client's saved plan (consultations), else the defaults.
      const plan = await consultationRepository.latestPlanOfClient(tx, clientId);
      const defaults = {
        minIntervalDays: plan?.minIntervalDays ?? DEFAULT_MIN_INTERVAL_DAYS,
        plannedSessions: plan?.sessionsCount ?? DEFAULT_PLANNED_SESSIONS,
        touchUpYears: plan
          ? Math.min(10, Math.max(1, Math.round(plan.touchUpYears)))
          : DEFAULT_TOUCH_UP_YEARS,
      };
      const values = {
        minIntervalDays: request.minIntervalDays ?? defaults.minIntervalDays,
        plannedSessions: request.plannedSessions ?? defaults.plannedSessions,
        touchUpYears: request.touchUpYears ?? defaults.touchUpYears,
      };
      // The interval is a clinical setting: front desk opens courses with the plan's or default values only.
      if (
        !isClinical(actor) &&
        (values.minIntervalDays !== defaults.minIntervalDays || values.touchUpYears !== defaults.touchUpYears)
      )
        throw forbidden('Only owners and artists may change the minimum interval or the touch-up interval');
      const row = await appointmentRepository.createCourse(tx, {
        title: request.title,
        ...values,
        clientId,
        studioId: actor.studioId,
        createdBy: actor.userId,
      });
      await audit(tx, actor, 'course.create', 'treatment_course', row.id, { clientId });
      return toCourse(row);
    });
  }

  async listCourses(actor: Actor, clientId: string): Promise<{ items: TreatmentCourse[] }> {
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      if (!(await clientRepository.findById(tx, clientId))) throw notFound('Client');
      return { items: (await appointmentRepository.listCourses(tx, clientId)).map(toCourse) };
    });
  }

  // ---- appointments ----

  async list(actor: Actor, query: AppointmentListQuery): Promise<AppointmentList> {
    const from = new Date(query.from);
    const to = new Date(query.to);
    if (to <= from)
      throw new AppError(400, 'validation_failed', 'to must be after from', [
        { in: 'query', field: 'to', message: 'must be after from' },
      ]);
    // A studio's calendar is read a week or a month at a time; one client's history may span years.
    const maxDays = query.clientId ? 20 * 366 : 400;
    if (to.getTime() - from.getTime() > maxDays * 86_400_000)
      throw new AppError(400, 'validation_failed', `Ask for at most ${maxDays} days at once`, [
        { in: 'query', field: 'to', message: `must be at most ${maxDays} days after from` },
      ]);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const rows = await appointmentRepository.list(tx, {
        from,
        to,
        artistId: query.artistId,
        clientId: query.clientId,
        includeCancelled: query.includeCancelled === 'true',
      });
      await audit(tx, actor, 'appointment.list', 'appointment', null, {
        count: rows.length,
        clientId: query.clientId,
        artistId: query.artistId,
      });
      return { items: rows.map(toAppointment) };
    });
  }

  async create(actor: Actor, request: CreateAppointmentRequest): Promise<Appointment> {
    if (request.intervalOverrideReason && !isClinical(actor))
      throw forbidden('Overriding the minimum interval between sessions is only for owners and artists');
    const startsAt = new Date(request.startsAt);
    const endsAt = new Date(startsAt.getTime() + request.durationMinutes * MINUTE);
    return this.translateOverlap(() =>
      this.deps.db.withStudio(actor.studioId, async (tx) => {
        const studio = (await studioRepository.findById(tx, actor.studioId))!;
        const client = await clientRepository.findById(tx, request.clientId);
        if (!client || client.archivedAt)
          throw new AppError(
            422,
            'unknown_client',
            'No such client',
            field('clientId', 'is not an active client of this studio'),
          );
        const override = await this.checkSlot(tx, {
          studio,
          artistId: request.artistId,
          clientId: request.clientId,
          kind: request.kind,
          courseId: request.courseId,
          startsAt,
          endsAt,
          exceptId: null,
          overrideReason: request.intervalOverrideReason,
        });
        const row = await appointmentRepository.create(tx, {
          studioId: actor.studioId,
          clientId: request.clientId,
          artistId: request.artistId,
          kind: request.kind,
          courseId: request.courseId,
          startsAt,
          endsAt,
          notes: request.notes,
          intervalOverrideReason: override,
          createdBy: actor.userId,
        });
        await appointmentRepository.addEvent(tx, {
          studioId: actor.studioId,
          appointmentId: row.id,
          action: 'booked',
          actorUserId: actor.userId,
          toStartsAt: startsAt,
          toArtistId: request.artistId,
          intervalOverrideReason: override,
        });
        await queueAppointmentReminder(tx, this.deps.config, studio, client, row.id, startsAt);
        await audit(tx, actor, 'appointment.create', 'appointment', row.id, {
          clientId: request.clientId,
          kind: request.kind,
          intervalOverride: Boolean(override),
        });
        return toAppointment((await appointmentRepository.view(tx, row.id))!);
      }),
    );
  }

  async move(actor: Actor, id: string, request: MoveAppointmentRequest): Promise<Appointment> {
    if (request.intervalOverrideReason && !isClinical(actor))
      throw forbidden('Overriding the minimum interval between sessions is only for owners and artists');
    return this.translateOverlap(() =>
      this.deps.db.withStudio(actor.studioId, async (tx) => {
        const current = await appointmentRepository.findById(tx, id, { forUpdate: true });
        if (!current) throw notFound('Appointment');
        if (current.version !== request.version) throw staleAppointment(current.version);
        if (!LIVE.has(current.status))
          throw conflict(
            `A ${current.status} appointment cannot be moved`,
            field('startsAt', `cannot change: the appointment is ${current.status}`),
          );
        const studio = (await studioRepository.findById(tx, actor.studioId))!;
        const startsAt = new Date(request.startsAt);
        const duration =
          request.durationMinutes ?? (current.endsAt.getTime() - current.startsAt.getTime()) / MINUTE;
        const endsAt = new Date(startsAt.getTime() + duration * MINUTE);
        const artistId = request.artistId ?? current.artistId;
        const override = await this.checkSlot(tx, {
          studio,
          artistId,
          clientId: current.clientId,
          kind: current.kind,
          courseId: current.courseId,
          startsAt,
          endsAt,
          exceptId: id,
          overrideReason: request.intervalOverrideReason,
        });
        await appointmentRepository.update(tx, id, {
          startsAt,
          endsAt,
          artistId,
          intervalOverrideReason: override,
        });
        await appointmentRepository.addEvent(tx, {
          studioId: actor.studioId,
          appointmentId: id,
          action: 'moved',
          actorUserId: actor.userId,
          fromStartsAt: current.startsAt,
          toStartsAt: startsAt,
          fromArtistId: current.artistId,
          toArtistId: artistId,
          reason: request.reason || null,
          intervalOverrideReason: override,
        });
        await outboxRepository.cancelPending(tx, { appointmentId: id, kind: 'appointment_reminder' });
        const client = (await clientRepository.findById(tx, current.clientId))!;
        await queueAppointmentReminder(tx, this.deps.config, studio, client, id, startsAt);
        await audit(tx, actor, 'appointment.move', 'appointment', id, {
          clientId: current.clientId,
          intervalOverride: Boolean(override),
        });
        return toAppointment((await appointmentRepository.view(tx, id))!);
      }),
    );
  }

  async cancel(actor: Actor, id: string, request: CancelAppointmentRequest): Promise<Appointment> {
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const current = await appointmentRepository.findById(tx, id, { forUpdate: true });
      if (!current) throw notFound('Appointment');
      if (current.version !== request.version) throw staleAppointment(current.version);
      if (!LIVE.has(current.status))
        throw conflict(
          `A ${current.status} appointment cannot be cancelled`,
          field('version', `cannot cancel: the appointment is ${current.status}`),
        );
      await appointmentRepository.update(tx, id, { status: 'cancelled' });
      await appointmentRepository.addEvent(tx, {
        studioId: actor.studioId,
        appointmentId: id,
        action: 'cancelled',
        actorUserId: actor.userId,
        fromStartsAt: current.startsAt,
        reason: request.reason,
      });
      await outboxRepository.cancelPending(tx, { appointmentId: id });
      await this.freed(tx, current);
      await audit(tx, actor, 'appointment.cancel', 'appointment', id, { clientId: current.clientId });
      return toAppointment((await appointmentRepository.view(tx, id))!);
    });
  }

  async get(actor: Actor, id: string): Promise<Appointment> {
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const row = await appointmentRepository.view(tx, id);
      if (!row) throw notFound('Appointment');
      await audit(tx, actor, 'appointment.read', 'appointment', id, { clientId: row.clientId });
      return toAppointment(row);
    });
  }

  async history(actor: Actor, id: string): Promise<{ items: AppointmentEvent[] }> {
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const row = await appointmentRepository.findById(tx, id);
      if (!row) throw notFound('Appointment');
      const events = await appointmentRepository.history(tx, id);
      await audit(tx, actor, 'appointment.read', 'appointment', id, {
        clientId: row.clientId,
        history: true,
      });
      return {
        items: events.map(({ event: e, actorName }) => ({
          id: e.id,
          action: e.action,
          at: e.at.toISOString(),
          actor: e.actorUserId ? { id: e.actorUserId, name: actorName ?? '' } : null,
          fromStartsAt: e.fromStartsAt?.toISOString() ?? null,
          toStartsAt: e.toStartsAt?.toISOString() ?? null,
          fromArtistId: e.fromArtistId,
          toArtistId: e.toArtistId,
          reason: e.reason,
          intervalOverrideReason: e.intervalOverrideReason,
        })),
      };
    });
  }

  async artists(actor: Actor): Promise<{ items: BookableArtist[] }> {
    const rows = await this.deps.db.withStudio(actor.studioId, (tx) => staffRepository.list(tx));
    return {
      items: rows
        .filter((r) => r.active && r.role !== 'front_desk')
        .map((r) => ({ id: r.id, name: r.name, role: r.role as 'owner' | 'artist' })),
    };
  }

  // ---- working hours ----

  async getWorkingHours(actor: Actor, staffId: string): Promise<WorkingHours> {
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      if (!(await staffRepository.findById(tx, staffId))) throw notFound('Staff member');
      const { weekly, exceptions } = await appointmentRepository.workingHoursOf(tx, staffId);
      return {
        weekly: weekly.map((w) => ({ weekday: w.weekday, start: w.startMinute, end: w.endMinute })),
        exceptions: exceptions.map((e) => ({
          date: e.day,
          start: e.startMinute,
          end: e.endMinute,
          reason: e.reason,
        })),
      };
    });
  }

  async setWorkingHours(actor: Actor, staffId: string, hours: WorkingHours): Promise<WorkingHours> {
    if (actor.role !== 'owner' && actor.userId !== staffId)
      throw forbidden('Only the owner may change the working hours of someone else');
    const days = new Set<string>();
    hours.exceptions.forEach((e, i) => {
      if (days.has(e.date))
        throw new AppError(400, 'validation_failed', 'One exception per day', [
          { in: 'body', field: `exceptions.${i}.date`, message: 'appears twice' },
        ]);
      days.add(e.date);
    });
    await this.deps.db.withStudio(actor.studioId, async (tx) => {
      if (!(await staffRepository.findById(tx, staffId))) throw notFound('Staff member');
      await appointmentRepository.replaceWorkingHours(
        tx,
        actor.studioId,
        staffId,
        hours.weekly,
        hours.exceptions,
      );
      await audit(tx, actor, 'working_hours.update', 'staff_user', staffId, {
        slots: hours.weekly.length,
        exceptions: hours.exceptions.length,
      });
    });
    return this.getWorkingHours(actor, staffId);
  }

  // ---- calendar feeds ----

  async createFeed(actor: Actor, request: CreateCalendarFeedRequest): Promise<CalendarFeed> {
    requireRole(actor, CLINICAL, 'Calendar feeds');
    if (request.kind === 'artist' && actor.role !== 'owner' && actor.userId !== request.subjectId)
      throw forbidden("Only the owner may make a feed of another artist's calendar");
    const token = newToken();
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const subject =
        request.kind === 'artist'
          ? await staffRepository.findById(tx, request.subjectId)
          : await clientRepository.findById(tx, request.subjectId);
      if (!subject)
        throw new AppError(
          422,
          'unknown_subject',
          'No such artist or client',
          field('subjectId', `is not a ${request.kind} of this studio`),
        );
      const row = await appointmentRepository.createFeed(tx, {
        studioId: actor.studioId,
        kind: request.kind,
        subjectId: request.subjectId,
        tokenHash: hashToken(token),
        createdBy: actor.userId,
      });
      await audit(tx, actor, 'calendar_feed.create', 'calendar_feed', row.id, {
        kind: request.kind,
        subjectId: request.subjectId,
      });
      return { ...this.toFeed(row), url: `${this.deps.config.publicUrl ?? ''}/api/feeds/${token}.ics` };
    });
  }

  async listFeeds(actor: Actor): Promise<{ items: CalendarFeed[] }> {
    requireRole(actor, CLINICAL, 'Calendar feeds');
    const rows = await this.deps.db.withStudio(actor.studioId, (tx) => appointmentRepository.listFeeds(tx));
    const visible =
      actor.role === 'owner' ? rows : rows.filter((r) => r.kind === 'client' || r.subjectId === actor.userId);
    return { items: visible.map((r) => this.toFeed(r)) };
  }

  async revokeFeed(actor: Actor, id: string): Promise<CalendarFeed> {
    requireRole(actor, CLINICAL, 'Calendar feeds');
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const row = await appointmentRepository.findFeed(tx, id);
      if (!row) throw notFound('Calendar feed');
      if (row.kind === 'artist' && actor.role !== 'owner' && row.subjectId !== actor.userId)
        throw forbidden("Only the owner may revoke another artist's feed");
      await appointmentRepository.revokeFeed(tx, id);
      await audit(tx, actor, 'calendar_feed.revoke', 'calendar_feed', id);
      return this.toFeed((await appointmentRepository.findFeed(tx, id))!);
    });
  }

  /** The .ics behind a secret feed address; null when the token is unknown or revoked. */
  async feedIcs(token: string): Promise<string | null> {
    if (!/^[A-Za-z0-9_-]{20,200}$/.test(token)) return null;
    // System: calendar apps cannot sign in; the secret token is what names the studio.
    const feed = await this.deps.db.asSystem((tx) =>
      appointmentRepository.findFeedByTokenHash(tx, hashToken(token)),
    );
    if (!feed || feed.revokedAt) return null;
    return this.deps.db.withStudio(feed.studioId, async (tx) => {
      const studio = (await studioRepository.findById(tx, feed.studioId))!;
      const since = new Date(Date.now() - 90 * 86_400_000);
      const rows = await appointmentRepository.listFor(
        tx,
        feed.kind === 'artist' ? { artistId: feed.subjectId } : { clientId: feed.subjectId },
        since,
      );
      // Feed reads have no signed-in actor: the entry names the feed instead.
      await auditRepository.record(tx, {
        studioId: feed.studioId,
        actorUserId: null,
        action: 'calendar_feed.read',
        entityType: 'calendar_feed',
        entityId: feed.id,
        details: { count: rows.length },
      });
      const kindLabel = { consultation: 'Consultation', session: 'Session', touch_up: 'Touch-up' } as const;
      return timedCalendar(
        feed.kind === 'artist' ? `${studio.name} – ${rows[0]?.artistName ?? 'artist'}` : studio.name,
        rows.map((r) => ({
          uid: `${r.id}@stipple`,
          // No health details: the artist sees the kind and a short name; the client only the studio.
          title:
            feed.kind === 'artist'
              ? `${kindLabel[r.kind]}: ${shortName(r)}`
              : docLocale(r.preferredLanguage) === 'zh-CN'
                ? `${studio.name} 预约`
                : `Appointment at ${studio.name}`,
          start: r.startsAt,
          end: r.endsAt,
          location: studioLocation(studio),
        })),
      );
    });
  }

  // ---- rules ----

  /**
   * The artist must exist and work then, the course must be the client's, and sessions of a course
   * keep the minimum interval (unless overridden with a reason). Returns the override reason to
   * store, or null. The database still refuses overlaps (exclusion constraint).
   */
  private async checkSlot(tx: Tx, s: SlotCheck): Promise<string | null> {
    const artist = await staffRepository.findById(tx, s.artistId);
    if (!artist || !artist.active || artist.role === 'front_desk')
      throw new AppError(
        422,
        'unknown_artist',
        'No such artist',
        field('artistId', 'is not an active artist or owner of this studio'),
      );
    await this.checkWorkingHours(tx, s, artist.name);

    if (s.kind === 'consultation') {
      if (s.courseId) await this.courseOf(tx, s.courseId, s.clientId, false);
      return null;
    }
    // Locks the course: two bookings of one treatment are checked one after the other.
    const course = await this.courseOf(tx, s.courseId!, s.clientId, true);
    if (s.kind !== 'session') return null;
    const others = await appointmentRepository.courseSessions(tx, course.id, s.exceptId);
    const tooClose = others
      .map((o) => ({ o, gap: Math.abs(daysBetween(o.startsAt, s.startsAt, s.studio.timeZone)) }))
      .filter(({ gap }) => gap < course.minIntervalDays)
      .sort((a, b) => a.gap - b.gap)[0];
    if (!tooClose) return null;
    if (s.overrideReason) return s.overrideReason;
    const other = localTime(tooClose.o.startsAt, s.studio.timeZone).date;
    throw new AppError(
      422,
      'interval_too_short',
      `Only ${tooClose.gap} days from the session on ${other}; this treatment needs at least ${course.minIntervalDays} days between sessions`,
      field(
        'startsAt',
        `is ${tooClose.gap} days from the session on ${other}; this treatment needs at least ${course.minIntervalDays} days between sessions (give intervalOverrideReason to book anyway)`,
      ),
    );
  }

  private async courseOf(tx: Tx, courseId: string, clientId: string, lock: boolean): Promise<CourseRow> {
    const course = await appointmentRepository.findCourse(tx, courseId, { forUpdate: lock });
    if (!course || course.clientId !== clientId)
      throw new AppError(
        422,
        'unknown_course',
        'No such treatment for this client',
        field('courseId', "is not one of this client's treatments"),
      );
    return course;
  }

  private async checkWorkingHours(tx: Tx, s: SlotCheck, artistName: string): Promise<void> {
    const { weekly, exceptions } = await appointmentRepository.workingHoursOf(tx, s.artistId);
    if (!fitsWorkingHours(s.startsAt, s.endsAt, s.studio.timeZone, weekly, exceptions))
      throw new AppError(
        422,
        'outside_working_hours',
        `${artistName} does not work then`,
        field('startsAt', `is outside ${artistName}'s working hours`),
      );
  }

  private async translateOverlap<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (findPgError(err)?.code === PG_EXCLUSION_VIOLATION) throw doubleBooked();
      throw err;
    }
  }

  private toFeed(row: {
    id: string;
    kind: 'artist' | 'client';
    subjectId: string;
    createdAt: Date;
    revokedAt: Date | null;
  }): CalendarFeed {
    return {
      id: row.id,
      kind: row.kind,
      subjectId: row.subjectId,
      createdAt: row.createdAt.toISOString(),
      revokedAt: row.revokedAt?.toISOString() ?? null,
    };
  }
}
