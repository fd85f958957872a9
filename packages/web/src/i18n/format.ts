import type { UiLocale } from '@stipple/core';

export interface PersonName {
  givenName: string;
  familyName: string;
}

// Han ideographs, kana and hangul: names written in these scripts put the family name first
// and need no space between the parts.
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * A person's name the way the name itself is written, whatever the UI language: a name in
 * Chinese characters family name first with no space ("王芳"), a Latin-script name given name
 * first ("José Núñez"), as Chinese software shows foreign names too. Reordering a Latin name
 * for the Chinese UI ("Núñez José") would show a client a name they do not use.
 */
export function formatPersonName(name: PersonName): string {
  const given = name.givenName.trim();
  const family = name.familyName.trim();
  if (!given) return family;
  if (!family) return given;
  const cjk = CJK.test(given) || CJK.test(family);
  if (cjk) return family + given;
  return `${given} ${family}`;
}

/** Initials for an avatar: the family name's first character for CJK names, else given + family initials. */
export function personInitials(name: PersonName): string {
  const given = name.givenName.trim();
  const family = name.familyName.trim();
  if (CJK.test(family) || CJK.test(given)) return (family || given).slice(0, 1);
  return ((given[0] ?? '') + (family[0] ?? '')).toUpperCase() || '?';
}

/** A calendar date (YYYY-MM-DD) in the locale's medium style; never shifted by the time zone. */
export function formatIsoDate(isoDate: string, locale: UiLocale): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return isoDate;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** An instant in the viewer's time zone, date and time, in the locale's style. */
export function formatDateTime(timestamp: string, locale: UiLocale, timeZone?: string): string {
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) return timestamp;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(date);
}

/** Completed years between a date of birth and `today` (both YYYY-MM-DD). */
export function ageOn(dateOfBirth: string, today: string): number | null {
  const re = /^(\d{4})-(\d{2})-(\d{2})$/;
  const b = re.exec(dateOfBirth);
  const t = re.exec(today);
  if (!b || !t) return null;
  let age = Number(t[1]) - Number(b[1]);
  if (t[2]! + t[3]! < b[2]! + b[3]!) age -= 1;
  return age >= 0 ? age : null;
}

/** The name of a language tag in the UI language, e.g. `pt-BR` → "Brazilian Portuguese" / "巴西葡萄牙语". */
export function languageName(tag: string, locale: UiLocale): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** Today's date as YYYY-MM-DD in the viewer's time zone. */
export function todayIso(now = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** "Phone, Email and Notes" / "电话、邮箱和备注". */
export function formatList(items: string[], locale: UiLocale): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
}

/** A time of day in the viewer's time zone ("10:30" / "上午10:30"). */
export function formatTime(timestamp: string | Date, locale: UiLocale): string {
  const date = typeof timestamp === 'string' ? new Date(timestamp) : timestamp;
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(date);
}

/** "Mon 3 Dec" / "12月3日周一". */
export function formatWeekday(date: Date, locale: UiLocale): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short' }).format(date);
}

/**
 * The same as formatWeekday, in the pieces a narrow column may put on lines of their own: the
 * weekday and the date ("12月7日", "周一"; "Mon ", "7 Dec"), never a weekday cut in two ("周 / 一").
 */
export function formatWeekdayPieces(date: Date, locale: UiLocale): string[] {
  const parts = new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  }).formatToParts(date);
  const pieces: string[] = [];
  let current = '';
  let weekday: boolean | null = null;
  for (const part of parts) {
    const isWeekday = part.type === 'weekday';
    if (part.type !== 'literal' && weekday !== null && isWeekday !== weekday) {
      pieces.push(current);
      current = '';
    }
    current += part.value;
    if (part.type !== 'literal') weekday = isWeekday;
  }
  pieces.push(current);
  return pieces;
}

/** YYYY-MM-DD of a Date in the viewer's time zone. */
export function isoDateOf(date: Date): string {
  return todayIso(date);
}

/** The instant of a local date (YYYY-MM-DD) and time (HH:mm) in the viewer's time zone. */
export function localInstant(date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return new Date(y, m - 1, d, hh, mm);
}
