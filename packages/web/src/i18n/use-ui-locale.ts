import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { notifications } from '@mantine/notifications';
import type { UiLocale } from '@stipple/core';
import { isUiLocale, rememberLocale } from './locale.js';
import { useApi } from '../api/ApiProvider.js';
import { useSession, useUpdateSessionUser } from '../api/session.js';
import { describeError } from '../api/describe-error.js';

function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Applies a locale to this page: texts, the document language, and the device's remembered choice. */
export function applyLocale(i18n: { changeLanguage: (l: string) => unknown }, locale: UiLocale): void {
  void i18n.changeLanguage(locale);
  document.documentElement.lang = locale;
  rememberLocale(browserStorage(), locale);
}

/** The UI locale the texts are shown in; dates, numbers and lists are formatted for it too. */
export function useLocale(): UiLocale {
  const { i18n } = useTranslation();
  return isUiLocale(i18n.language) ? i18n.language : 'en';
}

/**
 * The UI language and a setter. Signed in, the choice is saved to the account
 * (`PATCH /api/me/preferences`) so it follows the user to other devices; before sign-in it is
 * remembered on this device only.
 */
export function useUiLocale(): [UiLocale, (locale: UiLocale) => void] {
  const { i18n, t } = useTranslation();
  const api = useApi();
  const session = useSession();
  const updateUser = useUpdateSessionUser();
  const locale = useLocale();
  const signedIn = Boolean(session.data);

  const setLocale = useCallback(
    (next: UiLocale) => {
      applyLocale(i18n, next);
      if (!signedIn) return;
      api.setMyLocale(next).then(updateUser, (err: unknown) => {
        notifications.show({
          color: 'red',
          message: t('language.saveFailed', { message: describeError(err, t) }),
        });
      });
    },
    [api, i18n, signedIn, t, updateUser],
  );
  return [locale, setLocale];
}
