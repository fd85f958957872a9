// Dates and times for documents and messages, in the studio's time zone and the reader's language.
export type DocLocale = 'en' | 'zh-CN';

export const docLocale = (language: string | null | undefined): DocLocale =>
  language?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';

/**
 * "Label: text" / "标签：text": after a Chinese label the full-width colon, which carries its own
 * space. Without a text, the label of a list that follows ("Reasons:" / "原因：").
 */
export function labelled(locale: DocLocale, label: string, text?: string): string {
  if (locale === 'zh-CN') return `${label}：${text ?? ''}`;
  return text === undefined ? `${label}:` : `${label}: ${text}`;
}

/** A remark after a word: " (scar 1)" / "（疤痕 1）", the brackets being the language's own. */
export function aside(locale: DocLocale, text: string): string {
  return locale === 'zh-CN' ? `（${text}）` : ` (${text})`;
}

/** "a, b and c" / "a、b和c". */
export function listOf(locale: DocLocale, items: readonly string[]): string {
  return new Intl.ListFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-GB', { type: 'conjunction' }).format(items);
}

export function formatInstant(at: Date, locale: DocLocale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone,
  }).format(at);
}

export function formatDay(isoDate: string, locale: DocLocale): string {
  const d = new Date(`${isoDate}T12:00:00Z`);
  return new Intl.DateTimeFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(d);
}
