// The studio the role walk runs in, made once through the API as its owner: a client with
// clinical notes, a consultation with a plan, photos (one aligned follow-up), a finished render, a
// completed session with its lot and consent, and a draft one; and the helpers the probes share.
// The bindings are set by setUpRolesStudio (live exports: the probes read them when they run).
import type {
  Appointment,
  CalendarFeed,
  ConsentRecord,
  ConsentTemplate,
  Consultation,
  InventoryProduct,
  Photo,
  PhotoAlignment,
  PhotoZones,
  PreviewRender,
  SessionRecord,
} from '@stipple/core';
import { seedTemplates } from '../../demo/demo-records.js';
import {
  createClientFixture,
  createStudioFixture,
  type FixtureMember,
  type FixtureStudio,
} from '../../test-support/fixtures.js';
import { plainImage, signaturePng } from '../../test-support/images.js';
import { signedInAs } from '../../test-support/signed-in.js';
import {
  startTestServer,
  type ApiClient,
  type ApiResponse,
  type TestServer,
} from '../../test-support/test-server.js';
import { WEEKDAY_HOURS, workdayAt } from '../../test-support/treatment-fixtures.js';
import type { Role } from './roles-table.js';

export interface Call {
  method: string;
  path: string;
  body?: unknown;
  rawBody?: Buffer;
  contentType?: string;
}
export interface Probe {
  /** The request, made fresh for each role where it changes something. */
  call: (role: Role) => Promise<Call> | Call;
  /** Overrides "2xx" and "403" for rows whose refusal is a leaving-out. */
  allowed?: (res: ApiResponse) => boolean;
  refused?: (res: ApiResponse) => boolean;
  /** Puts back what the request changed (a password), as the one who made it. */
  undo?: (api: ApiClient) => Promise<unknown>;
}

export let ts: TestServer;
export let studio: FixtureStudio;
export let own: FixtureStudio;
export const as: Record<Role, ApiClient> = {} as Record<Role, ApiClient>;
export const member = (s: FixtureStudio, role: Role): FixtureMember => (role === 'desk' ? s.desk : s[role]);
/** Someone else whose hours or calendar the role might reach for. */
export const someoneElse = (role: Role): FixtureMember => (role === 'owner' ? studio.artist : studio.owner);

export const NOTES = 'Keloid tendency on the neck (client said)';
export const NEW_PASSWORD = 'orchard lamplight wanders past nine herons';
export let f: {
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

export async function ok<T>(res: Promise<ApiResponse<T>>, what: string): Promise<T> {
  const r = await res;
  if (r.status < 200 || r.status > 299) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

let slot = 0;
/** A number no other call gets (for lot numbers and email addresses); it moves nextSlot on too. */
export const takeNumber = () => slot++;
/** A free hour for the artist, different on every call. */
export const nextSlot = () => {
  slot += 1;
  return workdayAt(3 + Math.floor(slot / 8), `${String(9 + (slot % 8)).padStart(2, '0')}:00`);
};
export const owner = () => as.owner;
export const template = (kind: 'treatment' | 'photo') =>
  f.templates.find((t) => t.kind === kind && t.language === 'en' && t.current)!;
export const signed = async (kind: 'treatment' | 'photo') =>
  ok(
    owner().post<ConsentRecord>(`/api/clients/${f.client}/consents`, {
      templateId: template(kind).id,
      signerName: 'Ana Silva',
      signature: await signaturePng(),
    }),
    `sign ${kind}`,
  );
/** A 30-minute consultation of the fixture client with the artist, by default at a free future hour. */
export const booked = (startsAt = nextSlot()) =>
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
export const pastBooked = () => {
  pastSlot += 1;
  return booked(
    workdayAt(-2 - Math.floor(pastSlot / 8), `${String(9 + (pastSlot % 8)).padStart(2, '0')}:00`),
  );
};
export const feedOf = (body: { kind: 'artist' | 'client'; subjectId: string }) =>
  ok(owner().post<CalendarFeed>('/api/calendar-feeds', body), 'feed');

export const get = (path: string): Call => ({ method: 'GET', path });
export const G = (path: string): Probe => ({ call: () => get(path) });

/**
 * Three pairs that shift the follow-up 10 px to the right, inside the smallest photo it may be
 * aligned to (the upload row's 160 × 120 photos come before it).
 */
export const SHIFT_PAIRS = [
  [10, 10],
  [140, 20],
  [40, 100],
].map(([x, y]) => ({ earlier: { x: x!, y: y! }, later: { x: x! + 10, y: y! } }));

/** The follow-up aligned through the pairs, its images made (the job has run). */
export async function alignedByPoints(): Promise<void> {
  const path = `/api/photos/${f.followUp.id}/alignment`;
  await ok(owner().request('PUT', `${path}/points`, { body: { pairs: SHIFT_PAIRS } }), 'points');
  for (;;) {
    const a = await ok(owner().get<PhotoAlignment>(path), 'alignment');
    if (a.status === 'done' && a.method === 'points') return;
    if (a.status === 'failed') throw new Error('the alignment failed');
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function waitForRender(id: string): Promise<PreviewRender> {
  for (;;) {
    const render = await ok(owner().get<PreviewRender>(`/api/renders/${id}`), 'render');
    if (render.status === 'done') return render;
    if (render.status === 'failed') throw new Error(`render failed: ${JSON.stringify(render.error)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Starts the server and builds the studio; the test's beforeAll. */
export async function setUpRolesStudio(): Promise<void> {
  ts = await startTestServer();
  studio = await createStudioFixture(ts.server.db, 'Roles Studio');
  own = await createStudioFixture(ts.server.db, 'Own Account Studio');
  await ts.server.db.asSystem((tx) => seedTemplates(tx, studio.id, studio.owner.id));
  for (const role of ['owner', 'artist', 'desk'] as const)
    as[role] = await signedInAs(ts, member(studio, role).email);
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
}
