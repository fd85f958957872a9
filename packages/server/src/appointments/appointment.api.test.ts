// The calendar through the real server: booking, the minimum interval between sessions with its
// override, no double booking (also under concurrent requests), working hours, moves and
// cancellations with history and reminders, and the secret .ics feeds.
import type { Appointment, AppointmentList, CalendarFeed, OutboxPage, TreatmentCourse } from '@stipple/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClientFixture, type FixtureStudio } from '../test-support/fixtures.js';
import { signedInStudio } from '../test-support/signed-in.js';
import { startTestServer, type ApiClient, type TestServer } from '../test-support/test-server.js';
import { daysLater, WEEKDAY_HOURS, workdayAt } from '../test-support/treatment-fixtures.js';

let ts: TestServer;
let studio: FixtureStudio;
let owner: ApiClient;
let artist: ApiClient;
let desk: ApiClient;
let clientId: string;
let course: TreatmentCourse;

beforeAll(async () => {
  ts = await startTestServer();
  ({ studio, owner, artist, desk } = await signedInStudio(ts, 'Calendar Studio'));
  clientId = await createClientFixture(ts.server.db, studio.id, {
    givenName: 'Ana',
    familyName: 'Calendar',
    email: 'ana@calendar.example',
  });
  for (const who of [studio.owner.id, studio.artist.id])
    expect(
      (await owner.request('PUT', `/api/staff/${who}/working-hours`, { body: WEEKDAY_HOURS })).status,
    ).toBe(200);
  course = (await desk.post<TreatmentCourse>(`/api/clients/${clientId}/courses`, { title: 'Crown density' }))
    .body;
});
afterAll(() => ts?.close());

const book = (who: ApiClient, body: Record<string, unknown>) =>
  who.post<Appointment>('/api/appointments', {
    clientId,
    artistId: studio.artist.id,
    durationMinutes: 120,
    ...body,
  });

describe('booking', () => {
  let first: Appointment;
  let second: Appointment;

  it('front desk books a consultation and sessions; sessions are numbered within the treatment', async () => {
    const consult = await book(desk, {
      kind: 'consultation',
      startsAt: workdayAt(2, '10:00'),
      durationMinutes: 60,
    });
    expect(consult.status, JSON.stringify(consult.body)).toBe(201);
    expect(course.minIntervalDays).toBe(14);
    first = (await book(desk, { kind: 'session', courseId: course.id, startsAt: workdayAt(3, '10:00') }))
      .body;
    second = (
      await book(desk, { kind: 'session', courseId: course.id, startsAt: daysLater(first.startsAt, 15) })
    ).body;
    expect([first.sessionNumber, second.sessionNumber]).toEqual([1, 2]);
    expect(first).toMatchObject({
      kind: 'session',
      status: 'booked',
      clientName: 'Ana Calendar',
      artistId: studio.artist.id,
    });
  });

  it('refuses a session closer than the minimum interval, naming startsAt; an artist overrides with a reason', async () => {
    const tooEarly = daysLater(second.startsAt, 7);
    const refused = await book(desk, { kind: 'session', courseId: course.id, startsAt: tooEarly });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toBe('interval_too_short');
    expect(refused.body.fields).toEqual([
      expect.objectContaining({
        in: 'body',
        field: 'startsAt',
        code: 'tooSoon',
        message: expect.stringMatching(
          /^Is 7 days from the session on .*; this treatment needs at least 14 days/,
        ) as unknown,
      }),
    ]);
    const deskOverride = await book(desk, {
      kind: 'session',
      courseId: course.id,
      startsAt: tooEarly,
      intervalOverrideReason: 'Client travels abroad',
    });
    expect(deskOverride.status).toBe(403);
    const allowed = await book(artist, {
      kind: 'session',
      courseId: course.id,
      startsAt: tooEarly,
      intervalOverrideReason: 'Client travels abroad; scalp healed early',
    });
    expect(allowed.status, JSON.stringify(allowed.body)).toBe(201);
    expect(allowed.body).toMatchObject({
      sessionNumber: 3,
      intervalOverrideReason: 'Client travels abroad; scalp healed early',
    });
    const history = await artist.get<{ items: { action: string; intervalOverrideReason: string | null }[] }>(
      `/api/appointments/${allowed.body.id}/history`,
    );
    expect(history.body.items).toEqual([
      expect.objectContaining({
        action: 'booked',
        intervalOverrideReason: 'Client travels abroad; scalp healed early',
      }),
    ]);
  });

  it('refuses a double booking of the artist with 409, and outside working hours with 422', async () => {
    const clash = await book(desk, {
      kind: 'consultation',
      startsAt: new Date(new Date(first.startsAt).getTime() + 30 * 60_000).toISOString(),
    });
    expect(clash.status).toBe(409);
    expect(clash.body.fields?.[0]).toMatchObject({
      field: 'startsAt',
      code: 'overlapsAppointment',
      message: expect.stringMatching(/^Overlaps another appointment of \S/) as unknown,
    });
    const evening = await book(desk, { kind: 'consultation', startsAt: workdayAt(4, '18:30') });
    expect(evening.status).toBe(422);
    expect(evening.body.fields?.[0]?.message).toMatch(/working hours/);
    // Another artist (the owner) is free at the clashing time.
    const other = await book(desk, {
      kind: 'consultation',
      artistId: studio.owner.id,
      startsAt: first.startsAt,
    });
    expect(other.status).toBe(201);
  });

  it('lets exactly one of many simultaneous bookings of the same slot through', async () => {
    const slot = workdayAt(6, '14:00');
    const attempts = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        (i % 2 ? desk : owner).post<Appointment>('/api/appointments', {
          clientId,
          artistId: studio.artist.id,
          kind: 'consultation',
          startsAt: slot,
          durationMinutes: 60,
        }),
      ),
    );
    expect(attempts.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    const day = await desk.get<AppointmentList>(
      `/api/appointments?from=${encodeURIComponent(slot)}&to=${encodeURIComponent(daysLater(slot, 1))}&artistId=${studio.artist.id}`,
    );
    expect(day.body.items.filter((a) => a.startsAt === new Date(slot).toISOString())).toHaveLength(1);
  });

  it('moves with the same rules and history, renumbers, and swaps the reminder', async () => {
    const moved = await desk.post<Appointment>(`/api/appointments/${second.id}/move`, {
      startsAt: daysLater(first.startsAt, 40),
      reason: 'Client asked',
      version: second.version,
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.version).toBe(second.version + 1);
    // It now comes after the (overridden) third session: the numbers follow the dates.
    expect(moved.body.sessionNumber).toBe(3);
    const stale = await desk.post<Appointment>(`/api/appointments/${second.id}/move`, {
      startsAt: daysLater(first.startsAt, 17),
      version: second.version,
    });
    expect(stale.status).toBe(409);
    const tooClose = await desk.post<Appointment>(`/api/appointments/${second.id}/move`, {
      startsAt: daysLater(first.startsAt, 2),
      version: moved.body.version,
    });
    expect(tooClose.status).toBe(422);
    const history = await desk.get<{ items: { action: string; reason: string | null }[] }>(
      `/api/appointments/${second.id}/history`,
    );
    expect(history.body.items.map((e) => e.action)).toEqual(['booked', 'moved']);
    expect(history.body.items[1]!.reason).toBe('Client asked');
    const outbox = await owner.get<OutboxPage>(`/api/outbox?clientId=${clientId}&pageSize=200`);
    const reminders = outbox.body.items.filter((m) => m.kind === 'appointment_reminder');
    expect(reminders.filter((m) => m.status === 'cancelled')).toHaveLength(1);
    expect(reminders.every((m) => !/session|scalp|scar/i.test(m.subject))).toBe(true);
    second = moved.body;
  });

  it('cancels with a reason; the pending reminder is withdrawn and the slot is free again', async () => {
    const cancelled = await desk.post<Appointment>(`/api/appointments/${second.id}/cancel`, {
      reason: 'Client unwell',
      version: second.version,
    });
    expect(cancelled.body.status).toBe('cancelled');
    const again = await desk.post<Appointment>(`/api/appointments/${second.id}/cancel`, {
      reason: 'Twice',
      version: cancelled.body.version,
    });
    expect(again.status).toBe(409);
    const rebooked = await book(desk, { kind: 'consultation', startsAt: second.startsAt });
    expect(rebooked.status).toBe(201);
    const outbox = await owner.get<OutboxPage>(
      `/api/outbox?clientId=${clientId}&status=pending&pageSize=200`,
    );
    expect(outbox.body.items.some((m) => m.subject.includes('Reminder') && m.status === 'pending')).toBe(
      true,
    );
  });

  it('names the field of a bad booking', async () => {
    const noCourse = await book(desk, { kind: 'session', startsAt: workdayAt(8, '10:00') });
    expect(noCourse.status).toBe(400);
    expect(noCourse.body.fields?.[0]).toMatchObject({ field: 'courseId' });
    const frontDeskArtist = await book(desk, {
      kind: 'consultation',
      artistId: studio.desk.id,
      startsAt: workdayAt(8, '10:00'),
    });
    expect(frontDeskArtist.status).toBe(422);
    expect(frontDeskArtist.body.fields?.[0]).toMatchObject({ field: 'artistId' });
  });
});

describe('calendar feeds', () => {
  it('serve an artist feed and a client feed without health details, until revoked', async () => {
    const artistFeed = await artist.post<CalendarFeed>('/api/calendar-feeds', {
      kind: 'artist',
      subjectId: studio.artist.id,
    });
    expect(artistFeed.status).toBe(201);
    const ics = await ts.client().get<string>(new URL(artistFeed.body.url!).pathname);
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toMatch(/text\/calendar/);
    expect(ics.body).toContain('BEGIN:VEVENT');
    expect(ics.body).toContain('Session: Ana C.');
    expect(ics.body).not.toMatch(/Crown|density|scar|ana@calendar/i);

    const clientFeed = await artist.post<CalendarFeed>('/api/calendar-feeds', {
      kind: 'client',
      subjectId: clientId,
    });
    const clientIcs = await ts.client().get<string>(new URL(clientFeed.body.url!).pathname);
    expect(clientIcs.body).toContain('Appointment at Calendar Studio');
    expect(clientIcs.body).not.toMatch(/Session|Consultation/);

    const otherArtist = await artist.post<CalendarFeed>('/api/calendar-feeds', {
      kind: 'artist',
      subjectId: studio.owner.id,
    });
    expect(otherArtist.status).toBe(403);
    expect((await artist.post<CalendarFeed>(`/api/calendar-feeds/${artistFeed.body.id}/revoke`)).status).toBe(
      200,
    );
    expect((await ts.client().get(new URL(artistFeed.body.url!).pathname)).status).toBe(404);
    expect((await ts.client().get('/api/feeds/not-a-real-token-but-long-enough.ics')).status).toBe(404);
  });
});
