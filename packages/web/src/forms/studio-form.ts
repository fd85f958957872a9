import type { StudioProfile, StudioSettings, UiLocale } from '@stipple/core';

/** Currencies offered in the settings (any three-letter code is accepted by the server). */
export const CURRENCIES = ['GBP', 'EUR', 'USD', 'CNY', 'HKD', 'SGD', 'AUD', 'CAD', 'NZD', 'CHF'] as const;

/** The browser's own time zone: the likeliest zone of a studio being set up from it. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/London';
  } catch {
    return 'Europe/London';
  }
}

/** Every IANA zone the browser knows, for the time zone picker. */
export function timeZoneOptions(current: string): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [current];
  return zones.includes(current) ? zones : [current, ...zones];
}

/** The editable profile of saved settings (what the settings form starts from). */
export function profileOf(s: StudioSettings): StudioProfile {
  return {
    name: s.name,
    slug: s.slug,
    address: s.address,
    phone: s.phone,
    email: s.email,
    timeZone: s.timeZone,
    languages: s.languages,
    currency: s.currency,
    consultationMinutes: s.consultationMinutes,
    consultationTypes: s.consultationTypes,
    intro: s.intro,
    policy: s.policy,
  };
}

/** "£25.00" / "£25.00" in the UI language, from minor units. */
export function formatMoney(minor: number, currency: string, locale: UiLocale): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(minor / 100);
  } catch {
    return `${(minor / 100).toFixed(2)} ${currency}`;
  }
}

/**
 * An amount typed in major units (a NumberField's value: a number, the text when it is not one,
 * undefined when empty) in minor units, never rounded: whole pence when it is a number of pence;
 * pence with a fraction when it has more, and the text when it is not a number, both refused by
 * the schema (translateMinorUnitsIssue says why in pounds); null when empty.
 */
export function minorOfTyped(major: number | string | undefined): number | string | null {
  if (major === undefined) return null;
  if (typeof major === 'string') return major;
  const minor = Math.round(major * 100);
  return Math.abs(minor - major * 100) < 1e-6 ? minor : major * 100;
}

/** The fields that changed between two profiles (the PATCH body sends only these). */
export function changedFields(before: StudioProfile, after: StudioProfile): Partial<StudioProfile> {
  const keys = (Object.keys(after) as (keyof StudioProfile)[]).filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
  return Object.fromEntries(keys.map((key) => [key, after[key]]));
}
