// The client's appointments in the portal: what is coming and what was, and moving or cancelling
// a consultation online up to the studio's cancellation notice (later: the portal says to call).
// A move takes only a time the public page would offer (same artist, same length); sessions of a
// treatment are moved by the studio, which keeps their minimum interval. Every change emails the
// client (a new calendar file for a move) and frees the old time for the waitlist.
import type { PortalAppointment, PortalAppointments, Slot } from '@stipple/core';
import type { Config } from '../config.js';
import type { Database, Tx } from '../db/database.js';
import { auditRepository } from '../audit/audit.repository.js';
import { appointmentRepository, type AppointmentView } from '../appointments/appointment.repository.js';
import { studioLocation } from '../appointments/appointment.service.js';
import { timedCalendar } from '../appointments/ics.js';
import { freeSlots, isOfferedSlot } from '../appointments/online-slots.js';
import { queueAppointmentReminder } from '../appointments/reminders.js';
import { addDays } from '../appointments/studio-time.js';
import { studioToday } from '../appointments/availability.js';
import { bookingErrors } from '../booking/booking-errors.js';
import { bookingCancelledText, bookingMovedText } from '../booking/booking-texts.js';
import type { BookingSteps } from '../booking/booking-steps.js';
import { bookingRepository } from '../booking/booking.repository.js';
import { clientRepository } from '../clients/client.repository.js';
import { docLocale } from '../documents/format.js';
import { intakeRepository } from '../intake/intake.repository.js';
import { enqueue } from '../outbox/outbox.service.js';
import { outboxRepository } from '../outbox/outbox.repository.js';
import { studioRepository, type StudioRow } from '../studio/studio.repository.js';
import type { PortalActor } from './portal-auth.service.js';
import { portalErrors } from './portal-errors.js';

const HOUR = 3_600_000;
const LIVE = new Set(['requested', 'booked']);

export class PortalAppointmentsService {
  constructor(
    private readonly deps: {
      db: Database;
      config: Pick<Config, 'publicUrl' | 'reminderHoursBefore'>;
      steps: BookingSteps;
    },
  ) {}

  async list(p: PortalActor): Promise<PortalAppointments> {
    return this.deps.db.withStudio(p.studioId, async (tx) => {
      const studio = (await studioRepository.findById(tx, p.studioId))!;
      const rows = await appointmentRepository.listFor(
        tx,
        { clientId: p.clientId },
        new Date(Date.now() - 2 * 365 * 86_400_000),
      );
      const items: PortalAppointment[] = [];
      for (const r of rows) items.push(await this.toItem(tx, studio, r));
      const now = Date.now();
      return {
        upcoming: items.filter((a) => Date.parse(a.endsAt) >= now && LIVE.has(a.status)),
        past: items.filter((a) => !(Date.parse(a.endsAt) >= now && LIVE.has(a.status))).reverse(),
        cancellationNoticeHours: studio.policy.cancellationNoticeHours,
      };
    });
  }

  /** Free times to move a consultation to (same artist and length), a week from `from`. */
  async slotsForMove(p: PortalActor, id: string, from: string): Promise<{ slots: Slot[]; timeZone: string }> {
    return this.deps.db.withStudio(p.studioId, async (tx) => {
      const { studio, appointment } = await this.changeable(tx, p, id);
      const today = studioToday(new Date(), studio.timeZone);
      const fromDate = from < today ? today : from;
      const minutes = (appointment.endsAt.getTime() - appointment.startsAt.getTime()) / 60_000;
      const slots = await freeSlots(
        tx,
        studio,
        { minutes, fromDate, toDate: addDays(fromDate, 6), now: new Date(), exceptId: appointment.id },
        appointment.artistId,
      );
      return { slots, timeZone: studio.timeZone };
    });
  }

  async move(p: PortalActor, id: string, startsAt: Date): Promise<PortalAppointment> {
    return this.deps.db.withStudio(p.studioId, async (tx) => {
      const { studio, appointment } = await this.changeable(tx, p, id);
      const minutes = (appointment.endsAt.getTime() - appointment.startsAt.getTime()) / 60_000;
      const offered = await isOfferedSlot(tx, studio, {
        artistId: appointment.artistId,
        startsAt,
        minutes,
        now: new Date(),
        exceptId: appointment.id,
      });
      if (!offered) throw bookingErrors.slotUnavailable();
      const endsAt = new Date(startsAt.getTime() + minutes * 60_000);
      await appointmentRepository.update(tx, id, { startsAt, endsAt });
      await appointmentRepository.addEvent(tx, {
        studioId: p.studioId,
        appointmentId: id,
        action: 'moved',
        actorUserId: null,
        fromStartsAt: appointment.startsAt,
        toStartsAt: startsAt,
        reason: 'moved by the client online',
      });
      await outboxRepository.cancelPending(tx, { appointmentId: id, kind: 'appointment_reminder' });
      const client = (await clientRepository.findById(tx, p.clientId))!;
      if (appointment.status === 'booked')
        await queueAppointmentReminder(tx, this.deps.config, studio, client, id, startsAt);
      const locale = docLocale(client.preferredLanguage);
      const text = bookingMovedText(locale, {
        name: client.givenName || client.familyName,
        studio,
        startsAt,
        portalUrl: this.deps.steps.portalUrl(studio.slug),
      });
      await enqueue(tx, {
        studioId: p.studioId,
        idempotencyKey: `portal-move:${id}:${startsAt.toISOString()}`,
        kind: 'booking',
        client,
        subject: text.subject,
        body: text.body,
        sendAfter: new Date(),
        appointmentId: id,
        attachments: [
          {
            filename: 'appointment.ics',
            contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
            content: timedCalendar(studio.name, [
              {
                uid: `${id}@stipple`,
                title: locale === 'zh-CN' ? `${studio.name} 预约` : `Appointment at ${studio.name}`,
                start: startsAt,
                end: endsAt,
                location: studioLocation(studio),
              },
            ]),
          },
        ],
      });
      await this.deps.steps.offerToWaitlist(tx, appointment, studio);
      await auditRepository.record(tx, {
        studioId: p.studioId,
        actorUserId: null,
        action: 'appointment.move',
        entityType: 'appointment',
        entityId: id,
        details: { clientId: p.clientId, via: 'portal' },
      });
      return this.toItem(tx, studio, (await appointmentRepository.view(tx, id))!);
    });
  }

  async cancel(p: PortalActor, id: string, reason: string): Promise<PortalAppointment> {
    return this.deps.db.withStudio(p.studioId, async (tx) => {
      const { studio, appointment } = await this.changeable(tx, p, id);
      await appointmentRepository.update(tx, id, { status: 'cancelled' });
      await appointmentRepository.addEvent(tx, {
        studioId: p.studioId,
        appointmentId: id,
        action: 'cancelled',
        actorUserId: null,
        fromStartsAt: appointment.startsAt,
        reason: reason ? `cancelled by the client online: ${reason}` : 'cancelled by the client online',
      });
      await outboxRepository.cancelPending(tx, { appointmentId: id });
      const booking = await bookingRepository.findByAppointment(tx, id);
      if (booking && (booking.status === 'requested' || booking.status === 'confirmed'))
        await bookingRepository.update(tx, booking.id, { status: 'cancelled' });
      const client = (await clientRepository.findById(tx, p.clientId))!;
      const text = bookingCancelledText(docLocale(client.preferredLanguage), {
        name: client.givenName || client.familyName,
        studio,
        startsAt: appointment.startsAt,
        bookingUrl: `${this.deps.config.publicUrl ?? ''}/s/${studio.slug}`,
      });
      await enqueue(tx, {
        studioId: p.studioId,
        idempotencyKey: `portal-cancel:${id}`,
        kind: 'booking',
        client,
        subject: text.subject,
        body: text.body,
        sendAfter: new Date(),
      });
      await this.deps.steps.offerToWaitlist(tx, appointment, studio);
      await auditRepository.record(tx, {
        studioId: p.studioId,
        actorUserId: null,
        action: 'appointment.cancel',
        entityType: 'appointment',
        entityId: id,
        details: { clientId: p.clientId, via: 'portal' },
      });
      return this.toItem(tx, studio, (await appointmentRepository.view(tx, id))!);
    });
  }

  /** The client's own appointment that may still be changed online; otherwise the reason. */
  private async changeable(tx: Tx, p: PortalActor, id: string) {
    const appointment = await appointmentRepository.findById(tx, id, { forUpdate: true });
    // Another client's or another studio's appointment is simply not there.
    if (!appointment || appointment.clientId !== p.clientId) throw portalErrors.notFound('appointment');
    const studio = (await studioRepository.findById(tx, p.studioId))!;
    if (!LIVE.has(appointment.status) || appointment.kind !== 'consultation')
      throw portalErrors.notChangeable();
    if (appointment.startsAt.getTime() - studio.policy.cancellationNoticeHours * HOUR <= Date.now())
      throw portalErrors.tooLate(studio.policy.cancellationNoticeHours);
    return { studio, appointment };
  }

  private async toItem(tx: Tx, studio: StudioRow, r: AppointmentView): Promise<PortalAppointment> {
    const changeUntil = new Date(r.startsAt.getTime() - studio.policy.cancellationNoticeHours * HOUR);
    const intake = await intakeRepository.latestForAppointment(tx, r.id);
    return {
      id: r.id,
      kind: r.kind,
      startsAt: r.startsAt.toISOString(),
      endsAt: r.endsAt.toISOString(),
      status: r.status,
      artistName: r.artistName,
      changeUntil: changeUntil.toISOString(),
      canChange: LIVE.has(r.status) && r.kind === 'consultation' && changeUntil.getTime() > Date.now(),
      intake: !intake ? 'none' : intake.status === 'accepted' ? 'accepted' : 'submitted',
    };
  }
}
