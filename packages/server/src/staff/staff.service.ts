// Staff management: the owner invites (one-time link, 7 days), changes roles and deactivates;
// a studio always keeps at least one active owner.
import type {
  AcceptInvitationRequest,
  InviteStaffRequest,
  StaffInvitation,
  StaffMember,
  UiLocale,
  UpdateStaffRequest,
  InvitationPreview,
} from '@stipple/core';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { isUniqueViolation } from '../db/pg-errors.js';
import { audit } from '../audit/audit-trail.js';
import { auditRepository } from '../audit/audit.repository.js';
import type { Actor } from '../auth/actor.js';
import type { AuthService, RequestMeta, StartedSession } from '../auth/auth.service.js';
import { hashPassword, passwordWeakness } from '../auth/password.js';
import { signInSessionRepository } from '../auth/sign-in-session.repository.js';
import { hashToken, newToken } from '../auth/tokens.js';
import { bodyField, conflict, gone, invalid, notFound } from '../http/app-error.js';
import { studioRepository } from '../studio/studio.repository.js';
import { invitationRepository, type InvitationRow } from './invitation.repository.js';
import { toStaffInvitation, toStaffMember } from './staff.mapper.js';
import { staffRepository } from './staff.repository.js';

export const INVITATION_DAYS = 7;

export class StaffService {
  constructor(
    private readonly deps: { db: Database; config: Pick<Config, 'publicUrl'>; auth: AuthService },
  ) {}

  async list(actor: Actor): Promise<StaffMember[]> {
    const rows = await this.deps.db.withStudio(actor.studioId, (tx) => staffRepository.list(tx));
    return rows.map(toStaffMember);
  }

  async invite(actor: Actor, request: InviteStaffRequest): Promise<StaffInvitation> {
    const token = newToken();
    const row = await this.deps.db.withStudio(actor.studioId, async (tx) => {
      // Only this studio's members are visible here; an address used in another studio is
      // refused at acceptance, so owners cannot probe other studios' staff lists.
      if (await staffRepository.findByEmail(tx, request.email)) {
        throw conflict('alreadyMember', {}, [bodyField('email', 'alreadyMember')]);
      }
      await invitationRepository.withdrawPendingFor(tx, request.email);
      const invitation = await invitationRepository.create(tx, {
        studioId: actor.studioId,
        email: request.email,
        name: request.name,
        role: request.role,
        tokenHash: hashToken(token),
        invitedBy: actor.userId,
        expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
      });
      await audit(tx, actor, 'staff.invite', 'staff_invitation', invitation.id, { role: request.role });
      return invitation;
    });
    return toStaffInvitation(row, `${this.deps.config.publicUrl ?? ''}/invite/${encodeURIComponent(token)}`);
  }

  async listInvitations(actor: Actor): Promise<StaffInvitation[]> {
    const rows = await this.deps.db.withStudio(actor.studioId, (tx) => invitationRepository.listPending(tx));
    return rows.map((r) => toStaffInvitation(r));
  }

  /** What the invitation page shows before the password is chosen. */
  async previewInvitation(token: string): Promise<InvitationPreview> {
    const invitation = await this.findUsableInvitation(token);
    const studio = await this.deps.db.withStudio(invitation.studioId, (tx) =>
      studioRepository.findById(tx, invitation.studioId),
    );
    return {
      email: invitation.email,
      name: invitation.name,
      role: invitation.role,
      studioName: studio!.name,
    };
  }

  async acceptInvitation(request: AcceptInvitationRequest, meta: RequestMeta): Promise<StartedSession> {
    const invitation = await this.findUsableInvitation(request.token);
    const studio = await this.deps.db.withStudio(invitation.studioId, (tx) =>
      studioRepository.findById(tx, invitation.studioId),
    );
    const weakness = passwordWeakness(request.password, [invitation.name, invitation.email, studio!.name]);
    if (weakness) throw invalid([bodyField('password', weakness.code, weakness.params)]);
    const passwordHash = await hashPassword(request.password);
    try {
      return await this.deps.db.withStudio(invitation.studioId, async (tx) => {
        if (!(await invitationRepository.markAccepted(tx, invitation.id))) throw gone('invitationUsed');
        const user = await staffRepository.create(tx, {
          studioId: invitation.studioId,
          email: invitation.email,
          name: invitation.name,
          role: invitation.role,
          passwordHash,
          ...(request.locale ? { locale: request.locale } : {}),
        });
        await auditRepository.record(tx, {
          studioId: invitation.studioId,
          actorUserId: user.id,
          action: 'staff.join',
          entityType: 'staff_user',
          entityId: user.id,
          details: { role: user.role, invitationId: invitation.id },
        });
        return this.deps.auth.startSession(tx, user, meta);
      });
    } catch (err) {
      if (isUniqueViolation(err, 'staff_user_email_key')) throw conflict('accountExists');
      throw err;
    }
  }

  async update(actor: Actor, id: string, request: UpdateStaffRequest): Promise<StaffMember> {
    const row = await this.deps.db.withStudio(actor.studioId, async (tx) => {
      const target = await staffRepository.findById(tx, id);
      if (!target) throw notFound('staffMember');
      const losesOwnership =
        target.role === 'owner' &&
        target.active &&
        ((request.role !== undefined && request.role !== 'owner') || request.active === false);
      if (losesOwnership && (await staffRepository.countOtherActiveOwners(tx, id)) === 0) {
        throw conflict('lastOwner', {}, [
          bodyField(request.active === false ? 'active' : 'role', 'wouldLeaveNoOwner'),
        ]);
      }
      const changed = (Object.keys(request) as (keyof UpdateStaffRequest)[]).filter(
        (k) => request[k] !== undefined && request[k] !== target[k],
      );
      const updated = changed.length
        ? await staffRepository.update(tx, id, {
            ...(request.role !== undefined ? { role: request.role } : {}),
            ...(request.active !== undefined ? { active: request.active } : {}),
            ...(request.name !== undefined ? { name: request.name } : {}),
          })
        : target;
      let sessionsEnded = 0;
      if (request.active === false) sessionsEnded = await signInSessionRepository.deleteForUser(tx, id);
      if (changed.length) {
        await audit(tx, actor, 'staff.update', 'staff_user', id, {
          fields: changed,
          ...(changed.includes('role') ? { role: request.role } : {}),
          ...(changed.includes('active') ? { active: request.active } : {}),
          ...(sessionsEnded ? { sessionsEnded } : {}),
        });
      }
      return updated!;
    });
    return toStaffMember(row);
  }

  async updatePreferences(actor: Actor, locale: UiLocale): Promise<StaffMember> {
    const row = await this.deps.db.withStudio(actor.studioId, (tx) =>
      staffRepository.update(tx, actor.userId, { locale }),
    );
    if (!row) throw notFound('staffMember');
    return toStaffMember(row);
  }

  private async findUsableInvitation(token: string): Promise<InvitationRow> {
    // System: whoever opens an invitation link is not signed in; the token names the studio.
    const invitation = await this.deps.db.asSystem((tx) =>
      invitationRepository.findByTokenHash(tx, hashToken(token)),
    );
    if (!invitation) throw notFound('invitation');
    if (invitation.acceptedAt) throw gone('invitationUsed');
    if (invitation.expiresAt.getTime() <= Date.now()) throw gone('invitationExpired');
    return invitation;
  }
}
