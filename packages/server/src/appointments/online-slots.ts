// The calendar as the public page sees it: free consultation slots of the studio's artists
// (working hours less appointments, with the buffer, from the minimum notice up to the booking
// horizon, in the studio's time zone), and holding one of them for an online booking. A slot is
// held only if it is one the page would offer at that moment; the database still refuses two
// overlapping appointments of an artist (exclusion constraint), whoever was first.
import type { Slot } from '@stipple/core';
import type { Tx } from '../db/database.js';
import { staffRepository, type StaffRow } from '../staff/staff.repository.js';
import type { StudioRow } from '../studio/studio.repository.js';
import { freeStarts, studioToday } from './availability.js';
import { appointmentRepository, type AppointmentRow } from './appointment.repository.js';
import { depositPatch } from './deposit-columns.js';
import { workingHoursRepository } from './working-hours.repository.js';
import { addDays, studioInstant } from './studio-time.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Owners and artists who can be booked (front desk cannot). */
export async function bookableArtists(tx: Tx): Promise<StaffRow[]> {
  return (await staffRepository.list(tx)).filter((s) => s.active && s.role !== 'front_desk');
}

export interface SlotWindow {
  minutes: number;
  /** An appointment being moved: its own time does not count as busy. */
  exceptId?: string;
  /** First and last studio day, inclusive. */
  fromDate: string;
  toDate: string;
  now: Date;
}

/** The last studio day the page offers slots for. */
export const lastBookableDay = (studio: StudioRow, now: Date): string =>
  studioToday(new Date(now.getTime() + studio.policy.bookingHorizonDays * DAY), studio.timeZone);

async function startsOf(tx: Tx, studio: StudioRow, artistId: string, w: SlotWindow): Promise<Date[]> {
  const { weekly, exceptions } = await workingHoursRepository.of(tx, artistId);
  const { policy, timeZone } = studio;
  const margin = (policy.bufferMinutes + w.minutes) * MINUTE + DAY;
  const busy = await appointmentRepository.busyOf(
    tx,
    [artistId],
    new Date(studioInstant(w.fromDate, 0, timeZone).getTime() - margin),
    new Date(studioInstant(addDays(w.toDate, 1), 0, timeZone).getTime() + margin),
    w.exceptId,
  );
  return freeStarts({
    fromDate: w.fromDate,
    toDate: w.toDate,
    timeZone,
    minutes: w.minutes,
    bufferMinutes: policy.bufferMinutes,
    notBefore: new Date(w.now.getTime() + policy.minNoticeHours * 3_600_000),
    notAfter: new Date(w.now.getTime() + policy.bookingHorizonDays * DAY),
    weekly,
    exceptions,
    busy: busy.map((b) => ({ start: b.startsAt, end: b.endsAt })),
  });
}

/** Free slots in the window, each with the artists free then (one artist only when asked). */
export async function freeSlots(
  tx: Tx,
  studio: StudioRow,
  w: SlotWindow,
  artistId?: string,
): Promise<Slot[]> {
  const artists = (await bookableArtists(tx)).filter((a) => !artistId || a.id === artistId);
  const byStart = new Map<number, string[]>();
  for (const artist of artists)
    for (const start of await startsOf(tx, studio, artist.id, w))
      byStart.set(start.getTime(), [...(byStart.get(start.getTime()) ?? []), artist.id]);
  return [...byStart.entries()]
    .sort(([a], [b]) => a - b)
    .map(([start, artistIds]) => ({
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + w.minutes * MINUTE).toISOString(),
      artistIds,
    }));
}

/** Whether `startsAt` is a time the page would offer now for this artist and length. */
export async function isOfferedSlot(
  tx: Tx,
  studio: StudioRow,
  q: { artistId: string; startsAt: Date; minutes: number; now: Date; exceptId?: string },
): Promise<boolean> {
  const day = studioToday(q.startsAt, studio.timeZone);
  const window = {
    minutes: q.minutes,
    fromDate: day,
    toDate: day,
    now: q.now,
    ...(q.exceptId ? { exceptId: q.exceptId } : {}),
  };
  return (await freeSlots(tx, studio, window, q.artistId)).some(
    (s) => Date.parse(s.startsAt) === q.startsAt.getTime(),
  );
}

/** The deposit an online booking owes under the studio's policy: asked, not paid. */
const depositAsked = (studio: StudioRow, now: Date) =>
  studio.policy.depositRequired
    ? depositPatch(
        { status: 'required', amountMinor: studio.policy.depositAmountMinor || null },
        studio.currency,
        now,
      )
    : {};

/**
 * Holds a slot for an online booking (status `requested`): the chosen artist, or the first one
 * free then. Returns null when the slot is not one the page offers now (taken, too soon, too far).
 */
export async function holdSlot(
  tx: Tx,
  studio: StudioRow,
  h: {
    clientId: string;
    artistId?: string | undefined;
    startsAt: Date;
    minutes: number;
    now: Date;
    notes: string;
  },
): Promise<AppointmentRow | null> {
  const day = studioToday(h.startsAt, studio.timeZone);
  const window = { minutes: h.minutes, fromDate: day, toDate: day, now: h.now };
  const slot = (await freeSlots(tx, studio, window, h.artistId)).find(
    (s) => Date.parse(s.startsAt) === h.startsAt.getTime(),
  );
  const artistId = slot?.artistIds[0];
  if (!artistId) return null;
  const row = await appointmentRepository.create(tx, {
    studioId: studio.id,
    clientId: h.clientId,
    artistId,
    kind: 'consultation',
    startsAt: h.startsAt,
    endsAt: new Date(h.startsAt.getTime() + h.minutes * MINUTE),
    status: 'requested',
    notes: h.notes,
    createdBy: null,
    ...depositAsked(studio, h.now),
  });
  await appointmentRepository.addEvent(tx, {
    studioId: studio.id,
    appointmentId: row.id,
    action: 'booked',
    actorUserId: null,
    toStartsAt: row.startsAt,
    toArtistId: artistId,
    reason: 'online booking',
  });
  if (row.depositStatus === 'required')
    await appointmentRepository.addEvent(tx, {
      studioId: studio.id,
      appointmentId: row.id,
      action: 'deposit_required',
      actorUserId: null,
      depositAmountMinor: row.depositAmountMinor,
    });
  return row;
}
