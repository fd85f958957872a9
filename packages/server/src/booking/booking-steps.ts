// The steps an online booking goes through once its email is proved, shared by the link (auto
// confirmation), the studio's desk (confirm, decline) and cancellations: the appointment changes,
// the emails to both sides (with a calendar file), the reminder, and offering freed times to the
// waitlist. Everything happens in the caller's transaction, emails through the outbox.
import type { Config } from '../config.js';
import type { Tx } from '../db/database.js';
import { auditRepository } from '../audit/audit.repository.js';
import { issueLink } from '../auth/one-time-links.js';
import { appointmentRepository, type AppointmentRow } from '../appointments/appointment.repository.js';
import { studioLocation } from '../appointments/appointment.service.js';
import { timedCalendar } from '../appointments/ics.js';
import { queueAppointmentReminder } from '../appointments/reminders.js';
import { localTime } from '../appointments/studio-time.js';
import type { ClientRow } from '../clients/client.repository.js';
import { docLocale, type DocLocale } from '../documents/format.js';
import type { MailAttachment } from '../db/schema.js';
import { enqueue, enqueueStaffMessage } from '../outbox/outbox.service.js';
import type { PortalAuthService } from '../portal/portal-auth.service.js';
import { staffRepository } from '../staff/staff.repository.js';
import type { StudioRow } from '../studio/studio.repository.js';
import { formatName, shortName } from '../text/person-name.js';
import type { BookingRow } from './booking.repository.js';
import { bookingRepository } from './booking.repository.js';
import {
  bookingConfirmedText,
  bookingDeclinedText,
  bookingReceivedText,
  bookingRequestStaffText,
  waitlistOfferText,
} from './booking-texts.js';

/** Freed times go to this many people on the waitlist at once (first come, first served). */
const OFFERS_PER_FREED_SLOT = 3;

export interface BookingContext {
  studio: StudioRow;
  client: ClientRow;
  booking: BookingRow;
  appointment: AppointmentRow;
}

/** Whether the client still owes the health questions for an appointment (the intake module answers). */
export type IntakeCheck = (tx: Tx, clientId: string, appointmentId: string) => Promise<boolean>;

export class BookingSteps {
  private needsIntake: IntakeCheck = () => Promise.resolve(true);

  constructor(
    private readonly deps: {
      config: Pick<Config, 'publicUrl' | 'reminderHoursBefore'>;
      portal: PortalAuthService;
    },
  ) {}

  useIntakeCheck(check: IntakeCheck): void {
    this.needsIntake = check;
  }

  get portalUrl() {
    return (slug: string) => `${this.deps.config.publicUrl ?? ''}/s/${slug}/portal`;
  }

  /** The held appointment becomes a booked one; the reminder is queued. */
  async confirm(tx: Tx, c: BookingContext, actorUserId: string | null): Promise<void> {
    await appointmentRepository.update(tx, c.appointment.id, { status: 'booked' });
    await appointmentRepository.addEvent(tx, {
      studioId: c.studio.id,
      appointmentId: c.appointment.id,
      action: 'confirmed',
      actorUserId,
      toStartsAt: c.appointment.startsAt,
    });
    await queueAppointmentReminder(
      tx,
      this.deps.config,
      c.studio,
      c.client,
      c.appointment.id,
      c.appointment.startsAt,
    );
  }

  /** Emails after the booking link was opened: to the client, and to the artist (both with a calendar file). */
  async afterVerification(tx: Tx, c: BookingContext & { confirmed: boolean }): Promise<void> {
    if (c.confirmed) await this.sendConfirmed(tx, c);
    else {
      const locale = docLocale(c.booking.locale);
      const text = bookingReceivedText(locale, {
        name: c.booking.givenName || c.booking.familyName,
        studio: c.studio,
        startsAt: c.appointment.startsAt,
        portalUrl: this.portalUrl(c.studio.slug),
      });
      await this.toClient(tx, c, 'received', text);
    }
    await this.toArtist(tx, c, !c.confirmed);
  }

  /** The confirmation to the client: when and where, the calendar file, and the intake link if owed. */
  async sendConfirmed(tx: Tx, c: BookingContext): Promise<void> {
    const locale = docLocale(c.booking.locale);
    let intakeLink: string | null = null;
    if (await this.needsIntake(tx, c.client.id, c.appointment.id)) {
      const { token } = await issueLink(tx, {
        purpose: 'intake',
        studioId: c.studio.id,
        clientId: c.client.id,
        subjectId: c.appointment.id,
        expiresAt: c.appointment.startsAt,
      });
      intakeLink = this.deps.portal.linkUrl(token);
    }
    const text = bookingConfirmedText(locale, {
      name: c.booking.givenName || c.booking.familyName,
      studio: c.studio,
      startsAt: c.appointment.startsAt,
      portalUrl: this.portalUrl(c.studio.slug),
      intakeLink,
      cancellationNoticeHours: c.studio.policy.cancellationNoticeHours,
    });
    await this.toClient(tx, c, 'confirmed', text, [this.calendarFile(c, locale, 'client')]);
  }

  async sendDeclined(tx: Tx, c: BookingContext, reason: string): Promise<void> {
    const text = bookingDeclinedText(docLocale(c.booking.locale), {
      name: c.booking.givenName || c.booking.familyName,
      studio: c.studio,
      startsAt: c.appointment.startsAt,
      reason,
      bookingUrl: `${this.deps.config.publicUrl ?? ''}/s/${c.studio.slug}`,
    });
    await this.toClient(tx, c, 'declined', text);
  }

  /** A consultation time became free: the first few people waiting for that day hear of it. */
  async offerToWaitlist(tx: Tx, appointment: AppointmentRow, studio: StudioRow): Promise<number> {
    if (appointment.kind !== 'consultation') return 0;
    const noticeEnds = Date.now() + studio.policy.minNoticeHours * 3_600_000;
    if (appointment.startsAt.getTime() < noticeEnds || !studio.policy.publicBooking) return 0;
    const day = localTime(appointment.startsAt, studio.timeZone).date;
    const waiting = await bookingRepository.waitingOn(tx, day, OFFERS_PER_FREED_SLOT);
    for (const { entry, client } of waiting) {
      const text = waitlistOfferText(docLocale(entry.locale), {
        name: client.givenName || client.familyName,
        studio,
        startsAt: appointment.startsAt,
        bookingUrl: `${this.deps.config.publicUrl ?? ''}/s/${studio.slug}?day=${day}&type=${entry.consultationType}`,
      });
      await enqueue(tx, {
        studioId: studio.id,
        idempotencyKey: `waitlist-offer:${entry.id}:${appointment.id}`,
        kind: 'waitlist',
        client,
        subject: text.subject,
        body: text.body,
        sendAfter: new Date(),
      });
      await bookingRepository.updateWaitlistEntry(tx, entry.id, { lastOfferedAt: new Date() });
      await auditRepository.record(tx, {
        studioId: studio.id,
        actorUserId: null,
        action: 'waitlist.offer',
        entityType: 'waitlist_entry',
        entityId: entry.id,
        details: { clientId: client.id, appointmentId: appointment.id },
      });
    }
    return waiting.length;
  }

  private calendarFile(c: BookingContext, locale: DocLocale, forWhom: 'client' | 'artist'): MailAttachment {
    const title =
      forWhom === 'artist'
        ? `Consultation: ${shortName(c.client)}`
        : locale === 'zh-CN'
          ? `${c.studio.name} 咨询`
          : `Consultation at ${c.studio.name}`;
    return {
      filename: 'consultation.ics',
      contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
      content: timedCalendar(c.studio.name, [
        {
          uid: `${c.appointment.id}@stipple`,
          title,
          start: c.appointment.startsAt,
          end: c.appointment.endsAt,
          location: studioLocation(c.studio),
        },
      ]),
    };
  }

  private async toClient(
    tx: Tx,
    c: BookingContext,
    step: string,
    text: { subject: string; body: string },
    attachments: MailAttachment[] = [],
  ): Promise<void> {
    await enqueue(tx, {
      studioId: c.studio.id,
      idempotencyKey: `booking:${c.booking.id}:${step}:${c.appointment.startsAt.toISOString()}`,
      kind: 'booking',
      client: { id: c.client.id, email: c.booking.email },
      subject: text.subject,
      body: text.body,
      sendAfter: new Date(),
      appointmentId: c.appointment.id,
      attachments,
    });
  }

  private async toArtist(tx: Tx, c: BookingContext, needsConfirmation: boolean): Promise<void> {
    const artist = await staffRepository.findById(tx, c.appointment.artistId);
    if (!artist?.active) return;
    const locale = docLocale(artist.locale);
    const type = c.studio.consultationTypes.find((t) => t.key === c.booking.consultationType);
    const text = bookingRequestStaffText(locale, {
      artistName: artist.name,
      clientName: formatName(c.client),
      typeName: type?.name[locale] ?? (locale === 'zh-CN' ? '咨询' : 'Consultation'),
      needsConfirmation,
      studio: c.studio,
      startsAt: c.appointment.startsAt,
      url: `${this.deps.config.publicUrl ?? ''}/bookings`,
    });
    await enqueueStaffMessage(tx, {
      studioId: c.studio.id,
      idempotencyKey: `booking:${c.booking.id}:artist:${c.appointment.startsAt.toISOString()}`,
      kind: 'booking_request',
      staff: { id: artist.id, email: artist.email },
      subject: text.subject,
      body: text.body,
      sendAfter: new Date(),
      attachments: [this.calendarFile(c, locale, 'artist')],
    });
  }
}
