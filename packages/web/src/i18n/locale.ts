import { UI_LOCALES, type UiLocale } from '@stipple/core';

const STORAGE_KEY = 'stipple.locale';

export function isUiLocale(value: unknown): value is UiLocale {
  return typeof value === 'string' && (UI_LOCALES as readonly string[]).includes(value);
}

/** Maps a browser language (`zh`, `zh-Hans-CN`, `en-GB`) to the closest UI locale. */
export function matchUiLocale(tag: string | null | undefined): UiLocale | null {
  if (!tag) return null;
  const lower = tag.toLowerCase();
  if (lower.startsWith('zh')) return lower.includes('hant') || /-(tw|hk|mo)\b/.test(lower) ? null : 'zh-CN';
  if (lower.startsWith('en')) return 'en';
  return null;
}

/** The locale before anyone signs in: the last choice on this device, else the browser's, else English. */
export function initialLocale(
  storage: Pick<Storage, 'getItem'> | null,
  browserLanguages: readonly string[],
): UiLocale {
  const stored = safeGet(storage);
  if (isUiLocale(stored)) return stored;
  for (const tag of browserLanguages) {
    const match = matchUiLocale(tag);
    if (match) return match;
  }
  return 'en';
}

export function rememberLocale(storage: Pick<Storage, 'setItem'> | null, locale: UiLocale): void {
  try {
    storage?.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode or a full quota: the choice then lasts for this visit only.
  }
}

function safeGet(storage: Pick<Storage, 'getItem'> | null): string | null {
  try {
    return storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}
