import { describe, expect, it } from 'vitest';
import {
  ageOn,
  formatDateTime,
  formatIsoDate,
  formatList,
  formatPersonName,
  formatWeekday,
  formatWeekdayPieces,
  languageName,
  personInitials,
} from './format.js';
import { initialLocale, matchUiLocale } from './locale.js';

describe('formatPersonName', () => {
  const jose = { givenName: 'José', familyName: 'Núñez' };
  const wang = { givenName: '芳', familyName: '王' };

  it('writes a Latin-script name given name first, with a space, in every UI language', () => {
    expect(formatPersonName(jose)).toBe('José Núñez');
  });

  it('writes a name in Chinese characters family name first, without a space', () => {
    expect(formatPersonName(wang)).toBe('王芳');
    expect(formatPersonName({ givenName: '小明', familyName: '欧阳' })).toBe('欧阳小明');
  });

  it('shows whichever part exists when the other is empty', () => {
    expect(formatPersonName({ givenName: '', familyName: 'Núñez' })).toBe('Núñez');
    expect(formatPersonName({ givenName: '  ', familyName: '王' })).toBe('王');
  });

  it('gives initials by script', () => {
    expect(personInitials(jose)).toBe('JN');
    expect(personInitials(wang)).toBe('王');
  });
});

describe('dates', () => {
  it('formats a date of birth in the chosen language without a time-zone shift', () => {
    expect(formatIsoDate('1985-03-01', 'en')).toBe('Mar 1, 1985');
    expect(formatIsoDate('1985-03-01', 'zh-CN')).toBe('1985年3月1日');
  });

  it('formats an instant in the chosen language', () => {
    const at = '2026-11-21T14:05:00Z';
    expect(formatDateTime(at, 'en', 'UTC')).toMatch(/^Nov 21, 2026, 2:05\sPM$/);
    expect(formatDateTime(at, 'zh-CN', 'UTC')).toBe('2026年11月21日 14:05');
  });

  it('counts completed years of age', () => {
    expect(ageOn('1985-03-12', '2026-03-11')).toBe(40);
    expect(ageOn('1985-03-12', '2026-03-12')).toBe(41);
    expect(ageOn('2000-02-29', '2001-02-28')).toBe(0);
    expect(ageOn('not a date', '2026-01-01')).toBeNull();
  });

  it('joins lists the way each language does', () => {
    expect(formatList(['Phone', 'Email', 'Notes'], 'en')).toBe('Phone, Email, and Notes');
    expect(formatList(['电话', '邮箱', '备注'], 'zh-CN')).toBe('电话、邮箱和备注');
  });

  it("gives a calendar day's title in pieces that are never cut: the date and the weekday", () => {
    const monday = new Date(2026, 11, 7, 12);
    expect(formatWeekdayPieces(monday, 'zh-CN')).toEqual(['12月7日', '周一']);
    for (const locale of ['en', 'zh-CN'] as const)
      expect(formatWeekdayPieces(monday, locale).join('')).toBe(formatWeekday(monday, locale));
    expect(formatWeekdayPieces(monday, 'en')[0]).toMatch(/^Mon\W*$/);
  });

  it('names languages in the UI language', () => {
    expect(languageName('es', 'en')).toBe('Spanish');
    expect(languageName('es', 'zh-CN')).toBe('西班牙语');
  });
});

describe('locale before sign-in', () => {
  const storage = (value: string | null) => ({ getItem: () => value });

  it('prefers the choice remembered on this device', () => {
    expect(initialLocale(storage('zh-CN'), ['en-US'])).toBe('zh-CN');
  });

  it('falls back to the first browser language we have, else English', () => {
    expect(initialLocale(storage(null), ['fr-FR', 'zh-Hans-CN', 'en'])).toBe('zh-CN');
    expect(initialLocale(storage('xx'), ['de'])).toBe('en');
  });

  it('does not take Traditional Chinese for Simplified', () => {
    expect(matchUiLocale('zh-TW')).toBeNull();
    expect(matchUiLocale('zh-Hant-HK')).toBeNull();
    expect(matchUiLocale('zh')).toBe('zh-CN');
  });
});
