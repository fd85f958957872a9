// Creating a studio: on a fresh installation (no demo data) the first visitor of /setup creates
// the studio and its owner account, and is signed in. Whether anyone may create another one is
// the installation's choice (STIPPLE_SIGNUP): `closed` (the default) takes none after the first,
// `open` takes any, `invite` takes one per invitation link made on the command line. Studios are
// created one at a time (an advisory lock), so two first visitors cannot both become the owner.
import { slugFrom, type CreateStudioRequest, type SetupStatus } from '@stipple/core';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { auditRepository } from '../audit/audit.repository.js';
import type { AuthService, RequestMeta, StartedSession } from '../auth/auth.service.js';
import { findUsableLink, issueLink, useLink } from '../auth/one-time-links.js';
import { hashPassword, passwordWeakness } from '../auth/password.js';
import { countRequest, per } from '../auth/request-limits.js';
import { appointmentRepository } from '../appointments/appointment.repository.js';
import { seedTemplates } from '../demo/demo-records.js';
import { bodyField, invalid } from '../http/app-error.js';
import { staffRepository } from '../staff/staff.repository.js';
import { studioErrors } from '../studio/studio-errors.js';
import { studioRepository, uniqueSlugFor } from '../studio/studio.repository.js';

/** Sign-up attempts per address per hour. */
const SIGNUP_PER_ADDRESS = 10;
/** How long a studio invitation link works. */
export const STUDIO_INVITATION_DAYS = 7;

export class SetupService {
  constructor(
    private readonly deps: { db: Database; config: Pick<Config, 'signup' | 'publicUrl'>; auth: AuthService },
  ) {}

  async status(): Promise<SetupStatus> {
    // System: counts across studios.
    const count = await this.deps.db.asSystem((tx) => studioRepository.count(tx));
    const mode = this.deps.config.signup;
    return {
      studioExists: count > 0,
      signup: mode,
      canCreate: count === 0 || mode !== 'closed',
      invitationRequired: count > 0 && mode === 'invite',
    };
  }

  /** Creates the studio, its owner, starter templates and the owner's hours; signs the owner in. */
  async create(request: CreateStudioRequest, meta: RequestMeta): Promise<StartedSession> {
    const { db } = this.deps;
    await countRequest(db, [per.address('signup', meta.ip, SIGNUP_PER_ADDRESS)], 3600);
    const weakness = passwordWeakness(request.owner.password, [
      request.owner.name,
      request.owner.email,
      request.studio.name,
    ]);
    if (weakness) throw invalid([bodyField('owner.password', weakness.code, weakness.params)]);
    const invitation = request.invitation
      ? await findUsableLink(db, request.invitation, ['studio_signup'])
      : null;
    const passwordHash = await hashPassword(request.owner.password);

    // System: the studio does not exist yet; the lock makes creations take turns.
    return db.asSystem(async (tx) => {
      await studioRepository.lockCreation(tx);
      const count = await studioRepository.count(tx);
      const mode = this.deps.config.signup;
      if (count > 0 && mode === 'closed') throw studioErrors.signupClosed();
      if (count > 0 && mode === 'invite') {
        if (!invitation || invitation.email !== request.owner.email || !(await useLink(tx, invitation)))
          throw studioErrors.invitationInvalid();
      }
      if (await staffRepository.findByEmail(tx, request.owner.email)) throw studioErrors.emailTaken();
      const { slug: wanted, ...profile } = request.studio;
      let slug =
        wanted ?? (slugFrom(profile.name).length >= 3 ? slugFrom(profile.name) : uniqueSlugFor(profile.name));
      if (await studioRepository.slugTaken(tx, slug, null)) {
        if (wanted) throw studioErrors.slugTaken(wanted, 'studio.slug');
        slug = uniqueSlugFor(profile.name);
      }
      const studio = await studioRepository.create(tx, profile.name, { ...profile, slug });
      const owner = await staffRepository.create(tx, {
        studioId: studio.id,
        email: request.owner.email,
        name: request.owner.name,
        role: 'owner',
        passwordHash,
        locale: request.owner.locale,
      });
      await seedTemplates(tx, studio.id, owner.id);
      const { weekdays, start, end } = request.openingHours;
      await appointmentRepository.replaceWorkingHours(
        tx,
        studio.id,
        owner.id,
        weekdays.map((weekday) => ({ weekday, start, end })),
        [],
      );
      await auditRepository.record(tx, {
        studioId: studio.id,
        actorUserId: owner.id,
        action: 'studio.create',
        entityType: 'studio',
        entityId: studio.id,
        details: { invited: Boolean(invitation), signup: mode },
      });
      return this.deps.auth.startSession(tx, owner, meta);
    });
  }

  /** A one-time link for `email` to create a studio (STIPPLE_SIGNUP=invite). */
  invite(email: string): Promise<{ link: string; expiresAt: Date }> {
    return createStudioInvitation(this.deps.db, this.deps.config, email);
  }
}

/** Makes a studio sign-up invitation; the command line prints its link. */
export async function createStudioInvitation(
  db: Database,
  config: Pick<Config, 'publicUrl'>,
  email: string,
): Promise<{ link: string; expiresAt: Date }> {
  const expiresAt = new Date(Date.now() + STUDIO_INVITATION_DAYS * 86_400_000);
  // System: an invitation belongs to no studio yet.
  const { token } = await db.asSystem((tx) =>
    issueLink(tx, { purpose: 'studio_signup', studioId: null, email: email.trim().toLowerCase(), expiresAt }),
  );
  return { link: `${config.publicUrl ?? ''}/setup?invitation=${token}`, expiresAt };
}
