import { isApiRequestError } from './api-error.js';
import type { Translate } from '../forms/validation-messages.js';
import { catalogueMessage } from '../i18n/messages.js';

/** Failures that never reached a server answer, explained in the app's own words. */
const OWN_CODES = new Set(['network_error', 'bad_response', 'server_error']);
/** Refusals of studio setup and the public side the app words itself when the server's code has no catalogue message. */
const KNOWN_CODES = new Set([
  'signup_closed',
  'signup_invitation_invalid',
  'email_taken',
  'slug_taken',
  // The portal and the kiosk
  'aftercare_day_ahead',
  'link_invalid',
]);

/**
 * A message for a failed request, in the user's language: the server's message rendered from the
 * shared catalogue by its code (so it follows a language switch), else the app's own words for
 * failures without an answer, else what the server wrote (safe to show, by contract).
 */
export function describeError(err: unknown, t: Translate): string {
  if (isApiRequestError(err)) {
    if (OWN_CODES.has(err.code)) return t(`errors.${err.code}`);
    if (err.status >= 500) return t('errors.server_error');
    if (err.messageCode) {
      const said = catalogueMessage(t, `error.${err.messageCode}`, err.params);
      if (said) return said;
    }
    if (KNOWN_CODES.has(err.code)) return t(`errors.${err.code}`);
    return err.message || t('errors.unknown', { message: err.code });
  }
  return t('errors.unknown', { message: err instanceof Error ? err.message : String(err) });
}

/**
 * The message for a failure that concerns one field when the form has no place for it beside
 * the field: the field's own message when there is one, else the summary.
 */
export function describeFirstField(err: unknown, t: Translate): string {
  if (isApiRequestError(err) && err.fields[0]) {
    const f = err.fields[0];
    return catalogueMessage(t, `field.${f.code}`, f.params) || f.message;
  }
  return describeError(err, t);
}
