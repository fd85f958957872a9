// The treatment plan's decision holds in the API, not only in the web app: a plan that says to
// wait, to see a physician first, or not to treat stops booking, moving and completing sessions;
// an owner or artist goes ahead with a reason, which is kept with who and when and audited.
// Also: a session's targets from the plan, and "book the remaining sessions at the plan's
// interval" (working hours, other appointments, the first day the plan allows).
import type {
  Appointment,
  AppointmentEvent,
  AppointmentList,
  AuditPage,
  Consultation,
  ConsentTemplate,
  PlanVersion,
  RemainingSessionsProposal,
  SessionPlan,
  SessionRecord,
  TreatmentCourse,
} from '@stipple/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTemplates } from '../demo/demo-records.js';
import { createClientFixture, type FixtureStudio } from '../test-support/fixtures.js';
import { signaturePng } from '../test-support/images.js';
import { signedInStudio } from '../test-support/signed-in.js';
import { startTestServer, type ApiClient, type TestServer } from '../test-support/test-server.js';
import { WEEKDAY_HOURS, pigmentLotOf, workdayAt } from '../test-support/treatment-fixtures.js';
import { addDays, localTime } from './studio-time.js';

let ts: TestServer;
let studio: FixtureStudio;
let owner: ApiClient;
let artist: ApiClient;
let desk: ApiClient;
const today = () => localTime(new Date(), 'Europe/London').date;
const ZH = { headers: { 'accept-language': 'zh-CN' } };

beforeAll(async () => {
  ts = await startTestServer();
  ({ studio, owner, artist, desk } = await signedInStudio(ts, 'Plan Gate Studio'));
  await ts.server.db.asSystem((tx) => seedTemplates(tx, studio.id, studio.owner.id));
  for (const who of [studio.owner.id, studio.artist.id])
    expect(
      (await owner.request('PUT', `/api/staff/${who}/working-hours`, { body: WEEKDAY_HOURS })).status,
    ).toBe(200);
});
afterAll(() => ts?.close());

/** A client with a consultation of today whose saved plan comes from `assessment`. */
async function plannedClient(name: string, assessment: Record<string, unknown>) {
  const clientId = await createClientFixture(ts.server.db, studio.id, {
    givenName: name,
    familyName: 'Gate',
  });
  const consultation = await artist.post<Consultation>(`/api/clients/${clientId}/consultations`, {
    assessment: { consultationDate: today(), ...assessment },
  });
  expect(consultation.status, JSON.stringify(consultation.body)).toBe(201);
  const plan = await artist.post<PlanVersion>(`/api/consultations/${consultation.body.id}/plans`, {
    basedOnVersion: 0,
    overrides: [],
  });
  expect(plan.status, JSON.stringify(plan.body)).toBe(201);
  const course = await desk.post<TreatmentCourse>(`/api/clients/${clientId}/courses`, {
    title: 'Scar camouflage',
    consultationId: consultation.body.id,
  });
  expect(course.status, JSON.stringify(course.body)).toBe(201);
  return { clientId, consultation: consultation.body, plan: plan.body, course: course.body };
}

const session = (who: ApiClient, c: { clientId: string; course: TreatmentCourse }, body: object, opts = {}) =>
  who.post<Appointment>(
    '/api/appointments',
    {
      clientId: c.clientId,
      artistId: studio.artist.id,
      kind: 'session',
      courseId: c.course.id,
      durationMinutes: 120,
      ...body,
    },
    opts,
  );

async function auditOf(action: string, entityId: string) {
  const page = await owner.get<AuditPage>(`/api/audit?action=${action}&entityId=${entityId}`);
  expect(page.status).toBe(200);
  return page.body.items;
}

describe('a plan that says to wait until a date', () => {
  // A scar of 3 months: wait until it is 12 months old.
  let c: Awaited<ReturnType<typeof plannedClient>>;
  let until: string;

  beforeAll(async () => {
    c = await plannedClient('Pia', {
      scars: [{ cause: 'surgery', texture: 'flat', lengthMm: 40, widthMm: 2, ageMonths: 3 }],
    });
    until = c.plan.plan.earliestStartDate!;
  });

  it('is the course plan the booking screens read', () => {
    expect(c.plan.plan.eligibility).toBe('postpone');
    expect(until > today()).toBe(true);
    expect(c.course.plan).toMatchObject({
      eligibility: 'postpone',
      earliestStartDate: until,
      undatedWait: null,
    });
    expect(c.course.consultationId).toBe(c.consultation.id);
  });

  it('refuses a session before the date, naming startsAt in the reader’s language', async () => {
    const res = await session(desk, c, { startsAt: workdayAt(3, '10:00') }, ZH);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      error: 'plan_blocks_session',
      code: 'planPostponed',
      params: { date: until },
      fields: [{ in: 'body', field: 'startsAt', code: 'beforePlanDate', params: { date: until } }],
    });
    expect(res.body.message).toMatch(/^治疗方案要求等到 \d{4}年\d{1,2}月\d{1,2}日：/);
    const en = await session(desk, c, { startsAt: workdayAt(3, '10:00') });
    expect(en.body.message).toMatch(
      /^The treatment plan says to wait until \w{3} \d{1,2}, \d{4}: no session/,
    );
  });

  it('lets only owners and artists book against it, with a reason kept with who and when, and audited', async () => {
    const reason = 'Scar checked by the surgeon: flat and pale, cleared for a test patch';
    expect(
      (await session(desk, c, { startsAt: workdayAt(3, '10:00'), planOverrideReason: reason })).body,
    ).toMatchObject({ error: 'forbidden', code: 'clinicalOnlyOverride' });
    const short = await session(artist, c, { startsAt: workdayAt(3, '10:00'), planOverrideReason: ' x ' });
    expect(short.status).toBe(400);
    expect(short.body.fields?.[0]).toMatchObject({ field: 'planOverrideReason', code: 'reasonTooShort' });

    const booked = await session(artist, c, { startsAt: workdayAt(3, '10:00'), planOverrideReason: reason });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    expect(booked.body.planOverrideReason).toBe(reason);
    const history = (
      await artist.get<{ items: AppointmentEvent[] }>(`/api/appointments/${booked.body.id}/history`)
    ).body;
    expect(history.items[0]).toMatchObject({
      action: 'booked',
      planOverrideReason: reason,
      actor: { id: studio.artist.id },
    });
    expect(Date.now() - Date.parse(history.items[0]!.at)).toBeLessThan(10 * 60_000);
    const audited = await auditOf('appointment.plan_override', booked.body.id);
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actor: { id: studio.artist.id }, details: { reasonGiven: true } });
    // The reason is clinical: the audit log says that one was given, the appointment says which.
    expect(JSON.stringify(audited)).not.toContain('surgeon');
  });

  it('books from the date on without a reason, and refuses a move back before it', async () => {
    // The plan's date may fall on a Sunday, when the studio is closed: then the next working day.
    const day = new Date(`${until}T12:00:00Z`).getUTCDay() === 0 ? addDays(until, 1) : until;
    const res = await session(desk, c, { startsAt: `${day}T10:00:00Z` });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.planOverrideReason).toBeNull();
    const back = await desk.post(`/api/appointments/${res.body.id}/move`, {
      startsAt: workdayAt(4, '10:00'),
      version: res.body.version,
    });
    expect(back.status).toBe(422);
    expect(back.body).toMatchObject({ code: 'planPostponed', fields: [{ field: 'startsAt' }] });
  });
});

describe('a plan that refers to a physician, or says not eligible', () => {
  it('refuses sessions and touch-ups until resolved; an artist may go ahead with a reason', async () => {
    const refer = await plannedClient('Rafa', { screening: { anticoagulants: true } });
    expect(refer.plan.plan.eligibility).toBe('refer');
    const res = await session(desk, refer, { startsAt: workdayAt(20, '10:00') });
    expect(res.body).toMatchObject({
      error: 'plan_blocks_session',
      code: 'planReferred',
      fields: [{ field: 'startsAt', code: 'planNotReady' }],
    });
    const touchUp = await session(desk, refer, { kind: 'touch_up', startsAt: workdayAt(21, '10:00') });
    expect(touchUp.body.code).toBe('planReferred');
    // A consultation of the same client is never held back.
    const consult = await desk.post<Appointment>('/api/appointments', {
      clientId: refer.clientId,
      artistId: studio.artist.id,
      kind: 'consultation',
      startsAt: workdayAt(20, '15:00'),
      durationMinutes: 60,
    });
    expect(consult.status).toBe(201);

    const never = await plannedClient('Nell', { screening: { keloidHistory: true } });
    expect(never.plan.plan.eligibility).toBe('not_eligible');
    const refused = await session(desk, never, { startsAt: workdayAt(20, '12:00') }, ZH);
    expect(refused.body).toMatchObject({ code: 'planNotEligible' });
    expect(refused.body.message).toBe('治疗方案认定客户不适合治疗：如无理由，不能安排治疗。');
    const anyway = await session(owner, never, {
      startsAt: workdayAt(20, '12:00'),
      planOverrideReason: 'Dermatologist letter: no keloid tendency after all; plan to be redone',
    });
    expect(anyway.status).toBe(201);
  });
});

describe('completing a session under the plan', () => {
  it('is refused while the plan refers the client, and recorded when the artist goes ahead', async () => {
    const c = await plannedClient('Cora', {
      scars: [{ cause: 'fut', texture: 'flat', lengthMm: 120, widthMm: 2, ageMonths: 30 }],
    });
    expect(c.plan.plan.eligibility).toBe('eligible');
    // Done yesterday (or the working day before), while the plan allowed it.
    const past = await session(desk, c, { startsAt: workdayAt(-1, '10:00') });
    expect(past.status, JSON.stringify(past.body)).toBe(201);
    const templates = (await desk.get<{ items: ConsentTemplate[] }>('/api/consent-templates')).body.items;
    // Treatment consent is taken by an owner or artist.
    await artist.post(`/api/clients/${c.clientId}/consents`, {
      templateId: templates.find((t) => t.kind === 'treatment' && t.language === 'en' && t.current)!.id,
      signerName: 'Cora Gate',
      signature: await signaturePng(),
    });
    // Since then, the client said she takes anticoagulants: the new plan refers her.
    const updated = await artist.request<Consultation>('PUT', `/api/consultations/${c.consultation.id}`, {
      body: {
        assessment: { ...c.consultation.assessment, screening: { anticoagulants: true } },
        version: c.consultation.version,
      },
    });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    const replanned = await artist.post<PlanVersion>(`/api/consultations/${c.consultation.id}/plans`, {
      basedOnVersion: 1,
      overrides: [],
    });
    expect(replanned.body.plan.eligibility).toBe('refer');

    const refused = await artist.request('PUT', `/api/appointments/${past.body.id}/session`, {
      body: { complete: true },
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      code: 'planReferred',
      fields: [{ field: 'complete', code: 'planNotReady' }],
    });
    const appt = await artist.get<Appointment>(`/api/appointments/${past.body.id}`);
    expect(appt.body.status).toBe('booked');

    const reason = 'GP confirmed by phone the anticoagulant was stopped 10 days ago';
    const done = await artist.request<SessionRecord>('PUT', `/api/appointments/${past.body.id}/session`, {
      body: { materials: [{ lotId: await pigmentLotOf(owner) }], complete: true, planOverrideReason: reason },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.status).toBe('completed');
    expect(done.body.planOverride).toMatchObject({ reason, by: { id: studio.artist.id } });
    const audited = await auditOf('session.plan_override', done.body.id);
    expect(audited).toHaveLength(1);
    expect(audited[0]?.actor?.id).toBe(studio.artist.id);
  });
});

describe("a session's targets", () => {
  it('are the plan’s density, shade, dot size and needle per zone for that session', async () => {
    const c = await plannedClient('Tia', {
      scars: [{ cause: 'fut', texture: 'flat', lengthMm: 120, widthMm: 2, ageMonths: 30 }],
    });
    const first = await session(desk, c, { startsAt: workdayAt(2, '10:00') });
    const second = await session(desk, c, { startsAt: workdayAt(20, '10:00') });
    const plan = c.plan.plan;
    for (const [appt, n] of [
      [first.body, 1],
      [second.body, 2],
    ] as const) {
      const res = await artist.get<SessionPlan>(`/api/appointments/${appt.id}/plan`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ sessionNumber: n, planSession: n, allowed: true });
      expect(
        res.body.targets.map((z) => [z.kind, z.densityPercent, z.shadeNumber, z.dotSizeMm, z.needle]),
      ).toEqual(
        plan.zones.map((z) => [
          z.kind,
          z.sessions[n - 1]!.densityPercent,
          z.sessions[n - 1]!.shadeNumber,
          z.dotSizeMm,
          z.needle,
        ]),
      );
    }
    expect((await desk.get(`/api/appointments/${first.body.id}/plan`)).status).toBe(403);
  });
});

describe('booking the remaining sessions at the plan’s interval', () => {
  it('proposes each within working hours, clear of other appointments, and books exactly those', async () => {
    const c = await plannedClient('Rémi', {
      scars: [{ cause: 'fut', texture: 'flat', lengthMm: 120, widthMm: 2, ageMonths: 30 }],
    });
    const plan = c.plan.plan;
    const interval = plan.sessions.minIntervalDays;
    const first = await session(desk, c, { startsAt: workdayAt(1, '11:00'), durationMinutes: 180 });
    expect(first.status).toBe(201);
    const firstDay = localTime(new Date(first.body.startsAt), 'Europe/London').date;
    // The artist is busy at 11:00 on the day session 2 would naturally fall.
    let natural = addDays(firstDay, interval);
    if (new Date(`${natural}T12:00:00Z`).getUTCDay() === 0) natural = addDays(natural, 1);
    const other = await createClientFixture(ts.server.db, studio.id, {
      givenName: 'Busy',
      familyName: 'Slot',
    });
    const blocker = await desk.post<Appointment>('/api/appointments', {
      clientId: other,
      artistId: studio.artist.id,
      kind: 'consultation',
      startsAt: new Date(
        Date.parse(first.body.startsAt) +
          (Date.parse(`${natural}T00:00:00Z`) - Date.parse(`${firstDay}T00:00:00Z`)),
      ).toISOString(),
      durationMinutes: 60,
    });
    expect(blocker.status, JSON.stringify(blocker.body)).toBe(201);

    const proposal = await desk.post<RemainingSessionsProposal>(
      `/api/courses/${c.course.id}/remaining-sessions/proposal`,
      { artistId: studio.artist.id, durationMinutes: 180 },
    );
    expect(proposal.status, JSON.stringify(proposal.body)).toBe(200);
    const p = proposal.body;
    expect(p).toMatchObject({
      planned: plan.sessions.count,
      booked: 1,
      intervalDays: interval,
      noTimeFrom: null,
    });
    expect(p.sessions.map((s) => s.sessionNumber)).toEqual(
      Array.from({ length: plan.sessions.count - 1 }, (_, i) => i + 2),
    );
    const days = [first.body.startsAt, ...p.sessions.map((s) => s.startsAt)].map((s) =>
      localTime(new Date(s), 'Europe/London'),
    );
    for (let i = 1; i < days.length; i++) {
      const gap = (Date.parse(days[i]!.date) - Date.parse(days[i - 1]!.date)) / 86_400_000;
      expect(gap).toBeGreaterThanOrEqual(interval);
      expect(days[i]!.weekday).not.toBe(0);
      expect(days[i]!.minute).toBeGreaterThanOrEqual(9 * 60);
      expect(days[i]!.minute + 180).toBeLessThanOrEqual(19 * 60);
    }
    // Session 2 keeps clear of the blocker (11:00-12:00 on its natural day).
    const s2 = p.sessions[0]!;
    expect(
      Date.parse(s2.endsAt) <= Date.parse(blocker.body.startsAt) ||
        Date.parse(s2.startsAt) >= Date.parse(blocker.body.endsAt),
    ).toBe(true);

    const booked = await desk.post<AppointmentList>(`/api/courses/${c.course.id}/remaining-sessions`, {
      artistId: studio.artist.id,
      durationMinutes: 180,
      startsAt: p.sessions.map((s) => s.startsAt),
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    expect(booked.body.items.map((a) => [a.sessionNumber, a.startsAt])).toEqual(
      p.sessions.map((s) => [s.sessionNumber, s.startsAt]),
    );
    const again = await desk.post(`/api/courses/${c.course.id}/remaining-sessions`, {
      artistId: studio.artist.id,
      durationMinutes: 180,
      startsAt: [workdayAt(60, '10:00')],
    });
    expect(again.status).toBe(422);
    expect(again.body.code).toBe('nothingLeftToBook');
  });

  it('starts from the day the plan allows, and books before it only with a reason', async () => {
    const c = await plannedClient('Ines', {
      scars: [{ cause: 'surgery', texture: 'flat', lengthMm: 40, widthMm: 2, ageMonths: 3 }],
    });
    const until = c.plan.plan.earliestStartDate!;
    const p = (
      await desk.post<RemainingSessionsProposal>(`/api/courses/${c.course.id}/remaining-sessions/proposal`, {
        artistId: studio.artist.id,
        durationMinutes: 120,
      })
    ).body;
    expect(p.planOpensOn).toBe(until);
    expect(p.sessions[0]!.startsAt.slice(0, 10) >= until).toBe(true);
    // Anything earlier is refused as a whole: nothing of the batch is booked.
    const early = await desk.post(`/api/courses/${c.course.id}/remaining-sessions`, {
      artistId: studio.artist.id,
      durationMinutes: 120,
      startsAt: [workdayAt(5, '10:00'), ...p.sessions.slice(1).map((s) => s.startsAt)],
    });
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('planPostponed');
    const list = await desk.get<AppointmentList>(
      `/api/appointments?clientId=${c.clientId}&from=${new Date().toISOString()}&to=${new Date(Date.now() + 3 * 365 * 86_400_000).toISOString()}`,
    );
    expect(list.body.items).toEqual([]);
  });
});

describe('a consultation', () => {
  it('cannot be dated in the future: the field is named in words', async () => {
    const clientId = await createClientFixture(ts.server.db, studio.id, {
      givenName: 'Fay',
      familyName: 'Future',
    });
    const res = await artist.post(`/api/clients/${clientId}/consultations`, {
      assessment: { consultationDate: '2999-12-31' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'validationFailed',
      message: 'Please correct consultation date.',
      fields: [
        { field: 'assessment.consultationDate', code: 'notInFuture', message: 'Must not be in the future' },
      ],
    });
  });
});
