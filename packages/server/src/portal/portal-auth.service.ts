// Passwordless sign-in to the client portal. Every way in is a one-time link emailed to the
// client (one-time-links.ts): the booking confirmation, a sign-in link asked for on the studio's
// page, the intake link before a consultation, the waitlist confirmation. A link works once,
// for a short time, and only for its own client: opening it starts a session of that client and
// no other. Asking for a sign-in link answers the same whether or not the email is known.
import type { PortalLinkPreview, PortalSessionInfo, PortalSignInRequest } from '@stipple/core';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.js';
import type { Database, Tx } from '../db/database.js';
import { auditRepository } from '../audit/audit.repository.js';
import { appointmentRepository } from '../appointments/appointment.repository.js';
import { findUsableLink, issueLink, useLink } from '../auth/one-time-links.js';
import { oneTimeLinkRepository, type OneTimeLinkRow } from '../auth/one-time-link.repository.js';
import { countRequest, per } from '../auth/request-limits.js';
import { hashToken, newToken } from '../auth/tokens.js';
import { portalLinkText } from '../booking/booking-texts.js';
import { clientRepository, type ClientRow } from '../clients/client.repository.js';
import { docLocale } from '../documents/format.js';
import { enqueue } from '../outbox/outbox.service.js';
import { studioRepository, type StudioRow } from '../studio/studio.repository.js';
import { portalErrors } from './portal-errors.js';
import { portalSessionRepository } from './portal-session.repository.js';

/** A sign-in link asked for on the studio's page works this long. */
export const SIGN_IN_LINK_MINUTES = 15;
/** A portal session ends after this long without use, and after MAX_HOURS however busy. */
export const PORTAL_IDLE_HOURS = 2;
export const PORTAL_MAX_HOURS = 12;
const SLIDE_EVERY_MS = 60_000;

export interface PortalActor {
  studioId: string;
  clientId: string;
  sessionId: string;
}

export interface ResolvedPortalSession {
  actor: PortalActor;
  csrfToken: string;
  expiresAt: Date;
  extended: boolean;
}

/** What each kind of link does when it is opened, inside the transaction that uses it up. */
export type LinkOpener = (
  tx: Tx,
  ctx: { link: OneTimeLinkRow; client: ClientRow; studio: StudioRow },
) => Promise<PortalSessionInfo['landing']>;

export const logoUrlOf = (studio: StudioRow): string | null =>
  studio.logoSha256 ? `/api/public/studios/${studio.slug}/logo?v=${studio.logoSha256.slice(0, 12)}` : null;

export class PortalAuthService {
  private readonly openers = new Map<OneTimeLinkRow['purpose'], LinkOpener>();

  constructor(
    private readonly deps: {
      db: Database;
      config: Pick<Config, 'publicUrl' | 'smtpUrl'>;
      log: FastifyBaseLogger;
    },
  ) {
    this.openers.set('portal_sign_in', () => Promise.resolve({ page: 'home', appointmentId: null }));
    // The intake link leads to the health questions of one of the client's coming appointments.
    this.openers.set('intake', async (tx, { link, client }) => {
      const appointment = link.subjectId
        ? await appointmentRepository.findById(tx, link.subjectId)
        : undefined;
      if (
        !appointment ||
        appointment.clientId !== client.id ||
        !['requested', 'booked'].includes(appointment.status)
      )
        throw portalErrors.linkInvalid();
      return { page: 'intake', appointmentId: appointment.id };
    });
  }

  /** Booking and waitlist links do their part when opened (their services register it). */
  onOpen(purpose: 'booking' | 'waitlist', opener: LinkOpener): void {
    this.openers.set(purpose, opener);
  }

  /** The studio a link belongs to, for the page that asks the client to open it. */
  async preview(token: string): Promise<PortalLinkPreview> {
    const link = await this.usable(token);
    const studio = await this.deps.db.withStudio(link.studioId!, (tx) =>
      studioRepository.findById(tx, link.studioId!),
    );
    return {
      purpose: link.purpose as PortalLinkPreview['purpose'],
      studio: { name: studio!.name, slug: studio!.slug, logoUrl: logoUrlOf(studio!) },
      expiresAt: link.expiresAt.toISOString(),
    };
  }

  /** Uses the link up and opens a session of its client. */
  async open(token: string): Promise<{ token: string; info: PortalSessionInfo }> {
    const link = await this.usable(token);
    const studioId = link.studioId!;
    return this.deps.db.withStudio(studioId, async (tx) => {
      const client = await clientRepository.findById(tx, link.clientId!, { forUpdate: true });
      const studio = (await studioRepository.findById(tx, studioId))!;
      if (!client || client.archivedAt) throw portalErrors.linkInvalid();
      const opener = this.openers.get(link.purpose);
      if (!opener) throw portalErrors.linkInvalid();
      const landing = await opener(tx, { link, client, studio });
      if (!(await useLink(tx, link))) throw portalErrors.linkInvalid();
      const session = await this.startSession(tx, studio, client, landing);
      await auditRepository.record(tx, {
        studioId,
        actorUserId: null,
        action: 'portal.sign_in',
        entityType: 'client',
        entityId: client.id,
        details: { link: link.purpose },
      });
      return session;
    });
  }

  /**
   * Emails a sign-in link to each client of the studio with this proved email; answers the same
   * when there is none. Limited per email, per address and per studio.
   */
  async requestSignIn(slug: string, request: PortalSignInRequest, ip: string): Promise<void> {
    const { db, config } = this.deps;
    // System: the public page names the studio by its address.
    const studio = await db.asSystem((tx) => studioRepository.findBySlug(tx, slug));
    if (!studio) throw portalErrors.unknownStudio();
    if (!config.publicUrl || !config.smtpUrl) throw portalErrors.emailUnavailable();
    await countRequest(
      db,
      [
        per.email('portal-link', request.email, 3),
        per.address('portal-link', ip, 20),
        per.studio('portal-link', studio.id, 500),
      ],
      3600,
    );
    // A robot filled the hidden field: it hears what anyone hears, and nothing is sent.
    if (request.website) return;
    await db.withStudio(studio.id, async (tx) => {
      for (const client of await clientRepository.findVerifiedByEmail(tx, request.email)) {
        await oneTimeLinkRepository.withdrawUnusedOfClient(tx, client.id, ['portal_sign_in']);
        const { token, link } = await issueLink(tx, {
          purpose: 'portal_sign_in',
          studioId: studio.id,
          clientId: client.id,
          expiresAt: new Date(Date.now() + SIGN_IN_LINK_MINUTES * 60_000),
        });
        const text = portalLinkText(docLocale(client.preferredLanguage), {
          name: client.givenName || client.familyName,
          studio,
          link: this.linkUrl(token),
          minutes: SIGN_IN_LINK_MINUTES,
        });
        await enqueue(tx, {
          studioId: studio.id,
          idempotencyKey: `portal-link:${link.id}`,
          kind: 'portal_link',
          client,
          subject: text.subject,
          body: text.body,
          sendAfter: new Date(),
        });
        await auditRepository.record(tx, {
          studioId: studio.id,
          actorUserId: null,
          action: 'portal.link_request',
          entityType: 'client',
          entityId: client.id,
        });
      }
    });
  }

  /** The address of a link for emails: the page that opens it. */
  linkUrl(token: string): string {
    return `${this.deps.config.publicUrl ?? ''}/p/${token}`;
  }

  /** The session behind a portal cookie, sliding its expiry; null when unknown or over. */
  async resolve(token: string): Promise<ResolvedPortalSession | null> {
    if (!token || token.length > 200) return null;
    // System: the session row is what tells us the studio.
    return this.deps.db.asSystem(async (tx) => {
      const found = await portalSessionRepository.findActiveByTokenHash(tx, hashToken(token));
      if (!found) return null;
      const now = Date.now();
      const hardEnd = found.session.createdAt.getTime() + PORTAL_MAX_HOURS * 3_600_000;
      if (hardEnd <= now) {
        await portalSessionRepository.delete(tx, found.session.id);
        return null;
      }
      let expiresAt = found.session.expiresAt;
      let extended = false;
      const next = new Date(Math.min(now + PORTAL_IDLE_HOURS * 3_600_000, hardEnd));
      if (next.getTime() - expiresAt.getTime() > SLIDE_EVERY_MS) {
        await portalSessionRepository.extend(tx, found.session.id, next);
        expiresAt = next;
        extended = true;
      }
      return {
        actor: { studioId: found.session.studioId, clientId: found.client.id, sessionId: found.session.id },
        csrfToken: found.session.csrfToken,
        expiresAt,
        extended,
      };
    });
  }

  /** The session's client and studio, for the portal's first request. */
  async info(actor: PortalActor, csrfToken: string, expiresAt: Date): Promise<PortalSessionInfo> {
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const client = (await clientRepository.findById(tx, actor.clientId))!;
      const studio = (await studioRepository.findById(tx, actor.studioId))!;
      return this.infoOf(studio, client, csrfToken, expiresAt, { page: 'home', appointmentId: null });
    });
  }

  async signOut(actor: PortalActor): Promise<void> {
    await this.deps.db.withStudio(actor.studioId, (tx) =>
      portalSessionRepository.delete(tx, actor.sessionId),
    );
  }

  private async startSession(
    tx: Tx,
    studio: StudioRow,
    client: ClientRow,
    landing: PortalSessionInfo['landing'],
  ): Promise<{ token: string; info: PortalSessionInfo }> {
    const token = newToken();
    const session = await portalSessionRepository.create(tx, {
      studioId: studio.id,
      clientId: client.id,
      tokenHash: hashToken(token),
      csrfToken: newToken(),
      expiresAt: new Date(Date.now() + PORTAL_IDLE_HOURS * 3_600_000),
    });
    return { token, info: this.infoOf(studio, client, session.csrfToken, session.expiresAt, landing) };
  }

  private infoOf(
    studio: StudioRow,
    client: ClientRow,
    csrfToken: string,
    expiresAt: Date,
    landing: PortalSessionInfo['landing'],
  ): PortalSessionInfo {
    return {
      client: {
        id: client.id,
        givenName: client.givenName,
        familyName: client.familyName,
        locale: docLocale(client.preferredLanguage),
      },
      studio: { name: studio.name, slug: studio.slug, phone: studio.phone, logoUrl: logoUrlOf(studio) },
      csrfToken,
      expiresAt: expiresAt.toISOString(),
      landing,
    };
  }

  private async usable(token: string): Promise<OneTimeLinkRow> {
    const link = await findUsableLink(this.deps.db, token, [
      'booking',
      'waitlist',
      'portal_sign_in',
      'intake',
    ]);
    if (!link?.studioId || !link.clientId) throw portalErrors.linkInvalid();
    return link;
  }
}
