import { describe, expect, it } from 'vitest';
import type { WorkingHours } from '@stipple/core';
import {
  dayHoursText,
  draftFromWorkingHours,
  editorErrors,
  editorKey,
  minutesOf,
  timeOf,
  withinWorkingHours,
  workingHoursRequest,
  type WorkingHoursDraft,
} from './working-hours-form.js';
import { createI18n } from '../i18n/i18n.js';

const t = (key: string, options?: Record<string, unknown>) =>
  options ? `${key} ${JSON.stringify(options)}` : key;

const hours: WorkingHours = {
  weekly: [
    { weekday: 2, start: 14 * 60, end: 19 * 60 },
    { weekday: 1, start: 9 * 60, end: 17 * 60 },
    { weekday: 2, start: 9 * 60, end: 13 * 60 },
  ],
  exceptions: [
    { date: '2026-12-24', start: null, end: null, reason: 'Christmas Eve' },
    { date: '2026-12-28', start: 10 * 60, end: 14 * 60, reason: '' },
  ],
};

function emptyDraft(): WorkingHoursDraft {
  return { days: Array.from({ length: 7 }, () => []), exceptions: [] };
}

describe('working hours editor', () => {
  it('reads times and writes them back', () => {
    expect(minutesOf('09:30')).toBe(570);
    expect(minutesOf('24:00')).toBe(1440);
    expect(minutesOf('9:30')).toBeNull();
    expect(minutesOf('25:00')).toBeNull();
    expect(minutesOf('')).toBeNull();
    expect(timeOf(570)).toBe('09:30');
    expect(timeOf(0)).toBe('00:00');
  });

  it('turns the API answer into days with sorted ranges, and back into the same body', () => {
    const draft = draftFromWorkingHours(hours);
    expect(draft.days[0]).toEqual([]);
    expect(draft.days[1]).toEqual([{ start: '09:00', end: '17:00' }]);
    expect(draft.days[2]).toEqual([
      { start: '09:00', end: '13:00' },
      { start: '14:00', end: '19:00' },
    ]);
    expect(draft.exceptions[0]).toMatchObject({ date: '2026-12-24', closed: true, reason: 'Christmas Eve' });
    expect(draft.exceptions[1]).toMatchObject({ closed: false, start: '10:00', end: '14:00' });

    const result = workingHoursRequest(draft, t);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.request.body.weekly).toEqual([
      { weekday: 1, start: 540, end: 1020 },
      { weekday: 2, start: 540, end: 780 },
      { weekday: 2, start: 840, end: 1140 },
    ]);
    expect(result.request.weeklyKeys).toEqual(['days.1.0', 'days.2.0', 'days.2.1']);
    expect(result.request.body.exceptions).toEqual([
      { date: '2026-12-24', start: null, end: null, reason: 'Christmas Eve' },
      { date: '2026-12-28', start: 600, end: 840, reason: '' },
    ]);
  });

  it('names the field of every mistake: not a time, ending before it starts, overlapping, a date twice, not a date', () => {
    const draft = emptyDraft();
    draft.days[1] = [
      { start: '09:00', end: '13:00' },
      { start: '12:00', end: '18:00' },
    ];
    draft.days[3] = [{ start: '18:00', end: '10:00' }];
    draft.days[5] = [{ start: 'soon', end: '12:00' }];
    draft.exceptions = [
      { date: '2026-12-24', closed: true, start: '', end: '', reason: '' },
      { date: '2026-12-24', closed: false, start: '10:00', end: '09:00', reason: '' },
      { date: '', closed: true, start: '', end: '', reason: '' },
      // As typed, refused: never rolled over to 2091-02-14.
      { date: '2090-13-45', closed: true, start: '', end: '', reason: '' },
    ];
    const result = workingHoursRequest(draft, t);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      'days.1.1.start': 'workingHours.overlaps',
      'days.3.0.end': 'workingHours.endAfterStart',
      'days.5.0.start': 'workingHours.notATime',
      'exceptions.1.date': 'workingHours.dateTwice',
      'exceptions.1.end': 'workingHours.endAfterStart',
      'exceptions.2.date': 'validation.required',
      'exceptions.3.date': 'messages.field.notADate',
    });
  });

  it('a closed week is an empty body (no hours: the server then puts no limit on bookings)', () => {
    const result = workingHoursRequest(emptyDraft(), t);
    expect(result).toEqual({ ok: true, request: { body: { weekly: [], exceptions: [] }, weeklyKeys: [] } });
  });

  it("puts the server's field errors next to the editor's fields", () => {
    const keys = ['days.1.0', 'days.2.0', 'days.2.1'];
    expect(editorKey('weekly.2.end', keys)).toBe('days.2.1.end');
    expect(editorKey('weekly.0', keys)).toBe('days.1.0');
    expect(editorKey('exceptions.1.date', keys)).toBe('exceptions.1.date');
    expect(editorKey('weekly.9.end', keys)).toBe('weekly.9.end');
    expect(
      editorErrors(
        {
          'weekly.1.start': { in: 'body', field: 'weekly.1.start', code: 'required', message: 'Required' },
          'exceptions.0.date': { in: 'body', field: 'exceptions.0.date', code: 'appearsTwice', message: 'x' },
        },
        keys,
        createI18n('zh-CN').t,
      ),
    ).toEqual({ 'days.2.0.start': '必填', 'exceptions.0.date': '出现了两次' });
  });

  it('summarises a day for the calendar and tells whether a booking fits', () => {
    expect(dayHoursText(hours, 2, '2026-12-22')).toBe('09:00–13:00, 14:00–19:00');
    expect(dayHoursText(hours, 0, '2026-12-27')).toBeNull();
    expect(dayHoursText(hours, 4, '2026-12-24')).toBeNull();
    expect(dayHoursText(hours, 1, '2026-12-28')).toBe('10:00–14:00');

    expect(withinWorkingHours(hours, 2, '2026-12-22', 600, 720)).toBe(true);
    expect(withinWorkingHours(hours, 2, '2026-12-22', 720, 900)).toBe(false); // over the lunch break
    expect(withinWorkingHours(hours, 1, '2026-12-28', 540, 600)).toBe(false); // the exception starts at 10
    expect(withinWorkingHours(hours, 4, '2026-12-24', 600, 660)).toBe(false);
    expect(withinWorkingHours({ weekly: [], exceptions: [] }, 0, '2026-12-27', 0, 60)).toBe(true);
  });
});
