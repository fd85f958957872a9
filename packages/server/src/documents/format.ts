// Dates and times for documents and messages, in the studio's time zone and the reader's language.
export type DocLocale = 'en' | 'zh-CN';

export const docLocale = (language: string | null | undefined): DocLocale =>
  language?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';

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
