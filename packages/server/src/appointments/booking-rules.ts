// The rules a booking keeps, checked inside its transaction: the artist exists and works then,
// the course is the client's, sessions of a course keep the minimum interval, and a session or
// touch-up waits for what the treatment plan decided. The interval and the plan may each be set
// aside by an owner or artist with a reason, which the booking keeps. The database still refuses
// overlaps (an exclusion constraint), answered here as a double booking.
import { planDecisionOf, planGate, type GateVerdict, type UiLocale } from '@stipple/core';
import type { Tx } from '../db/database.js';
import { findPgError } from '../db/pg-errors.js';
import { AppError, bodyField, unprocessable } from '../http/app-error.js';
import { staffRepository } from '../staff/staff.repository.js';
import type { StudioRow } from '../studio/studio.repository.js';
import { appointmentRepository, type AppointmentRow, type CourseRow } from './appointment.repository.js';
import { decisionOf, governingPlan, planIn } from './course-plan.js';
import { fitsWorkingHours } from './availability.js';
import { daysBetween, localTime } from './studio-time.js';

const PG_EXCLUSION_VIOLATION = '23P01';

export interface SlotCheck {
  studio: StudioRow;
  artistId: string;
  clientId: string;
  kind: AppointmentRow['kind'];
  courseId: string | null;
  startsAt: Date;
  endsAt: Date;
  exceptId: string | null;
  intervalOverrideReason: string | undefined;
  planOverrideReason: string | undefined;
  /** The language the plan's texts are quoted in, should the plan refuse. */
  locale: UiLocale;
}

/** The override reasons to store with the booking (null when nothing had to be set aside). */
export interface SlotOverrides {
  interval: string | null;
  plan: string | null;
}

/** Throws the refusal for a closed plan gate; `field` names the input the artist can change. */
export function planRefusal(verdict: Exclude<GateVerdict, { open: true }>, field: string): AppError {
  switch (verdict.reason) {
    case 'postpone':
      return unprocessable('plan_blocks_session', 'planPostponed', { date: verdict.until }, [
        bodyField(field, 'beforePlanDate', { date: verdict.until }),
      ]);
    case 'postpone-undated':
      return unprocessable('plan_blocks_session', 'planPostponedUndated', { until: verdict.waiting }, [
        bodyField(field, 'planNotReady'),
      ]);
    case 'refer':
      return unprocessable('plan_blocks_session', 'planReferred', {}, [bodyField(field, 'planNotReady')]);
    case 'not_eligible':
      return unprocessable('plan_blocks_session', 'planNotEligible', {}, [bodyField(field, 'planNotReady')]);
  }
}

/**
 * The plan's verdict on a session of `course` on `date` (studio time). Returns the override
 * reason to keep when the plan refuses and a reason was given; throws when none was.
 */
export async function checkPlanGate(
  tx: Tx,
  course: Pick<CourseRow, 'consultationId' | 'clientId'>,
  date: string,
  overrideReason: string | undefined,
  field: string,
  locale: UiLocale,
): Promise<string | null> {
  const row = await governingPlan(tx, course);
  if (!row) return null;
  const verdict = planGate(decisionOf(row), date);
  if (verdict.open) return null;
  if (overrideReason) return overrideReason;
  if (verdict.reason !== 'postpone-undated') throw planRefusal(verdict, field);
  // The wait's own words, in the reader's language.
  const waiting = planDecisionOf(planIn(row, locale)).undatedWait ?? verdict.waiting;
  throw planRefusal({ ...verdict, waiting }, field);
}

export async function courseOf(
  tx: Tx,
  courseId: string,
  clientId: string,
  lock: boolean,
): Promise<CourseRow> {
  const course = await appointmentRepository.findCourse(tx, courseId, { forUpdate: lock });
  if (!course || course.clientId !== clientId)
    throw unprocessable('unknown_course', 'unknownCourse', {}, [bodyField('courseId', 'notClientsCourse')]);
  return course;
}

async function checkWorkingHours(tx: Tx, s: SlotCheck, artistName: string): Promise<void> {
  const { weekly, exceptions } = await appointmentRepository.workingHoursOf(tx, s.artistId);
  if (!fitsWorkingHours(s.startsAt, s.endsAt, s.studio.timeZone, weekly, exceptions))
    throw unprocessable('outside_working_hours', 'outsideWorkingHours', { artist: artistName }, [
      bodyField('startsAt', 'outsideWorkingHours', { artist: artistName }),
    ]);
}

/**
 * The artist must exist and work then, the course must be the client's, sessions of a course keep
 * the minimum interval, and sessions and touch-ups wait for the plan (each unless set aside with
 * a reason).
 */
export async function checkSlot(tx: Tx, s: SlotCheck): Promise<SlotOverrides> {
  const artist = await staffRepository.findById(tx, s.artistId);
  if (!artist || !artist.active || artist.role === 'front_desk')
    throw unprocessable('unknown_artist', 'unknownArtist', {}, [bodyField('artistId', 'notActiveArtist')]);
  await checkWorkingHours(tx, s, artist.name);

  if (s.kind === 'consultation') {
    if (s.courseId) await courseOf(tx, s.courseId, s.clientId, false);
    return { interval: null, plan: null };
  }
  // Locks the course: two bookings of one treatment are checked one after the other.
  const course = await courseOf(tx, s.courseId!, s.clientId, true);
  const day = localTime(s.startsAt, s.studio.timeZone).date;
  const plan = await checkPlanGate(tx, course, day, s.planOverrideReason, 'startsAt', s.locale);
  if (s.kind !== 'session') return { interval: null, plan };

  const others = await appointmentRepository.courseSessions(tx, course.id, s.exceptId);
  const tooClose = others
    .map((o) => ({ o, gap: Math.abs(daysBetween(o.startsAt, s.startsAt, s.studio.timeZone)) }))
    .filter(({ gap }) => gap < course.minIntervalDays)
    .sort((a, b) => a.gap - b.gap)[0];
  if (!tooClose) return { interval: null, plan };
  if (s.intervalOverrideReason) return { interval: s.intervalOverrideReason, plan };
  const params = {
    count: tooClose.gap,
    other: localTime(tooClose.o.startsAt, s.studio.timeZone).date,
    min: course.minIntervalDays,
  };
  throw unprocessable('interval_too_short', 'intervalTooShort', params, [
    bodyField('startsAt', 'tooSoon', params),
  ]);
}

/** Runs a booking; an overlap the database refused becomes a double-booking answer naming the artist. */
export async function translateOverlap<T>(
  work: () => Promise<T>,
  artistName: () => Promise<string>,
): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (findPgError(err)?.code !== PG_EXCLUSION_VIOLATION) throw err;
    const artist = await artistName();
    throw new AppError(409, 'double_booking', 'doubleBooking', { artist }, [
      bodyField('startsAt', 'overlapsAppointment', { artist }),
    ]);
  }
}
