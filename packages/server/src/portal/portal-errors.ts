// The portal's refusals, each with a stable code and its catalogue message, in one place.
import type { EntityName } from '@stipple/core';
import { AppError, notFound } from '../http/app-error.js';

export const portalErrors = {
  /** Expired, used, withdrawn, of another purpose, or for a client who is no longer there. */
  linkInvalid: () => new AppError(410, 'link_invalid', 'portalLinkInvalid'),
  unknownStudio: () => new AppError(404, 'not_found', 'noSuchStudio'),
  emailUnavailable: () => new AppError(409, 'email_unavailable', 'portalEmailUnavailable'),
  signInFirst: () => new AppError(401, 'unauthenticated', 'portalSignInFirst'),
  notFound: (what: EntityName) => notFound(what),
  tooLate: (hours: number) => new AppError(409, 'too_late_to_change', 'tooLateToChange', { hours }),
  notChangeable: () => new AppError(409, 'not_changeable', 'notChangeableOnline'),
  consentNotWithdrawable: () => new AppError(409, 'consent_not_withdrawable', 'consentNotWithdrawable'),
};
