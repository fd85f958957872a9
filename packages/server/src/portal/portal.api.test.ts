// The client portal end to end through the API and a real SMTP server: a visitor books, opens the
// emailed link, answers the health questions from home; the artist sees them (and later what
// changed) and accepts them into the consultation; the client signs consents, withdraws photo use
// with its effect shown, moves and cancels within the studio's policy and is told to call after.
// Every portal route is probed with another client's ids (404) and without a session (401); the
// staff side of the intake is probed from another studio (404).
import type {
  Booking,
  BookingReceipt,
  Consultation,
  Intake,
  IntakeList,
  PortalAppointment,
  PortalAppointments,
  PortalConsent,
  PortalConsents,
  SlotList,
  WithdrawalEffect,
} from '@stipple/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTemplates } from '../demo/demo-records.js';
import { studioRepository } from '../studio/studio.repository.js';
import { createStudioFixture, type FixtureStudio } from '../test-support/fixtures.js';
import { signedInAs } from '../test-support/signed-in.js';
import { jpegWithGps, signaturePng } from '../test-support/images.js';
import { calendarOf, linkIn, mailsTo, mailWith, openLink, textOf } from '../test-support/public-visitor.js';
import { startSmtpSink, type SmtpSink } from '../test-support/smtp-sink.js';
import { startTestServer, type ApiClient, type TestServer } from '../test-support/test-server.js';
import { WEEKDAY_HOURS } from '../test-support/treatment-fixtures.js';

let ts: TestServer;
let sink: SmtpSink;
let studio: FixtureStudio;
let other: FixtureStudio;
let slug: string;
let owner: ApiClient;
let otherOwner: ApiClient;

async function setPolicy(changes: { cancellationNoticeHours: number }) {
  await ts.server.db.withStudio(studio.id, async (tx) => {
    const s = (await studioRepository.findById(tx, studio.id))!;
    await studioRepository.update(tx, studio.id, s.version, { policy: { ...s.policy, ...changes } });
  });
}

beforeAll(async () => {
  sink = await startSmtpSink();
  ts = await startTestServer({ env: { STIPPLE_SMTP_URL: sink.url, STIPPLE_OUTBOX_INTERVAL_SECONDS: '1' } });
  studio = await createStudioFixture(ts.server.db, 'Portal Studio');
  other = await createStudioFixture(ts.server.db, 'Other Studio');
  const row = await ts.server.db.withStudio(studio.id, async (tx) => {
    await seedTemplates(tx, studio.id, studio.owner.id);
    const s = (await studioRepository.findById(tx, studio.id))!;
    return studioRepository.update(tx, studio.id, s.version, {
      phone: '+44 113 496 0789',
      consultationTypes: [
        { key: 'consultation', name: { en: 'Consultation', 'zh-CN': '咨询' }, minutes: 45 },
      ],
      policy: {
        ...s.policy,
        minNoticeHours: 2,
        cancellationNoticeHours: 24,
        confirmation: 'manual',
        bookingHorizonDays: 30,
      },
    });
  });
  slug = row!.slug;
  owner = await signedInAs(ts, studio.owner.email);
  otherOwner = await signedInAs(ts, other.owner.email);
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

/** Offered times at least three days ahead: well before the 24 hours' cancellation notice. */
async function laterSlots(): Promise<SlotList['slots']> {
  const res = await ts
    .client()
    .get<SlotList>(`/api/public/studios/${slug}/slots?type=consultation&from=${today()}&days=14`);
  expect(res.status).toBe(200);
  return res.body.slots.filter((s) => Date.parse(s.startsAt) > Date.now() + 3 * 86_400_000);
}

interface Visitor {
  api: ApiClient;
  clientId: string;
  appointmentId: string;
  bookingId: string;
}

/** Books a consultation on the public page and opens the emailed link. */
async function bookAndOpen(
  who: { givenName: string; familyName: string; email: string },
  startsAt: string,
  photo = false,
): Promise<Visitor> {
  const res = await ts.client().post<BookingReceipt>(`/api/public/studios/${slug}/bookings`, {
    type: 'consultation',
    startsAt,
    ...who,
    phone: '+44 7700 900456',
    locale: 'en',
    concerns: ['density'],
    message: '',
    privacyAccepted: true,
  });
  expect(res.status).toBe(202);
  if (photo) {
    const upload = await ts
      .client()
      .request('POST', `/api/public/bookings/${res.body.bookingId}/photos?view=top`, {
        rawBody: await jpegWithGps(),
        contentType: 'image/jpeg',
        headers: { 'x-upload-token': res.body.uploadToken },
      });
    expect(upload.status).toBe(201);
  }
  const [mail] = await mailsTo(sink, who.email, 1);
  const opened = await openLink(ts, linkIn(mail!));
  expect(opened.status).toBe(200);
  const booking = await owner.get<Booking>(`/api/bookings/${res.body.bookingId}`);
  expect(booking.status).toBe(200);
  return {
    api: opened.api,
    clientId: opened.info.client.id,
    appointmentId: booking.body.appointmentId,
    bookingId: res.body.bookingId,
  };
}

let ana: Visitor;
let bo: Visitor;

describe('the portal after booking', () => {
  it("shows the client's own appointment only, with the time online changes close", async () => {
    const slots = await laterSlots();
    ana = await bookAndOpen(
      { givenName: 'Ana', familyName: 'Silva', email: 'ana@portal.example' },
      slots[0]!.startsAt,
      true,
    );
    bo = await bookAndOpen(
      { givenName: 'Bo', familyName: 'Chen', email: 'bo@portal.example' },
      slots[3]!.startsAt,
    );
    expect((await owner.post(`/api/bookings/${ana.bookingId}/confirm`)).status).toBe(200);

    const list = await ana.api.get<PortalAppointments>('/api/portal/appointments');
    expect(list.status).toBe(200);
    expect(list.body.cancellationNoticeHours).toBe(24);
    expect(list.body.upcoming.map((a) => a.id)).toEqual([ana.appointmentId]);
    const [mine] = list.body.upcoming;
    expect(mine).toMatchObject({ status: 'booked', canChange: true, intake: 'none', kind: 'consultation' });
    expect(Date.parse(mine!.startsAt) - Date.parse(mine!.changeUntil)).toBe(24 * 3_600_000);
  });
});

describe('health questions from home', () => {
  let first: Intake;

  it('takes the answers; they do not count until the artist accepts them', async () => {
    const put = await ana.api.request<Intake>('PUT', `/api/portal/appointments/${ana.appointmentId}/intake`, {
      body: {
        screening: { keloidHistory: false, anticoagulants: true, diabetes: false },
        notes: 'aspirin daily',
      },
    });
    expect(put.status).toBe(200);
    first = put.body;
    expect(first).toMatchObject({ status: 'submitted', hadEarlier: false, consultationId: null });
    const back = await ana.api.get<{ intake: Intake }>(
      `/api/portal/appointments/${ana.appointmentId}/intake`,
    );
    expect(back.body.intake.screening).toEqual({
      keloidHistory: false,
      anticoagulants: true,
      diabetes: false,
    });
    expect((await ana.api.get<PortalAppointments>('/api/portal/appointments')).body.upcoming[0]!.intake).toBe(
      'submitted',
    );
    // Not in any consultation yet.
    const consultations = await owner.get<{ items: Consultation[] }>(
      `/api/clients/${ana.clientId}/consultations`,
    );
    expect(consultations.body.items).toHaveLength(0);
  });

  it('refuses answers the screening does not have, naming the field', async () => {
    const bad = await ana.api.request<{ fields: { field: string }[] }>(
      'PUT',
      `/api/portal/appointments/${ana.appointmentId}/intake`,
      { body: { screening: { keloidHistory: 'maybe' } } },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.fields.map((f) => f.field)).toContain('screening.keloidHistory');
  });

  it('lets the artist read and accept them: they become the consultation’s screening', async () => {
    const list = await owner.get<IntakeList>(`/api/clients/${ana.clientId}/intakes`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((i) => i.id)).toEqual([first.id]);
    const accepted = await owner.post<Intake>(`/api/intakes/${first.id}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', reviewedBy: { id: studio.owner.id } });
    const consultation = await owner.get<Consultation>(`/api/consultations/${accepted.body.consultationId}`);
    expect(consultation.body.assessment.screening).toEqual({
      keloidHistory: false,
      anticoagulants: true,
      diabetes: false,
    });
    expect((await owner.post(`/api/intakes/${first.id}/accept`)).status).toBe(409);
  });

  it('shows the artist what changed when the client answers again', async () => {
    const again = await ana.api.request<Intake>(
      'PUT',
      `/api/portal/appointments/${ana.appointmentId}/intake`,
      {
        body: { screening: { keloidHistory: false, anticoagulants: false, diabetes: true } },
      },
    );
    expect(again.status).toBe(200);
    const list = await owner.get<IntakeList>(`/api/clients/${ana.clientId}/intakes`);
    const newest = list.body.items[0]!;
    expect(newest).toMatchObject({ id: again.body.id, status: 'submitted', hadEarlier: true });
    expect(newest.changes).toEqual([
      { field: 'anticoagulants', before: true, after: false },
      { field: 'diabetes', before: false, after: true },
    ]);
  });
});

describe('consents from home', () => {
  let photo: PortalConsent;

  it('offers the current texts in the client’s language and records the signature without a witness', async () => {
    const list = await ana.api.get<PortalConsents>('/api/portal/consents');
    expect(list.status).toBe(200);
    expect(list.body.signed).toEqual([]);
    const kinds = list.body.templates.map((t) => t.kind).sort();
    expect(kinds).toEqual(['marketing', 'photo', 'treatment']);
    const signature = await signaturePng();
    for (const t of list.body.templates) {
      const res = await ana.api.post<PortalConsent>('/api/portal/consents', {
        templateId: t.id,
        signerName: 'Ana Silva',
        signature,
      });
      expect(res.status).toBe(201);
      if (t.kind === 'photo') photo = res.body;
    }
    const records = await owner.get<{ items: { id: string; witnessedBy: unknown }[] }>(
      `/api/clients/${ana.clientId}/consents`,
    );
    expect(records.body.items).toHaveLength(3);
    for (const r of records.body.items) expect(r.witnessedBy).toBeNull();
  });

  it('withdraws photo use at once and says what it changed; a treatment consent goes through the studio', async () => {
    const res = await ana.api.post<WithdrawalEffect>(`/api/portal/consents/${photo.id}/withdraw`, {
      reason: 'changed my mind',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'photo', consent: { status: 'withdrawn' } });
    expect(res.body.count).toBe(1);
    expect((await ana.api.post(`/api/portal/consents/${photo.id}/withdraw`, {})).status).toBe(409);
    const treatment = (await ana.api.get<PortalConsents>('/api/portal/consents')).body.signed.find(
      (c) => c.kind === 'treatment',
    )!;
    const refused = await ana.api.post<{ error: string }>(
      `/api/portal/consents/${treatment.id}/withdraw`,
      {},
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('consent_not_withdrawable');
  });
});

describe('moving and cancelling within the policy', () => {
  it('moves to an offered time only, with a new calendar file by email', async () => {
    const from = today();
    const slots = await ana.api.get<SlotList>(
      `/api/portal/appointments/${ana.appointmentId}/slots?from=${from}`,
    );
    expect(slots.status).toBe(200);
    const current = (await ana.api.get<PortalAppointments>('/api/portal/appointments')).body.upcoming[0]!;
    const target = slots.body.slots.find(
      (s) => s.startsAt !== current.startsAt && Date.parse(s.startsAt) > Date.now() + 2 * 86_400_000,
    )!;
    // A time outside working hours is not offered, so not taken.
    const night = new Date(Date.parse(target.startsAt));
    night.setUTCHours(2, 0, 0, 0);
    const refused = await ana.api.post(`/api/portal/appointments/${ana.appointmentId}/move`, {
      startsAt: night.toISOString(),
    });
    expect(refused.status).toBe(409);
    const moved = await ana.api.post<PortalAppointment>(
      `/api/portal/appointments/${ana.appointmentId}/move`,
      {
        startsAt: target.startsAt,
      },
    );
    expect(moved.status).toBe(200);
    expect(moved.body.startsAt).toBe(new Date(target.startsAt).toISOString());
    const mail = await mailWith(sink, 'ana@portal.example', /is now on/);
    expect(calendarOf(mail)).toContain(`DTSTART:${target.startsAt.replace(/[-:]/g, '').slice(0, 15)}`);
  });

  it('after the cancellation notice, says to call the studio instead', async () => {
    await setPolicy({ cancellationNoticeHours: 24 * 60 });
    const list = await ana.api.get<PortalAppointments>('/api/portal/appointments');
    expect(list.body.upcoming[0]!.canChange).toBe(false);
    const res = await ana.api.post<{ error: string; message: string }>(
      `/api/portal/appointments/${ana.appointmentId}/cancel`,
      { reason: '' },
    );
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('too_late_to_change');
    expect(res.body.message).toMatch(/call the studio/);
    await setPolicy({ cancellationNoticeHours: 24 });
  });

  it('cancels within the notice: the time is free again and the client is told by email', async () => {
    const res = await bo.api.post<PortalAppointment>(`/api/portal/appointments/${bo.appointmentId}/cancel`, {
      reason: 'travelling',
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('cancelled');
    const booking = await owner.get<Booking>(`/api/bookings/${bo.bookingId}`);
    expect(booking.body.status).toBe('cancelled');
    const mail = await mailWith(sink, 'bo@portal.example', /is cancelled/);
    expect(textOf(mail)).toContain(`/s/${slug}`);
    const list = await bo.api.get<PortalAppointments>('/api/portal/appointments');
    expect(list.body.upcoming).toEqual([]);
  });
});

describe('isolation', () => {
  it("finds nothing of another client's through any portal route", async () => {
    const anaIntake = (await owner.get<IntakeList>(`/api/clients/${ana.clientId}/intakes`)).body.items[0]!;
    const anaConsent = (await ana.api.get<PortalConsents>('/api/portal/consents')).body.signed[0]!;
    const id = ana.appointmentId;
    const probes: [string, string, unknown?][] = [
      ['GET', `/api/portal/appointments/${id}/intake`],
      ['PUT', `/api/portal/appointments/${id}/intake`, { screening: { diabetes: true } }],
      ['GET', `/api/portal/appointments/${id}/slots?from=${today()}`],
      ['POST', `/api/portal/appointments/${id}/move`, { startsAt: new Date().toISOString() }],
      ['POST', `/api/portal/appointments/${id}/cancel`, { reason: '' }],
      ['POST', `/api/portal/consents/${anaConsent.id}/withdraw`, {}],
    ];
    for (const [method, path, body] of probes) {
      const res = await bo.api.request(method, path, body === undefined ? {} : { body });
      expect(res.status, `${method} ${path}`).toBe(404);
      const anonymous = await ts.client().request(method, path, body === undefined ? {} : { body });
      expect(anonymous.status, `anonymous ${method} ${path}`).toBe(401);
    }
    const bosView = await bo.api.get<PortalAppointments>('/api/portal/appointments');
    expect([...bosView.body.upcoming, ...bosView.body.past].map((a) => a.id)).not.toContain(id);
    const bosConsents = await bo.api.get<PortalConsents>('/api/portal/consents');
    expect(bosConsents.body.signed).toEqual([]);
    // Ana's answers are as she left them, and her appointment is where she moved it.
    const still = await owner.get<IntakeList>(`/api/clients/${ana.clientId}/intakes`);
    expect(still.body.items[0]).toMatchObject({ id: anaIntake.id, status: 'submitted' });
    expect((await ana.api.get<PortalAppointments>('/api/portal/appointments')).body.upcoming[0]!.status).toBe(
      'booked',
    );
  });

  it("keeps a studio's screening answers from another studio's staff", async () => {
    const anaIntake = (await owner.get<IntakeList>(`/api/clients/${ana.clientId}/intakes`)).body.items[0]!;
    expect((await otherOwner.get(`/api/clients/${ana.clientId}/intakes`)).status).toBe(404);
    expect((await otherOwner.post(`/api/intakes/${anaIntake.id}/accept`)).status).toBe(404);
    const desk = await signedInAs(ts, studio.desk.email);
    expect((await desk.get(`/api/clients/${ana.clientId}/intakes`)).status).toBe(403);
    expect((await owner.get<IntakeList>(`/api/clients/${ana.clientId}/intakes`)).body.items[0]!.status).toBe(
      'submitted',
    );
  });
});
