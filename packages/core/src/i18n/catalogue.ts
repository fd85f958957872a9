// The message catalogue's types, and rendering a message in a language. Rendering goes through
// i18next, as the web app does with the same catalogue, so a message reads the same wherever it
// is shown. Pure: an in-memory i18next instance, no I/O.
import i18next, { type TFunction, type i18n as I18n } from 'i18next';
import { UI_LOCALES, type UiLocale } from '../domain/common.schema.js';
import { MESSAGES_EN } from './messages.en.js';
import { MESSAGES_ZH_CN } from './messages.zh-CN.js';

type En = typeof MESSAGES_EN;
type PluralSuffix = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
type BaseKey<K> = K extends `${infer B}_${PluralSuffix}` ? B : K;

/** A catalogue in another language: the English keys, where a plural needs only its `_other` form. */
export type Catalogue = {
  [S in keyof En]: { [K in keyof En[S] & string as K extends `${string}_one` ? never : K]: string };
};

/** The summary of a refused request (ApiError `code`). */
export type ErrorCode = BaseKey<Extract<keyof En['error'], string>>;
/** What is wrong with one field (ApiError `fields[].code`, a schema's custom message). */
export type FieldCode = BaseKey<Extract<keyof En['field'], string>>;
export type EntityName = keyof En['entity'];

/** A parameter; `{ t: key }` is itself translated first (e.g. an entity's name). */
export type MessageParam = string | number | string[] | { t: string };
export type MessageParams = Record<string, MessageParam>;

export const CATALOGUES: Record<UiLocale, Catalogue> = {
  en: MESSAGES_EN,
  'zh-CN': MESSAGES_ZH_CN,
};

const FIELD_CODES = new Set(
  Object.keys(MESSAGES_EN.field).map((k) => k.replace(/_(zero|one|two|few|many|other)$/, '')),
);
export const isFieldCode = (value: string): value is FieldCode => FIELD_CODES.has(value);

/** A calendar date (YYYY-MM-DD) in the language's medium style, never shifted by a time zone. */
export function formatIsoDateIn(locale: string, isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return isoDate;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** The formatters the catalogue uses beyond i18next's own (number, list, …); web and server add them. */
export function addMessageFormatters(instance: I18n): void {
  instance.services.formatter?.add('isoDate', (value: unknown, lng: string | undefined) =>
    typeof value === 'string' ? formatIsoDateIn(lng ?? 'en', value) : String(value),
  );
}

/**
 * Renders `key` (e.g. `error.notFound`, `field.atLeast`) with its params through `t`, a
 * translation function whose keys are the catalogue's (the web app passes one fixed to the
 * prefix it keeps the catalogue under).
 */
export function translateMessage(t: TFunction, key: string, params: MessageParams = {}): string {
  const resolved: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params)) {
    resolved[name] =
      typeof value === 'object' && value !== null && 't' in value ? t(value.t as never) : value;
  }
  return t(key as never, { ...resolved, defaultValue: '' } as never) as unknown as string;
}

/**
 * The name of a field for a summary, from its path: `assessment.scars.0.lengthMm` → "scar 1 ›
 * length (mm)": the field's own label, after the list item it belongs to. A field without a
 * label is named by its nearest labelled parent (the summary then points at the right section).
 */
export function fieldLabel(t: TFunction, path: string): string {
  const segments = path.split('.').filter(Boolean);
  const labelAt = (i: number): string => {
    const next = segments[i + 1];
    const n = next !== undefined && /^\d+$/.test(next) ? Number(next) + 1 : '';
    return translateMessage(t, `label.${segments[i]!}`, { n }).trim();
  };
  const named = segments.map((s, i) => (/^\d+$/.test(s) ? '' : labelAt(i)));
  const own = named.findLastIndex((label) => label !== '');
  if (own < 0) return '';
  const item = segments.findLastIndex(
    (_, i) => i < own && /^\d+$/.test(segments[i + 1] ?? '') && named[i] !== '',
  );
  return item >= 0 ? `${named[item]!} › ${named[own]!}` : named[own]!;
}

let instance: I18n | undefined;

function messagesI18n(): I18n {
  if (instance) return instance;
  const created = i18next.createInstance();
  void created.init({
    resources: Object.fromEntries(UI_LOCALES.map((l) => [l, { translation: CATALOGUES[l] }])),
    lng: 'en',
    fallbackLng: 'en',
    supportedLngs: [...UI_LOCALES],
    load: 'currentOnly',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  addMessageFormatters(created);
  instance = created;
  return created;
}

/** A translation function for the catalogue in one language (server, command line). */
export function messagesIn(locale: UiLocale): TFunction {
  return messagesI18n().getFixedT(locale);
}

/** Renders one message of the catalogue in a language. */
export function renderMessage(locale: UiLocale, key: string, params?: MessageParams): string {
  return translateMessage(messagesIn(locale), key, params);
}
