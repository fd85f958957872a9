// Session records through the real server: lots and photos on the chart, the expired-lot and
// consent rules, completion making the aftercare schedule, its PDF (looked at with pdftoppm) and
// .ics, the reminders in the outbox, and a lot recall across artists.
import type {
  AftercareSchedule,
  Appointment,
  ConsentRecord,
  ConsentTemplate,
  InventoryLot,
  InventoryProduct,
  OutboxPage,
  Photo,
  RecallReport,
  SessionRecord,
  TreatmentCourse,
} from '@stipple/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTemplates } from '../demo/demo-records.js';
import { createClientFixture, type FixtureStudio } from '../test-support/fixtures.js';
import { signedInStudio } from '../test-support/signed-in.js';
import { plainImage, signaturePng } from '../test-support/images.js';
import { lookAtPdf } from '../test-support/pdf-check.js';
import { startTestServer, type ApiClient, type TestServer } from '../test-support/test-server.js';
import { daysLater, WEEKDAY_HOURS, workdayAt } from '../test-support/treatment-fixtures.js';

let ts: TestServer;
let studio: FixtureStudio;
let owner: ApiClient;
let artist: ApiClient;
let desk: ApiClient;
const clients = { lukasz: '', wang: '', third: '' };
const lots = { pigment: '', expired: '', other: '', needle: '' };

async function sessionFor(
  who: ApiClient,
  clientId: string,
  artistId: string,
  startsAt: string,
): Promise<Appointment> {
  const course = await who.post<TreatmentCourse>(`/api/clients/${clientId}/courses`, {
    title: 'Scar camouflage',
  });
  const res = await who.post<Appointment>('/api/appointments', {
    clientId,
    artistId,
    kind: 'session',
    courseId: course.body.id,
    startsAt,
    durationMinutes: 180,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function signTreatment(
  clientId: string,
  language: 'en' | 'zh-CN',
  signerName: string,
): Promise<ConsentRecord> {
  const templates = (await artist.get<{ items: ConsentTemplate[] }>('/api/consent-templates')).body.items;
  const t = templates.find((x) => x.kind === 'treatment' && x.language === language && x.current)!;
  const res = await artist.post<ConsentRecord>(`/api/clients/${clientId}/consents`, {
    templateId: t.id,
    signerName,
    signature: await signaturePng(),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

beforeAll(async () => {
  ts = await startTestServer();
  ({ studio, owner, artist, desk } = await signedInStudio(ts, 'Session Studio'));
  await ts.server.db.asSystem((tx) => seedTemplates(tx, studio.id, studio.owner.id));
  clients.lukasz = await createClientFixture(ts.server.db, studio.id, {
    givenName: 'Łukasz',
    familyName: 'Wiśniewski',
    email: 'lukasz@example.pl',
  });
  clients.wang = await createClientFixture(ts.server.db, studio.id, {
    givenName: '芳',
    familyName: '王',
    email: 'wang@example.cn',
    preferredLanguage: 'zh-CN',
  });
  clients.third = await createClientFixture(ts.server.db, studio.id, {
    givenName: 'Ola',
    familyName: 'Other',
  });
  for (const who of [studio.owner.id, studio.artist.id])
    await owner.request('PUT', `/api/staff/${who}/working-hours`, { body: WEEKDAY_HOURS });

  const pigment = await owner.post<InventoryProduct>('/api/inventory/products', {
    kind: 'pigment',
    name: 'Carbon Black',
    manufacturer: 'Pigment Works',
    shade: 'Shade 30',
    ingredients: 'Aqua, Carbon Black (CI 77266), Glycerin',
  });
  expect(pigment.status, JSON.stringify(pigment.body)).toBe(201);
  const lot = (body: Record<string, unknown>, productId = pigment.body.id) =>
    owner.post<InventoryLot>(`/api/inventory/products/${productId}/lots`, body);
  lots.pigment = (await lot({ lotNumber: 'CB-1', expiresOn: '2099-12-31' })).body.id;
  lots.expired = (await lot({ lotNumber: 'CB-0', expiresOn: '2020-01-31' })).body.id;
  lots.other = (await lot({ lotNumber: 'CB-2', expiresOn: '2099-12-31' })).body.id;
  const needle = await owner.post<InventoryProduct>('/api/inventory/products', {
    kind: 'needle',
    name: 'Cartridge',
    manufacturer: 'Needle Co',
    needleConfiguration: '3rl',
    needleDiameterMm: 0.25,
  });
  expect(needle.body.needleConfiguration).toBe('3RL');
  lots.needle = (await lot({ lotNumber: 'N-9', expiresOn: '2099-01-01' }, needle.body.id)).body.id;
});
afterAll(() => ts?.close());

describe('inventory', () => {
  it('keeps the label data and refuses a duplicate lot number, naming it', async () => {
    const list = (await artist.get<{ items: InventoryProduct[] }>('/api/inventory')).body.items;
    const pigment = list.find((p) => p.kind === 'pigment')!;
    expect(pigment).toMatchObject({
      manufacturer: 'Pigment Works',
      ingredients: 'Aqua, Carbon Black (CI 77266), Glycerin',
    });
    expect(pigment.lots.find((l) => l.lotNumber === 'CB-0')!.expired).toBe(true);
    const dup = await owner.post(`/api/inventory/products/${pigment.id}/lots`, {
      lotNumber: 'CB-1',
      expiresOn: '2099-12-31',
    });
    expect(dup.status).toBe(409);
    expect(dup.body.fields?.[0]?.field).toBe('lotNumber');
    // A change answers with the product as the list shows it: its lots, soonest expiry first.
    const changed = await owner.request<InventoryProduct>('PATCH', `/api/inventory/products/${pigment.id}`, {
      body: { warnings: 'Patch test first.' },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({
      id: pigment.id,
      warnings: 'Patch test first.',
      name: 'Carbon Black',
    });
    expect(changed.body.lots.map((l) => l.lotNumber)).toEqual(pigment.lots.map((l) => l.lotNumber));
    expect(changed.body.lots.map((l) => l.lotNumber)).toContain('CB-0');
    expect(
      (
        await owner.request('PATCH', `/api/inventory/products/${clients.third}`, {
          body: { warnings: 'x' },
        })
      ).status,
    ).toBe(404);
    expect(
      (await artist.post('/api/inventory/products', { kind: 'pigment', name: 'X', manufacturer: 'Y' }))
        .status,
    ).toBe(403);
    expect((await desk.get('/api/inventory')).status).toBe(403);
  });
});

describe('a session record', () => {
  let appt: Appointment;
  let before: Photo;
  let after: Photo;
  let session: SessionRecord;

  beforeAll(async () => {
    appt = await sessionFor(desk, clients.lukasz, studio.artist.id, workdayAt(2, '10:00'));
    const up = (view: string) =>
      plainImage('jpeg').then((img) =>
        artist.request<Photo>(
          'POST',
          `/api/clients/${clients.lukasz}/photos?view=${view}&takenOn=2026-11-20`,
          {
            rawBody: img,
            contentType: 'image/jpeg',
          },
        ),
      );
    before = (await up('back')).body;
    after = (await up('back')).body;
  });

  it('is saved with lots, dilution and before/after photos', async () => {
    const res = await artist.request<SessionRecord>('PUT', `/api/appointments/${appt.id}/session`, {
      body: {
        zones: ['donor-area', 'scar'],
        materials: [{ lotId: lots.pigment, dilution: '1:20 distilled water' }, { lotId: lots.needle }],
        durationMinutes: 170,
        notes: 'Light first pass.',
        beforePhotoIds: [before.id],
        afterPhotoIds: [after.id],
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    session = res.body;
    expect(session).toMatchObject({
      status: 'draft',
      sessionNumber: 1,
      beforePhotoIds: [before.id],
      afterPhotoIds: [after.id],
    });
    expect(session.materials.map((m) => [m.kind, m.lotNumber, m.dilution])).toEqual([
      ['pigment', 'CB-1', '1:20 distilled water'],
      ['needle', 'N-9', ''],
    ]);
  });

  it('refuses an expired pigment lot, naming the field', async () => {
    const res = await artist.request<SessionRecord>('PUT', `/api/appointments/${appt.id}/session`, {
      body: { materials: [{ lotId: lots.needle }, { lotId: lots.expired, dilution: '1:20' }] },
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toBe('expired_lot');
    expect(res.body.fields).toEqual([
      {
        in: 'body',
        field: 'materials.1.lotId',
        code: 'lotExpired',
        params: { expired: '2020-01-31', date: expect.any(String) as unknown },
        message: expect.stringMatching(/^Expired on Jan 31, 2020, before the session on /) as unknown,
      },
    ]);
  });

  it('refuses a photo of another client, and is not for front desk', async () => {
    const other = await artist.request<Photo>(
      'POST',
      `/api/clients/${clients.third}/photos?view=top&takenOn=2026-11-20`,
      {
        rawBody: await plainImage('png'),
        contentType: 'image/png',
      },
    );
    const res = await artist.request('PUT', `/api/appointments/${appt.id}/session`, {
      body: { afterPhotoIds: [after.id, other.body.id] },
    });
    expect(res.status).toBe(422);
    expect(res.body.fields?.[0]?.field).toBe('afterPhotoIds.1');
    expect((await desk.request('PUT', `/api/appointments/${appt.id}/session`, { body: {} })).status).toBe(
      403,
    );
    expect((await desk.get(`/api/clients/${clients.lukasz}/sessions`)).status).toBe(403);
  });

  it("cannot be completed before the day it takes place, said in the reader's language", async () => {
    const day = appt.startsAt.slice(0, 10);
    const res = await artist.request('PUT', `/api/appointments/${appt.id}/session`, {
      body: { complete: true, version: session.version },
      headers: { 'accept-language': 'zh-CN,zh;q=0.9' },
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      error: 'session_in_future',
      code: 'sessionInFuture',
      fields: [{ in: 'body', field: 'complete', code: 'notYet', params: { date: day } }],
    });
    expect(res.body.message).toMatch(/^此次治疗在 \d{4}年\d{1,2}月\d{1,2}日：不能在治疗当天之前完成。$/);
    const status = await artist.get<Appointment>(`/api/appointments/${appt.id}`);
    expect(status.body.status).toBe('booked');

    // Done on a past day, the session moves there first; a performedOn after today is refused too.
    const moved = await desk.post<Appointment>(`/api/appointments/${appt.id}/move`, {
      startsAt: workdayAt(-1, '10:00'),
      version: status.body.version,
      reason: 'Came in earlier',
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    appt = moved.body;
    const later = await artist.request('PUT', `/api/appointments/${appt.id}/session`, {
      body: { complete: true, performedOn: day },
    });
    expect(later.status).toBe(422);
    expect(later.body.fields).toEqual([
      expect.objectContaining({
        field: 'performedOn',
        code: 'notYet',
        message: expect.stringMatching(/^Cannot be completed before /) as unknown,
      }),
    ]);
  });

  it('cannot be completed without a valid signed treatment consent', async () => {
    const res = await artist.request('PUT', `/api/appointments/${appt.id}/session`, {
      body: {
        materials: [{ lotId: lots.pigment, dilution: '1:20' }],
        complete: true,
        version: session.version,
      },
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      error: 'consent_required',
      fields: [{ in: 'body', field: 'complete' }],
    });
    // A withdrawn consent does not count either.
    const consent = await signTreatment(clients.lukasz, 'en', 'Łukasz Wiśniewski');
    await artist.post(`/api/consents/${consent.id}/withdraw`, { reason: 'wants to think' });
    const again = await artist.request('PUT', `/api/appointments/${appt.id}/session`, {
      body: { materials: [{ lotId: lots.pigment, dilution: '1:20' }], complete: true },
    });
    expect(again.status).toBe(422);
    expect(again.body).toMatchObject({ error: 'consent_required' });
  });

  it('cannot be completed without the pigment lot a recall would search for, said in Chinese too', async () => {
    await signTreatment(clients.lukasz, 'en', 'Łukasz Wiśniewski');
    for (const materials of [[], [{ lotId: lots.needle }]]) {
      const res = await artist.request('PUT', `/api/appointments/${appt.id}/session`, {
        body: { materials, complete: true },
        headers: { 'accept-language': 'zh-CN' },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(422);
      expect(res.body).toMatchObject({
        error: 'pigment_lot_required',
        fields: [{ in: 'body', field: 'materials', code: 'needsPigmentLot' }],
      });
      expect(res.body.message).toMatch(/色素批次/);
    }
    // Nothing of a refused save is kept: the record stays open.
    const kept = await artist.get<SessionRecord>(`/api/appointments/${appt.id}/session`);
    expect(kept.body.status).not.toBe('completed');
  });

  it('completes with a consent: aftercare schedule, reminders and a touch-up recall in the outbox', async () => {
    await signTreatment(clients.lukasz, 'en', 'Łukasz Wiśniewski');
    const res = await artist.request<SessionRecord>('PUT', `/api/appointments/${appt.id}/session`, {
      body: {
        zones: ['donor-area', 'scar'],
        materials: [{ lotId: lots.pigment, dilution: '1:20 distilled water' }, { lotId: lots.needle }],
        beforePhotoIds: [before.id],
        afterPhotoIds: [after.id],
        complete: true,
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe('completed');
    expect(res.body.consentId).toEqual(expect.any(String));
    session = res.body;

    const schedule = (await artist.get<AftercareSchedule>(`/api/sessions/${session.id}/aftercare`)).body;
    expect(schedule.items.map((i) => i.title)).toContain('Keep your scalp dry');
    const dry = schedule.items.find((i) => i.title === 'Keep your scalp dry')!;
    expect([dry.fromDate, dry.untilDate]).toEqual([
      session.performedOn,
      daysLater(`${session.performedOn}T12:00:00Z`, 3).slice(0, 10),
    ]);
    const shave = schedule.items.find((i) => i.title === 'First shave')!;
    expect(shave.fromDate).toBe(
      new Date(Date.parse(`${session.performedOn}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10),
    );

    const outbox = (await owner.get<OutboxPage>(`/api/outbox?clientId=${clients.lukasz}&pageSize=200`)).body;
    const aftercare = outbox.items.filter((m) => m.kind === 'aftercare');
    expect(aftercare.map((m) => m.subject).sort()).toEqual(
      [
        'Aftercare: Keep your scalp dry',
        'Aftercare: First gentle wash',
        'Aftercare: Start moisturising',
        'Aftercare: First shave',
        'Aftercare: Protect from the sun for good',
      ].sort(),
    );
    const recall = outbox.items.find((m) => m.kind === 'touch_up_recall')!;
    expect(new Date(recall.sendAfter).getUTCFullYear()).toBe(Number(session.performedOn.slice(0, 4)) + 4);
    expect(
      outbox.items.find((m) => m.kind === 'appointment_reminder' && m.status === 'pending'),
    ).toBeUndefined();
    expect(outbox.smtpConfigured).toBe(false);

    const done = await artist.request('PUT', `/api/appointments/${appt.id}/session`, {
      body: { notes: 'edit' },
    });
    expect(done.status).toBe(409);
  });

  it('prints an aftercare sheet that is not blank and names the client, and a calendar file', async () => {
    const res = await fetch(`${ts.url}/api/sessions/${session.id}/aftercare.pdf`, {
      headers: { cookie: `stipple_session=${artist.cookie}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const look = await lookAtPdf(
      Buffer.from(await res.arrayBuffer()),
      process.env.STIPPLE_KEEP_PDF_PNG ? '/tmp/aftercare-en' : undefined,
    );
    expect(look.pages).toBeGreaterThanOrEqual(1);
    expect(Math.min(...look.ink)).toBeGreaterThan(0.002);
    expect(look.text).toContain('Łukasz Wiśniewski');
    expect(look.text).toContain('Keep your scalp dry');
    const ics = await artist.get<string>(`/api/sessions/${session.id}/aftercare.ics`);
    expect(ics.body).toContain('SUMMARY:First shave');
    expect(ics.body.match(/BEGIN:VEVENT/g)).toHaveLength(9);
  });

  it("prints the sheet in the client's language (Chinese) and the consent copy with 王芳's name", async () => {
    const consent = await signTreatment(clients.wang, 'zh-CN', '王芳');
    const appt2 = await sessionFor(artist, clients.wang, studio.owner.id, workdayAt(-3, '10:00'));
    const saved = await owner.request<SessionRecord>('PUT', `/api/appointments/${appt2.id}/session`, {
      body: { materials: [{ lotId: lots.pigment, dilution: '1:25' }], complete: true },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const pdf = await fetch(`${ts.url}/api/sessions/${saved.body.id}/aftercare.pdf`, {
      headers: { cookie: `stipple_session=${owner.cookie}` },
    });
    const look = await lookAtPdf(
      Buffer.from(await pdf.arrayBuffer()),
      process.env.STIPPLE_KEEP_PDF_PNG ? '/tmp/aftercare-zh' : undefined,
    );
    expect(look.text).toContain('王芳');
    expect(look.text).toContain('保持头皮干燥');
    expect(Math.min(...look.ink)).toBeGreaterThan(0.002);
    const consentPdf = await fetch(`${ts.url}/api/consents/${consent.id}/pdf`, {
      headers: { cookie: `stipple_session=${owner.cookie}` },
    });
    const consentLook = await lookAtPdf(
      Buffer.from(await consentPdf.arrayBuffer()),
      process.env.STIPPLE_KEEP_PDF_PNG ? '/tmp/consent-zh' : undefined,
    );
    expect(consentLook.text).toContain('头皮微色素治疗知情同意书');
    expect(consentLook.text).toContain('王芳');
    expect(Math.min(...consentLook.ink)).toBeGreaterThan(0.002);
    const zhOutbox = (await owner.get<OutboxPage>(`/api/outbox?clientId=${clients.wang}&pageSize=200`)).body;
    expect(zhOutbox.items.some((m) => m.subject === '护理提示：保持头皮干燥')).toBe(true);
  });
});

describe('a lot recall', () => {
  it('returns exactly the clients and sessions that used the lot, across artists', async () => {
    // A third session by the owner with the other lot: not part of the recall.
    const appt3 = await sessionFor(owner, clients.third, studio.owner.id, workdayAt(-5, '10:00'));
    expect(
      (
        await owner.request('PUT', `/api/appointments/${appt3.id}/session`, {
          body: { materials: [{ lotId: lots.other }] },
        })
      ).status,
    ).toBe(200);
    const recall = await artist.get<RecallReport>(`/api/inventory/lots/${lots.pigment}/recall`);
    expect(recall.status).toBe(200);
    expect(recall.body.lot.lotNumber).toBe('CB-1');
    expect(recall.body.clients).toBe(2);
    expect(recall.body.uses.map((u) => [u.clientName, u.artistId, u.status]).sort()).toEqual(
      [
        ['Łukasz Wiśniewski', studio.artist.id, 'completed'],
        ['王芳', studio.owner.id, 'completed'],
      ].sort(),
    );
    const other = (await owner.get<RecallReport>(`/api/inventory/lots/${lots.other}/recall`)).body;
    expect(other.uses.map((u) => u.clientName)).toEqual(['Ola Other']);
    expect((await owner.get<RecallReport>(`/api/inventory/lots/${lots.expired}/recall`)).body.uses).toEqual(
      [],
    );
    expect((await desk.get(`/api/inventory/lots/${lots.pigment}/recall`)).status).toBe(403);
  });
});
