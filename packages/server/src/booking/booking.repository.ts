// SQL for online bookings, their photos and the waitlist.
import { and, asc, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { appointment, booking, bookingPhoto, client, staffUser, waitlistEntry } from '../db/schema.js';

export type BookingRow = typeof booking.$inferSelect;
export type WaitlistRow = typeof waitlistEntry.$inferSelect;

export interface BookingView {
  booking: BookingRow;
  startsAt: Date;
  endsAt: Date;
  artistId: string;
  artistName: string;
  clientGivenName: string;
  clientFamilyName: string;
}

const viewColumns = {
  booking,
  startsAt: appointment.startsAt,
  endsAt: appointment.endsAt,
  artistId: appointment.artistId,
  artistName: staffUser.name,
  clientGivenName: client.givenName,
  clientFamilyName: client.familyName,
};

export const bookingRepository = {
  async create(tx: Tx, values: typeof booking.$inferInsert): Promise<BookingRow> {
    const [row] = await tx.insert(booking).values(values).returning();
    return row!;
  },

  async findById(tx: Tx, id: string, options: { forUpdate?: boolean } = {}): Promise<BookingRow | undefined> {
    const query = tx.select().from(booking).where(eq(booking.id, id));
    const [row] = options.forUpdate ? await query.for('update') : await query;
    return row;
  },

  async findByAppointment(tx: Tx, appointmentId: string): Promise<BookingRow | undefined> {
    const [row] = await tx.select().from(booking).where(eq(booking.appointmentId, appointmentId));
    return row;
  },

  async view(tx: Tx, id: string): Promise<BookingView | undefined> {
    const [row] = await tx
      .select(viewColumns)
      .from(booking)
      .innerJoin(appointment, eq(appointment.id, booking.appointmentId))
      .innerJoin(staffUser, eq(staffUser.id, appointment.artistId))
      .innerJoin(client, eq(client.id, booking.clientId))
      .where(eq(booking.id, id));
    return row;
  },

  async list(tx: Tx, filter: { status?: BookingRow['status'] | undefined; clientId?: string | undefined }) {
    return tx
      .select(viewColumns)
      .from(booking)
      .innerJoin(appointment, eq(appointment.id, booking.appointmentId))
      .innerJoin(staffUser, eq(staffUser.id, appointment.artistId))
      .innerJoin(client, eq(client.id, booking.clientId))
      .where(
        and(
          filter.status ? eq(booking.status, filter.status) : sql`${booking.status} <> 'unverified'`,
          filter.clientId ? eq(booking.clientId, filter.clientId) : undefined,
        ),
      )
      .orderBy(asc(appointment.startsAt))
      .limit(500);
  },

  async update(tx: Tx, id: string, patch: Partial<typeof booking.$inferInsert>): Promise<void> {
    await tx.update(booking).set(patch).where(eq(booking.id, id));
  },

  async photoIds(tx: Tx, bookingIds: string[]): Promise<Map<string, string[]>> {
    const map = new Map<string, string[]>();
    if (bookingIds.length === 0) return map;
    const rows = await tx
      .select({ bookingId: bookingPhoto.bookingId, photoId: bookingPhoto.photoId })
      .from(bookingPhoto)
      .where(inArray(bookingPhoto.bookingId, bookingIds))
      .orderBy(asc(bookingPhoto.createdAt));
    for (const r of rows) map.set(r.bookingId, [...(map.get(r.bookingId) ?? []), r.photoId]);
    return map;
  },

  async addPhoto(tx: Tx, values: typeof bookingPhoto.$inferInsert): Promise<number> {
    await tx.insert(bookingPhoto).values(values);
    const [row] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(bookingPhoto)
      .where(eq(bookingPhoto.bookingId, values.bookingId));
    return row?.n ?? 0;
  },

  async countPhotos(tx: Tx, bookingId: string): Promise<number> {
    const [row] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(bookingPhoto)
      .where(eq(bookingPhoto.bookingId, bookingId));
    return row?.n ?? 0;
  },

  // ---- waitlist ----

  async createWaitlistEntry(tx: Tx, values: typeof waitlistEntry.$inferInsert): Promise<WaitlistRow> {
    const [row] = await tx.insert(waitlistEntry).values(values).returning();
    return row!;
  },

  async findWaitlistEntry(tx: Tx, id: string): Promise<WaitlistRow | undefined> {
    const [row] = await tx.select().from(waitlistEntry).where(eq(waitlistEntry.id, id));
    return row;
  },

  async updateWaitlistEntry(tx: Tx, id: string, patch: Partial<typeof waitlistEntry.$inferInsert>) {
    await tx.update(waitlistEntry).set(patch).where(eq(waitlistEntry.id, id));
  },

  /** Confirmed entries waiting for a consultation on `day` (studio date), oldest first. */
  async waitingOn(tx: Tx, day: string, limit: number) {
    return tx
      .select({ entry: waitlistEntry, client })
      .from(waitlistEntry)
      .innerJoin(client, eq(client.id, waitlistEntry.clientId))
      .where(
        and(
          eq(waitlistEntry.status, 'waiting'),
          lte(waitlistEntry.fromDate, day),
          gte(waitlistEntry.untilDate, day),
        ),
      )
      .orderBy(asc(waitlistEntry.createdAt))
      .limit(limit);
  },

  /** A client booked: their waiting entries are done. */
  async closeWaitingOf(tx: Tx, clientId: string): Promise<void> {
    await tx
      .update(waitlistEntry)
      .set({ status: 'booked' })
      .where(and(eq(waitlistEntry.clientId, clientId), eq(waitlistEntry.status, 'waiting')));
  },

  async waitlistOf(tx: Tx, clientId: string) {
    return tx
      .select()
      .from(waitlistEntry)
      .where(eq(waitlistEntry.clientId, clientId))
      .orderBy(desc(waitlistEntry.createdAt));
  },
};
