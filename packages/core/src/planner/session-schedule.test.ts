import { describe, expect, it } from 'vitest';
import { daysBetween } from './calendar.js';
import { proposeSessions, workingSlotsOn, type ScheduleRequest } from './session-schedule.js';

// Monday to Saturday, 09:00-13:00 and 14:00-19:00.
const week = {
  weekly: [1, 2, 3, 4, 5, 6].flatMap((weekday) => [
    { weekday, start: 9 * 60, end: 13 * 60 },
    { weekday, start: 14 * 60, end: 19 * 60 },
  ]),
  exceptions: [] as { date: string; start: number | null; end: number | null }[],
};

const request = (over: Partial<ScheduleRequest> = {}): ScheduleRequest => ({
  count: 3,
  lastSession: '2026-12-01', // a Tuesday
  notBefore: '2026-12-01',
  intervalDays: 14,
  durationMinutes: 180,
  preferredMinute: 10 * 60,
  hours: week,
  busy: [],
  searchDays: 28,
  ...over,
});

describe('proposeSessions', () => {
  it('places each session the interval after the one before, at the preferred time', () => {
    const result = proposeSessions(request());
    expect(result).toEqual({
      ok: true,
      sessions: [
        { date: '2026-12-15', minute: 600 },
        { date: '2026-12-29', minute: 600 },
        { date: '2027-01-12', minute: 600 },
      ],
    });
  });

  it('moves past a closed Sunday, a day off and a busy morning, and never fits across the lunch break', () => {
    const result = proposeSessions(
      request({
        count: 2,
        lastSession: '2026-11-29', // a Sunday: the next is due on Sunday 13 December
        notBefore: '2026-11-29',
        hours: { ...week, exceptions: [{ date: '2026-12-14', start: null, end: null }] },
        busy: [{ date: '2026-12-15', start: 9 * 60, end: 11 * 60 }],
      }),
    );
    // Sunday closed, Monday off, Tuesday busy until 11:00: 10:00 and 11:00 would cross 13:00, so 14:00.
    expect(result.ok && result.sessions[0]).toEqual({ date: '2026-12-15', minute: 14 * 60 });
    expect(
      result.ok && daysBetween(result.sessions[0]!.date, result.sessions[1]!.date),
    ).toBeGreaterThanOrEqual(14);
  });

  it('starts no earlier than the day the plan allows, and says where it found no time', () => {
    expect(proposeSessions(request({ lastSession: null, notBefore: '2027-03-02' })).sessions[0]!.date).toBe(
      '2027-03-02',
    );
    const never = proposeSessions(
      request({
        hours: { weekly: [{ weekday: 3, start: 9 * 60, end: 11 * 60 }], exceptions: [] },
        searchDays: 10,
      }),
    );
    expect(never).toEqual({ ok: false, sessions: [], failedFrom: '2026-12-15' });
  });

  it('treats an artist without working hours as open all day', () => {
    expect(workingSlotsOn({ weekly: [], exceptions: [] }, '2026-12-13')).toEqual([{ start: 0, end: 1440 }]);
  });
});
