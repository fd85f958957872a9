// Booking a consultation from the public page, end to end through the API and a real SMTP server:
// free times from the calendar's rules, the held slot, photos through the photo intake, the link
// that proves the email and opens the portal, one client for a visitor who books twice (and two
// for two people sharing an email), the studio's confirmation with a calendar file, declining,
// expiry, the waitlist, and the guards (honeypot, limits, one answer for known and unknown emails).
import type { Booking, BookingReceipt, PublicStudio, SlotList } from '@stipple/core';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/database.js';
import { studioRepository } from '../studio/studio.repository.js';
import { createStudioFixture, type FixtureStudio } from '../test-support/fixtures.js';
import { signedInAs } from '../test-support/signed-in.js';
import { heicBytes, jpegWithGps } from '../test-support/images.js';
import {
  calendarOf,
  linkIn,
  mailWith,
  mailsTo as visitorMails,
  openLink as openPortalLink,
  subjectOf,
  textOf,
} from '../test-support/public-visitor.js';
import { startSmtpSink, type SmtpSink } from '../test-support/smtp-sink.js';
import { startTestServer, type ApiClient, type TestServer } from '../test-support/test-server.js';
import { WEEKDAY_HOURS } from '../test-support/treatment-fixtures.js';

let ts: TestServer;
let sink: SmtpSink;
let studio: FixtureStudio;
let slug: string;
let owner: ApiClient;

beforeAll(async () => {
  sink = await startSmtpSink();
  ts = await startTestServer({ env: { STIPPLE_SMTP_URL: sink.url, STIPPLE_OUTBOX_INTERVAL_SECONDS: '1' } });
  studio = await createStudioFixture(ts.server.db, 'Booking Studio');
  const row = await ts.server.db.withStudio(studio.id, async (tx) => {
    const s = (await studioRepository.findById(tx, studio.id))!;
    return studioRepository.update(tx, studio.id, s.version, {
      phone: '+44 113 496 0456',
      address: '3 Mill Lane, Leeds',
      consultationTypes: [
        { key: 'consultation', name: { en: 'Consultation', 'zh-CN': '咨询' }, minutes: 45 },
      ],
      policy: {
        ...s.policy,
        minNoticeHours: 2,
        bufferMinutes: 15,
        confirmation: 'manual',
        bookingHorizonDays: 30,
        depositRequired: true,
        depositAmountMinor: 2000,
      },
    });
  });
  slug = row!.slug;
  owner = await signedInAs(ts, studio.owner.email);
  for (const who of [studio.owner.id, studio.artist.id])
    expect(
      (await owner.request('PUT', `/api/staff/${who}/working-hours`, { body: WEEKDAY_HOURS })).status,
    ).toBe(200);
});
afterAll(async () => {
  await ts?.close();
  await sink?.close();
});

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());

async function freeSlots(days = 7): Promise<SlotList> {
  const res = await ts
    .client()
    .get<SlotList>(`/api/public/studios/${slug}/slots?type=consultation&from=${today()}&days=${days}`);
  expect(res.status).toBe(200);
  return res.body;
}

function bookingBody(
  startsAt: string,
  who: { givenName: string; familyName: string; email: string },
  extra = {},
) {
  return {
    type: 'consultation',
    startsAt,
    ...who,
    phone: '+44 7700 900123',
    locale: 'en',
    concerns: ['scar'],
    message: 'FUT scar from 2019',
    privacyAccepted: true,
    ...extra,
  };
}

async function book(
  startsAt: string,
  who: { givenName: string; familyName: string; email: string },
  extra = {},
) {
  return ts
    .client()
    .post<BookingReceipt>(`/api/public/studios/${slug}/bookings`, bookingBody(startsAt, who, extra));
}

const bookingRow = (id: string) =>
  ts.server.db.withStudio(studio.id, async (tx) => {
    const [row] = await queryRows<{
      status: string;
      client_id: string;
      appointment_id: string;
      matched_existing: boolean;
    }>(tx, sql`select status, client_id, appointment_id, matched_existing from booking where id = ${id}`);
    const [appointment] = await queryRows<{ status: string; deposit: string }>(
      tx,
      sql`select status, deposit_status || ' ' || coalesce(deposit_amount_minor || ' ' || deposit_currency, '-') as deposit
            from appointment where id = ${row!.appointment_id}`,
    );
    return { ...row!, appointmentStatus: appointment!.status, deposit: appointment!.deposit };
  });

const mailsTo = (address: string, count: number) => visitorMails(sink, address, count);
const openLink = (token: string) => openPortalLink(ts, token);

const ANA = { givenName: 'Ana', familyName: 'Silva', email: 'ana.silva@visitor.example' };
let anaBookingId = '';

const artistEmailOf = async (bookingId: string) =>
  (
    await ts.server.db.withStudio(studio.id, (tx) =>
      queryRows<{ email: string }>(
        tx,
        sql`select u.email from booking b join appointment a on a.id = b.appointment_id join staff_user u on u.id = a.artist_id where b.id = ${bookingId}`,
      ),
    )
  )[0]!.email;

describe('the public page', () => {
  it('shows the studio, its artists (not front desk) and the booking policy', async () => {
    const res = await ts.client().get<PublicStudio>(`/api/public/studios/${slug}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'Booking Studio',
      phone: '+44 113 496 0456',
      timeZone: 'Europe/London',
    });
    expect(res.body.artists.map((a) => a.id).sort()).toEqual([studio.owner.id, studio.artist.id].sort());
    expect(res.body.policy).toMatchObject({ publicBooking: true, confirmation: 'manual', minNoticeHours: 2 });
    expect((await ts.client().get(`/api/public/studios/no-such-studio`)).status).toBe(404);
  });

  it('offers times inside working hours, after the minimum notice, never on an appointment or its buffer', async () => {
    const { slots } = await freeSlots();
    expect(slots.length).toBeGreaterThan(10);
    const notice = Date.now() + 2 * 3_600_000;
    for (const s of slots) {
      expect(Date.parse(s.startsAt)).toBeGreaterThanOrEqual(notice - 60_000);
      expect(Date.parse(s.endsAt) - Date.parse(s.startsAt)).toBe(45 * 60_000);
      const local = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/London',
        hour: '2-digit',
        minute: '2-digit',
        weekday: 'short',
      }).format(new Date(s.startsAt));
      expect(local).not.toMatch(/^Sun/);
    }
    // The artist books a session at the first offered time: it and its buffer leave the offer.
    const first = slots.find((s) => s.artistIds.includes(studio.artist.id))!;
    const client = await owner.post<{ id: string }>('/api/clients', { familyName: 'Walk-in' });
    const booked = await owner.post('/api/appointments', {
      clientId: client.body.id,
      artistId: studio.artist.id,
      kind: 'consultation',
      startsAt: first.startsAt,
      durationMinutes: 45,
    });
    expect(booked.status).toBe(201);
    const after = (await freeSlots()).slots;
    const start = Date.parse(first.startsAt);
    for (const s of after.filter((x) => x.artistIds.includes(studio.artist.id))) {
      const [a, b] = [Date.parse(s.startsAt), Date.parse(s.endsAt)];
      expect(a < start + 60 * 60_000 && b > start - 15 * 60_000, s.startsAt).toBe(false);
    }
  });
});

describe('booking', () => {
  let receipt: BookingReceipt;
  let startsAt: string;

  it('holds the time, answers alike for a known and an unknown email, and emails the link', async () => {
    startsAt = (await freeSlots()).slots[5]!.startsAt;
    const res = await book(startsAt, ANA);
    expect(res.status).toBe(202);
    receipt = res.body;
    anaBookingId = receipt.bookingId;
    expect(Object.keys(receipt).sort()).toEqual([
      'bookingId',
      'maxPhotos',
      'uploadToken',
      'uploadUntil',
      'verifyBy',
    ]);
    const row = await bookingRow(receipt.bookingId);
    expect(row).toMatchObject({
      status: 'unverified',
      appointmentStatus: 'requested',
      matched_existing: false,
      // The studio asks a deposit of online bookings: owed, not paid, until the desk records it.
      deposit: 'required 2000 GBP',
    });
    const [mail] = await mailsTo(ANA.email, 1);
    expect(subjectOf(mail!)).toMatch(/confirm your consultation at Booking Studio/i);
    expect(textOf(mail!)).toContain('+44 113 496 0456');
    // Nobody else can take the held time of that artist.
    const artistId = (
      await ts.server.db.withStudio(studio.id, (tx) =>
        queryRows<{ artist_id: string }>(
          tx,
          sql`select artist_id from appointment where id = ${row.appointment_id}`,
        ),
      )
    )[0]!.artist_id;
    const again = await book(startsAt, { ...ANA, email: 'other@visitor.example' }, { artistId });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'slot_unavailable', fields: [{ field: 'startsAt' }] });
  });

  it('takes photos through the photo intake with the upload token: metadata gone, HEIC refused, at most six', async () => {
    const url = `/api/public/bookings/${receipt.bookingId}/photos?view=top`;
    const upload = (body: Buffer, type: string, token = receipt.uploadToken) =>
      ts.client().request<{ photos: number }>('POST', url, {
        rawBody: body,
        contentType: type,
        headers: { 'x-upload-token': token },
      });
    const heic = await upload(heicBytes(), 'image/heic');
    expect(heic.status).toBe(415);
    expect(heic.body.message).toMatch(/HEIC/);
    expect((await upload(await jpegWithGps(), 'image/jpeg', 'x'.repeat(43))).status).toBe(403);
    const first = await upload(await jpegWithGps(), 'image/jpeg');
    expect(first.status).toBe(201);
    expect(first.body.photos).toBe(1);
    const [stored] = await ts.server.db.withStudio(studio.id, (tx) =>
      queryRows<{ sha256: string; uploaded_by: string | null }>(
        tx,
        sql`select p.sha256, p.uploaded_by from photo p join booking_photo b on b.photo_id = p.id where b.booking_id = ${receipt.bookingId}`,
      ),
    );
    expect(stored!.uploaded_by).toBeNull();
    const meta = await sharp(await ts.server.services.blobs.get(stored!.sha256)).metadata();
    expect(meta.exif).toBeUndefined();
    for (let i = 2; i <= 6; i++)
      expect((await upload(await jpegWithGps(60 + i, 40), 'image/jpeg')).body.photos).toBe(i);
    const seventh = await upload(await jpegWithGps(90, 40), 'image/jpeg');
    expect(seventh.status).toBe(409);
    expect(seventh.body.error).toBe('too_many_photos');
  });

  it('counts when the emailed link is opened: the email is proved, the portal opens, the artist hears', async () => {
    const [mail] = await mailsTo(ANA.email, 1);
    const token = linkIn(mail!);
    const preview = await ts.client().get<{ studio: { name: string } }>(`/api/portal/links/${token}`);
    expect(preview.status).toBe(200);
    expect(preview.body.studio.name).toBe('Booking Studio');
    const opened = await openLink(token);
    expect(opened.status).toBe(200);
    expect(opened.info.client).toMatchObject({ givenName: 'Ana', familyName: 'Silva' });
    expect(opened.info.landing.page).toBe('intake');
    expect((await opened.api.get('/api/portal/session')).status).toBe(200);
    expect(await bookingRow(receipt.bookingId)).toMatchObject({
      status: 'requested',
      appointmentStatus: 'requested',
    });
    const received = await mailsTo(ANA.email, 2);
    expect(subjectOf(received[1]!)).toMatch(/has your booking request/);
    const [artistMail] = await mailsTo(await artistEmailOf(receipt.bookingId), 1);
    expect(subjectOf(artistMail!)).toMatch(/Booking to confirm/);
    expect(calendarOf(artistMail!)).toContain('BEGIN:VCALENDAR');
    expect(calendarOf(artistMail!)).toContain('Consultation: Ana');
    // The same link again: refused.
    expect((await openLink(token)).status).toBe(410);
    expect((await ts.client().get(`/api/portal/links/${token}`)).status).toBe(410);
  });

  it('lets the studio confirm: the client gets the calendar file and the intake link', async () => {
    const list = await owner.get<{ items: Booking[] }>('/api/bookings?status=requested');
    const mine = list.body.items.find((b) => b.id === receipt.bookingId)!;
    expect(mine).toMatchObject({ givenName: 'Ana', concerns: ['scar'], message: 'FUT scar from 2019' });
    expect(mine.photoIds).toHaveLength(6);
    const res = await owner.post<Booking>(`/api/bookings/${receipt.bookingId}/confirm`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('confirmed');
    expect(await bookingRow(receipt.bookingId)).toMatchObject({ appointmentStatus: 'booked' });
    // Found by subject: a reminder for a time soon may go out in the same outbox round.
    const confirmed = await mailWith(sink, ANA.email, /is confirmed/);
    const ics = calendarOf(confirmed);
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain('LOCATION:Booking Studio\\, 3 Mill Lane\\, Leeds');
    expect(ics).toContain(
      `DTSTART:${startsAt
        .replace(/[-:]/g, '')
        .replace(/\.\d+Z$/, 'Z')
        .slice(0, 15)}`,
    );
    expect((await openLink(linkIn(confirmed))).info.landing).toMatchObject({ page: 'intake' });
    expect((await owner.post(`/api/bookings/${receipt.bookingId}/confirm`)).status).toBe(409);
  });
});

describe('a visitor who books twice', () => {
  it('is one client when the proved email and the name match, and two people sharing an email stay two', async () => {
    const anaClient = (await bookingRow(anaBookingId)).client_id;
    const again = await book((await freeSlots()).slots[14]!.startsAt, {
      ...ANA,
      givenName: ' ANA',
      familyName: 'silva',
    });
    expect(again.status).toBe(202);
    const row = await bookingRow(again.body.bookingId);
    expect(row.client_id).toBe(anaClient);
    expect(row.matched_existing).toBe(true);
    const rui = await book((await freeSlots()).slots[16]!.startsAt, { ...ANA, givenName: 'Rui' });
    const ruiRow = await bookingRow(rui.body.bookingId);
    expect(ruiRow.client_id).not.toBe(anaClient);
    expect(ruiRow.matched_existing).toBe(false);
  });
});

describe('guards', () => {
  it('keeps nothing from a robot that fills the hidden field, and answers it alike', async () => {
    const before = await ts.server.db.withStudio(studio.id, (tx) =>
      queryRows<{ n: number }>(tx, sql`select count(*)::int as n from booking`),
    );
    const res = await book(
      (await freeSlots()).slots[20]!.startsAt,
      { ...ANA, email: 'robot@spam.example' },
      { website: 'http://spam.example' },
    );
    expect(res.status).toBe(202);
    expect(Object.keys(res.body).sort()).toEqual([
      'bookingId',
      'maxPhotos',
      'uploadToken',
      'uploadUntil',
      'verifyBy',
    ]);
    const after = await ts.server.db.withStudio(studio.id, (tx) =>
      queryRows<{ n: number }>(tx, sql`select count(*)::int as n from booking`),
    );
    expect(after[0]!.n).toBe(before[0]!.n);
    await new Promise((r) => setTimeout(r, 2500));
    expect(sink.deliveries.some((d) => d.to.includes('robot@spam.example'))).toBe(false);
  });

  it('limits bookings per address in the database (429 with Retry-After)', async () => {
    const [counter] = await ts.server.db.asSystem((tx) =>
      queryRows<{ failures: number }>(
        tx,
        sql`select failures from login_throttle where key = 'booking:address:127.0.0.1'`,
      ),
    );
    expect(counter!.failures).toBeGreaterThanOrEqual(4);
    await ts.server.db.asSystem((tx) =>
      tx.execute(sql`update login_throttle set failures = 10 where key = 'booking:address:127.0.0.1'`),
    );
    const res = await book((await freeSlots()).slots[22]!.startsAt, {
      ...ANA,
      email: 'late@visitor.example',
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    await ts.server.db.asSystem((tx) =>
      tx.execute(sql`delete from login_throttle where key like 'booking:%'`),
    );
  });

  it('gives the time back when the link is never opened in time, and refuses the expired link', async () => {
    const startsAt = (await freeSlots()).slots[24]!.startsAt;
    const res = await book(startsAt, { givenName: 'Li', familyName: 'Wei', email: 'li.wei@visitor.example' });
    const [mail] = await mailsTo('li.wei@visitor.example', 1);
    await ts.server.db.asSystem((tx) =>
      tx.execute(
        sql`update booking set verify_by = now() - interval '1 minute', created_at = now() - interval '2 days' where id = ${res.body.bookingId}`,
      ),
    );
    await ts.server.db.asSystem((tx) =>
      tx.execute(
        sql`update one_time_link set created_at = now() - interval '2 days', expires_at = now() - interval '1 minute' where subject_id = ${res.body.bookingId}`,
      ),
    );
    expect((await openLink(linkIn(mail!))).status).toBe(410);
    await ts.server.services.bookings.expire(studio.id, res.body.bookingId);
    const row = await bookingRow(res.body.bookingId);
    expect(row).toMatchObject({ status: 'expired', appointmentStatus: 'cancelled' });
    const [client] = await ts.server.db.withStudio(studio.id, (tx) =>
      queryRows<{ archived_at: Date | null }>(
        tx,
        sql`select archived_at from client where id = ${row.client_id}`,
      ),
    );
    expect(client!.archived_at).not.toBeNull();
    expect((await freeSlots()).slots.some((s) => s.startsAt === startsAt)).toBe(true);
  });
});

describe('the waitlist', () => {
  it('offers a time freed by a declined booking to the people waiting for that day', async () => {
    const slot = (await freeSlots(10)).slots.at(-1)!;
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
      new Date(slot.startsAt),
    );
    const join = await ts.client().post(`/api/public/studios/${slug}/waitlist`, {
      type: 'consultation',
      fromDate: day,
      untilDate: day,
      givenName: 'Mei',
      familyName: 'Chen',
      email: 'mei.chen@visitor.example',
      locale: 'zh-CN',
      privacyAccepted: true,
    });
    expect(join.status).toBe(202);
    const [confirmWaitlist] = await mailsTo('mei.chen@visitor.example', 1);
    expect(subjectOf(confirmWaitlist!)).toMatch(/候补名单/);
    expect((await openLink(linkIn(confirmWaitlist!))).status).toBe(200);

    const tom = { givenName: 'Tom', familyName: 'Hart', email: 'tom.hart@visitor.example' };
    const booked = await book(slot.startsAt, tom);
    expect((await openLink(linkIn((await mailsTo(tom.email, 1))[0]!))).status).toBe(200);
    const declined = await owner.post<Booking>(`/api/bookings/${booked.body.bookingId}/decline`, {
      reason: 'The artist is ill that day',
    });
    expect(declined.status).toBe(200);
    expect(await bookingRow(booked.body.bookingId)).toMatchObject({
      status: 'declined',
      appointmentStatus: 'cancelled',
    });
    // The outbox sends side by side: the refusal may arrive before "we have your request".
    const refusal = await mailWith(sink, tom.email, /cannot take your booking/);
    expect(textOf(refusal)).toContain('The artist is ill that day');
    const offers = await mailsTo('mei.chen@visitor.example', 2);
    expect(subjectOf(offers[1]!)).toMatch(/有咨询时段空出/);
  });
});
