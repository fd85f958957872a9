// Secret calendar feeds: an artist's or a client's appointments as an .ics address that calendar
// apps subscribe to. The address is the secret (calendar apps cannot sign in); it carries no
// health details, and each read is audited under the feed's name.
import type { CalendarFeed, CreateCalendarFeedRequest } from '@stipple/core';
import { audit } from '../audit/audit-trail.js';
import { auditRepository } from '../audit/audit.repository.js';
import type { Actor } from '../auth/actor.js';
import { CLINICAL, requireRole } from '../auth/roles.js';
import { hashToken, newToken } from '../auth/tokens.js';
import { clientRepository } from '../clients/client.repository.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { docLocale } from '../documents/format.js';
import { bodyField, forbidden, notFound, unprocessable } from '../http/app-error.js';
import { staffRepository } from '../staff/staff.repository.js';
import { studioRepository } from '../studio/studio.repository.js';
import { shortName } from '../text/person-name.js';
import { appointmentRepository } from './appointment.repository.js';
import { calendarFeedRepository } from './calendar-feed.repository.js';
import { studioLocation, timedCalendar } from './ics.js';

export class CalendarFeedService {
  constructor(private readonly deps: { db: Database; config: Pick<Config, 'publicUrl'> }) {}

  async create(actor: Actor, request: CreateCalendarFeedRequest): Promise<CalendarFeed> {
    requireRole(actor, CLINICAL);
    if (request.kind === 'artist' && actor.role !== 'owner' && actor.userId !== request.subjectId)
      throw forbidden('ownerOnlyOthersFeed');
    const token = newToken();
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const subject =
        request.kind === 'artist'
          ? await staffRepository.findById(tx, request.subjectId)
          : await clientRepository.findById(tx, request.subjectId);
      if (!subject)
        throw unprocessable('unknown_subject', 'unknownFeedSubject', {}, [
          bodyField('subjectId', 'notFeedSubject'),
        ]);
      const row = await calendarFeedRepository.create(tx, {
        studioId: actor.studioId,
        kind: request.kind,
        subjectId: request.subjectId,
        tokenHash: hashToken(token),
        createdBy: actor.userId,
      });
      await audit(tx, actor, 'calendar_feed.create', 'calendar_feed', row.id, {
        kind: request.kind,
        subjectId: request.subjectId,
      });
      return { ...this.toFeed(row), url: `${this.deps.config.publicUrl ?? ''}/api/feeds/${token}.ics` };
    });
  }

  async list(actor: Actor): Promise<{ items: CalendarFeed[] }> {
    requireRole(actor, CLINICAL);
    const rows = await this.deps.db.withStudio(actor.studioId, (tx) => calendarFeedRepository.list(tx));
    const visible =
      actor.role === 'owner' ? rows : rows.filter((r) => r.kind === 'client' || r.subjectId === actor.userId);
    return { items: visible.map((r) => this.toFeed(r)) };
  }

  async revoke(actor: Actor, id: string): Promise<CalendarFeed> {
    requireRole(actor, CLINICAL);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const row = await calendarFeedRepository.find(tx, id);
      if (!row) throw notFound('calendarFeed');
      if (row.kind === 'artist' && actor.role !== 'owner' && row.subjectId !== actor.userId)
        throw forbidden('ownerOnlyOthersFeed');
      await calendarFeedRepository.revoke(tx, id);
      await audit(tx, actor, 'calendar_feed.revoke', 'calendar_feed', id);
      return this.toFeed((await calendarFeedRepository.find(tx, id))!);
    });
  }

  /** The .ics behind a secret feed address; null when the token is unknown or revoked. */
  async ics(token: string): Promise<string | null> {
    if (!/^[A-Za-z0-9_-]{20,200}$/.test(token)) return null;
    // System: calendar apps cannot sign in; the secret token is what names the studio.
    const feed = await this.deps.db.asSystem((tx) =>
      calendarFeedRepository.findByTokenHash(tx, hashToken(token)),
    );
    if (!feed || feed.revokedAt) return null;
    return this.deps.db.withStudio(feed.studioId, async (tx) => {
      const studio = (await studioRepository.findById(tx, feed.studioId))!;
      const since = new Date(Date.now() - 90 * 86_400_000);
      const rows = await appointmentRepository.listFor(
        tx,
        feed.kind === 'artist' ? { artistId: feed.subjectId } : { clientId: feed.subjectId },
        since,
      );
      // Feed reads have no signed-in actor: the entry names the feed instead.
      await auditRepository.record(tx, {
        studioId: feed.studioId,
        actorUserId: null,
        action: 'calendar_feed.read',
        entityType: 'calendar_feed',
        entityId: feed.id,
        details: { count: rows.length },
      });
      const kindLabel = { consultation: 'Consultation', session: 'Session', touch_up: 'Touch-up' } as const;
      return timedCalendar(
        feed.kind === 'artist' ? `${studio.name} – ${rows[0]?.artistName ?? 'artist'}` : studio.name,
        rows.map((r) => ({
          uid: `${r.id}@stipple`,
          // No health details: the artist sees the kind and a short name; the client only the studio.
          title:
            feed.kind === 'artist'
              ? `${kindLabel[r.kind]}: ${shortName(r)}`
              : docLocale(r.preferredLanguage) === 'zh-CN'
                ? `${studio.name} 预约`
                : `Appointment at ${studio.name}`,
          start: r.startsAt,
          end: r.endsAt,
          location: studioLocation(studio),
        })),
      );
    });
  }

  private toFeed(row: {
    id: string;
    kind: 'artist' | 'client';
    subjectId: string;
    createdAt: Date;
    revokedAt: Date | null;
  }): CalendarFeed {
    return {
      id: row.id,
      kind: row.kind,
      subjectId: row.subjectId,
      createdAt: row.createdAt.toISOString(),
      revokedAt: row.revokedAt?.toISOString() ?? null,
    };
  }
}
