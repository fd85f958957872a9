// Changing a password (with the current one) and resetting a forgotten one by a one-time link
// sent by email through the outbox. A reset request answers the same whether or not the address
// has an account, so it cannot be used to find out who works where; the link works once, for
// RESET_MINUTES, and setting a new password ends every session and every other link.
import type {
  ChangePasswordRequest,
  CompletePasswordResetRequest,
  PasswordResetPreview,
} from '@stipple/core';
import type { Config } from '../config.js';
import { audit } from '../audit/audit-trail.js';
import { auditRepository } from '../audit/audit.repository.js';
import type { Database } from '../db/database.js';
import { docLocale } from '../documents/format.js';
import { AppError, bodyField, invalid, notFound } from '../http/app-error.js';
import { passwordResetText } from '../outbox/message-texts.js';
import { enqueueStaffMessage } from '../outbox/outbox.service.js';
import { staffRepository, type StaffRow } from '../staff/staff.repository.js';
import { studioRepository } from '../studio/studio.repository.js';
import type { Actor } from './actor.js';
import type { LoginThrottle } from './login-throttle.js';
import { hashPassword, passwordWeakness, verifyPassword } from './password.js';
import { findUsableLink, issueLink, useLink } from './one-time-links.js';
import { oneTimeLinkRepository, type OneTimeLinkRow } from './one-time-link.repository.js';
import { signInSessionRepository } from './sign-in-session.repository.js';

export const RESET_MINUTES = 30;

export const resetLinkInvalid = () => new AppError(410, 'reset_link_invalid', 'resetLinkInvalid');

export const currentPasswordWrong = () =>
  new AppError(400, 'current_password_wrong', 'currentPasswordWrong', {}, [
    bodyField('currentPassword', 'notCurrentPassword'),
  ]);

export const resetUnavailable = () =>
  new AppError(409, 'password_reset_unavailable', 'passwordResetUnavailable');

export class PasswordService {
  constructor(
    private readonly deps: {
      db: Database;
      config: Pick<Config, 'publicUrl' | 'smtpUrl'>;
      throttle: LoginThrottle;
    },
  ) {}

  /** Reset links need an email server and the address staff open the studio at. */
  get resetByEmailAvailable(): boolean {
    return Boolean(this.deps.config.smtpUrl && this.deps.config.publicUrl);
  }

  /**
   * Sets a new password for the signed-in member. Every other session ends (a stolen one among
   * them); this one stays. Wrong current passwords count as failed sign-ins.
   */
  async change(actor: Actor, request: ChangePasswordRequest, ip: string): Promise<void> {
    const { db, throttle } = this.deps;
    const { user, studioName } = await db.withStudio(actor.studioId, async (tx) => {
      const user = await staffRepository.findById(tx, actor.userId);
      if (!user) throw notFound('staffMember');
      return { user, studioName: (await studioRepository.findById(tx, actor.studioId))!.name };
    });
    await throttle.check(ip, user.email);
    if (!(await verifyPassword(user.passwordHash, request.currentPassword))) {
      await throttle.recordFailure(ip, user.email);
      throw currentPasswordWrong();
    }
    this.assertStrong(request.newPassword, user, studioName, 'newPassword');
    if (request.newPassword === request.currentPassword)
      throw invalid([bodyField('newPassword', 'sameAsCurrent')]);
    const passwordHash = await hashPassword(request.newPassword);
    await db.withStudio(actor.studioId, async (tx) => {
      await staffRepository.setPasswordHash(tx, user.id, passwordHash);
      const ended = await signInSessionRepository.deleteForUserExcept(tx, user.id, actor.sessionId);
      await oneTimeLinkRepository.withdrawUnusedOfUser(tx, user.id);
      await audit(tx, actor, 'auth.password_change', 'staff_user', user.id, { otherSessionsEnded: ended });
    });
  }

  /**
   * Emails a reset link when `email` belongs to an active member; answers alike when it does
   * not. Throttled per account and per address (429), whether or not the account exists.
   */
  async requestReset(email: string, ip: string): Promise<void> {
    if (!this.resetByEmailAvailable) throw resetUnavailable();
    const { db, throttle } = this.deps;
    await throttle.countResetRequest(ip, email);
    // System: the person asking is not signed in; the email alone finds the account.
    const user = await db.asSystem((tx) => staffRepository.findByEmail(tx, email));
    // No account: nothing to send. The answer is the same; the per-account and per-address
    // limits above keep anyone from timing many answers.
    if (!user || !user.active) return;
    await db.withStudio(user.studioId, async (tx) => {
      const studio = (await studioRepository.findById(tx, user.studioId))!;
      const { token, link: reset } = await issueLink(tx, {
        purpose: 'password_reset',
        studioId: user.studioId,
        userId: user.id,
        expiresAt: new Date(Date.now() + RESET_MINUTES * 60_000),
      });
      const link = `${this.deps.config.publicUrl}/reset-password/${token}`;
      const text = passwordResetText(docLocale(user.locale), {
        name: user.name,
        studioName: studio.name,
        link,
        minutes: RESET_MINUTES,
      });
      await enqueueStaffMessage(tx, {
        studioId: user.studioId,
        idempotencyKey: `password_reset:${reset.id}`,
        kind: 'password_reset',
        staff: { id: user.id, email: user.email },
        subject: text.subject,
        body: text.body,
        sendAfter: new Date(),
      });
      await auditRepository.record(tx, {
        studioId: user.studioId,
        actorUserId: user.id,
        action: 'auth.password_reset_request',
        entityType: 'staff_user',
        entityId: user.id,
      });
    });
  }

  /** Who a reset link is for (the reset page shows it and judges the new password against it). */
  async previewReset(token: string): Promise<PasswordResetPreview> {
    const { reset, user } = await this.usableReset(token);
    const studio = await this.deps.db.withStudio(user.studioId, (tx) =>
      studioRepository.findById(tx, user.studioId),
    );
    return {
      email: user.email,
      name: user.name,
      studioName: studio!.name,
      expiresAt: reset.expiresAt.toISOString(),
    };
  }

  /** Sets the new password, uses up the link, and ends every session of the member. */
  async completeReset(request: CompletePasswordResetRequest): Promise<void> {
    const { db } = this.deps;
    const { reset, user } = await this.usableReset(request.token);
    const studio = await db.withStudio(user.studioId, (tx) => studioRepository.findById(tx, user.studioId));
    this.assertStrong(request.password, user, studio!.name, 'password');
    const passwordHash = await hashPassword(request.password);
    await db.withStudio(user.studioId, async (tx) => {
      if (!(await useLink(tx, reset))) throw resetLinkInvalid();
      await staffRepository.setPasswordHash(tx, user.id, passwordHash);
      const ended = await signInSessionRepository.deleteForUser(tx, user.id);
      await oneTimeLinkRepository.withdrawUnusedOfUser(tx, user.id);
      await auditRepository.record(tx, {
        studioId: user.studioId,
        actorUserId: user.id,
        action: 'auth.password_reset',
        entityType: 'staff_user',
        entityId: user.id,
        details: { sessionsEnded: ended },
      });
    });
  }

  private assertStrong(password: string, user: StaffRow, studioName: string, field: string): void {
    const weakness = passwordWeakness(password, [user.name, user.email, studioName]);
    if (weakness) throw invalid([bodyField(field, weakness.code, weakness.params)]);
  }

  private async usableReset(token: string): Promise<{ reset: OneTimeLinkRow; user: StaffRow }> {
    const reset = await findUsableLink(this.deps.db, token, ['password_reset']);
    if (!reset?.studioId || !reset.userId) throw resetLinkInvalid();
    const { studioId, userId } = reset;
    const user = await this.deps.db.withStudio(studioId, (tx) => staffRepository.findById(tx, userId));
    if (!user || !user.active) throw resetLinkInvalid();
    return { reset, user };
  }
}
