// No-shows and deposits through the API: the desk marks a missed appointment once it has begun
// (never one still to come, nor one with a session record), undoes a mistake with a reason, and
// records a deposit as asked, paid by hand or waived; a paid deposit changes only with a reason.
// A missed session loses its number and no longer counts for the interval. Every change is in the
// appointment's history and the audit log, and another studio reaches none of it.
import type {
  Appointment,
  AppointmentEvent,
  AppointmentList,
  AuditPage,
  TreatmentCourse,
} from '@stipple/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClientFixture, type FixtureStudio } from '../test-support/fixtures.js';
import { signedInStudio } from '../test-support/signed-in.js';
import { startTestServer, type ApiClient, type TestServer } from '../test-support/test-server.js';
import { WEEKDAY_HOURS, workdayAt } from '../test-support/treatment-fixtures.js';

let ts: TestServer;
let studio: FixtureStudio;
let owner: ApiClient;
let desk: ApiClient;
let otherDesk: ApiClient;
let clientId: string;
const ZH = { headers: { 'accept-language': 'zh-CN' } };

beforeAll(async () => {
  ts = await startTestServer();
  ({ studio, owner, desk } = await signedInStudio(ts, 'Attendance Studio'));
  ({ desk: otherDesk } = await signedInStudio(ts, 'Other Attendance Studio'));
  expect(
    (await owner.request('PUT', `/api/staff/${studio.artist.id}/working-hours`, { body: WEEKDAY_HOURS }))
      .status,
  ).toBe(200);
  clientId = await createClientFixture(ts.server.db, studio.id, { givenName: 'Noor', familyName: 'Haddad' });
});
afterAll(() => ts?.close());

let hour = 0;
/** A consultation `workdays` working days from today (negative: in the past), each at its own hour. */
async function consultation(workdays: number): Promise<Appointment> {
  hour += 1;
  const res = await desk.post<Appointment>('/api/appointments', {
    clientId,
    artistId: studio.artist.id,
    kind: 'consultation',
    startsAt: workdayAt(workdays, `${String(9 + (hour % 8)).padStart(2, '0')}:00`),
    durationMinutes: 30,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const noShow = (who: ApiClient, a: Appointment, body: object = {}, opts = {}) =>
  who.post<Appointment>(`/api/appointments/${a.id}/no-show`, { version: a.version, ...body }, opts);
const deposit = (a: Appointment, body: object, opts = {}) =>
  desk.post<Appointment>(`/api/appointments/${a.id}/deposit`, { version: a.version, ...body }, opts);
const historyOf = async (a: Appointment) =>
  (await owner.get<{ items: AppointmentEvent[] }>(`/api/appointments/${a.id}/history`)).body.items;
const fieldsOf = (body: unknown) =>
  ((body as { fields?: { field: string }[] }).fields ?? []).map((f) => f.field);

describe('no-shows', () => {
  it('the desk marks a consultation that has begun; the history, the audit log and the record keep it', async () => {
    const past = await consultation(-2);
    const res = await noShow(desk, past, { note: 'No answer on the phone' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe('no_show');
    expect(res.body.version).toBe(past.version + 1);
    const event = (await historyOf(past)).at(-1)!;
    expect(event).toMatchObject({ action: 'no_show', reason: 'No answer on the phone' });
    expect(event.actor?.id).toBe(studio.desk.id);
    const audit = await owner.get<AuditPage>('/api/audit?action=appointment.no_show');
    expect(audit.body.items.some((e) => e.entityId === past.id)).toBe(true);
    // The client's appointments (their record's list) show it as a no-show.
    const list = await desk.get<AppointmentList>(
      `/api/appointments?clientId=${clientId}&from=${encodeURIComponent(workdayAt(-10, '08:00'))}&to=${encodeURIComponent(workdayAt(10, '20:00'))}`,
    );
    expect(list.body.items.find((a) => a.id === past.id)?.status).toBe('no_show');
    // Once missed, it is neither moved nor cancelled nor missed again.
    const again = await noShow(desk, res.body);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('appointmentWasNoShow');
    const cancel = await desk.post(`/api/appointments/${past.id}/cancel`, {
      reason: 'Tidying up',
      version: res.body.version,
    });
    expect(cancel.status).toBe(409);
  });

  it('refuses one still to come, in the reader’s language, and a stale version', async () => {
    const future = await consultation(3);
    const early = await noShow(desk, future, {}, ZH);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('noShowBeforeStart');
    expect(early.body.message).toContain('尚未开始');
    const past = await consultation(-2);
    const stale = await desk.post(`/api/appointments/${past.id}/no-show`, { version: past.version + 3 });
    expect(stale.status).toBe(409);
    expect(fieldsOf(stale.body)).toEqual(['version']);
    const bad = await desk.post(`/api/appointments/${past.id}/no-show`, { version: past.version, note: 7 });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(['note']);
    expect((await desk.get<Appointment>(`/api/appointments/${past.id}`)).body.status).toBe('booked');
  });

  it('refuses a session that has its record: the client came', async () => {
    const course = await owner.post<TreatmentCourse>(`/api/clients/${clientId}/courses`, { title: 'Crown' });
    expect(course.status).toBe(201);
    const session = await owner.post<Appointment>('/api/appointments', {
      clientId,
      artistId: studio.artist.id,
      kind: 'session',
      courseId: course.body.id,
      startsAt: workdayAt(-4, '09:00'),
      durationMinutes: 60,
    });
    expect(session.status, JSON.stringify(session.body)).toBe(201);
    const draft = await owner.request('PUT', `/api/appointments/${session.body.id}/session`, {
      body: { notes: 'Started the crown' },
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(200);
    const refused = await noShow(
      desk,
      (await desk.get<Appointment>(`/api/appointments/${session.body.id}`)).body,
    );
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('noShowOverSession');
  });

  it('a missed session loses its number and the next is numbered as the first; no session is recorded on it', async () => {
    const course = await owner.post<TreatmentCourse>(`/api/clients/${clientId}/courses`, { title: 'Scar' });
    const book = (startsAt: string) =>
      owner.post<Appointment>('/api/appointments', {
        clientId,
        artistId: studio.artist.id,
        kind: 'session',
        courseId: course.body.id,
        startsAt,
        durationMinutes: 60,
        intervalOverrideReason: 'Client travels; both dates agreed',
      });
    const first = (await book(workdayAt(-3, '14:00'))).body;
    const second = (await book(workdayAt(30, '14:00'))).body;
    expect([first.sessionNumber, second.sessionNumber]).toEqual([1, 2]);
    const missed = await noShow(desk, first);
    expect(missed.body.sessionNumber).toBeNull();
    expect((await desk.get<Appointment>(`/api/appointments/${second.id}`)).body.sessionNumber).toBe(1);
    // The missed session no longer holds the interval: a session the next day books without a reason.
    const nextDay = await owner.post<Appointment>('/api/appointments', {
      clientId,
      artistId: studio.artist.id,
      kind: 'session',
      courseId: course.body.id,
      startsAt: workdayAt(-2, '15:00'),
      durationMinutes: 60,
    });
    expect(nextDay.status, JSON.stringify(nextDay.body)).toBe(201);
    expect(nextDay.body.sessionNumber).toBe(1);
    const record = await owner.request('PUT', `/api/appointments/${first.id}/session`, {
      body: { notes: 'x' },
    });
    expect(record.status).toBe(409);
    expect(record.body).toMatchObject({ code: 'appointmentWasNoShow' });
  });

  it('undoes a mistaken no-show with a reason, back to booked', async () => {
    const past = await consultation(-3);
    const missed = (await noShow(desk, past)).body;
    const short = await desk.post(`/api/appointments/${past.id}/no-show/undo`, {
      reason: 'x',
      version: missed.version,
    });
    expect(short.status).toBe(400);
    expect(fieldsOf(short.body)).toEqual(['reason']);
    const undone = await desk.post<Appointment>(`/api/appointments/${past.id}/no-show/undo`, {
      reason: 'Came in late, we saw her',
      version: missed.version,
    });
    expect(undone.status).toBe(200);
    expect(undone.body.status).toBe('booked');
    expect((await historyOf(past)).at(-1)).toMatchObject({
      action: 'no_show_undone',
      reason: 'Came in late, we saw her',
    });
    const notMissed = await desk.post(`/api/appointments/${past.id}/no-show/undo`, {
      reason: 'Again',
      version: undone.body.version,
    });
    expect(notMissed.status).toBe(409);
    expect(notMissed.body.code).toBe('notNoShow');
  });
});

describe('deposits', () => {
  it('asked, then paid at the terminal with its receipt: the record and the history say how much and how', async () => {
    const a = await consultation(4);
    expect(a.deposit).toMatchObject({ status: 'none', amountMinor: null, method: null });
    const asked = await deposit(a, { status: 'required', amountMinor: 2500 });
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    expect(asked.body.deposit).toMatchObject({ status: 'required', amountMinor: 2500, currency: 'GBP' });
    const paid = await deposit(asked.body, {
      status: 'paid',
      amountMinor: 2500,
      method: 'card_terminal',
      reference: 'TRM-0042',
    });
    expect(paid.status).toBe(200);
    expect(paid.body.deposit).toMatchObject({
      status: 'paid',
      amountMinor: 2500,
      currency: 'GBP',
      method: 'card_terminal',
      reference: 'TRM-0042',
    });
    expect(paid.body.deposit.recordedAt).not.toBeNull();
    const events = (await historyOf(a)).filter((e) => e.action.startsWith('deposit_'));
    expect(events.map((e) => [e.action, e.depositAmountMinor, e.depositMethod, e.depositReference])).toEqual([
      ['deposit_required', 2500, null, null],
      ['deposit_paid', 2500, 'card_terminal', 'TRM-0042'],
    ]);
    const audit = await owner.get<AuditPage>('/api/audit?action=appointment.deposit');
    expect(audit.body.items.filter((e) => e.entityId === a.id)).toHaveLength(2);
  });

  it('a paid deposit changes only with a reason; waiving says why', async () => {
    const a = await consultation(5);
    const paid = (await deposit(a, { status: 'paid', amountMinor: 2000, method: 'cash' })).body;
    const silent = await deposit(paid, { status: 'waived', reason: undefined }, ZH);
    expect(silent.status).toBe(400);
    expect(fieldsOf(silent.body)).toEqual(['reason']);
    const required = await deposit(paid, { status: 'required' });
    expect(required.status).toBe(409);
    expect(required.body.code).toBe('depositPaidNeedsReason');
    expect(fieldsOf(required.body)).toEqual(['reason']);
    const waived = await deposit(paid, { status: 'waived', reason: 'Refunded: the artist was ill' });
    expect(waived.status).toBe(200);
    expect(waived.body.deposit).toMatchObject({
      status: 'waived',
      amountMinor: null,
      method: null,
      reason: 'Refunded: the artist was ill',
    });
    expect((await desk.get<Appointment>(`/api/appointments/${a.id}`)).body.deposit.status).toBe('waived');
  });

  it('names the field of a wrong deposit and changes nothing', async () => {
    const a = await consultation(6);
    const cases: [object, string][] = [
      [{ status: 'paid', amountMinor: 2000 }, 'method'],
      [{ status: 'paid', amountMinor: 12.5, method: 'cash' }, 'amountMinor'],
      [{ status: 'paid', amountMinor: 0, method: 'cash' }, 'amountMinor'],
      [{ status: 'paid', amountMinor: 2000, method: 'crypto' }, 'method'],
      [{ status: 'refunded' }, 'status'],
      [{ status: 'required', amountMinor: 2000, extra: 1 }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const res = await deposit(a, body, ZH);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(fieldsOf(res.body), JSON.stringify(body)).toContain(field);
      expect(res.body.message).not.toMatch(/amountMinor|Invalid|expected/);
    }
    const after = (await desk.get<Appointment>(`/api/appointments/${a.id}`)).body;
    expect(after.version).toBe(a.version);
    expect(after.deposit.status).toBe('none');
  });

  it('another studio reaches neither deposits nor no-shows', async () => {
    const past = await consultation(-5);
    expect((await noShow(otherDesk, past)).status).toBe(404);
    const res = await otherDesk.post(`/api/appointments/${past.id}/deposit`, {
      status: 'paid',
      amountMinor: 100,
      method: 'cash',
      version: past.version,
    });
    expect(res.status).toBe(404);
    const still = (await desk.get<Appointment>(`/api/appointments/${past.id}`)).body;
    expect([still.status, still.deposit.status]).toEqual(['booked', 'none']);
  });
});
