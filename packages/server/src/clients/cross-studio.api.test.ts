// Studio A's owner tries every client endpoint on studio B's records: all are "not found", and
// nothing of B shows in any list or in A's audit log. B's records are unchanged afterwards.
import type {
  Appointment,
  AuditPage,
  CalendarFeed,
  Client,
  ClientListPage,
  ConsentRecord,
  ConsentTemplate,
  InventoryLot,
  InventoryProduct,
  Photo,
  SessionRecord,
  StaffInvitation,
  StaffMember,
  TreatmentCourse,
} from '@stipple/core';
import { seedTemplates } from '../demo/demo-records.js';
import { plainImage, signaturePng } from '../test-support/images.js';
import type { Items } from '../test-support/api-types.js';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/database.js';
import { createClientFixture, createStudioFixture, type FixtureStudio } from '../test-support/fixtures.js';
import { signedInAs } from '../test-support/signed-in.js';
import { startTestServer, type ApiClient, type TestServer } from '../test-support/test-server.js';

let ts: TestServer;
let a: FixtureStudio;
let b: FixtureStudio;
let ownerA: ApiClient;
let ownerB: ApiClient;
const bClients: string[] = [];
let bArchived: string;

beforeAll(async () => {
  ts = await startTestServer();
  a = await createStudioFixture(ts.server.db, 'Studio Alpha');
  b = await createStudioFixture(ts.server.db, 'Studio Beta');
  await createClientFixture(ts.server.db, a.id, { givenName: 'Alma', familyName: 'Alpha-Client' });
  bClients.push(
    await createClientFixture(ts.server.db, b.id, {
      givenName: 'Bruno',
      familyName: 'Beta-Secret',
      email: 'bruno@beta.example',
      phone: '+1 555 0100',
    }),
  );
  bArchived = await createClientFixture(ts.server.db, b.id, {
    givenName: 'Berta',
    familyName: 'Beta-Archived',
  });
  bClients.push(bArchived);
  ownerA = await signedInAs(ts, a.owner.email);
  ownerB = await signedInAs(ts, b.owner.email);
  expect((await ownerB.post<Client>(`/api/clients/${bArchived}/archive`)).status).toBe(200);
  expect(
    (
      await ownerB.post<StaffInvitation>('/api/staff/invitations', {
        email: 'beta-new@example.com',
        name: 'Beta New',
        role: 'artist',
      })
    ).status,
  ).toBe(201);
});
afterAll(() => ts?.close());

describe("another studio's records", () => {
  it('answer 404 on every client endpoint, with no trace of the record', async () => {
    for (const id of bClients) {
      const attempts = [
        await ownerA.get<Client>(`/api/clients/${id}`),
        await ownerA.patch<Client>(`/api/clients/${id}`, { notes: 'taken over' }),
        await ownerA.patch<Client>(`/api/clients/${id}`, { familyName: 'Renamed', version: 1 }),
        await ownerA.post<Client>(`/api/clients/${id}/archive`),
        await ownerA.post<Client>(`/api/clients/${id}/restore`),
      ];
      for (const res of attempts) {
        expect(res.status).toBe(404);
        expect(res.body).toEqual({
          error: 'not_found',
          code: 'notFound',
          params: { entity: { t: 'entity.client' } },
          message: 'Client not found.',
        });
      }
    }
  });

  it("never appear in A's lists or searches, whatever the filter", async () => {
    const seen: string[] = [];
    for (const query of [
      '',
      '?archived=include&pageSize=100',
      '?archived=only&pageSize=100',
      '?q=beta',
      '?q=bruno',
      '?q=555%200100',
      '?q=bruno%40beta.example',
    ]) {
      const res = await ownerA.get<ClientListPage>(`/api/clients${query}`);
      expect(res.status).toBe(200);
      seen.push(JSON.stringify(res.body));
    }
    const text = seen.join('\n');
    for (const id of bClients) expect(text).not.toContain(id);
    expect(text).not.toMatch(/Beta|Bruno|Berta/);
    expect((await ownerA.get<ClientListPage>('/api/clients?archived=include')).body.total).toBe(1);
  });

  it("keep B's staff, invitations and audit entries out of A's views", async () => {
    const staff = JSON.stringify((await ownerA.get<Items<StaffMember>>('/api/staff')).body);
    const invitations = JSON.stringify(
      (await ownerA.get<Items<StaffInvitation>>('/api/staff/invitations')).body,
    );
    expect(staff).not.toContain(b.owner.email);
    expect(staff).not.toContain(b.id);
    expect(invitations).not.toContain('beta-new@example.com');

    const audit = (await ownerA.get<AuditPage>('/api/audit?pageSize=100')).body;
    const auditText = JSON.stringify(audit);
    for (const id of [...bClients, b.owner.id, b.artist.id, b.desk.id]) expect(auditText).not.toContain(id);
    for (const id of bClients) {
      const filtered = await ownerA.get<AuditPage>(`/api/audit?entityId=${id}`);
      expect(filtered.body).toMatchObject({ items: [], total: 0 });
    }
    const byActor = await ownerA.get<AuditPage>(`/api/audit?actorId=${b.owner.id}`);
    expect(byActor.body.total).toBe(0);
  });

  it("leave B's records unchanged, and B's own audit log unaware of A's attempts", async () => {
    const rows = await ts.server.db.withStudio(b.id, (tx) =>
      queryRows<{ family_name: string; notes: string; version: number; archived: boolean }>(
        tx,
        sql`select family_name, notes, version, archived_at is not null as archived from client order by family_name`,
      ),
    );
    expect(rows).toEqual([
      { family_name: 'Beta-Archived', notes: '', version: 2, archived: true },
      { family_name: 'Beta-Secret', notes: '', version: 1, archived: false },
    ]);
    const bAudit = (await ownerB.get<AuditPage>('/api/audit?pageSize=100')).body.items as {
      actor: { id: string } | null;
    }[];
    expect(bAudit.some((e) => e.actor?.id === a.owner.id)).toBe(false);
  });
});

describe("another studio's treatment records", () => {
  const b2 = {
    client: '',
    photo: '',
    course: '',
    appointment: '',
    session: '',
    product: '',
    lot: '',
    consent: '',
    feed: '',
  };
  let aClient: string;
  let aAppointment: string;

  beforeAll(async () => {
    await ts.server.db.asSystem(async (tx) => {
      await seedTemplates(tx, a.id, a.owner.id);
      await seedTemplates(tx, b.id, b.owner.id);
    });
    b2.client = bClients[0]!;
    const photo = await ownerB.request<Photo>(
      'POST',
      `/api/clients/${b2.client}/photos?view=top&takenOn=2026-11-01`,
      {
        rawBody: await plainImage('jpeg'),
        contentType: 'image/jpeg',
      },
    );
    b2.photo = photo.body.id;
    b2.product = (
      await ownerB.post<InventoryProduct>('/api/inventory/products', {
        kind: 'pigment',
        name: 'Beta Ink',
        manufacturer: 'Beta',
      })
    ).body.id;
    b2.lot = (
      await ownerB.post<InventoryLot>(`/api/inventory/products/${b2.product}/lots`, {
        lotNumber: 'B-1',
        expiresOn: '2099-01-01',
      })
    ).body.id;
    b2.course = (
      await ownerB.post<TreatmentCourse>(`/api/clients/${b2.client}/courses`, { title: 'Beta course' })
    ).body.id;
    const appt = await ownerB.post<Appointment>('/api/appointments', {
      clientId: b2.client,
      artistId: b.artist.id,
      kind: 'session',
      courseId: b2.course,
      // In the past: a session is completed on or after its day.
      startsAt: '2026-03-04T10:00:00Z',
      durationMinutes: 120,
    });
    expect(appt.status, JSON.stringify(appt.body)).toBe(201);
    b2.appointment = appt.body.id;
    const templates = (await ownerB.get<{ items: ConsentTemplate[] }>('/api/consent-templates')).body.items;
    const consent = await ownerB.post<ConsentRecord>(`/api/clients/${b2.client}/consents`, {
      templateId: templates.find((t) => t.kind === 'treatment' && t.language === 'en')!.id,
      signerName: 'Bruno',
      signature: await signaturePng(),
    });
    b2.consent = consent.body.id;
    const session = await ownerB.request<SessionRecord>(
      'PUT',
      `/api/appointments/${b2.appointment}/session`,
      {
        body: { materials: [{ lotId: b2.lot }], afterPhotoIds: [b2.photo], complete: true },
      },
    );
    expect(session.status, JSON.stringify(session.body)).toBe(200);
    b2.session = session.body.id;
    b2.feed = (
      await ownerB.post<CalendarFeed>('/api/calendar-feeds', { kind: 'client', subjectId: b2.client })
    ).body.id;
    aClient = (await ownerA.get<ClientListPage>('/api/clients')).body.items[0]!.id;
    aAppointment = (
      await ownerA.post<Appointment>('/api/appointments', {
        clientId: aClient,
        artistId: a.artist.id,
        kind: 'session',
        courseId: (
          await ownerA.post<TreatmentCourse>(`/api/clients/${aClient}/courses`, { title: 'Alpha course' })
        ).body.id,
        startsAt: '2030-03-05T10:00:00Z',
        durationMinutes: 120,
      })
    ).body.id;
  });

  it('answer 404 on every endpoint that names one of them in its path', async () => {
    const sig = await signaturePng();
    const attempts: [string, string, Parameters<ApiClient['request']>[2]?][] = [
      [
        'POST',
        `/api/clients/${b2.client}/photos?view=top&takenOn=2026-11-01`,
        { rawBody: await plainImage('jpeg'), contentType: 'image/jpeg' },
      ],
      ['GET', `/api/clients/${b2.client}/photos`],
      ['GET', `/api/photos/${b2.photo}`],
      ['PATCH', `/api/photos/${b2.photo}`, { body: { view: 'back' } }],
      ['GET', `/api/photos/${b2.photo}/file?size=original`],
      ['GET', `/api/clients/${b2.client}/courses`],
      ['POST', `/api/clients/${b2.client}/courses`, { body: { title: 'Hijack' } }],
      ['GET', `/api/appointments/${b2.appointment}`],
      ['GET', `/api/appointments/${b2.appointment}/history`],
      [
        'POST',
        `/api/appointments/${b2.appointment}/move`,
        { body: { startsAt: '2030-03-06T10:00:00Z', version: 1 } },
      ],
      ['POST', `/api/appointments/${b2.appointment}/cancel`, { body: { reason: 'Hijack', version: 1 } }],
      ['GET', `/api/staff/${b.artist.id}/working-hours`],
      ['PUT', `/api/staff/${b.artist.id}/working-hours`, { body: { weekly: [], exceptions: [] } }],
      ['POST', `/api/calendar-feeds/${b2.feed}/revoke`],
      ['GET', `/api/clients/${b2.client}/sessions`],
      ['GET', `/api/sessions/${b2.session}`],
      ['GET', `/api/appointments/${b2.appointment}/session`],
      ['PUT', `/api/appointments/${b2.appointment}/session`, { body: { notes: 'Hijack' } }],
      ['GET', `/api/sessions/${b2.session}/aftercare`],
      ['GET', `/api/sessions/${b2.session}/aftercare.pdf`],
      ['GET', `/api/sessions/${b2.session}/aftercare.ics`],
      ['PATCH', `/api/inventory/products/${b2.product}`, { body: { name: 'Hijack' } }],
      [
        'POST',
        `/api/inventory/products/${b2.product}/lots`,
        { body: { lotNumber: 'X', expiresOn: '2099-01-01' } },
      ],
      ['PATCH', `/api/inventory/lots/${b2.lot}`, { body: { openedOn: '2026-01-01' } }],
      ['GET', `/api/inventory/lots/${b2.lot}/recall`],
      ['GET', `/api/clients/${b2.client}/consents`],
      [
        'POST',
        `/api/clients/${b2.client}/consents`,
        { body: { templateId: b2.consent, signerName: 'X', signature: sig } },
      ],
      ['GET', `/api/consents/${b2.consent}`],
      ['POST', `/api/consents/${b2.consent}/withdraw`, { body: { reason: 'Hijack' } }],
      ['GET', `/api/consents/${b2.consent}/pdf`],
      ['GET', `/api/consents/${b2.consent}/signature`],
    ];
    for (const [method, path, options] of attempts) {
      const res = await ownerA.request(method, path, options);
      expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBe(404);
      expect(res.body.error).toBe('not_found');
    }
  });

  it('refuse references to them in a body with 422 naming the field', async () => {
    const bookB = await ownerA.post('/api/appointments', {
      clientId: b2.client,
      artistId: a.artist.id,
      kind: 'consultation',
      startsAt: '2030-03-07T10:00:00Z',
      durationMinutes: 60,
    });
    expect([bookB.status, bookB.body.fields?.[0]?.field]).toEqual([422, 'clientId']);
    const withBArtist = await ownerA.post('/api/appointments', {
      clientId: aClient,
      artistId: b.artist.id,
      kind: 'consultation',
      startsAt: '2030-03-07T10:00:00Z',
      durationMinutes: 60,
    });
    expect([withBArtist.status, withBArtist.body.fields?.[0]?.field]).toEqual([422, 'artistId']);
    const withBLot = await ownerA.request('PUT', `/api/appointments/${aAppointment}/session`, {
      body: { materials: [{ lotId: b2.lot }] },
    });
    expect([withBLot.status, withBLot.body.fields?.[0]?.field]).toEqual([422, 'materials.0.lotId']);
    const withBPhoto = await ownerA.request('PUT', `/api/appointments/${aAppointment}/session`, {
      body: { beforePhotoIds: [b2.photo] },
    });
    expect([withBPhoto.status, withBPhoto.body.fields?.[0]?.field]).toEqual([422, 'beforePhotoIds.0']);
    const bTemplate = (await ownerB.get<{ items: ConsentTemplate[] }>('/api/consent-templates')).body
      .items[0]!.id;
    const withBTemplate = await ownerA.post(`/api/clients/${aClient}/consents`, {
      templateId: bTemplate,
      signerName: 'X',
      signature: await signaturePng(),
    });
    expect([withBTemplate.status, withBTemplate.body.fields?.[0]?.field]).toEqual([422, 'templateId']);
    const feedB = await ownerA.post('/api/calendar-feeds', { kind: 'client', subjectId: b2.client });
    expect([feedB.status, feedB.body.fields?.[0]?.field]).toEqual([422, 'subjectId']);
  });

  it("never show up in A's lists", async () => {
    const views = await Promise.all(
      [
        '/api/inventory',
        '/api/consent-templates',
        '/api/aftercare-templates',
        '/api/appointments?from=2030-01-01T00:00:00Z&to=2030-12-31T00:00:00Z',
        '/api/calendar-feeds',
        '/api/outbox?pageSize=200',
        '/api/photos/gallery',
      ].map((path) => ownerA.get(path)),
    );
    const text = views.map((v) => JSON.stringify(v.body)).join('\n');
    for (const v of views) expect(v.status).toBe(200);
    for (const id of Object.values(b2)) expect(text).not.toContain(id);
    expect(text).not.toMatch(/Beta Ink|Beta course|Bruno/);
  });

  it("leave B's records as they were", async () => {
    const session = await ownerB.get<SessionRecord>(`/api/sessions/${b2.session}`);
    expect(session.body).toMatchObject({ status: 'completed', notes: '' });
    const appt = await ownerB.get<Appointment>(`/api/appointments/${b2.appointment}`);
    expect(appt.body.status).toBe('completed');
    const consent = await ownerB.get<ConsentRecord>(`/api/consents/${b2.consent}`);
    expect(consent.body.status).toBe('active');
    const photo = await ownerB.get<Photo>(`/api/photos/${b2.photo}`);
    expect(photo.body.view).toBe('top');
  });
});
