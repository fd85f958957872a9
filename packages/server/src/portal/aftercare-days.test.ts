import { describe, expect, it } from 'vitest';
import { CHECKLIST_DAYS, aftercareDays, mayTick, type ScheduleItem } from './aftercare-days.js';

const item = (fromDate: string, untilDate: string | null, title: string): ScheduleItem => ({
  fromDate,
  untilDate,
  title,
  instructions: '',
});

describe('aftercareDays', () => {
  const items = [
    item('2026-11-02', '2026-11-05', 'Keep dry'),
    item('2026-11-06', null, 'First wash'),
    item('2026-11-02', '2026-11-09', 'No picking'),
    item('2027-11-02', null, 'No blood donation before this'),
  ];

  it('lists every day from the session to the last step, each with the steps of that day', () => {
    const { days, later } = aftercareDays('2026-11-02', items, new Set(['2026-11-03']));
    expect(days.map((d) => d.day)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(days[0]).toMatchObject({ date: '2026-11-02', done: false });
    expect(days[0]!.steps.map((s) => [s.title, s.starts])).toEqual([
      ['Keep dry', true],
      ['No picking', true],
    ]);
    expect(days[1]!.done).toBe(true);
    expect(days[3]!.steps.map((s) => s.title)).toEqual(['Keep dry', 'No picking']);
    expect(days[4]!.steps.map((s) => [s.title, s.starts])).toEqual([
      ['First wash', true],
      ['No picking', false],
    ]);
    expect(days[5]!.steps.map((s) => s.title)).toEqual(['No picking']);
    // A step a year on is not a year of empty days: it is listed apart.
    expect(later.map((l) => l.title)).toEqual(['No blood donation before this']);
  });

  it('stops the daily list after the healing weeks, however long a step runs', () => {
    const { days } = aftercareDays('2026-11-02', [item('2026-11-02', '2027-11-02', 'Sunscreen')], new Set());
    expect(days).toHaveLength(CHECKLIST_DAYS + 1);
    expect(days.at(-1)!.steps.map((s) => s.title)).toEqual(['Sunscreen']);
  });

  it('lets a day be ticked only when it is in the list and has come', () => {
    const { days } = aftercareDays('2026-11-02', items, new Set());
    expect(mayTick(days, '2026-11-04', '2026-11-04')).toBe('ok');
    expect(mayTick(days, '2026-11-05', '2026-11-04')).toBe('future');
    expect(mayTick(days, '2026-10-30', '2026-11-04')).toBe('unknown');
    expect(mayTick(days, '2026-12-30', '2027-01-04')).toBe('unknown');
  });
});
