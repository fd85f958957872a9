// Online bookings as the studio handles them: the list of requests, one booking with what the
// visitor entered and their photos, confirming (the client gets the calendar file and the intake
// link) or declining with a reason (the slot is freed and offered to the waitlist). Every role
// may do this, as every role books appointments; the photos themselves stay clinical.
import type { Booking, BookingList, BookingStatus } from '@stipple/core';
import { audit } from '../audit/audit-trail.js';
import type { Actor } from '../auth/actor.js';
import { appointmentRepository } from '../appointments/appointment.repository.js';
import { clientRepository } from '../clients/client.repository.js';
import type { Database, Tx } from '../db/database.js';
import { studioRepository } from '../studio/studio.repository.js';
import { formatName } from '../text/person-name.js';
import { bookingErrors } from './booking-errors.js';
import type { BookingService } from './booking.service.js';
import type { BookingSteps } from './booking-steps.js';
import { bookingRepository, type BookingView } from './booking.repository.js';

export const toBooking = (v: BookingView, photoIds: string[]): Booking => ({
  id: v.booking.id,
  status: v.booking.status,
  clientId: v.booking.clientId,
  clientName: formatName({ givenName: v.clientGivenName, familyName: v.clientFamilyName }),
  matchedExisting: v.booking.matchedExisting,
  appointmentId: v.booking.appointmentId,
  startsAt: v.startsAt.toISOString(),
  endsAt: v.endsAt.toISOString(),
  artistId: v.artistId,
  artistName: v.artistName,
  consultationType: v.booking.consultationType,
  givenName: v.booking.givenName,
  familyName: v.booking.familyName,
  email: v.booking.email,
  phone: v.booking.phone,
  locale: v.booking.locale,
  concerns: v.booking.concerns as Booking['concerns'],
  message: v.booking.message,
  photoIds,
  createdAt: v.booking.createdAt.toISOString(),
  verifiedAt: v.booking.verifiedAt?.toISOString() ?? null,
  decidedAt: v.booking.decidedAt?.toISOString() ?? null,
  declineReason: v.booking.declineReason,
});

export class BookingDeskService {
  constructor(private readonly deps: { db: Database; steps: BookingSteps; bookings: BookingService }) {}

  async list(
    actor: Actor,
    query: { status?: BookingStatus | undefined; clientId?: string | undefined },
  ): Promise<BookingList> {
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const rows = await bookingRepository.list(tx, query);
      const photos = await bookingRepository.photoIds(
        tx,
        rows.map((r) => r.booking.id),
      );
      await audit(tx, actor, 'booking.list', 'booking', null, { count: rows.length, status: query.status });
      return { items: rows.map((r) => toBooking(r, photos.get(r.booking.id) ?? [])) };
    });
  }

  async get(actor: Actor, id: string): Promise<Booking> {
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const booking = await this.view(tx, id);
      await audit(tx, actor, 'booking.read', 'booking', id, { clientId: booking.clientId });
      return booking;
    });
  }

  async confirm(actor: Actor, id: string): Promise<Booking> {
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const c = await this.pending(tx, actor, id);
      await this.deps.steps.confirm(tx, c, actor.userId);
      await bookingRepository.update(tx, id, {
        status: 'confirmed',
        decidedAt: new Date(),
        decidedBy: actor.userId,
      });
      await this.deps.steps.sendConfirmed(tx, c);
      await audit(tx, actor, 'booking.confirm', 'booking', id, { clientId: c.client.id });
      return this.view(tx, id);
    });
  }

  async decline(actor: Actor, id: string, reason: string): Promise<Booking> {
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const c = await this.pending(tx, actor, id);
      await bookingRepository.update(tx, id, {
        status: 'declined',
        decidedAt: new Date(),
        decidedBy: actor.userId,
        declineReason: reason,
      });
      await this.deps.bookings.release(tx, c.studio, c.appointment, `declined: ${reason}`);
      await this.deps.steps.sendDeclined(tx, c, reason);
      await audit(tx, actor, 'booking.decline', 'booking', id, { clientId: c.client.id });
      return this.view(tx, id);
    });
  }

  private async pending(tx: Tx, actor: Actor, id: string) {
    const booking = await bookingRepository.findById(tx, id, { forUpdate: true });
    if (!booking) throw bookingErrors.notFound();
    if (booking.status !== 'requested') throw bookingErrors.notPending(booking.status);
    const appointment = (await appointmentRepository.findById(tx, booking.appointmentId, {
      forUpdate: true,
    }))!;
    if (appointment.status !== 'requested') throw bookingErrors.notPending(appointment.status);
    const client = (await clientRepository.findById(tx, booking.clientId))!;
    const studio = (await studioRepository.findById(tx, actor.studioId))!;
    return { booking, appointment, client, studio };
  }

  private async view(tx: Tx, id: string): Promise<Booking> {
    const row = await bookingRepository.view(tx, id);
    if (!row) throw bookingErrors.notFound();
    const photos = await bookingRepository.photoIds(tx, [id]);
    return toBooking(row, photos.get(id) ?? []);
  }
}
