import { describe, expect, it } from 'vitest';
import { fitsWorkingHours, freeStarts, type FreeStartQuery } from './availability.js';

const london = (iso: string) => new Date(iso);
const hhmm = (d: Date, timeZone = 'Europe/London') =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' }).format(d);

// Monday 7 December 2026 (London is on GMT then).
const base: FreeStartQuery = {
  fromDate: '2026-12-07',
  toDate: '2026-12-07',
  timeZone: 'Europe/London',
  minutes: 45,
  bufferMinutes: 15,
  notBefore: london('2026-12-01T00:00:00Z'),
  notAfter: london('2027-01-01T00:00:00Z'),
  weekly: [{ weekday: 1, startMinute: 9 * 60, endMinute: 12 * 60 }],
  exceptions: [],
  busy: [],
};

describe('freeStarts', () => {
  it('offers every quarter hour where the consultation fits the working hours', () => {
    expect(freeStarts(base).map((d) => hhmm(d))).toEqual([
      '09:00',
      '09:15',
      '09:30',
      '09:45',
      '10:00',
      '10:15',
      '10:30',
      '10:45',
      '11:00',
      '11:15',
    ]);
  });

  it('keeps the buffer around an appointment already there', () => {
    const busy = [{ start: london('2026-12-07T10:00:00Z'), end: london('2026-12-07T10:45:00Z') }];
    expect(freeStarts({ ...base, busy }).map((d) => hhmm(d))).toEqual(['09:00', '11:00', '11:15']);
    expect(freeStarts({ ...base, busy, bufferMinutes: 0 }).map((d) => hhmm(d))).toEqual([
      '09:00',
      '09:15',
      '10:45',
      '11:00',
      '11:15',
    ]);
  });

  it('starts no sooner than the minimum notice and no later than the horizon', () => {
    const starts = freeStarts({
      ...base,
      notBefore: london('2026-12-07T10:20:00Z'),
      notAfter: london('2026-12-07T11:00:00Z'),
    });
    expect(starts.map((d) => hhmm(d))).toEqual(['10:30', '10:45', '11:00']);
  });

  it('follows the exception of a day: off, or other hours', () => {
    expect(
      freeStarts({ ...base, exceptions: [{ day: '2026-12-07', startMinute: null, endMinute: null }] }),
    ).toEqual([]);
    const other = freeStarts({
      ...base,
      exceptions: [{ day: '2026-12-07', startMinute: 14 * 60, endMinute: 15 * 60 }],
    });
    expect(other.map((d) => hhmm(d))).toEqual(['14:00', '14:15']);
  });

  it('offers nothing for an artist without working hours', () => {
    expect(freeStarts({ ...base, weekly: [] })).toEqual([]);
  });

  it('places the slots in the studio time zone, whatever the server runs in', () => {
    const shanghai = freeStarts({ ...base, timeZone: 'Asia/Shanghai' });
    expect(shanghai[0]!.toISOString()).toBe('2026-12-07T01:00:00.000Z');
    expect(hhmm(shanghai[0]!, 'Asia/Shanghai')).toBe('09:00');
  });

  it('skips wall-clock times that do not exist when the clocks go forward', () => {
    // Sunday 29 March 2026: London jumps from 01:00 to 02:00.
    const starts = freeStarts({
      ...base,
      fromDate: '2026-03-29',
      toDate: '2026-03-29',
      minutes: 30,
      bufferMinutes: 0,
      notBefore: london('2026-03-01T00:00:00Z'),
      weekly: [{ weekday: 0, startMinute: 0, endMinute: 180 }],
    });
    const local = starts.map((d) => hhmm(d));
    expect(local).not.toContain('01:00');
    expect(local).not.toContain('01:30');
    expect(local).toContain('00:30');
    expect(local).toContain('02:00');
  });
});

describe('fitsWorkingHours', () => {
  const weekly = base.weekly;
  it('takes a booking inside the hours and refuses one that runs over', () => {
    expect(
      fitsWorkingHours(
        london('2026-12-07T11:00:00Z'),
        london('2026-12-07T12:00:00Z'),
        'Europe/London',
        weekly,
        [],
      ),
    ).toBe(true);
    expect(
      fitsWorkingHours(
        london('2026-12-07T11:30:00Z'),
        london('2026-12-07T12:15:00Z'),
        'Europe/London',
        weekly,
        [],
      ),
    ).toBe(false);
  });

  it('does not restrict an artist without any hours (the calendar books freely)', () => {
    expect(
      fitsWorkingHours(
        london('2026-12-06T03:00:00Z'),
        london('2026-12-06T04:00:00Z'),
        'Europe/London',
        [],
        [],
      ),
    ).toBe(true);
  });
});
