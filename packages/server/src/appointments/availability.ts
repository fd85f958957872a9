// When an artist can be booked: the working hours of a studio day (the weekly template, or the
// exception of that day), less the appointments already there with a buffer around each, from
// the minimum notice on. Pure: the caller passes the hours, the busy times and the clock. The
// calendar checks a booking against the same windows (`fitsWorkingHours`) that the public page
// offers slots from (`freeStarts`).
import { addDays, localTime, studioInstant } from './studio-time.js';

export interface WeeklyHours {
  weekday: number;
  startMinute: number;
  endMinute: number;
}

export interface HoursException {
  day: string;
  startMinute: number | null;
  endMinute: number | null;
}

export interface Window {
  start: Date;
  end: Date;
}

/** Slot starts are offered on this grid (minutes after the hour): :00, :15, :30, :45. */
export const SLOT_STEP_MINUTES = 15;
const MINUTE = 60_000;

/** The working ranges of one studio day, in minutes after local midnight. */
export function rangesOn(
  date: string,
  weekday: number,
  weekly: readonly WeeklyHours[],
  exceptions: readonly HoursException[],
): { startMinute: number; endMinute: number }[] {
  const exception = exceptions.find((e) => e.day === date);
  if (exception)
    return exception.startMinute === null || exception.endMinute === null
      ? []
      : [{ startMinute: exception.startMinute, endMinute: exception.endMinute }];
  return weekly.filter((w) => w.weekday === weekday);
}

/**
 * Whether [start, end) lies inside one working range of its studio day. An artist without any
 * hours set is not restricted (the calendar's rule); the public page offers no slots for them.
 */
export function fitsWorkingHours(
  start: Date,
  end: Date,
  timeZone: string,
  weekly: readonly WeeklyHours[],
  exceptions: readonly HoursException[],
): boolean {
  if (weekly.length === 0 && exceptions.length === 0) return true;
  const first = localTime(start, timeZone);
  const last = localTime(new Date(end.getTime() - 1), timeZone);
  if (first.date !== last.date) return false;
  const endMinute = last.minute + 1;
  return rangesOn(first.date, first.weekday, weekly, exceptions).some(
    (r) => first.minute >= r.startMinute && endMinute <= r.endMinute,
  );
}

export interface FreeStartQuery {
  /** First and last studio day (YYYY-MM-DD, inclusive). */
  fromDate: string;
  toDate: string;
  timeZone: string;
  minutes: number;
  bufferMinutes: number;
  /** No start before this instant (now plus the minimum notice). */
  notBefore: Date;
  /** No start after this instant (the booking horizon). */
  notAfter: Date;
  weekly: readonly WeeklyHours[];
  exceptions: readonly HoursException[];
  /** The artist's appointments that are not cancelled. */
  busy: readonly Window[];
}

/** Every start on the grid where an appointment of `minutes` fits the hours and keeps the buffer. */
export function freeStarts(q: FreeStartQuery): Date[] {
  const out: Date[] = [];
  if (q.weekly.length === 0 && q.exceptions.length === 0) return out;
  const buffer = q.bufferMinutes * MINUTE;
  const blocked = q.busy.map((b) => ({ start: b.start.getTime() - buffer, end: b.end.getTime() + buffer }));
  for (let date = q.fromDate; date <= q.toDate; date = addDays(date, 1)) {
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    for (const range of rangesOn(date, weekday, q.weekly, q.exceptions)) {
      const first = Math.ceil(range.startMinute / SLOT_STEP_MINUTES) * SLOT_STEP_MINUTES;
      for (let m = first; m + q.minutes <= range.endMinute; m += SLOT_STEP_MINUTES) {
        const start = studioInstant(date, m, q.timeZone);
        const end = start.getTime() + q.minutes * MINUTE;
        if (start < q.notBefore || start > q.notAfter) continue;
        // A clock change inside the day can move the instant off the wall-clock minute: skip it.
        if (localTime(start, q.timeZone).minute !== m) continue;
        if (blocked.some((b) => start.getTime() < b.end && end > b.start)) continue;
        out.push(start);
      }
    }
  }
  return out;
}

/** Today in the studio, as YYYY-MM-DD. */
export const studioToday = (now: Date, timeZone: string): string => localTime(now, timeZone).date;
