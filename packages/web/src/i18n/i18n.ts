import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { addMessageFormatters, CATALOGUES, UI_LOCALES, type UiLocale } from '@stipple/core';
import en from './en.json';
import zhCN from './zh-CN.json';

/**
 * The app's own texts, and under `messages` the catalogue it shares with the server (core/src/i18n):
 * server errors by their codes, and the field messages of the shared schemas.
 */
export const resources = {
  en: { translation: { ...en, messages: CATALOGUES.en } },
  'zh-CN': { translation: { ...zhCN, messages: CATALOGUES['zh-CN'] } },
} as const;

export function createI18n(locale: UiLocale): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: locale,
    fallbackLng: 'en',
    supportedLngs: [...UI_LOCALES],
    // 'zh-CN' is a complete translation: don't also look for a 'zh' bundle.
    load: 'currentOnly',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  addMessageFormatters(instance);
  return instance;
}
