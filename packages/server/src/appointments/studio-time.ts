// Wall-clock time in the studio's time zone: working hours, day differences between sessions,
// and reminder times are local to the studio, not UTC.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export interface LocalTime {
  /** YYYY-MM-DD */
  date: string;
  /** 0 = Sunday */
  weekday: number;
  /** Minutes after local midnight. */
  minute: number;
}

export function localTime(at: Date, timeZone: string): LocalTime {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAYS.indexOf(parts.weekday ?? 'Sun'),
    minute: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** Whole calendar days from `a` to `b` (local dates), e.g. Monday 18:00 to Tuesday 09:00 is 1. */
export function daysBetween(a: Date, b: Date, timeZone: string): number {
  const da = Date.parse(`${localTime(a, timeZone).date}T00:00:00Z`);
  const db = Date.parse(`${localTime(b, timeZone).date}T00:00:00Z`);
  return Math.round((db - da) / 86_400_000);
}

/** The instant when the studio's clock shows `date` at `minute` (e.g. 09:00 = 540). */
export function studioInstant(date: string, minute: number, timeZone: string): Date {
  const naive = Date.parse(`${date}T00:00:00Z`) + minute * 60_000;
  let guess = naive;
  for (let i = 0; i < 3; i++) {
    const local = localTime(new Date(guess), timeZone);
    const shown = Date.parse(`${local.date}T00:00:00Z`) + local.minute * 60_000;
    const diff = naive - shown;
    if (diff === 0) break;
    guess += diff;
  }
  return new Date(guess);
}

export const addDays = (isoDate: string, days: number): string =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export const addYears = (isoDate: string, years: number): string => {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y + years, m - 1, d));
  // 29 February plus a year lands on 1 March rather than failing.
  return date.toISOString().slice(0, 10);
};
