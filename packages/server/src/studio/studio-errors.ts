// The studio module's refusals, each with a stable code and its catalogue message, in one place.
import { AppError, bodyField } from '../http/app-error.js';

export const studioErrors = {
  slugTaken: (slug: string, field = 'slug') =>
    new AppError(409, 'slug_taken', 'slugTaken', { slug }, [bodyField(field, 'slugTaken')]),
  staleStudio: (version: number) =>
    new AppError(409, 'conflict', 'staleStudio', {}, [bodyField('version', 'stale', { version })]),
  ownerOnly: () => new AppError(403, 'forbidden', 'ownerOnlyStudio'),
  noLogo: () => new AppError(404, 'not_found', 'noLogo'),
  signupClosed: () => new AppError(403, 'signup_closed', 'signupClosed'),
  invitationInvalid: () =>
    new AppError(403, 'signup_invitation_invalid', 'signupInvitationInvalid', {}, [
      bodyField('invitation', 'invitationInvalid'),
    ]),
  emailTaken: () =>
    new AppError(409, 'email_taken', 'emailTaken', {}, [bodyField('owner.email', 'emailTaken')]),
};
