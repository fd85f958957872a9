// The calendar: treatment courses, appointments (consultations, numbered sessions, touch-ups),
// artists' working hours, moves and cancellations with their history, and secret .ics feeds.
// Every role books and sees the calendar; the rules a booking keeps (booking-rules.ts) may be
// set aside only by an owner or artist, with a reason that the booking and its history keep.
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
  UiLocale,
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
import { docLocale } from '../documents/format.js';
import {
  AppError,
  bodyField,
  conflict,
  forbidden,
  notFound,
  stale,
  unprocessable,
  type FieldError,
} from '../http/app-error.js';
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
import { checkSlot, translateOverlap, type SlotOverrides } from './booking-rules.js';
import { governingPlan, toCoursePlan } from './course-plan.js';
import { queueAppointmentReminder } from './reminders.js';
import { timedCalendar } from './ics.js';

/** Where appointments take place, as calendar files print it: the studio's name and address. */
export const studioLocation = (studio: Pick<StudioRow, 'name' | 'address'>): string =>
  [studio.name, studio.address].filter(Boolean).join(', ');
const MINUTE = 60_000;
/** Appointments still to come: booked, or held for an online booking. */
const LIVE = new Set<AppointmentRow['status']>(['booked', 'requested']);

const queryTo = (code: FieldError['code'], params?: FieldError['params']): FieldError => ({
  in: 'query',
  field: 'to',
  code,
  ...(params ? { params } : {}),
});

export async function toCourse(tx: Tx, row: CourseRow, locale: UiLocale): Promise<TreatmentCourse> {
  const plan = await governingPlan(tx, row);
  return {
    id: row.id,
    clientId: row.clientId,
    consultationId: row.consultationId,
    title: row.title,
    minIntervalDays: row.minIntervalDays,
    plannedSessions: row.plannedSessions,
    touchUpYears: row.touchUpYears,
    plan: plan ? toCoursePlan(plan, locale) : null,
    createdAt: row.createdAt.toISOString(),
  };
}

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
  planOverrideReason: row.planOverrideReason,
  hasSessionRecord: row.hasSessionRecord,
  version: row.version,
});

/** A booked appointment can be moved or cancelled; a completed or cancelled one cannot. */
function requireBooked(row: AppointmentRow, fieldName: string): void {
  if (LIVE.has(row.status)) return;
  const code = row.status === 'completed' ? 'appointmentWasCompleted' : 'appointmentWasCancelled';
  throw conflict(code, {}, [bodyField(fieldName, code)]);
}

/** Setting aside the interval or the plan is a clinical decision. */
function requireOverrideRight(
  actor: Actor,
  request: { intervalOverrideReason?: string; planOverrideReason?: string },
) {
  if ((request.intervalOverrideReason || request.planOverrideReason) && !isClinical(actor))
    throw forbidden('clinicalOnlyOverride');
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

  async createCourse(
    actor: Actor,
    clientId: string,
    request: CreateCourseRequest,
    locale: UiLocale,
  ): Promise<TreatmentCourse> {
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      if (!(await clientRepository.findById(tx, clientId))) throw notFound('client');
      // The plan that governs the course: the named consultation's, else the client's latest.
      let consultationId: string | null = null;
      if (request.consultationId) {
        const named = await consultationRepository.findById(tx, request.consultationId);
        if (!named || named.clientId !== clientId)
          throw unprocessable('unknown_consultation', 'notFound', { entity: { t: 'entity.consultation' } }, [
            bodyField('consultationId', 'notClientsConsultation'),
          ]);
        consultationId = named.id;
      }
      const plan = consultationId
        ? await consultationRepository.latestPlan(tx, consultationId)
        : await consultationRepository.latestPlanOfClient(tx, clientId);
      consultationId ??= plan?.consultationId ?? null;
      // Values left out come from that plan, else the defaults.
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
        throw forbidden('clinicalOnlyInterval');
      const row = await appointmentRepository.createCourse(tx, {
        title: request.title,
        ...values,
        clientId,
        consultationId,
        studioId: actor.studioId,
        createdBy: actor.userId,
      });
      await audit(tx, actor, 'course.create', 'treatment_course', row.id, { clientId, consultationId });
      return toCourse(tx, row, locale);
    });
  }

  async listCourses(actor: Actor, clientId: string, locale: UiLocale): Promise<{ items: TreatmentCourse[] }> {
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      if (!(await clientRepository.findById(tx, clientId))) throw notFound('client');
      const rows = await appointmentRepository.listCourses(tx, clientId);
      const items: TreatmentCourse[] = [];
      for (const row of rows) items.push(await toCourse(tx, row, locale));
      return { items };
    });
  }

  // ---- appointments ----

  async list(actor: Actor, query: AppointmentListQuery): Promise<AppointmentList> {
    const from = new Date(query.from);
    const to = new Date(query.to);
    if (to <= from) throw new AppError(400, 'validation_failed', 'rangeInverted', {}, [queryTo('afterFrom')]);
    // A studio's calendar is read a week or a month at a time; one client's history may span years.
    const maxDays = query.clientId ? 20 * 366 : 400;
    if (to.getTime() - from.getTime() > maxDays * 86_400_000)
      throw new AppError(400, 'validation_failed', 'rangeTooLong', { days: maxDays }, [
        queryTo('atMostDaysAfterFrom', { days: maxDays }),
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

  async create(actor: Actor, request: CreateAppointmentRequest, locale: UiLocale): Promise<Appointment> {
    requireOverrideRight(actor, request);
    return translateOverlap(
      () => this.deps.db.withStudio(actor.studioId, (tx) => this.book(tx, actor, request, locale)),
      () => this.artistName(actor, request.artistId),
    );
  }

  /** One booking inside a transaction (also each session of "book the remaining sessions"). */
  async book(
    tx: Tx,
    actor: Actor,
    request: CreateAppointmentRequest,
    locale: UiLocale,
  ): Promise<Appointment> {
    const startsAt = new Date(request.startsAt);
    const endsAt = new Date(startsAt.getTime() + request.durationMinutes * MINUTE);
    const studio = (await studioRepository.findById(tx, actor.studioId))!;
    const client = await clientRepository.findById(tx, request.clientId);
    if (!client || client.archivedAt)
      throw unprocessable('unknown_client', 'unknownClient', {}, [bodyField('clientId', 'notActiveClient')]);
    const overrides = await checkSlot(tx, {
      studio,
      artistId: request.artistId,
      clientId: request.clientId,
      kind: request.kind,
      courseId: request.courseId,
      startsAt,
      endsAt,
      exceptId: null,
      intervalOverrideReason: request.intervalOverrideReason,
      planOverrideReason: request.planOverrideReason,
      locale,
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
      intervalOverrideReason: overrides.interval,
      planOverrideReason: overrides.plan,
      createdBy: actor.userId,
    });
    await appointmentRepository.addEvent(tx, {
      studioId: actor.studioId,
      appointmentId: row.id,
      action: 'booked',
      actorUserId: actor.userId,
      toStartsAt: startsAt,
      toArtistId: request.artistId,
      intervalOverrideReason: overrides.interval,
      planOverrideReason: overrides.plan,
    });
    await queueAppointmentReminder(tx, this.deps.config, studio, client, row.id, startsAt);
    await audit(tx, actor, 'appointment.create', 'appointment', row.id, {
      clientId: request.clientId,
      kind: request.kind,
      intervalOverride: Boolean(overrides.interval),
      planOverride: Boolean(overrides.plan),
    });
    await this.auditPlanOverride(tx, actor, row.id, request.clientId, overrides);
    return toAppointment((await appointmentRepository.view(tx, row.id))!);
  }

  async move(
    actor: Actor,
    id: string,
    request: MoveAppointmentRequest,
    locale: UiLocale,
  ): Promise<Appointment> {
    requireOverrideRight(actor, request);
    let artistId = request.artistId;
    return translateOverlap(
      () =>
        this.deps.db.withStudio(actor.studioId, async (tx) => {
          const current = await appointmentRepository.findById(tx, id, { forUpdate: true });
          if (!current) throw notFound('appointment');
          if (current.version !== request.version) throw stale('version', current.version);
          requireBooked(current, 'startsAt');
          const studio = (await studioRepository.findById(tx, actor.studioId))!;
          const startsAt = new Date(request.startsAt);
          const duration =
            request.durationMinutes ?? (current.endsAt.getTime() - current.startsAt.getTime()) / MINUTE;
          const endsAt = new Date(startsAt.getTime() + duration * MINUTE);
          artistId = request.artistId ?? current.artistId;
          const overrides = await checkSlot(tx, {
            studio,
            artistId,
            clientId: current.clientId,
            kind: current.kind,
            courseId: current.courseId,
            startsAt,
            endsAt,
            exceptId: id,
            intervalOverrideReason: request.intervalOverrideReason,
            planOverrideReason: request.planOverrideReason,
            locale,
          });
          await appointmentRepository.update(tx, id, {
            startsAt,
            endsAt,
            artistId,
            intervalOverrideReason: overrides.interval,
            planOverrideReason: overrides.plan,
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
            intervalOverrideReason: overrides.interval,
            planOverrideReason: overrides.plan,
          });
          await outboxRepository.cancelPending(tx, { appointmentId: id, kind: 'appointment_reminder' });
          const client = (await clientRepository.findById(tx, current.clientId))!;
          await queueAppointmentReminder(tx, this.deps.config, studio, client, id, startsAt);
          await audit(tx, actor, 'appointment.move', 'appointment', id, {
            clientId: current.clientId,
            intervalOverride: Boolean(overrides.interval),
            planOverride: Boolean(overrides.plan),
          });
          await this.auditPlanOverride(tx, actor, id, current.clientId, overrides);
          return toAppointment((await appointmentRepository.view(tx, id))!);
        }),
      () => this.artistName(actor, artistId),
    );
  }

  async cancel(actor: Actor, id: string, request: CancelAppointmentRequest): Promise<Appointment> {
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const current = await appointmentRepository.findById(tx, id, { forUpdate: true });
      if (!current) throw notFound('appointment');
      if (current.version !== request.version) throw stale('version', current.version);
      requireBooked(current, 'version');
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
      if (!row) throw notFound('appointment');
      await audit(tx, actor, 'appointment.read', 'appointment', id, { clientId: row.clientId });
      return toAppointment(row);
    });
  }

  async history(actor: Actor, id: string): Promise<{ items: AppointmentEvent[] }> {
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const row = await appointmentRepository.findById(tx, id);
      if (!row) throw notFound('appointment');
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
          planOverrideReason: e.planOverrideReason,
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
      if (!(await staffRepository.findById(tx, staffId))) throw notFound('staffMember');
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
    if (actor.role !== 'owner' && actor.userId !== staffId) throw forbidden('ownerOnlyOthersHours');
    const days = new Set<string>();
    hours.exceptions.forEach((e, i) => {
      if (days.has(e.date))
        throw new AppError(400, 'validation_failed', 'exceptionTwice', {}, [
          bodyField(`exceptions.${i}.date`, 'appearsTwice'),
        ]);
      days.add(e.date);
    });
    await this.deps.db.withStudio(actor.studioId, async (tx) => {
      if (!(await staffRepository.findById(tx, staffId))) throw notFound('staffMember');
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
    requireRole(actor, CLINICAL);
    if (request.kind === 'artist' && actor.role !== 'owner' && actor.userId !== request.subjectId)
      throw forbidden('ownerOnlyOthersFeed');
    const token = newToken();
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const subject =
        request.kind === 'artist'
          ? await staffRepository.findById(tx, request.subjectId)
          : await clientRepository.findById(tx, request.subjectId);
      if (!subject)
        throw unprocessable('unknown_subject', 'unknownFeedSubject', {}, [
          bodyField('subjectId', 'notFeedSubject'),
        ]);
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
    requireRole(actor, CLINICAL);
    const rows = await this.deps.db.withStudio(actor.studioId, (tx) => appointmentRepository.listFeeds(tx));
    const visible =
      actor.role === 'owner' ? rows : rows.filter((r) => r.kind === 'client' || r.subjectId === actor.userId);
    return { items: visible.map((r) => this.toFeed(r)) };
  }

  async revokeFeed(actor: Actor, id: string): Promise<CalendarFeed> {
    requireRole(actor, CLINICAL);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const row = await appointmentRepository.findFeed(tx, id);
      if (!row) throw notFound('calendarFeed');
      if (row.kind === 'artist' && actor.role !== 'owner' && row.subjectId !== actor.userId)
        throw forbidden('ownerOnlyOthersFeed');
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

  /** A session booked against the plan: its own audit entry, so the log lists every such decision. */
  private async auditPlanOverride(
    tx: Tx,
    actor: Actor,
    appointmentId: string,
    clientId: string,
    overrides: SlotOverrides,
  ): Promise<void> {
    if (!overrides.plan) return;
    await audit(tx, actor, 'appointment.plan_override', 'appointment', appointmentId, {
      clientId,
      reasonGiven: true,
    });
  }

  private async artistName(actor: Actor, artistId: string | undefined): Promise<string> {
    if (!artistId) return '';
    const row = await this.deps.db.withStudio(actor.studioId, (tx) => staffRepository.findById(tx, artistId));
    return row?.name ?? '';
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
