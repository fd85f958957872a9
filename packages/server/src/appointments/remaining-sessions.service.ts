// "Book the remaining sessions at the plan's interval": proposes a day and time for each session
// of a course not booked yet (core's proposeSessions: the plan's interval, the artist's working
// hours and other appointments, the first day the plan allows), then books exactly what was
// shown, each session through the same rules as any booking, all in one transaction.
import {
  planOpensOn,
  proposeSessions,
  type Appointment,
  type BookRemainingSessionsRequest,
  type RemainingSessionsProposal,
  type RemainingSessionsProposalRequest,
  type UiLocale,
} from '@stipple/core';
import type { Actor } from '../auth/actor.js';
import { isClinical } from '../auth/roles.js';
import type { Database, Tx } from '../db/database.js';
import { bodyField, forbidden, notFound, unprocessable } from '../http/app-error.js';
import { staffRepository } from '../staff/staff.repository.js';
import { studioRepository, type StudioRow } from '../studio/studio.repository.js';
import { appointmentRepository, type CourseRow } from './appointment.repository.js';
import type { AppointmentService } from './appointment.service.js';
import { translateOverlap } from './booking-rules.js';
import { decisionOf, governingPlan, toCoursePlan } from './course-plan.js';
import { addDays, localTime, studioInstant } from './studio-time.js';

/** How many days past each session's first possible day to look for a free time. */
const SEARCH_DAYS = 28;
const DEFAULT_START_MINUTE = 10 * 60;
const MINUTE = 60_000;

export class RemainingSessionsService {
  constructor(private readonly deps: { db: Database; appointments: AppointmentService }) {}

  async propose(
    actor: Actor,
    courseId: string,
    request: RemainingSessionsProposalRequest,
    locale: UiLocale,
  ): Promise<RemainingSessionsProposal> {
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const course = await appointmentRepository.findCourse(tx, courseId);
      if (!course) throw notFound('course');
      await this.checkArtist(tx, request.artistId);
      const studio = (await studioRepository.findById(tx, actor.studioId))!;
      const today = localTime(new Date(), studio.timeZone).date;
      const row = await governingPlan(tx, course);
      const plan = row ? toCoursePlan(row, locale) : null;
      const { planned, intervalDays } = this.targetsOf(course, plan);
      const booked = await appointmentRepository.courseSessions(tx, course.id, null);
      const last = booked.at(-1);
      const lastLocal = last ? localTime(last.startsAt, studio.timeZone) : null;
      const opens = row ? planOpensOn(decisionOf(row)) : today;
      const remaining = Math.max(0, planned - booked.length);
      const base = {
        planned,
        booked: booked.length,
        intervalDays,
        planOpensOn: opens === '0000-01-01' ? today : opens,
        plan,
      };
      if (remaining === 0) return { ...base, sessions: [], noTimeFrom: null };

      const horizon = remaining * (intervalDays + SEARCH_DAYS) + intervalDays + 1;
      const busy = await this.busyDays(tx, studio, request.artistId, today, horizon);
      const { weekly, exceptions } = await appointmentRepository.workingHoursOf(tx, request.artistId);
      // A plan that allows no date yet still gets a proposal: the artist may book it with a reason.
      const notBefore = opens !== null && opens > today ? opens : today;
      const result = proposeSessions({
        count: remaining,
        lastSession: lastLocal?.date ?? null,
        notBefore,
        intervalDays,
        durationMinutes: request.durationMinutes,
        preferredMinute: request.startMinute ?? lastLocal?.minute ?? DEFAULT_START_MINUTE,
        hours: {
          weekly: weekly.map((w) => ({ weekday: w.weekday, start: w.startMinute, end: w.endMinute })),
          exceptions: exceptions.map((e) => ({ date: e.day, start: e.startMinute, end: e.endMinute })),
        },
        busy,
        searchDays: SEARCH_DAYS,
      });
      return {
        ...base,
        sessions: result.sessions.map((s, i) => {
          const startsAt = studioInstant(s.date, s.minute, studio.timeZone);
          return {
            sessionNumber: booked.length + i + 1,
            startsAt: startsAt.toISOString(),
            endsAt: new Date(startsAt.getTime() + request.durationMinutes * MINUTE).toISOString(),
          };
        }),
        noTimeFrom: result.ok ? null : result.failedFrom,
      };
    });
  }

  async book(
    actor: Actor,
    courseId: string,
    request: BookRemainingSessionsRequest,
    locale: UiLocale,
  ): Promise<{ items: Appointment[] }> {
    if (request.planOverrideReason && !isClinical(actor)) throw forbidden('clinicalOnlyOverride');
    return translateOverlap(
      () =>
        this.deps.db.withStudio(actor.studioId, async (tx) => {
          const course = await appointmentRepository.findCourse(tx, courseId, { forUpdate: true });
          if (!course) throw notFound('course');
          const row = await governingPlan(tx, course);
          const { planned } = this.targetsOf(course, row ? toCoursePlan(row, locale) : null);
          const booked = (await appointmentRepository.courseSessions(tx, course.id, null)).length;
          if (booked >= planned) throw unprocessable('nothing_to_book', 'nothingLeftToBook');
          if (booked + request.startsAt.length > planned)
            throw unprocessable('too_many_sessions', 'validationFailed', {}, [
              bodyField('startsAt', 'tooManyItems', { count: planned - booked }),
            ]);
          const items: Appointment[] = [];
          for (const startsAt of [...request.startsAt].sort())
            items.push(
              await this.deps.appointments.book(
                tx,
                actor,
                {
                  clientId: course.clientId,
                  artistId: request.artistId,
                  kind: 'session',
                  courseId: course.id,
                  startsAt,
                  durationMinutes: request.durationMinutes,
                  notes: '',
                  ...(request.planOverrideReason ? { planOverrideReason: request.planOverrideReason } : {}),
                },
                locale,
              ),
            );
          return { items };
        }),
      async () =>
        (
          await this.deps.db.withStudio(actor.studioId, (tx) =>
            staffRepository.findById(tx, request.artistId),
          )
        )?.name ?? '',
    );
  }

  /** The plan's number of sessions and interval (never closer than the course allows). */
  private targetsOf(course: CourseRow, plan: { sessionsCount: number; minIntervalDays: number } | null) {
    return {
      planned: plan?.sessionsCount ?? course.plannedSessions,
      intervalDays: Math.max(course.minIntervalDays, plan?.minIntervalDays ?? 0),
    };
  }

  private async checkArtist(tx: Tx, artistId: string): Promise<void> {
    const artist = await staffRepository.findById(tx, artistId);
    if (!artist || !artist.active || artist.role === 'front_desk')
      throw unprocessable('unknown_artist', 'unknownArtist', {}, [bodyField('artistId', 'notActiveArtist')]);
  }

  /** The artist's appointments from today on, in studio time. */
  private async busyDays(tx: Tx, studio: StudioRow, artistId: string, today: string, days: number) {
    const rows = await appointmentRepository.list(tx, {
      from: studioInstant(today, 0, studio.timeZone),
      to: studioInstant(addDays(today, days), 0, studio.timeZone),
      artistId,
      includeCancelled: false,
    });
    return rows.map((r) => {
      const start = localTime(r.startsAt, studio.timeZone);
      const end = localTime(new Date(r.endsAt.getTime() - 1), studio.timeZone);
      return {
        date: start.date,
        start: start.minute,
        end: end.date === start.date ? end.minute + 1 : 24 * 60,
      };
    });
  }
}
