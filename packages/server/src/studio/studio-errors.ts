// The studio module's refusals, each with a stable code and its English text, in one place (the
// shared catalogue of server messages will take them over as they are).
import { AppError } from '../http/app-error.js';

export const studioErrors = {
  slugTaken: (slug: string, field = 'slug') =>
    new AppError(409, 'slug_taken', `The address /s/${slug} is taken by another studio; choose another`, [
      { in: 'body', field, message: 'is taken by another studio' },
    ]),
  staleStudio: (version: number) =>
    new AppError(409, 'conflict', 'Someone else changed the studio settings since you opened them; reload', [
      { in: 'body', field: 'version', message: `is stale: the settings are at version ${version}` },
    ]),
  ownerOnly: () => new AppError(403, 'forbidden', 'Only the studio owner may change the studio settings'),
  noLogo: () => new AppError(404, 'not_found', 'The studio has no logo'),
  signupClosed: () =>
    new AppError(
      403,
      'signup_closed',
      'This installation takes no new studios (STIPPLE_SIGNUP); sign in to your studio instead',
    ),
  invitationInvalid: () =>
    new AppError(
      403,
      'signup_invitation_invalid',
      'A new studio needs a valid invitation here: this one is missing, used, expired or for another email',
      [{ in: 'body', field: 'invitation', message: 'is missing, used, expired or for another email' }],
    ),
  emailTaken: () =>
    new AppError(409, 'email_taken', 'That email already signs in to a studio here; use another', [
      { in: 'body', field: 'owner.email', message: 'already has an account here' },
    ]),
};
