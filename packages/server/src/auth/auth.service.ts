// Sign-in, sessions and sign-out. Sessions live in the database; the browser holds a random
// token in an httpOnly cookie and the CSRF token that must accompany every state-changing
// request. A session slides while it is used (STIPPLE_SESSION_TTL_HOURS) but never outlives
// STIPPLE_SESSION_MAX_HOURS from its sign-in. Failed sign-ins are throttled (login-throttle.ts).
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
import type { LoginThrottle } from './login-throttle.js';
import { verifyAgainstNothing, verifyPassword } from './password.js';
import { signInSessionRepository, type ActiveSession } from './sign-in-session.repository.js';
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
  /** The client's address, as the server sees it (behind a proxy only with STIPPLE_TRUST_PROXY). */
  ip: string;
}

export class AuthService {
  constructor(
    private readonly deps: {
      db: Database;
      config: Pick<Config, 'sessionTtlHours' | 'sessionMaxHours'>;
      throttle: LoginThrottle;
      log: FastifyBaseLogger;
    },
  ) {}

  private get ttlMs(): number {
    return this.deps.config.sessionTtlHours * 3_600_000;
  }

  private get maxMs(): number {
    return this.deps.config.sessionMaxHours * 3_600_000;
  }

  /** When a session that signed in at `createdAt` ends if it is not used again after `now`. */
  private expiryOf(createdAt: Date, now: number): Date {
    return new Date(Math.min(now + this.ttlMs, createdAt.getTime() + this.maxMs));
  }

  async login(email: string, password: string, meta: RequestMeta): Promise<StartedSession> {
    const { db, throttle } = this.deps;
    await throttle.check(meta.ip, email);
    // System: before sign-in no studio is known; the email alone (unique across the installation) finds it.
    const user = await db.asSystem((tx) => staffRepository.findByEmail(tx, email));
    if (!user) {
      await verifyAgainstNothing(password);
      await throttle.recordFailure(meta.ip, email);
      this.deps.log.info('sign-in refused: unknown email');
      throw invalidCredentials();
    }
    // Hashing runs outside any transaction: PGlite has one connection and argon2 takes a while.
    const passwordOk = await verifyPassword(user.passwordHash, password);
    if (!passwordOk || !user.active) {
      await throttle.recordFailure(meta.ip, email);
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
    await throttle.recordSuccess(meta.ip, email);
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
    const session = await signInSessionRepository.create(tx, {
      studioId: user.studioId,
      userId: user.id,
      tokenHash: hashToken(token),
      csrfToken: newToken(),
      expiresAt: this.expiryOf(new Date(), Date.now()),
      userAgent: meta.userAgent?.slice(0, 500) ?? null,
    });
    const studio = await studioRepository.findById(tx, user.studioId);
    return { token, info: this.infoOf({ session, user, studio: studio! }) };
  }

  /**
   * The session behind a cookie token, sliding its expiry; null when unknown, expired, past its
   * longest lifetime, or the user is inactive.
   */
  async resolve(token: string): Promise<ResolvedSession | null> {
    if (!token || token.length > 200) return null;
    // System: the session row is what tells us the studio, so it cannot be looked up inside one.
    // Each statement stands alone (the lookup; then a delete or a new expiry), so no transaction:
    // one round trip on every request instead of three.
    return this.deps.db.asSystemStatements(async (tx) => {
      const found = await signInSessionRepository.findActiveByTokenHash(tx, hashToken(token));
      if (!found) return null;
      const now = Date.now();
      if (found.session.createdAt.getTime() + this.maxMs <= now) {
        await signInSessionRepository.delete(tx, found.session.id);
        return null;
      }
      let extended = false;
      const expiresAt = this.expiryOf(found.session.createdAt, now);
      if (expiresAt.getTime() - found.session.expiresAt.getTime() > SLIDE_EVERY_MS) {
        await signInSessionRepository.extend(tx, found.session.id, expiresAt);
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
      await signInSessionRepository.delete(tx, actor.sessionId);
      await audit(tx, actor, 'auth.logout', 'staff_user', actor.userId);
    });
  }

  /** Ends every session of the signed-in member, on every device (this one included). */
  async logoutEverywhere(actor: Actor): Promise<number> {
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const ended = await signInSessionRepository.deleteForUser(tx, actor.userId);
      await audit(tx, actor, 'auth.logout_everywhere', 'staff_user', actor.userId, { sessionsEnded: ended });
      return ended;
    });
  }

  /** Deletes expired sessions of every studio; returns how many. */
  async pruneExpiredSessions(): Promise<number> {
    // System: a housekeeping job that spans studios.
    return this.deps.db.asSystem((tx) => signInSessionRepository.deleteExpired(tx));
  }

  /** Deletes sign-in counters that no longer matter; returns how many. */
  pruneLoginCounters(): Promise<number> {
    return this.deps.throttle.prune();
  }

  private infoOf({ session, user, studio }: ActiveSession): SessionInfo {
    return {
      user: toStaffMember(user),
      studio: { id: studio.id, name: studio.name },
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt.toISOString(),
      endsAtLatest: new Date(session.createdAt.getTime() + this.maxMs).toISOString(),
    };
  }
}
