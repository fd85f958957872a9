import { z } from 'zod';
import { Id, Timestamp, UiLocale } from './common.schema.js';

export const STAFF_ROLES = ['owner', 'artist', 'front_desk'] as const;
export const StaffRole = z.enum(STAFF_ROLES);
export type StaffRole = z.infer<typeof StaffRole>;

export const Email = z
  .email({ message: 'notAnEmail' })
  .max(254)
  .transform((s) => s.trim().toLowerCase());

/** Length only; the server also scores strength (zxcvbn) and names the weakness. */
export const NewPassword = z.string().min(12, { message: 'tooShort' }).max(256, { message: 'tooLong' });

export const StaffMember = z.object({
  id: Id,
  studioId: Id,
  email: z.string(),
  name: z.string(),
  role: StaffRole,
  active: z.boolean(),
  locale: UiLocale,
  createdAt: Timestamp,
});
export type StaffMember = z.infer<typeof StaffMember>;

/** What the public invitation page learns about an invitation before the password is set. */
export const InvitationPreview = z.object({
  email: z.string(),
  name: z.string(),
  role: StaffRole,
  studioName: z.string(),
});
export type InvitationPreview = z.infer<typeof InvitationPreview>;

export const LoginRequest = z.strictObject({
  email: Email,
  password: z.string().min(1, { message: 'required' }).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

/** What the web app learns about the signed-in user; `csrfToken` goes back in `x-csrf-token`. */
export const SessionInfo = z.object({
  user: StaffMember,
  studio: z.object({ id: Id, name: z.string() }),
  csrfToken: z.string(),
  /** When the session ends unless it is used again (it slides while in use). */
  expiresAt: Timestamp,
  /** When it ends however busy it is (STIPPLE_SESSION_MAX_HOURS after signing in). */
  endsAtLatest: Timestamp,
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const InviteStaffRequest = z.strictObject({
  email: Email,
  name: z.string().trim().min(1, { message: 'required' }).max(200),
  role: StaffRole,
});
export type InviteStaffRequest = z.infer<typeof InviteStaffRequest>;

export const StaffInvitation = z.object({
  id: Id,
  email: z.string(),
  name: z.string(),
  role: StaffRole,
  expiresAt: Timestamp,
  /** Only in the answer to the invite itself: the one-time link to hand to the new staff member. */
  acceptUrl: z.string().optional(),
});
export type StaffInvitation = z.infer<typeof StaffInvitation>;

export const AcceptInvitationRequest = z.strictObject({
  token: z.string().min(20).max(200),
  password: NewPassword,
  /** The language the invitation page was read in: the new account keeps it (else English). */
  locale: UiLocale.optional(),
});
export type AcceptInvitationRequest = z.infer<typeof AcceptInvitationRequest>;

export const UpdateStaffRequest = z
  .strictObject({
    role: StaffRole.optional(),
    active: z.boolean().optional(),
    name: z.string().trim().min(1).max(200).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothingToChange' });
export type UpdateStaffRequest = z.infer<typeof UpdateStaffRequest>;

export const UpdateMyPreferencesRequest = z.strictObject({ locale: UiLocale });

/** Changing your own password: the current one proves it is you at the keyboard. */
export const ChangePasswordRequest = z.strictObject({
  currentPassword: z.string().min(1, { message: 'required' }).max(256),
  newPassword: NewPassword,
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

export const RequestPasswordResetRequest = z.strictObject({ email: Email });
export type RequestPasswordResetRequest = z.infer<typeof RequestPasswordResetRequest>;

export const CompletePasswordResetRequest = z.strictObject({
  token: z.string().min(20).max(200),
  password: NewPassword,
});
export type CompletePasswordResetRequest = z.infer<typeof CompletePasswordResetRequest>;

/** What the reset page shows before the new password is chosen (and judges it against). */
export const PasswordResetPreview = z.object({
  email: z.string(),
  name: z.string(),
  studioName: z.string(),
  expiresAt: Timestamp,
});
export type PasswordResetPreview = z.infer<typeof PasswordResetPreview>;

/** Whether this server can email reset links (it needs SMTP and its public address). */
export const PasswordResetAvailability = z.object({ byEmail: z.boolean() });
export type PasswordResetAvailability = z.infer<typeof PasswordResetAvailability>;
