// The waitlist: a visitor who finds no time that suits leaves the days they could come; once they
// confirm by the emailed link, every consultation time freed on one of those days (a cancellation,
// a declined or expired booking) is offered to the first few waiting, by email. The same client
// matching, limits, honeypot and one-answer rule as bookings.
import type { JoinWaitlistRequest } from '@stipple/core';
import type { Database } from '../db/database.js';
import { auditRepository } from '../audit/audit.repository.js';
import { issueLink } from '../auth/one-time-links.js';
import { countRequest, per } from '../auth/request-limits.js';
import { studioToday } from '../appointments/availability.js';
import { clientRepository } from '../clients/client.repository.js';
import { docLocale, formatDay } from '../documents/format.js';
import { enqueue } from '../outbox/outbox.service.js';
import type { LinkOpener, PortalAuthService } from '../portal/portal-auth.service.js';
import { portalErrors } from '../portal/portal-errors.js';
import { bookingErrors } from './booking-errors.js';
import type { BookingService } from './booking.service.js';
import { bookingRepository } from './booking.repository.js';
import { waitlistLinkText } from './booking-texts.js';
import { matchClient } from './client-matching.js';

/** The waitlist link must be opened within this many hours. */
export const WAITLIST_LINK_HOURS = 48;

export class WaitlistService {
  constructor(private readonly deps: { db: Database; portal: PortalAuthService; bookings: BookingService }) {
    deps.portal.onOpen('waitlist', (tx, ctx) => this.verify(tx, ctx));
  }

  async join(slug: string, request: JoinWaitlistRequest, ip: string): Promise<void> {
    const { db, bookings, portal } = this.deps;
    const studio = await bookings.bySlug(slug);
    if (!bookings.canBook(studio)) throw bookingErrors.closed();
    const type = studio.consultationTypes.find((t) => t.key === request.type);
    if (!type) throw bookingErrors.unknownType();
    if (request.fromDate < studioToday(new Date(), studio.timeZone)) throw bookingErrors.pastDay();
    await countRequest(
      db,
      [
        per.address('waitlist', ip, 10),
        per.email('waitlist', request.email, 3),
        per.studio('waitlist', studio.id, 200),
      ],
      3600,
    );
    // A robot filled the hidden field: the same answer, and nothing is kept.
    if (request.website) return;
    await db.withStudio(studio.id, async (tx) => {
      const existing = await matchClient(tx, request);
      const client =
        existing ??
        (await clientRepository.create(
          tx,
          studio.id,
          {
            givenName: request.givenName,
            familyName: request.familyName,
            dateOfBirth: null,
            email: request.email,
            phone: null,
            preferredLanguage: request.locale,
            notes: '',
          },
          null,
        ));
      const entry = await bookingRepository.createWaitlistEntry(tx, {
        studioId: studio.id,
        clientId: client.id,
        consultationType: type.key,
        fromDate: request.fromDate,
        untilDate: request.untilDate,
        locale: request.locale,
      });
      const { token, link } = await issueLink(tx, {
        purpose: 'waitlist',
        studioId: studio.id,
        clientId: client.id,
        subjectId: entry.id,
        expiresAt: new Date(Date.now() + WAITLIST_LINK_HOURS * 3_600_000),
      });
      const locale = docLocale(request.locale);
      const text = waitlistLinkText(locale, {
        name: request.givenName || request.familyName,
        studio,
        link: portal.linkUrl(token),
        fromDay: formatDay(request.fromDate, locale),
        untilDay: formatDay(request.untilDate, locale),
      });
      await enqueue(tx, {
        studioId: studio.id,
        idempotencyKey: `waitlist-link:${link.id}`,
        kind: 'waitlist',
        client: { id: client.id, email: request.email },
        subject: text.subject,
        body: text.body,
        sendAfter: new Date(),
      });
      await auditRepository.record(tx, {
        studioId: studio.id,
        actorUserId: null,
        action: 'waitlist.join',
        entityType: 'waitlist_entry',
        entityId: entry.id,
        details: { clientId: client.id, matchedExisting: Boolean(existing) },
      });
    });
  }

  private readonly verify: LinkOpener = async (tx, { link, client, studio }) => {
    const entry = link.subjectId ? await bookingRepository.findWaitlistEntry(tx, link.subjectId) : undefined;
    if (!entry || entry.clientId !== client.id || entry.status !== 'unverified')
      throw portalErrors.linkInvalid();
    if (client.email) await clientRepository.markEmailVerified(tx, client.id, client.email);
    await bookingRepository.updateWaitlistEntry(tx, entry.id, { status: 'waiting', verifiedAt: new Date() });
    await auditRepository.record(tx, {
      studioId: studio.id,
      actorUserId: null,
      action: 'waitlist.verify',
      entityType: 'waitlist_entry',
      entityId: entry.id,
      details: { clientId: client.id },
    });
    return { page: 'home', appointmentId: null };
  };
}
