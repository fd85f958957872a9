// A session's aftercare schedule as a day-by-day checklist: every day from the session to the
// last day a step applies (bounded: the healing weeks), with the steps of that day; steps that
// start after the checklist ends are listed apart. Pure: dates are ISO days, today is passed in.
import type { AftercareDay } from '@stipple/core';

/** The checklist covers at most this many days after the session (a month of healing and a bit). */
export const CHECKLIST_DAYS = 45;

export interface ScheduleItem {
  fromDate: string;
  untilDate: string | null;
  title: string;
  instructions: string;
}

const DAY_MS = 86_400_000;
const dayNumber = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
const plusDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

export function aftercareDays(
  performedOn: string,
  items: readonly ScheduleItem[],
  ticked: ReadonlySet<string>,
): { days: AftercareDay[]; later: ScheduleItem[] } {
  const lastDayOf = (i: ScheduleItem) => dayNumber(performedOn, i.untilDate ?? i.fromDate);
  const inList = items.filter((i) => dayNumber(performedOn, i.fromDate) <= CHECKLIST_DAYS);
  const later = items.filter((i) => dayNumber(performedOn, i.fromDate) > CHECKLIST_DAYS);
  const last = Math.min(CHECKLIST_DAYS, Math.max(0, ...inList.map(lastDayOf)));
  const days: AftercareDay[] = [];
  for (let n = 0; n <= last; n++) {
    const date = plusDays(performedOn, n);
    const steps = inList
      .filter((i) => i.fromDate <= date && date <= (i.untilDate ?? i.fromDate))
      .map((i) => ({ title: i.title, instructions: i.instructions, starts: i.fromDate === date }));
    days.push({ date, day: n, steps, done: ticked.has(date) });
  }
  return { days, later };
}

/** Whether a day may be ticked: one of the checklist's days, and not after today. */
export function mayTick(
  days: readonly AftercareDay[],
  date: string,
  today: string,
): 'ok' | 'unknown' | 'future' {
  if (!days.some((d) => d.date === date)) return 'unknown';
  return date > today ? 'future' : 'ok';
}
