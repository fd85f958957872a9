import { isApiRequestError } from './api-error.js';
import type { Translate } from '../forms/validation-messages.js';

/** Codes the app explains in its own words, in every language. */
const KNOWN_CODES = new Set([
  'network_error',
  'bad_response',
  'invalid_credentials',
  'rate_limited',
  'unauthorized',
  'forbidden',
  'csrf_failed',
  'not_found',
  'conflict',
  'validation_failed',
  'server_error',
  // Studio setup and the public side
  'signup_closed',
  'signup_invitation_invalid',
  'email_taken',
  'slug_taken',
  // The portal and the kiosk
  'aftercare_day_ahead',
  'link_invalid',
]);

/**
 * A message for a failed request, in the user's language. Errors the app knows get its own
 * wording; anything else shows the server's message (safe to show, by contract).
 */
export function describeError(err: unknown, t: Translate): string {
  if (isApiRequestError(err)) {
    if (KNOWN_CODES.has(err.code)) return t(`errors.${err.code}`);
    if (err.status >= 500) return t('errors.server_error');
    return t('errors.unknown', { message: err.message });
  }
  const message = err instanceof Error ? err.message : String(err);
  return t('errors.unknown', { message });
}
