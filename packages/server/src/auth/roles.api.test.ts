// The role table of docs/roles.md, walked against the real server: the test reads the table,
// sends each row's request as the owner, an artist and front desk, and expects a 2xx where the
// table says ✓ and a 403 where it says ✗ (for the "clinical notes" read: the notes left out).
// Public rows ("—") must answer without a session. Every API route of the OpenAPI document must
// have a row, so a new route cannot slip in without a decision about who may use it.
import { existsSync, readFileSync } from 'node:fs';
import type {
  Appointment,
  CalendarFeed,
  Client,
  ConsentRecord,
  ConsentTemplate,
  Consultation,
  InventoryProduct,
  Photo,
  PhotoAlignment,
  PhotoZones,
  PreviewRender,
  RemainingSessionsProposal,
  SessionRecord,
} from '@stipple/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTemplates } from '../demo/demo-records.js';
import {
  createClientFixture,
  createStudioFixture,
  TEST_PASSWORD,
  type FixtureMember,
  type FixtureStudio,
} from '../test-support/fixtures.js';
import { plainImage, signaturePng } from '../test-support/images.js';
import {
  startTestServer,
  type ApiClient,
  type ApiResponse,
  type TestServer,
} from '../test-support/test-server.js';
import { WEEKDAY_HOURS, workdayAt } from '../test-support/treatment-fixtures.js';

type Role = 'owner' | 'artist' | 'desk';
type Verdict = 'yes' | 'no' | 'public';
interface Row {
  key: string;
  method: string;
  path: string;
  verdicts: Record<Role, Verdict>;
}

/** Where docs/roles.md lists the routes that other test files walk (clients', visitors'). */
const ELSEWHERE = '\n## Routes walked by their own tests';

/** Routes of that second table, each with the test file that walks it (which must exist). */
function readElsewhere(): { route: string; file: string }[] {
  const doc = readFileSync(new URL('../../../../docs/roles.md', import.meta.url), 'utf8');
  const out: { route: string; file: string }[] = [];
  for (const line of (doc.split(ELSEWHERE)[1] ?? '').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const request = /^`([A-Z]+ \/\S+)`$/.exec(cells[2] ?? '');
    const file = /^`([\w./-]+\.api\.test\.ts)`$/.exec(cells[4] ?? '');
    if (request && file) out.push({ route: request[1]!, file: file[1]! });
  }
  return out;
}

/** The table of docs/roles.md. */
function readTable(): Row[] {
  const doc = readFileSync(new URL('../../../../docs/roles.md', import.meta.url), 'utf8');
  const rows: Row[] = [];
  for (const line of doc.split(ELSEWHERE)[0]!.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const request = /^`([A-Z]+) (\/\S+)(?: \(([^)]+)\))?`$/.exec(cells[2] ?? '');
    if (!request) continue;
    const verdict = (cell: string): Verdict => {
      if (cell === '✓') return 'yes';
      if (cell === '✗') return 'no';
      if (cell === '—') return 'public';
      throw new Error(`docs/roles.md: "${cell}" in ${line}`);
    };
    rows.push({
      key: cells[2]!.slice(1, -1),
      method: request[1]!,
      path: request[2]!,
      verdicts: { owner: verdict(cells[3]!), artist: verdict(cells[4]!), desk: verdict(cells[5]!) },
    });
  }
  return rows;
}

interface Call {
  method: string;
  path: string;
  body?: unknown;
  rawBody?: Buffer;
  contentType?: string;
}
interface Probe {
  /** The request, made fresh for each role where it changes something. */
  call: (role: Role) => Promise<Call> | Call;
  /** Overrides "2xx" and "403" for rows whose refusal is a leaving-out. */
  allowed?: (res: ApiResponse) => boolean;
  refused?: (res: ApiResponse) => boolean;
  /** Puts back what the request changed (a password), as the one who made it. */
  undo?: (api: ApiClient) => Promise<unknown>;
}

let ts: TestServer;
let studio: FixtureStudio;
let own: FixtureStudio;
const as: Record<Role, ApiClient> = {} as Record<Role, ApiClient>;
const member = (s: FixtureStudio, role: Role): FixtureMember => (role === 'desk' ? s.desk : s[role]);
/** Someone else whose hours or calendar the role might reach for. */
const someoneElse = (role: Role): FixtureMember => (role === 'owner' ? studio.artist : studio.owner);

const NOTES = 'Keloid tendency on the neck (client said)';
const NEW_PASSWORD = 'orchard lamplight wanders past nine herons';
let f: {
  client: string;
  /** A course with a past and a future session. */
  course: string;
  consultation: Consultation;
  photo: Photo;
  /** A later photo of the same view, aligned to `photo` on upload. */
  followUp: Photo;
  render: PreviewRender;
  session: SessionRecord;
  draftAppointment: Appointment;
  consent: ConsentRecord;
  templates: ConsentTemplate[];
  product: InventoryProduct;
  lot: string;
};

async function ok<T>(res: Promise<ApiResponse<T>>, what: string): Promise<T> {
  const r = await res;
  if (r.status < 200 || r.status > 299) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

let slot = 0;
/** A free hour for the artist, different on every call. */
const nextSlot = () => {
  slot += 1;
  return workdayAt(3 + Math.floor(slot / 8), `${String(9 + (slot % 8)).padStart(2, '0')}:00`);
};
const owner = () => as.owner;
const template = (kind: 'treatment' | 'photo') =>
  f.templates.find((t) => t.kind === kind && t.language === 'en' && t.current)!;
const signed = async (kind: 'treatment' | 'photo') =>
  ok(
    owner().post<ConsentRecord>(`/api/clients/${f.client}/consents`, {
      templateId: template(kind).id,
      signerName: 'Ana Silva',
      signature: await signaturePng(),
    }),
    `sign ${kind}`,
  );
/** A 30-minute consultation of the fixture client with the artist, by default at a free future hour. */
const booked = (startsAt = nextSlot()) =>
  ok(
    owner().post<Appointment>('/api/appointments', {
      clientId: f.client,
      artistId: studio.artist.id,
      kind: 'consultation',
      startsAt,
      durationMinutes: 30,
    }),
    'book',
  );
let pastSlot = 0;
/** A consultation that began in the past and nobody recorded: one a no-show can be marked on. */
const pastBooked = () => {
  pastSlot += 1;
  return booked(
    workdayAt(-2 - Math.floor(pastSlot / 8), `${String(9 + (pastSlot % 8)).padStart(2, '0')}:00`),
  );
};
const feedOf = (body: { kind: 'artist' | 'client'; subjectId: string }) =>
  ok(owner().post<CalendarFeed>('/api/calendar-feeds', body), 'feed');

const get = (path: string): Call => ({ method: 'GET', path });
const G = (path: string): Probe => ({ call: () => get(path) });

/** How each row's request is made: its key is the row's request cell. */
function probes(): Record<string, Probe> {
  const c = () => f.client;
  return {
    'GET /api/auth/session': G('/api/auth/session'),
    'POST /api/auth/logout-everywhere': {
      call: () => ({ method: 'POST', path: '/api/auth/logout-everywhere' }),
    },
    'PATCH /api/me/preferences': {
      call: () => ({ method: 'PATCH', path: '/api/me/preferences', body: { locale: 'en' } }),
    },
    'POST /api/me/password': {
      call: () => ({
        method: 'POST',
        path: '/api/me/password',
        body: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
      }),
      undo: (api) =>
        api.post('/api/me/password', { currentPassword: NEW_PASSWORD, newPassword: TEST_PASSWORD }),
    },
    'GET /api/clients': G('/api/clients'),
    'POST /api/clients': {
      call: (r) => ({ method: 'POST', path: '/api/clients', body: { familyName: `New by ${r}` } }),
    },
    'POST /api/clients (with clinical notes)': {
      call: (r) => ({
        method: 'POST',
        path: '/api/clients',
        body: { familyName: `Noted by ${r}`, notes: NOTES },
      }),
    },
    'GET /api/clients/:id': { call: () => ({ method: 'GET', path: `/api/clients/${c()}` }) },
    'GET /api/clients/:id (clinical notes)': {
      call: () => ({ method: 'GET', path: `/api/clients/${c()}` }),
      allowed: (res) => res.status === 200 && (res.body as Client).notes === NOTES,
      refused: (res) => res.status === 200 && (res.body as Client).notes === null,
    },
    'PATCH /api/clients/:id': {
      call: () => ({ method: 'PATCH', path: `/api/clients/${c()}`, body: { phone: '+44 20 7946 0000' } }),
    },
    'PATCH /api/clients/:id (clinical notes)': {
      call: () => ({ method: 'PATCH', path: `/api/clients/${c()}`, body: { notes: NOTES } }),
    },
    'POST /api/clients/:id/archive': {
      call: () => ({ method: 'POST', path: `/api/clients/${c()}/archive` }),
    },
    'POST /api/clients/:id/restore': {
      call: () => ({ method: 'POST', path: `/api/clients/${c()}/restore` }),
    },

    'GET /api/consultations': G('/api/consultations'),
    'GET /api/clients/:id/consultations': { call: () => get(`/api/clients/${c()}/consultations`) },
    'POST /api/clients/:id/consultations': {
      call: () => ({
        method: 'POST',
        path: `/api/clients/${c()}/consultations`,
        body: { assessment: { consultationDate: new Date().toISOString().slice(0, 10) } },
      }),
    },
    'GET /api/consultations/:id': { call: () => get(`/api/consultations/${f.consultation.id}`) },
    'PUT /api/consultations/:id': {
      call: async () => {
        const now = await ok(owner().get<Consultation>(`/api/consultations/${f.consultation.id}`), 'read');
        return {
          method: 'PUT',
          path: `/api/consultations/${now.id}`,
          body: { assessment: { ...now.assessment, notes: `edit ${now.version}` }, version: now.version },
        };
      },
    },
    'GET /api/consultations/:id/plans': { call: () => get(`/api/consultations/${f.consultation.id}/plans`) },
    'POST /api/consultations/:id/plans': {
      call: async () => {
        const now = await ok(owner().get<Consultation>(`/api/consultations/${f.consultation.id}`), 'read');
        return {
          method: 'POST',
          path: `/api/consultations/${now.id}/plans`,
          body: { basedOnVersion: now.latestPlan?.version ?? 0, overrides: [] },
        };
      },
    },
    'GET /api/plans/:id': { call: () => get(`/api/plans/${f.consultation.latestPlan!.id}`) },
    'GET /api/consultations/:id/report.pdf': {
      call: () => get(`/api/consultations/${f.consultation.id}/report.pdf`),
    },

    'POST /api/clients/:id/photos': {
      call: async () => ({
        method: 'POST',
        path: `/api/clients/${c()}/photos?view=top&takenOn=2026-11-02`,
        rawBody: await plainImage('jpeg', 160, 120),
        contentType: 'image/jpeg',
      }),
    },
    'GET /api/clients/:id/photos': { call: () => get(`/api/clients/${c()}/photos`) },
    'GET /api/photos/gallery': G('/api/photos/gallery'),
    'GET /api/photos/:id': { call: () => get(`/api/photos/${f.photo.id}`) },
    'PATCH /api/photos/:id': {
      call: () => ({ method: 'PATCH', path: `/api/photos/${f.photo.id}`, body: { view: 'top' } }),
    },
    'GET /api/photos/:id/file': { call: () => get(`/api/photos/${f.photo.id}/file`) },
    'GET /api/photos/:id/analysis': { call: () => get(`/api/photos/${f.photo.id}/analysis`) },
    'POST /api/photos/:id/analysis': {
      call: () => ({ method: 'POST', path: `/api/photos/${f.photo.id}/analysis` }),
    },
    'GET /api/photos/:id/alignment': { call: () => get(`/api/photos/${f.followUp.id}/alignment`) },
    'POST /api/photos/:id/alignment': {
      call: () => ({ method: 'POST', path: `/api/photos/${f.followUp.id}/alignment`, body: {} }),
    },
    'PUT /api/photos/:id/alignment/points': {
      call: () => ({
        method: 'PUT',
        path: `/api/photos/${f.followUp.id}/alignment/points`,
        body: { pairs: SHIFT_PAIRS },
      }),
    },
    'GET /api/photos/:id/alignment/image': {
      call: async () => {
        await alignedByPoints();
        return get(`/api/photos/${f.followUp.id}/alignment/image?kind=difference`);
      },
    },
    'GET /api/previews': G('/api/previews'),
    'GET /api/photos/:id/zones': { call: () => get(`/api/photos/${f.photo.id}/zones`) },
    'PUT /api/photos/:id/zones': {
      call: async () => {
        const now = await ok(owner().get<PhotoZones>(`/api/photos/${f.photo.id}/zones`), 'zones');
        return {
          method: 'PUT',
          path: `/api/photos/${f.photo.id}/zones`,
          body: { zones: now.zones, version: now.version },
        };
      },
    },
    'GET /api/photos/:id/renders': { call: () => get(`/api/photos/${f.photo.id}/renders`) },
    'GET /api/renders/:id': { call: () => get(`/api/renders/${f.render.id}`) },
    'GET /api/renders/:id/status': { call: () => get(`/api/renders/${f.render.id}/status`) },
    'GET /api/renders/:id/stages/:name': { call: () => get(`/api/renders/${f.render.id}/stages/healed`) },

    'GET /api/appointments': {
      call: () =>
        get(
          `/api/appointments?from=${new Date(Date.now() - 30 * 86_400_000).toISOString()}&to=${new Date(Date.now() + 60 * 86_400_000).toISOString()}`,
        ),
    },
    'POST /api/appointments': {
      call: () => ({
        method: 'POST',
        path: '/api/appointments',
        body: {
          clientId: c(),
          artistId: studio.artist.id,
          kind: 'consultation',
          startsAt: nextSlot(),
          durationMinutes: 30,
        },
      }),
    },
    'GET /api/appointments/:id': { call: () => get(`/api/appointments/${f.draftAppointment.id}`) },
    'POST /api/appointments/:id/move': {
      call: async () => {
        const a = await booked();
        return {
          method: 'POST',
          path: `/api/appointments/${a.id}/move`,
          body: { startsAt: nextSlot(), version: a.version },
        };
      },
    },
    'POST /api/appointments/:id/cancel': {
      call: async () => {
        const a = await booked();
        return {
          method: 'POST',
          path: `/api/appointments/${a.id}/cancel`,
          body: { reason: 'Client is unwell', version: a.version },
        };
      },
    },
    'POST /api/appointments/:id/no-show': {
      call: async () => {
        const a = await pastBooked();
        return { method: 'POST', path: `/api/appointments/${a.id}/no-show`, body: { version: a.version } };
      },
    },
    'POST /api/appointments/:id/no-show/undo': {
      call: async () => {
        const past = await pastBooked();
        const a = await ok(
          owner().post<Appointment>(`/api/appointments/${past.id}/no-show`, { version: past.version }),
          'no-show',
        );
        return {
          method: 'POST',
          path: `/api/appointments/${a.id}/no-show/undo`,
          body: { reason: 'Came in late, after all', version: a.version },
        };
      },
    },
    'POST /api/appointments/:id/deposit': {
      call: async () => {
        const a = await booked();
        return {
          method: 'POST',
          path: `/api/appointments/${a.id}/deposit`,
          body: { status: 'paid', amountMinor: 2000, method: 'cash', version: a.version },
        };
      },
    },
    'GET /api/appointments/:id/history': {
      call: () => get(`/api/appointments/${f.draftAppointment.id}/history`),
    },
    'GET /api/calendar/artists': G('/api/calendar/artists'),
    'GET /api/clients/:id/courses': { call: () => get(`/api/clients/${c()}/courses`) },
    'POST /api/clients/:id/courses': {
      call: () => ({ method: 'POST', path: `/api/clients/${c()}/courses`, body: { title: 'Hairline' } }),
    },
    'POST /api/clients/:id/courses (another interval)': {
      call: () => ({
        method: 'POST',
        path: `/api/clients/${c()}/courses`,
        body: { title: 'Scar', minIntervalDays: 300 },
      }),
    },
    'POST /api/courses/:id/remaining-sessions/proposal': {
      call: () => ({
        method: 'POST',
        path: `/api/courses/${f.course}/remaining-sessions/proposal`,
        body: { artistId: studio.artist.id, durationMinutes: 60 },
      }),
    },
    'POST /api/courses/:id/remaining-sessions': {
      call: async (r) => {
        // A course of its own for each role, so that each finds sessions left to book.
        const course = await ok(
          owner().post<{ id: string }>(`/api/clients/${c()}/courses`, { title: `Remaining, ${r}` }),
          'course',
        );
        const body = { artistId: studio.artist.id, durationMinutes: 60 };
        const proposal = await ok(
          owner().post<RemainingSessionsProposal>(
            `/api/courses/${course.id}/remaining-sessions/proposal`,
            body,
          ),
          'proposal',
        );
        return {
          method: 'POST',
          path: `/api/courses/${course.id}/remaining-sessions`,
          body: { ...body, startsAt: [proposal.sessions[0]!.startsAt] },
        };
      },
    },
    'GET /api/staff/:id/working-hours': { call: () => get(`/api/staff/${studio.artist.id}/working-hours`) },
    'PUT /api/staff/:id/working-hours (own)': {
      call: (r) => ({
        method: 'PUT',
        path: `/api/staff/${member(studio, r).id}/working-hours`,
        body: WEEKDAY_HOURS,
      }),
    },
    'PUT /api/staff/:id/working-hours (another member)': {
      call: (r) => ({
        method: 'PUT',
        path: `/api/staff/${someoneElse(r).id}/working-hours`,
        body: WEEKDAY_HOURS,
      }),
    },
    'GET /api/calendar-feeds': G('/api/calendar-feeds'),
    'POST /api/calendar-feeds (a client)': {
      call: () => ({ method: 'POST', path: '/api/calendar-feeds', body: { kind: 'client', subjectId: c() } }),
    },
    'POST /api/calendar-feeds (own calendar)': {
      call: (r) => ({
        method: 'POST',
        path: '/api/calendar-feeds',
        body: { kind: 'artist', subjectId: member(studio, r).id },
      }),
    },
    'POST /api/calendar-feeds (another artist)': {
      call: (r) => ({
        method: 'POST',
        path: '/api/calendar-feeds',
        body: { kind: 'artist', subjectId: someoneElse(r).id },
      }),
    },
    'POST /api/calendar-feeds/:id/revoke': {
      call: async () => {
        const feed = await feedOf({ kind: 'client', subjectId: c() });
        return { method: 'POST', path: `/api/calendar-feeds/${feed.id}/revoke` };
      },
    },
    "POST /api/calendar-feeds/:id/revoke (another artist's)": {
      call: async (r) => {
        const feed = await feedOf({ kind: 'artist', subjectId: someoneElse(r).id });
        return { method: 'POST', path: `/api/calendar-feeds/${feed.id}/revoke` };
      },
    },

    'GET /api/clients/:id/sessions': { call: () => get(`/api/clients/${c()}/sessions`) },
    'GET /api/sessions/:id': { call: () => get(`/api/sessions/${f.session.id}`) },
    'GET /api/appointments/:id/plan': { call: () => get(`/api/appointments/${f.draftAppointment.id}/plan`) },
    'GET /api/appointments/:id/session': {
      call: () => get(`/api/appointments/${f.session.appointmentId}/session`),
    },
    'PUT /api/appointments/:id/session': {
      call: async () => {
        const now = await owner().get<SessionRecord>(`/api/appointments/${f.draftAppointment.id}/session`);
        return {
          method: 'PUT',
          path: `/api/appointments/${f.draftAppointment.id}/session`,
          body: { notes: 'Draft notes', ...(now.status === 200 ? { version: now.body.version } : {}) },
        };
      },
    },
    'GET /api/sessions/:id/aftercare': { call: () => get(`/api/sessions/${f.session.id}/aftercare`) },
    'GET /api/sessions/:id/aftercare.pdf': { call: () => get(`/api/sessions/${f.session.id}/aftercare.pdf`) },
    'GET /api/sessions/:id/aftercare.ics': { call: () => get(`/api/sessions/${f.session.id}/aftercare.ics`) },
    'GET /api/aftercare-templates': G('/api/aftercare-templates'),
    'POST /api/aftercare-templates': {
      call: () => ({
        method: 'POST',
        path: '/api/aftercare-templates',
        body: { language: 'en', name: 'Care', steps: [{ fromDay: 0, title: 'Keep dry' }] },
      }),
    },

    'GET /api/consent-templates': G('/api/consent-templates'),
    'POST /api/consent-templates': {
      call: () => ({
        method: 'POST',
        path: '/api/consent-templates',
        body: {
          kind: 'marketing',
          language: 'en',
          title: 'Offers',
          body: 'I agree to receive offers by email.',
        },
      }),
    },
    'GET /api/clients/:id/consents': { call: () => get(`/api/clients/${c()}/consents`) },
    'POST /api/clients/:id/consents (treatment)': {
      call: async () => ({
        method: 'POST',
        path: `/api/clients/${c()}/consents`,
        body: {
          templateId: template('treatment').id,
          signerName: 'Ana Silva',
          signature: await signaturePng(),
        },
      }),
    },
    'POST /api/clients/:id/consents (photo use or marketing)': {
      call: async () => ({
        method: 'POST',
        path: `/api/clients/${c()}/consents`,
        body: { templateId: template('photo').id, signerName: 'Ana Silva', signature: await signaturePng() },
      }),
    },
    'GET /api/consents/:id': { call: () => get(`/api/consents/${f.consent.id}`) },
    'GET /api/consents/:id/pdf': { call: () => get(`/api/consents/${f.consent.id}/pdf`) },
    'GET /api/consents/:id/signature': { call: () => get(`/api/consents/${f.consent.id}/signature`) },
    'POST /api/consents/:id/withdraw (treatment)': {
      call: async () => ({
        method: 'POST',
        path: `/api/consents/${(await signed('treatment')).id}/withdraw`,
        body: {},
      }),
    },
    'POST /api/consents/:id/withdraw (photo use or marketing)': {
      call: async () => ({
        method: 'POST',
        path: `/api/consents/${(await signed('photo')).id}/withdraw`,
        body: {},
      }),
    },

    'GET /api/inventory': G('/api/inventory'),
    'POST /api/inventory/products': {
      call: () => ({
        method: 'POST',
        path: '/api/inventory/products',
        body: { kind: 'pigment', name: 'Ink', manufacturer: 'Maker' },
      }),
    },
    'PATCH /api/inventory/products/:id': {
      call: () => ({
        method: 'PATCH',
        path: `/api/inventory/products/${f.product.id}`,
        body: { name: 'Renamed ink' },
      }),
    },
    'POST /api/inventory/products/:id/lots': {
      call: (r) => ({
        method: 'POST',
        path: `/api/inventory/products/${f.product.id}/lots`,
        body: { lotNumber: `LOT-${r}-${slot++}`, expiresOn: '2030-01-01' },
      }),
    },
    'PATCH /api/inventory/lots/:id': {
      call: () => ({
        method: 'PATCH',
        path: `/api/inventory/lots/${f.lot}`,
        body: { openedOn: '2026-01-05' },
      }),
    },
    'GET /api/inventory/lots/:id/recall': { call: () => get(`/api/inventory/lots/${f.lot}/recall`) },

    'GET /api/staff': G('/api/staff'),
    'POST /api/staff/invitations': {
      call: (r) => ({
        method: 'POST',
        path: '/api/staff/invitations',
        body: { email: `new-${r}-${slot++}@roles.example`, name: 'New Person', role: 'artist' },
      }),
    },
    'GET /api/staff/invitations': G('/api/staff/invitations'),
    'PATCH /api/staff/:id': {
      call: () => ({
        method: 'PATCH',
        path: `/api/staff/${studio.artist.id}`,
        body: { name: 'Artist of Roles Studio' },
      }),
    },
    'GET /api/audit': G('/api/audit'),
    'GET /api/outbox': G('/api/outbox'),
    'GET /api/photos/:id/scalp-map': G(`/api/photos/${f.photo.id}/scalp-map`),
    'GET /api/studio': G('/api/studio'),
    'PATCH /api/studio': {
      call: async () => {
        const now = await ok(owner().get<{ version: number; name: string }>('/api/studio'), 'studio');
        return { method: 'PATCH', path: '/api/studio', body: { version: now.version, name: now.name } };
      },
    },
    // A studio without a logo answers 404 to everyone alike; the rule is that every role may ask.
    'GET /api/studio/logo': {
      call: () => get('/api/studio/logo'),
      allowed: (r) => r.status === 200 || r.status === 404,
    },
    'PUT /api/studio/logo': {
      call: async () => ({
        method: 'PUT',
        path: '/api/studio/logo',
        rawBody: await plainImage('png'),
        contentType: 'image/png',
      }),
    },
    'DELETE /api/studio/logo': { call: () => ({ method: 'DELETE', path: '/api/studio/logo' }) },
    'GET /api/bookings': G('/api/bookings'),
    'GET /api/clients/:id/intakes': G(`/api/clients/${f.client}/intakes`),
  };
}

/** Public rows: each is answered without a session (whatever else it says). */
const publicCalls: Record<string, Call> = {
  'POST /api/auth/login': {
    method: 'POST',
    path: '/api/auth/login',
    body: { email: 'x@roles.example', password: 'x' },
  },
  'POST /api/auth/logout': { method: 'POST', path: '/api/auth/logout' },
  'POST /api/auth/accept-invitation': {
    method: 'POST',
    path: '/api/auth/accept-invitation',
    body: { token: 'x'.repeat(43), password: NEW_PASSWORD },
  },
  'GET /api/invitations/:token': { method: 'GET', path: `/api/invitations/${'x'.repeat(43)}` },
  'GET /api/auth/password-reset': { method: 'GET', path: '/api/auth/password-reset' },
  'POST /api/auth/password-reset': {
    method: 'POST',
    path: '/api/auth/password-reset',
    body: { email: 'x@roles.example' },
  },
  'GET /api/password-resets/:token': { method: 'GET', path: `/api/password-resets/${'x'.repeat(43)}` },
  'POST /api/auth/password-reset/complete': {
    method: 'POST',
    path: '/api/auth/password-reset/complete',
    body: { token: 'x'.repeat(43), password: NEW_PASSWORD },
  },
  'GET /api/feeds/:file': { method: 'GET', path: `/api/feeds/${'x'.repeat(43)}.ics` },
};

const OWN_ACCOUNT = new Set([
  'GET /api/auth/session',
  'POST /api/auth/logout-everywhere',
  'PATCH /api/me/preferences',
  'POST /api/me/password',
]);

/**
 * Three pairs that shift the follow-up 10 px to the right, inside the smallest photo it may be
 * aligned to (the upload row's 160 × 120 photos come before it).
 */
const SHIFT_PAIRS = [
  [10, 10],
  [140, 20],
  [40, 100],
].map(([x, y]) => ({ earlier: { x: x!, y: y! }, later: { x: x! + 10, y: y! } }));

/** The follow-up aligned through the pairs, its images made (the job has run). */
async function alignedByPoints(): Promise<void> {
  const path = `/api/photos/${f.followUp.id}/alignment`;
  await ok(owner().request('PUT', `${path}/points`, { body: { pairs: SHIFT_PAIRS } }), 'points');
  for (;;) {
    const a = await ok(owner().get<PhotoAlignment>(path), 'alignment');
    if (a.status === 'done' && a.method === 'points') return;
    if (a.status === 'failed') throw new Error('the alignment failed');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function waitForRender(id: string): Promise<PreviewRender> {
  for (;;) {
    const render = await ok(owner().get<PreviewRender>(`/api/renders/${id}`), 'render');
    if (render.status === 'done') return render;
    if (render.status === 'failed') throw new Error(`render failed: ${render.error}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  ts = await startTestServer();
  studio = await createStudioFixture(ts.server.db, 'Roles Studio');
  own = await createStudioFixture(ts.server.db, 'Own Account Studio');
  await ts.server.db.asSystem((tx) => seedTemplates(tx, studio.id, studio.owner.id));
  for (const role of ['owner', 'artist', 'desk'] as const) {
    as[role] = ts.client();
    await as[role].login(member(studio, role).email, TEST_PASSWORD);
  }
  const client = await createClientFixture(ts.server.db, studio.id, { notes: NOTES });
  await ok(
    owner().request('PUT', `/api/staff/${studio.artist.id}/working-hours`, { body: WEEKDAY_HOURS }),
    'hours',
  );
  const templates = (
    await ok(owner().get<{ items: ConsentTemplate[] }>('/api/consent-templates'), 'templates')
  ).items;
  const consultation = await ok(
    owner().post<Consultation>(`/api/clients/${client}/consultations`, {
      assessment: {
        consultationDate: new Date().toISOString().slice(0, 10),
        ageYears: 40,
        fitzpatrick: 'III',
        hairLoss: { scale: 'norwood', stage: 'III' },
        scars: [],
        screening: { keloidHistory: false, anticoagulants: false, pregnant: false },
      },
    }),
    'consultation',
  );
  await ok(
    owner().post(`/api/consultations/${consultation.id}/plans`, { basedOnVersion: 0, overrides: [] }),
    'plan',
  );
  f = { client, templates } as typeof f;
  f.consultation = await ok(
    owner().get<Consultation>(`/api/consultations/${consultation.id}`),
    'consultation',
  );

  const photo = await ok(
    owner().request<Photo>('POST', `/api/clients/${client}/photos?view=top&takenOn=2026-11-02`, {
      rawBody: await plainImage('jpeg', 400, 300, 120),
      contentType: 'image/jpeg',
    }),
    'photo',
  );
  f.photo = await ok(
    owner().patch<Photo>(`/api/photos/${photo.id}`, { calibration: { pxPerMm: 10 } }),
    'calibrate',
  );
  f.followUp = await ok(
    owner().request<Photo>('POST', `/api/clients/${client}/photos?view=top&takenOn=2026-11-20`, {
      rawBody: await plainImage('jpeg', 400, 300, 110),
      contentType: 'image/jpeg',
    }),
    'follow-up photo',
  );
  await ok(owner().post(`/api/photos/${photo.id}/analysis`), 'analysis');
  const zones = await ok(
    owner().request<PhotoZones>('PUT', `/api/photos/${photo.id}/zones`, {
      body: {
        version: 0,
        zones: {
          calibration: { pxPerMm: 10 },
          seed: 1,
          sessions: 2,
          zones: [
            {
              id: 'crown',
              kind: 'fill',
              polygon: [
                [100, 80],
                [300, 80],
                [300, 220],
                [100, 220],
              ],
              densityPerCm2: 40,
            },
          ],
        },
      },
    }),
    'zones',
  );
  f.render = await waitForRender(zones.latestRender!.id);

  // A session done last week (completed, with its aftercare), and a later one still a draft.
  const course = await ok(
    owner().post<{ id: string }>(`/api/clients/${client}/courses`, { title: 'Crown' }),
    'course',
  );
  f.course = course.id;
  const lastWeek = workdayAt(1, '10:00', new Date(Date.now() - 8 * 86_400_000));
  const done = await ok(
    owner().post<Appointment>('/api/appointments', {
      clientId: client,
      artistId: studio.artist.id,
      kind: 'session',
      courseId: course.id,
      startsAt: lastWeek,
      durationMinutes: 120,
    }),
    'past session',
  );
  const products = await ok(
    owner().post<InventoryProduct>('/api/inventory/products', {
      kind: 'pigment',
      name: 'Carbon',
      manufacturer: 'Maker',
    }),
    'product',
  );
  f.product = products;
  const lot = await ok(
    owner().post<{ id: string }>(`/api/inventory/products/${products.id}/lots`, {
      lotNumber: 'CB-1',
      expiresOn: '2030-01-01',
    }),
    'lot',
  );
  f.lot = lot.id;
  f.consent = await signed('treatment');
  f.session = await ok(
    owner().request<SessionRecord>('PUT', `/api/appointments/${done.id}/session`, {
      body: {
        performedOn: lastWeek.slice(0, 10),
        materials: [{ lotId: lot.id, dilution: '1:20' }],
        complete: true,
      },
    }),
    'complete the past session',
  );
  f.draftAppointment = await ok(
    owner().post<Appointment>('/api/appointments', {
      clientId: client,
      artistId: studio.artist.id,
      kind: 'session',
      courseId: course.id,
      startsAt: workdayAt(20, '10:00'),
      durationMinutes: 120,
      intervalOverrideReason: 'Second session as the plan says',
    }),
    'draft session',
  );
}, 600_000);
afterAll(() => ts?.close());

const send = (api: ApiClient, call: Call) =>
  api.request(call.method, call.path, {
    ...(call.body !== undefined ? { body: call.body } : {}),
    ...(call.rawBody
      ? { rawBody: call.rawBody, contentType: call.contentType ?? 'application/octet-stream' }
      : {}),
  });

describe('docs/roles.md', () => {
  const table = readTable();

  it('lists every route of the API, and nothing else', async () => {
    const spec = (await ts.client().get<{ paths: Record<string, Record<string, unknown>> }>('/openapi.json'))
      .body;
    const routes = new Set<string>();
    for (const [path, ops] of Object.entries(spec.paths))
      if (path.startsWith('/api/'))
        for (const method of Object.keys(ops))
          routes.add(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
    const elsewhere = readElsewhere();
    for (const { file } of elsewhere)
      expect(existsSync(new URL(`../${file}`, import.meta.url)), `docs/roles.md names ${file}`).toBe(true);
    const documented = new Set([
      ...table.map((r) => `${r.method} ${r.path}`),
      ...elsewhere.map((e) => e.route),
    ]);
    expect(
      [...routes].filter((r) => !documented.has(r)),
      'routes missing from docs/roles.md',
    ).toEqual([]);
    expect(
      [...documented].filter((r) => !routes.has(r)),
      'rows for routes that do not exist',
    ).toEqual([]);
  });

  it('holds for every row and every role', async () => {
    const all = probes();
    const wrong: string[] = [];
    for (const row of table) {
      if (row.verdicts.owner === 'public') {
        const call = publicCalls[row.key];
        if (!call) {
          wrong.push(`${row.key}: no request in the test`);
          continue;
        }
        const res = await send(ts.client(), call);
        if (res.status >= 500 || res.body.error === 'unauthenticated' || res.status === 403)
          wrong.push(`${row.key} without a session: ${res.status} ${JSON.stringify(res.body)}`);
        continue;
      }
      const probe = all[row.key];
      if (!probe) {
        wrong.push(`${row.key}: no request in the test`);
        continue;
      }
      for (const role of ['owner', 'artist', 'desk'] as const) {
        // Own-account rows sign out or change passwords: a fresh session of another studio each time.
        let api = as[role];
        if (OWN_ACCOUNT.has(row.key)) {
          api = ts.client();
          await api.login(member(own, role).email, TEST_PASSWORD);
        }
        const res = await send(api, await probe.call(role));
        if (res.status >= 200 && res.status < 300) await probe.undo?.(api);
        const expected = row.verdicts[role];
        const pass =
          expected === 'yes'
            ? (probe.allowed ?? ((r) => r.status >= 200 && r.status < 300))(res)
            : (probe.refused ?? ((r) => r.status === 403))(res);
        if (!pass)
          wrong.push(
            `${row.key} as ${role} (${expected === 'yes' ? '✓' : '✗'}): ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`,
          );
      }
    }
    expect(wrong).toEqual([]);
    // About 300 requests, some of which render PDFs: minutes on a busy machine.
  }, 900_000);
});
