// Calendar files (.ics) with the `ics` package: appointments as timed events in UTC, aftercare
// steps as all-day events. Titles carry no health details.
import { createEvents, type EventAttributes } from 'ics';

/** Where appointments take place, as calendar files print it: the studio's name and address. */
export const studioLocation = (studio: { name: string; address: string }): string =>
  [studio.name, studio.address].filter(Boolean).join(', ');

export interface TimedEvent {
  uid: string;
  title: string;
  start: Date;
  end: Date;
  location?: string;
  description?: string;
}

export interface AllDayEvent {
  uid: string;
  title: string;
  /** YYYY-MM-DD, inclusive */
  from: string;
  /** YYYY-MM-DD, inclusive */
  until: string;
  description?: string;
}

const utcParts = (d: Date): [number, number, number, number, number] => [
  d.getUTCFullYear(),
  d.getUTCMonth() + 1,
  d.getUTCDate(),
  d.getUTCHours(),
  d.getUTCMinutes(),
];

const dateParts = (iso: string): [number, number, number] => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return [y, m, d];
};

function build(events: EventAttributes[], calName: string): string {
  if (events.length === 0) {
    // `ics` refuses an empty list; an empty calendar is still a valid feed.
    return [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Stipple//Calendar//EN',
      `X-WR-CALNAME:${calName}`,
      'END:VCALENDAR',
      '',
    ].join('\r\n');
  }
  const { error, value } = createEvents(events, { productId: '-//Stipple//Calendar//EN', calName });
  if (error || !value) throw error ?? new Error('could not write the calendar');
  return value;
}

export function timedCalendar(calName: string, events: TimedEvent[]): string {
  return build(
    events.map((e) => ({
      uid: e.uid,
      title: e.title,
      start: utcParts(e.start),
      startInputType: 'utc',
      startOutputType: 'utc',
      end: utcParts(e.end),
      endInputType: 'utc',
      endOutputType: 'utc',
      ...(e.location ? { location: e.location } : {}),
      ...(e.description ? { description: e.description } : {}),
      status: 'CONFIRMED',
    })),
    calName,
  );
}

export function allDayCalendar(calName: string, events: AllDayEvent[]): string {
  return build(
    events.map((e) => {
      const end = new Date(Date.parse(`${e.until}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      return {
        uid: e.uid,
        title: e.title,
        start: dateParts(e.from),
        end: dateParts(end),
        ...(e.description ? { description: e.description } : {}),
      };
    }),
    calName,
  );
}
