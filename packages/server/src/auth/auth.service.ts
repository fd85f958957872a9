// Sign-in, sessions and sign-out. Sessions live in the database; the browser holds a random
// token in an httpOnly cookie and the CSRF token that must accompany every state-changing
// request.
import type { SessionInfo } from '@stipple/core';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.js';
import type { Database, Tx } from '../db/database.js';
import { audit } from '../audit/audit-trail.js';
import { auditRepository } from '../audit/audit.repository.js';
import { AppError } from '../http/app-error.js';
import { toStaffMember } from '../staff/staff.mapper.js';
import type { StaffRow } from '../staff/staff.repository.js';
import { staffRepository } from '../staff/staff.repository.js';
import { studioRepository } from '../studio/studio.repository.js';
import type { Actor } from './actor.js';
import { verifyAgainstNothing, verifyPassword } from './password.js';
import { sessionRepository, type ActiveSession } from './session.repository.js';
import { hashToken, newToken } from './tokens.js';

export const invalidCredentials = () => new AppError(401, 'invalid_credentials', 'invalidCredentials');

/** A slid session is written back at most this often, not on every request. */
const SLIDE_EVERY_MS = 60_000;

export interface StartedSession {
  /** Goes into the cookie; never stored. */
  token: string;
  info: SessionInfo;
}

export interface ResolvedSession {
  actor: Actor;
  info: SessionInfo;
  /** True when the expiry moved: the cookie is sent again with the new lifetime. */
  extended: boolean;
}

export interface RequestMeta {
  userAgent?: string | undefined;
}

export class AuthService {
  constructor(
    private readonly deps: { db: Database; config: Pick<Config, 'sessionTtlHours'>; log: FastifyBaseLogger },
  ) {}

  private get ttlMs(): number {
    return this.deps.config.sessionTtlHours * 3_600_000;
  }

  async login(email: string, password: string, meta: RequestMeta): Promise<StartedSession> {
    const { db } = this.deps;
    // System: before sign-in no studio is known; the email alone (unique across the installation) finds it.
    const user = await db.asSystem((tx) => staffRepository.findByEmail(tx, email));
    if (!user) {
      await verifyAgainstNothing(password);
      this.deps.log.info('sign-in refused: unknown email');
      throw invalidCredentials();
    }
    // Hashing runs outside any transaction: PGlite has one connection and argon2 takes a while.
    const passwordOk = await verifyPassword(user.passwordHash, password);
    if (!passwordOk || !user.active) {
      await db.withStudio(user.studioId, (tx) =>
        auditRepository.record(tx, {
          studioId: user.studioId,
          actorUserId: user.id,
          action: 'auth.login_failed',
          entityType: 'staff_user',
          entityId: user.id,
          details: { reason: passwordOk ? 'inactive' : 'wrong_password' },
        }),
      );
      throw invalidCredentials();
    }
    return db.withStudio(user.studioId, async (tx) => {
      const started = await this.startSession(tx, user, meta);
      await auditRepository.record(tx, {
        studioId: user.studioId,
        actorUserId: user.id,
        action: 'auth.login',
        entityType: 'staff_user',
        entityId: user.id,
      });
      return started;
    });
  }

  /** Opens a session for `user` inside the caller's studio transaction. */
  async startSession(tx: Tx, user: StaffRow, meta: RequestMeta): Promise<StartedSession> {
    const token = newToken();
    const session = await sessionRepository.create(tx, {
      studioId: user.studioId,
      userId: user.id,
      tokenHash: hashToken(token),
      csrfToken: newToken(),
      expiresAt: new Date(Date.now() + this.ttlMs),
      userAgent: meta.userAgent?.slice(0, 500) ?? null,
    });
    const studio = await studioRepository.findById(tx, user.studioId);
    return { token, info: this.infoOf({ session, user, studio: studio! }) };
  }

  /** The session behind a cookie token, sliding its expiry; null when unknown, expired or the user is inactive. */
  async resolve(token: string): Promise<ResolvedSession | null> {
    if (!token || token.length > 200) return null;
    // System: the session row is what tells us the studio, so it cannot be looked up inside one.
    return this.deps.db.asSystem(async (tx) => {
      const found = await sessionRepository.findActiveByTokenHash(tx, hashToken(token));
      if (!found) return null;
      const now = Date.now();
      let extended = false;
      if (found.session.expiresAt.getTime() - now < this.ttlMs - SLIDE_EVERY_MS) {
        const expiresAt = new Date(now + this.ttlMs);
        await sessionRepository.extend(tx, found.session.id, expiresAt);
        found.session = { ...found.session, expiresAt };
        extended = true;
      }
      return {
        actor: {
          userId: found.user.id,
          studioId: found.user.studioId,
          role: found.user.role,
          sessionId: found.session.id,
        },
        info: this.infoOf(found),
        extended,
      };
    });
  }

  async logout(actor: Actor): Promise<void> {
    await this.deps.db.withStudio(actor.studioId, async (tx) => {
      await sessionRepository.delete(tx, actor.sessionId);
      await audit(tx, actor, 'auth.logout', 'staff_user', actor.userId);
    });
  }

  /** Deletes expired sessions of every studio; returns how many. */
  async pruneExpiredSessions(): Promise<number> {
    // System: a housekeeping job that spans studios.
    return this.deps.db.asSystem((tx) => sessionRepository.deleteExpired(tx));
  }

  private infoOf({ session, user, studio }: ActiveSession): SessionInfo {
    return {
      user: toStaffMember(user),
      studio: { id: studio.id, name: studio.name },
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt.toISOString(),
    };
  }
}
