import { describe, expect, it } from 'vitest';
import { addDays, addMonths, ageOn, daysBetween, laterDate, monthsBetween } from './calendar.js';

describe('calendar arithmetic', () => {
  it('adds months, ending on the last day of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2023-05-29', 9)).toBe('2024-02-29');
    expect(addMonths('2026-08-31', -6)).toBe('2026-02-28');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
    expect(addMonths('2026-03-02', 0)).toBe('2026-03-02');
  });
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-02-01', 90)).toBe('2026-05-02');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
  it('counts whole months and days between dates', () => {
    expect(monthsBetween('2025-03-15', '2025-12-14')).toBe(8);
    expect(monthsBetween('2025-03-15', '2025-12-15')).toBe(9);
    expect(monthsBetween('2026-01-31', '2026-02-28')).toBe(1);
    expect(monthsBetween('2026-01-31', '2026-02-27')).toBe(0);
    expect(monthsBetween('2026-03-02', '2026-03-02')).toBe(0);
    expect(daysBetween('2026-02-01', '2026-05-02')).toBe(90);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
  });
  it('keeps monthsBetween and addMonths consistent: the wait ends exactly when the months are complete', () => {
    for (const from of ['2024-01-31', '2024-02-29', '2025-05-31', '2025-07-15']) {
      for (let n = 0; n < 30; n += 1) {
        const end = addMonths(from, n);
        expect(monthsBetween(from, end)).toBe(n);
        expect(monthsBetween(from, addDays(end, -1))).toBe(Math.max(0, n - 1));
      }
    }
  });
  it('counts age in whole years; a 29 February birthday turns over on 1 March in common years', () => {
    expect(ageOn('2008-03-03', '2026-03-02')).toBe(17);
    expect(ageOn('2008-03-02', '2026-03-02')).toBe(18);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageOn('2008-02-29', '2028-02-29')).toBe(20);
  });
  it('picks the later of two dates', () => {
    expect(laterDate('2026-01-02', '2025-12-31')).toBe('2026-01-02');
    expect(laterDate('2025-12-31', '2026-01-02')).toBe('2026-01-02');
  });
});
