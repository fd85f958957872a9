// Booking a consultation from the studio's public page. The visitor picks a free slot (the
// calendar's own rules: working hours, appointments, buffer, notice), gives contact details and
// may add photos; the slot is held at once, and the booking counts only when the visitor opens
// the link emailed to them (which proves the email, matches them to an existing client, and opens
// their portal). Then the studio confirms it, or it was confirmed at once if the studio chose so.
// A link never opened gives the slot back. Protected against abuse: limits per address, email and
// studio in the database, a honeypot field, and one answer whether or not the email is known.
import {
  MAX_BOOKING_PHOTOS,
  type BookingReceipt,
  type CreateBookingRequest,
  type PortalSessionInfo,
  type PublicStudio,
  type SlotList,
  type SlotQuery,
} from '@stipple/core';
import { randomUUID } from 'node:crypto';
import type { Config } from '../config.js';
import type { Database, Tx } from '../db/database.js';
import { auditRepository } from '../audit/audit.repository.js';
import { issueLink } from '../auth/one-time-links.js';
import { countRequest, per } from '../auth/request-limits.js';
import { hashToken, newToken, sameSecret } from '../auth/tokens.js';
import { appointmentRepository, type AppointmentRow } from '../appointments/appointment.repository.js';
import { addDays } from '../appointments/studio-time.js';
import { studioToday } from '../appointments/availability.js';
import { bookableArtists, freeSlots, holdSlot, lastBookableDay } from '../appointments/online-slots.js';
import { clientRepository } from '../clients/client.repository.js';
import { findPgError } from '../db/pg-errors.js';
import { docLocale } from '../documents/format.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { enqueue } from '../outbox/outbox.service.js';
import type { PhotoService } from '../photos/photo.service.js';
import { logoUrlOf, type LinkOpener, type PortalAuthService } from '../portal/portal-auth.service.js';
import { portalErrors } from '../portal/portal-errors.js';
import { studioRepository, type StudioRow } from '../studio/studio.repository.js';
import { bookingErrors } from './booking-errors.js';
import type { BookingSteps } from './booking-steps.js';
import { bookingRepository } from './booking.repository.js';
import { bookingLinkText } from './booking-texts.js';
import { matchClient } from './client-matching.js';

export const BOOKING_EXPIRE_JOB = 'booking.expire';
/** The booking link must be opened within this many hours (and before the appointment). */
export const VERIFY_HOURS = 24;
/** Photos may be added this long after booking, from the browser that booked. */
export const UPLOAD_MINUTES = 60;
const PG_EXCLUSION_VIOLATION = '23P01';

export const BOOKING_LIMITS = { perAddress: 10, perEmail: 5, perStudioPerDay: 200 } as const;

export class BookingService {
  constructor(
    private readonly deps: {
      db: Database;
      config: Pick<Config, 'publicUrl' | 'smtpUrl'>;
      photos: PhotoService;
      portal: PortalAuthService;
      steps: BookingSteps;
      jobs: () => JobQueue | undefined;
    },
  ) {
    deps.portal.onOpen('booking', (tx, ctx) => this.verify(tx, ctx));
  }

  /** Online booking needs the studio's consent and a way to email the link (SMTP and a public address). */
  canBook(studio: StudioRow): boolean {
    return studio.policy.publicBooking && Boolean(this.deps.config.publicUrl && this.deps.config.smtpUrl);
  }

  async bySlug(slug: string): Promise<StudioRow> {
    // System: the public page names the studio by its address, before anyone is known.
    const studio = await this.deps.db.asSystem((tx) => studioRepository.findBySlug(tx, slug));
    if (!studio) throw bookingErrors.unknownStudio();
    return studio;
  }

  async publicStudio(slug: string): Promise<PublicStudio> {
    const studio = await this.bySlug(slug);
    const artists = await this.deps.db.withStudio(studio.id, (tx) => bookableArtists(tx));
    const { policy } = studio;
    return {
      slug: studio.slug,
      name: studio.name,
      address: studio.address,
      phone: studio.phone,
      email: studio.email,
      timeZone: studio.timeZone,
      languages: studio.languages,
      currency: studio.currency,
      intro: studio.intro,
      consultationTypes: studio.consultationTypes,
      artists: artists.map((a) => ({ id: a.id, name: a.name })),
      logoUrl: logoUrlOf(studio),
      policy: {
        publicBooking: this.canBook(studio),
        confirmation: policy.confirmation,
        minNoticeHours: policy.minNoticeHours,
        cancellationNoticeHours: policy.cancellationNoticeHours,
        bookingHorizonDays: policy.bookingHorizonDays,
        depositRequired: policy.depositRequired,
        depositAmountMinor: policy.depositAmountMinor,
        depositRule: policy.depositRule,
      },
    };
  }

  async slots(slug: string, query: SlotQuery, ip: string): Promise<SlotList> {
    const studio = await this.bySlug(slug);
    await countRequest(this.deps.db, [per.address('slots', ip, 300)], 900);
    const type = studio.consultationTypes.find((t) => t.key === query.type);
    if (!type) throw bookingErrors.unknownType();
    const now = new Date();
    const lastDay = lastBookableDay(studio, now);
    const fromDate =
      query.from < studioToday(now, studio.timeZone) ? studioToday(now, studio.timeZone) : query.from;
    const wanted = addDays(fromDate, query.days - 1);
    const toDate = wanted > lastDay ? lastDay : wanted;
    const slots =
      !this.canBook(studio) || fromDate > toDate
        ? []
        : await this.deps.db.withStudio(studio.id, (tx) =>
            freeSlots(tx, studio, { minutes: type.minutes, fromDate, toDate, now }, query.artistId),
          );
    return { timeZone: studio.timeZone, slots, lastDay };
  }

  async create(slug: string, request: CreateBookingRequest, ip: string): Promise<BookingReceipt> {
    const { db } = this.deps;
    const studio = await this.bySlug(slug);
    if (!this.canBook(studio)) throw bookingErrors.closed();
    const type = studio.consultationTypes.find((t) => t.key === request.type);
    if (!type) throw bookingErrors.unknownType();
    await countRequest(
      db,
      [
        per.address('booking', ip, BOOKING_LIMITS.perAddress),
        per.email('booking', request.email, BOOKING_LIMITS.perEmail),
      ],
      3600,
    );
    await countRequest(db, [per.studio('booking', studio.id, BOOKING_LIMITS.perStudioPerDay)], 86_400);
    const now = new Date();
    const startsAt = new Date(request.startsAt);
    const verifyBy = new Date(Math.min(now.getTime() + VERIFY_HOURS * 3_600_000, startsAt.getTime()));
    const uploadToken = newToken();
    const uploadUntil = new Date(now.getTime() + UPLOAD_MINUTES * 60_000);
    // A robot filled the hidden field: it gets an answer like anyone's, and nothing is kept.
    if (request.website)
      return {
        bookingId: randomUUID(),
        uploadToken,
        uploadUntil: uploadUntil.toISOString(),
        maxPhotos: MAX_BOOKING_PHOTOS,
        verifyBy: verifyBy.toISOString(),
      };

    let bookingId: string;
    try {
      bookingId = await db.withStudio(studio.id, async (tx) => {
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
              phone: request.phone,
              preferredLanguage: request.locale,
              notes: '',
            },
            null,
          ));
        const held = await holdSlot(tx, studio, {
          clientId: client.id,
          artistId: request.artistId,
          startsAt,
          minutes: type.minutes,
          now,
          notes: '',
        });
        if (!held) throw bookingErrors.slotUnavailable();
        const row = await bookingRepository.create(tx, {
          studioId: studio.id,
          clientId: client.id,
          appointmentId: held.id,
          consultationType: type.key,
          givenName: request.givenName,
          familyName: request.familyName,
          email: request.email,
          phone: request.phone,
          locale: request.locale,
          concerns: request.concerns,
          message: request.message,
          verifyBy,
          uploadTokenHash: hashToken(uploadToken),
          uploadUntil,
          matchedExisting: Boolean(existing),
        });
        const { token, link } = await issueLink(tx, {
          purpose: 'booking',
          studioId: studio.id,
          clientId: client.id,
          subjectId: row.id,
          expiresAt: verifyBy,
        });
        const locale = docLocale(request.locale);
        const text = bookingLinkText(locale, {
          name: request.givenName || request.familyName,
          studio,
          startsAt,
          typeName: type.name[locale],
          link: this.deps.portal.linkUrl(token),
          verifyBy,
        });
        await enqueue(tx, {
          studioId: studio.id,
          idempotencyKey: `booking-link:${link.id}`,
          kind: 'booking',
          client: { id: client.id, email: request.email },
          subject: text.subject,
          body: text.body,
          sendAfter: now,
          appointmentId: held.id,
        });
        await auditRepository.record(tx, {
          studioId: studio.id,
          actorUserId: null,
          action: 'booking.create',
          entityType: 'booking',
          entityId: row.id,
          details: { clientId: client.id, matchedExisting: Boolean(existing), type: type.key },
        });
        return row.id;
      });
    } catch (err) {
      if (findPgError(err)?.code === PG_EXCLUSION_VIOLATION) throw bookingErrors.slotUnavailable();
      throw err;
    }
    await this.deps
      .jobs()
      ?.send(BOOKING_EXPIRE_JOB, { studioId: studio.id, bookingId }, { startAfter: verifyBy });
    return {
      bookingId,
      uploadToken,
      uploadUntil: uploadUntil.toISOString(),
      maxPhotos: MAX_BOOKING_PHOTOS,
      verifyBy: verifyBy.toISOString(),
    };
  }

  /** A photo of the visitor's scalp, added by the browser that booked (it holds the upload token). */
  async addPhoto(
    bookingId: string,
    uploadToken: string | undefined,
    query: { view: 'front' | 'top' | 'left' | 'right' | 'back' | 'close-up'; filename?: string | undefined },
    contentType: string | undefined,
    body: unknown,
  ): Promise<{ photos: number }> {
    const { db } = this.deps;
    // System: the booking id and its upload token are all the visitor has; they name the studio.
    const row = await db.asSystem((tx) => bookingRepository.findById(tx, bookingId));
    const open =
      row &&
      uploadToken &&
      sameSecret(hashToken(uploadToken), row.uploadTokenHash) &&
      row.uploadUntil.getTime() > Date.now() &&
      ['unverified', 'requested', 'confirmed'].includes(row.status);
    if (!open) throw bookingErrors.uploadClosed();
    const studio = (await db.withStudio(row.studioId, (tx) => studioRepository.findById(tx, row.studioId)))!;
    if (
      (await db.withStudio(row.studioId, (tx) => bookingRepository.countPhotos(tx, row.id))) >=
      MAX_BOOKING_PHOTOS
    )
      throw bookingErrors.tooManyPhotos(MAX_BOOKING_PHOTOS);
    let photos = 0;
    await this.deps.photos.storeFromClient(
      row.studioId,
      row.clientId,
      { view: query.view, takenOn: studioToday(new Date(), studio.timeZone), filename: query.filename },
      contentType,
      body,
      async (tx, photo) => {
        photos = await bookingRepository.addPhoto(tx, {
          studioId: row.studioId,
          bookingId: row.id,
          photoId: photo.id,
        });
        // Two uploads at once may both pass the count above: the second is undone here.
        if (photos > MAX_BOOKING_PHOTOS) throw bookingErrors.tooManyPhotos(MAX_BOOKING_PHOTOS);
        await auditRepository.record(tx, {
          studioId: row.studioId,
          actorUserId: null,
          action: 'booking.photo',
          entityType: 'photo',
          entityId: photo.id,
          details: { bookingId: row.id, clientId: row.clientId, bytes: photo.bytes },
        });
      },
    );
    return { photos };
  }

  /** The booking link was opened: the email is proved; the booking waits for the studio or is confirmed. */
  private readonly verify: LinkOpener = async (tx, { link, client, studio }) => {
    const row = link.subjectId
      ? await bookingRepository.findById(tx, link.subjectId, { forUpdate: true })
      : undefined;
    if (!row || row.clientId !== client.id || row.status !== 'unverified') throw portalErrors.linkInvalid();
    const appointment = await appointmentRepository.findById(tx, row.appointmentId, { forUpdate: true });
    if (!appointment || appointment.status !== 'requested' || row.verifyBy.getTime() <= Date.now())
      throw portalErrors.linkInvalid();
    await clientRepository.markEmailVerified(tx, client.id, row.email);
    const auto = studio.policy.confirmation === 'auto';
    await bookingRepository.update(tx, row.id, {
      status: auto ? 'confirmed' : 'requested',
      verifiedAt: new Date(),
      ...(auto ? { decidedAt: new Date() } : {}),
    });
    await bookingRepository.closeWaitingOf(tx, client.id);
    const context = { studio, client, booking: row, appointment };
    if (auto) await this.deps.steps.confirm(tx, context, null);
    await this.deps.steps.afterVerification(tx, { ...context, confirmed: auto });
    await auditRepository.record(tx, {
      studioId: studio.id,
      actorUserId: null,
      action: 'booking.verify',
      entityType: 'booking',
      entityId: row.id,
      details: { clientId: client.id, confirmed: auto },
    });
    const landing: PortalSessionInfo['landing'] = { page: 'intake', appointmentId: appointment.id };
    return landing;
  };

  /** The booking link was not opened in time: the slot goes back (job at verify_by). */
  async expire(studioId: string, bookingId: string): Promise<void> {
    await this.deps.db.withStudio(studioId, async (tx) => {
      const row = await bookingRepository.findById(tx, bookingId, { forUpdate: true });
      if (!row || row.status !== 'unverified' || row.verifyBy.getTime() > Date.now()) return;
      const appointment = await appointmentRepository.findById(tx, row.appointmentId, { forUpdate: true });
      await bookingRepository.update(tx, row.id, { status: 'expired' });
      const studio = (await studioRepository.findById(tx, studioId))!;
      if (appointment && appointment.status === 'requested')
        await this.release(tx, studio, appointment, 'not confirmed by email in time');
      // A client made by this booking alone, whose email was never proved, is not kept on the list.
      const client = await clientRepository.findById(tx, row.clientId);
      if (client && !row.matchedExisting && !client.emailVerifiedAt && !client.archivedAt)
        await clientRepository.setArchived(tx, client, true);
      await auditRepository.record(tx, {
        studioId,
        actorUserId: null,
        action: 'booking.expire',
        entityType: 'booking',
        entityId: row.id,
        details: { clientId: row.clientId },
      });
    });
  }

  /** Cancels a held appointment by the system and offers the freed time to the waitlist. */
  async release(tx: Tx, studio: StudioRow, appointment: AppointmentRow, reason: string): Promise<void> {
    await appointmentRepository.update(tx, appointment.id, { status: 'cancelled' });
    await appointmentRepository.addEvent(tx, {
      studioId: appointment.studioId,
      appointmentId: appointment.id,
      action: 'cancelled',
      actorUserId: null,
      fromStartsAt: appointment.startsAt,
      reason,
    });
    await this.deps.steps.offerToWaitlist(tx, appointment, studio);
  }
}
