import { IsoDate, WorkingHours } from '@stipple/core';
import type { FieldErrors } from './schema-form.js';
import type { ApiFieldError } from '../api/api-error.js';
import { translateFieldError, translateIssue, type Translate } from './validation-messages.js';

/** One time range as the editor shows it: "HH:MM" strings, studio time. */
export interface TimeRange {
  start: string;
  end: string;
}

/** A day that differs from the week: closed, or open for one range. */
export interface ExceptionDraft {
  date: string;
  closed: boolean;
  start: string;
  end: string;
  reason: string;
}

/**
 * The weekly editor's state: for each weekday (0 = Sunday, as the API counts) its ranges (none =
 * closed), and the exceptions. Field error keys use the same shape: `days.1.0.end`, `exceptions.2.date`.
 */
export interface WorkingHoursDraft {
  days: TimeRange[][];
  exceptions: ExceptionDraft[];
}

/** Monday first, as studios plan their week; the numbers are the API's (0 = Sunday). */
export const WEEKDAYS_MONDAY_FIRST = [1, 2, 3, 4, 5, 6, 0] as const;

export const DEFAULT_RANGE: TimeRange = { start: '09:00', end: '17:00' };

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "09:30" → 570; "24:00" is the end of the day; anything else → null. */
export function minutesOf(time: string): number | null {
  const t = time.trim();
  if (t === '24:00') return 24 * 60;
  const m = TIME.exec(t);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** 570 → "09:30". */
export function timeOf(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** The API's answer as the editor's state. */
export function draftFromWorkingHours(hours: WorkingHours): WorkingHoursDraft {
  const days: TimeRange[][] = Array.from({ length: 7 }, () => []);
  const sorted = [...hours.weekly].sort((a, b) => a.weekday - b.weekday || a.start - b.start);
  for (const slot of sorted) days[slot.weekday]!.push({ start: timeOf(slot.start), end: timeOf(slot.end) });
  return {
    days,
    exceptions: hours.exceptions.map((e) => ({
      date: e.date,
      closed: e.start === null,
      start: e.start === null ? DEFAULT_RANGE.start : timeOf(e.start),
      end: e.end === null ? DEFAULT_RANGE.end : timeOf(e.end),
      reason: e.reason,
    })),
  };
}

export interface WorkingHoursRequest {
  body: WorkingHours;
  /** For each entry of `body.weekly`, its place in the editor (`days.<weekday>.<range>`). */
  weeklyKeys: string[];
}

/**
 * The editor's state as the PUT body, or the field errors that keep it from being one (times that
 * are not times, ranges that end before they start or overlap the one before).
 */
export function workingHoursRequest(
  draft: WorkingHoursDraft,
  t: Translate,
): { ok: true; request: WorkingHoursRequest } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const weekly: WorkingHours['weekly'] = [];
  const weeklyKeys: string[] = [];
  draft.days.forEach((ranges, weekday) => {
    const parsed = ranges.map((r, i) => {
      const key = `days.${weekday}.${i}`;
      const start = minutesOf(r.start);
      const end = minutesOf(r.end);
      if (start === null) errors[`${key}.start`] = t('workingHours.notATime');
      if (end === null) errors[`${key}.end`] = t('workingHours.notATime');
      else if (start !== null && end <= start) errors[`${key}.end`] = t('workingHours.endAfterStart');
      return { key, start, end };
    });
    const ordered = parsed
      .filter((p) => p.start !== null && p.end !== null)
      .sort((a, b) => a.start! - b.start!);
    for (let i = 1; i < ordered.length; i++) {
      if (ordered[i]!.start! < ordered[i - 1]!.end!)
        errors[`${ordered[i]!.key}.start`] ??= t('workingHours.overlaps');
    }
    for (const p of parsed) {
      if (p.start === null || p.end === null) continue;
      weekly.push({ weekday, start: p.start, end: p.end });
      weeklyKeys.push(p.key);
    }
  });
  const seen = new Set<string>();
  const exceptions: WorkingHours['exceptions'] = draft.exceptions.map((e, i) => {
    const key = `exceptions.${i}`;
    if (e.date.trim() === '') errors[`${key}.date`] = t('validation.required');
    // As typed: a day that does not exist (2090-13-45) is refused, never rolled over to another.
    else if (!IsoDate.safeParse(e.date).success) errors[`${key}.date`] = t('messages.field.notADate');
    else if (seen.has(e.date)) errors[`${key}.date`] = t('workingHours.dateTwice');
    seen.add(e.date);
    if (e.closed) return { date: e.date, start: null, end: null, reason: e.reason.trim() };
    const start = minutesOf(e.start);
    const end = minutesOf(e.end);
    if (start === null) errors[`${key}.start`] = t('workingHours.notATime');
    if (end === null) errors[`${key}.end`] = t('workingHours.notATime');
    else if (start !== null && end <= start) errors[`${key}.end`] = t('workingHours.endAfterStart');
    return { date: e.date, start: start ?? 0, end: end ?? 0, reason: e.reason.trim() };
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  // The shared schema is what the server applies: anything it still refuses is shown the same way.
  const parsed = WorkingHours.safeParse({ weekly, exceptions }, { reportInput: true });
  if (!parsed.success) {
    const fromSchema: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const key = editorKey(issue.path.map(String).join('.'), weeklyKeys);
      fromSchema[key] ??= translateIssue(issue, t);
    }
    return { ok: false, errors: fromSchema };
  }
  return { ok: true, request: { body: parsed.data, weeklyKeys } };
}

/**
 * A field path of the API (`weekly.3.end`, `exceptions.1.date`) as the editor's key
 * (`days.2.1.end`), so a refusal shows next to the field it names.
 */
export function editorKey(apiField: string, weeklyKeys: readonly string[]): string {
  const m = /^weekly\.(\d+)(\..*)?$/.exec(apiField);
  if (!m) return apiField;
  const key = weeklyKeys[Number(m[1])];
  return key ? `${key}${m[2] ?? ''}` : apiField;
}

/** The server's field errors keyed for the editor. */
export function editorErrors(
  serverFields: Record<string, ApiFieldError>,
  weeklyKeys: readonly string[],
  t: Translate,
): FieldErrors {
  const out: FieldErrors = {};
  for (const [field, error] of Object.entries(serverFields))
    out[editorKey(field, weeklyKeys)] ??= translateFieldError(error, t);
  return out;
}

/** A short summary of one weekday for the calendar: "09:00–13:00, 14:00–19:00", or null when closed. */
export function dayHoursText(hours: WorkingHours, weekday: number, date: string): string | null {
  const exception = hours.exceptions.find((e) => e.date === date);
  if (exception) {
    return exception.start === null || exception.end === null
      ? null
      : `${timeOf(exception.start)}–${timeOf(exception.end)}`;
  }
  const slots = hours.weekly.filter((w) => w.weekday === weekday).sort((a, b) => a.start - b.start);
  if (slots.length === 0) return null;
  return slots.map((s) => `${timeOf(s.start)}–${timeOf(s.end)}`).join(', ');
}

/** Whether [start, end) minutes of a day fall inside the hours of `date` (no hours at all: no limit). */
export function withinWorkingHours(
  hours: WorkingHours,
  weekday: number,
  date: string,
  start: number,
  end: number,
): boolean {
  if (hours.weekly.length === 0 && hours.exceptions.length === 0) return true;
  const exception = hours.exceptions.find((e) => e.date === date);
  const slots = exception
    ? exception.start === null || exception.end === null
      ? []
      : [{ start: exception.start, end: exception.end }]
    : hours.weekly.filter((w) => w.weekday === weekday);
  return slots.some((s) => start >= s.start && end <= s.end);
}
