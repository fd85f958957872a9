/**
 * Calendar arithmetic on `YYYY-MM-DD` strings, in UTC so that no time zone or daylight-saving
 * change can move a date. Waiting times in the planner are whole days or whole calendar months.
 */

function parts(iso: string): [number, number, number] {
  const [y, m, d] = iso.split('-').map(Number);
  return [y!, m!, d!];
}

function format(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function daysInMonth(year: number, month1: number): number {
  return new Date(Date.UTC(year, month1, 0)).getUTCDate();
}

export function addDays(iso: string, days: number): string {
  const [y, m, d] = parts(iso);
  return format(new Date(Date.UTC(y, m - 1, d + days)));
}

/**
 * The same day `months` calendar months later (or earlier); a day that does not exist in the
 * target month becomes its last day (31 January + 1 month = 28 or 29 February).
 */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = parts(iso);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month1 = index - year * 12 + 1;
  return format(new Date(Date.UTC(year, month1 - 1, Math.min(d, daysInMonth(year, month1)))));
}

export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

/** Whole calendar months from `from` to `to`: the largest n with addMonths(from, n) <= to. */
export function monthsBetween(from: string, to: string): number {
  const [y1, m1] = parts(from);
  const [y2, m2] = parts(to);
  let n = (y2 - y1) * 12 + (m2 - m1);
  while (n > 0 && addMonths(from, n) > to) n -= 1;
  while (addMonths(from, n + 1) <= to) n += 1;
  return n;
}

/**
 * Age in whole years on `on`. Someone born on 29 February turns a year older on 1 March in a
 * common year, as in English law, so an 18th birthday is never counted a day early.
 */
export function ageOn(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = parts(dateOfBirth);
  const [y, m, d] = parts(on);
  let age = y - by;
  const leapBirthday = bm === 2 && bd === 29;
  const birthdayThisYear: [number, number] = leapBirthday && daysInMonth(y, 2) === 28 ? [3, 1] : [bm, bd];
  if (m < birthdayThisYear[0] || (m === birthdayThisYear[0] && d < birthdayThisYear[1])) age -= 1;
  return age;
}

export function laterDate(a: string, b: string): string {
  return a >= b ? a : b;
}
