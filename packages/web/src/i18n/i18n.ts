import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { UI_LOCALES, type UiLocale } from '@stipple/core';
import en from './en.json';
import zhCN from './zh-CN.json';

export const resources = { en: { translation: en }, 'zh-CN': { translation: zhCN } } as const;

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
  return instance;
}
