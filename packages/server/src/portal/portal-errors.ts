// The portal's refusals, each with a stable code and its English text, in one place (the shared
// catalogue of server messages will take them over as they are).
import { AppError } from '../http/app-error.js';

export const portalErrors = {
  /** Expired, used, withdrawn, of another purpose, or for a client who is no longer there. */
  linkInvalid: () =>
    new AppError(
      410,
      'link_invalid',
      "This link has expired or was used already; ask for a new one on the studio's page",
    ),
  unknownStudio: () => new AppError(404, 'not_found', 'No such studio'),
  emailUnavailable: () =>
    new AppError(
      409,
      'email_unavailable',
      'This studio cannot email links yet (no email server or public address is set up); please call the studio',
    ),
  signInFirst: () => new AppError(401, 'unauthenticated', 'Open the link from your email first'),
  notFound: (what: string) => new AppError(404, 'not_found', `${what} not found`),
  tooLate: (hours: number) =>
    new AppError(
      409,
      'too_late_to_change',
      `Online changes close ${hours} hours before the appointment; please call the studio`,
    ),
  notChangeable: () =>
    new AppError(409, 'not_changeable', 'This appointment cannot be changed online; please call the studio'),
  consentNotWithdrawable: () =>
    new AppError(
      409,
      'consent_not_withdrawable',
      'A treatment consent is withdrawn by talking to the studio, so that a session is not left half done',
    ),
};
