import { addDays } from './calendar.js';

/*
 * Proposes the days and times of a treatment's remaining sessions: each at least the plan's
 * interval after the one before, on a day the artist works, inside the working hours, clear of
 * the artist's other appointments. Everything is in the studio's wall-clock time (dates and
 * minutes after midnight); the caller turns the result into instants.
 */

export interface WorkingSlot {
  start: number;
  end: number;
}

export interface ArtistWeek {
  weekly: { weekday: number; start: number; end: number }[];
  /** A day that differs: null start/end = not working. */
  exceptions: { date: string; start: number | null; end: number | null }[];
}

export interface ScheduleRequest {
  /** How many sessions to place. */
  count: number;
  /** The date of the last session already booked, if any. */
  lastSession: string | null;
  /** No session before this day (today, or the day the plan opens). */
  notBefore: string;
  intervalDays: number;
  durationMinutes: number;
  /** The start time to prefer each day (e.g. the time of the last session), minutes after midnight. */
  preferredMinute: number;
  hours: ArtistWeek;
  /** The artist's other appointments. */
  busy: { date: string; start: number; end: number }[];
  /** How many days past each session's earliest day to look for a free time. */
  searchDays: number;
}

export interface ProposedSession {
  date: string;
  minute: number;
}

export type ScheduleResult =
  { ok: true; sessions: ProposedSession[] } | { ok: false; sessions: ProposedSession[]; failedFrom: string };

const STEP_MINUTES = 15;

const weekdayOf = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();

/** The working slots of a day; with no working hours at all, the whole day is open. */
export function workingSlotsOn(hours: ArtistWeek, date: string): WorkingSlot[] {
  if (hours.weekly.length === 0 && hours.exceptions.length === 0) return [{ start: 0, end: 24 * 60 }];
  const exception = hours.exceptions.find((e) => e.date === date);
  if (exception)
    return exception.start === null || exception.end === null
      ? []
      : [{ start: exception.start, end: exception.end }];
  const weekday = weekdayOf(date);
  return hours.weekly.filter((w) => w.weekday === weekday).map((w) => ({ start: w.start, end: w.end }));
}

/** The first start on `date` that fits: the preferred time if it can, else the earliest. */
function fitOn(request: ScheduleRequest, date: string): number | null {
  const taken = request.busy.filter((b) => b.date === date);
  const free = (start: number) =>
    taken.every((b) => start + request.durationMinutes <= b.start || start >= b.end);
  const slots = workingSlotsOn(request.hours, date);
  const fits = (start: number) =>
    slots.some((s) => start >= s.start && start + request.durationMinutes <= s.end) && free(start);
  if (fits(request.preferredMinute)) return request.preferredMinute;
  for (const slot of slots)
    for (let start = slot.start; start + request.durationMinutes <= slot.end; start += STEP_MINUTES)
      if (fits(start)) return start;
  return null;
}

export function proposeSessions(request: ScheduleRequest): ScheduleResult {
  const sessions: ProposedSession[] = [];
  let previous = request.lastSession;
  for (let i = 0; i < request.count; i++) {
    const byInterval = previous === null ? request.notBefore : addDays(previous, request.intervalDays);
    const from = byInterval > request.notBefore ? byInterval : request.notBefore;
    let found: ProposedSession | null = null;
    for (let d = 0; d <= request.searchDays && !found; d++) {
      const date = addDays(from, d);
      const minute = fitOn(request, date);
      if (minute !== null) found = { date, minute };
    }
    if (!found) return { ok: false, sessions, failedFrom: from };
    sessions.push(found);
    previous = found.date;
  }
  return { ok: true, sessions };
}
