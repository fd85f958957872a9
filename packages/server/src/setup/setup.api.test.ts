// A studio goes live: the first visitor of a fresh installation (no demo data) creates the studio
// and its owner and is signed in; STIPPLE_SIGNUP decides about the next ones (closed by default,
// open, or by a one-time invitation); the owner edits the settings later and sets a logo that
// goes through the photo intake.
import type { SessionInfo, SetupStatus, StudioSettings, CreateStudioInput } from '@stipple/core';
import sharp from 'sharp';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/database.js';
import { createStudioFixture, TEST_PASSWORD } from '../test-support/fixtures.js';
import { heicBytes, jpegWithGps } from '../test-support/images.js';
import { startTestServer, type TestServer } from '../test-support/test-server.js';

const OWNER_PASSWORD = 'copper heron sleeps beside the quiet mill';

function studioRequest(overrides: { email?: string; name?: string; slug?: string } = {}): CreateStudioInput {
  return {
    studio: {
      name: overrides.name ?? 'North Street SMP',
      ...(overrides.slug ? { slug: overrides.slug } : {}),
      address: '12 North Street, Leeds LS2 7AA',
      phone: '+44 113 496 0123',
      email: 'hello@north-street.example',
      timeZone: 'Europe/London',
      languages: ['en', 'zh-CN'],
      currency: 'GBP',
      consultationMinutes: 40,
      consultationTypes: [
        { key: 'consultation', name: { en: 'Consultation', 'zh-CN': '咨询' }, minutes: 40 },
      ],
      intro: { en: 'We talk, look and photograph.', 'zh-CN': '我们会交谈、查看并拍照。' },
      policy: {
        publicBooking: true,
        confirmation: 'manual',
        minNoticeHours: 12,
        cancellationNoticeHours: 24,
        bufferMinutes: 10,
        bookingHorizonDays: 30,
        depositRequired: true,
        depositAmountMinor: 2500,
        depositRule: { en: 'A £25 deposit, refunded up to 24 hours before.', 'zh-CN': '定金 25 英镑。' },
      },
    },
    owner: {
      name: 'Priya Shah',
      email: overrides.email ?? 'priya@north-street.example',
      password: OWNER_PASSWORD,
      locale: 'en',
    },
    openingHours: { weekdays: [2, 3, 4, 5, 6], start: 600, end: 1080 },
  };
}

describe('a fresh installation, STIPPLE_SIGNUP unset (closed after the first)', () => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await startTestServer();
  });
  afterAll(() => ts?.close());

  it('says no studio exists and one may be created', async () => {
    const res = await ts.client().get<SetupStatus>('/api/setup');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      studioExists: false,
      signup: 'closed',
      canCreate: true,
      invitationRequired: false,
    });
  });

  it('refuses bad input naming the field, and creates nothing', async () => {
    const weak = studioRequest();
    weak.owner.password = 'north street smp 1';
    const res = await ts.client().post('/api/setup', weak);
    expect(res.status).toBe(400);
    expect(res.body.fields?.map((f) => f.field)).toContain('owner.password');

    const zone = studioRequest();
    zone.studio.timeZone = 'Mars/Olympus';
    const bad = await ts.client().post('/api/setup', zone);
    expect(bad.status).toBe(400);
    const zoneError = bad.body.fields?.find((f) => f.field === 'studio.timeZone');
    expect(zoneError?.message).toMatch(/time zone/);
    expect((await ts.client().get<SetupStatus>('/api/setup')).body.studioExists).toBe(false);
  });

  it('creates the studio with its owner, signs the owner in, and seeds what a studio needs', async () => {
    const api = ts.client();
    const res = await api.post<SessionInfo>('/api/setup', studioRequest());
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ role: 'owner', email: 'priya@north-street.example' });
    expect(api.cookie).toBeTruthy();
    api.csrfToken = res.body.csrfToken;

    const settings = await api.get<StudioSettings>('/api/studio');
    expect(settings.status).toBe(200);
    expect(settings.body).toMatchObject({
      name: 'North Street SMP',
      slug: 'north-street-smp',
      phone: '+44 113 496 0123',
      timeZone: 'Europe/London',
      languages: ['en', 'zh-CN'],
      consultationMinutes: 40,
      policy: { minNoticeHours: 12, depositAmountMinor: 2500, confirmation: 'manual' },
      logoSha256: null,
      version: 1,
    });

    const studioId = res.body.studio.id;
    const seeded = await ts.server.db.withStudio(studioId, async (tx) => ({
      consents: await queryRows<{ kind: string; language: string }>(
        tx,
        sql`select kind, language from consent_template order by kind, language`,
      ),
      hours: await queryRows<{ weekday: number; start_minute: number }>(
        tx,
        sql`select weekday, start_minute from working_hours order by weekday`,
      ),
      audit: await queryRows<{ action: string }>(tx, sql`select action from audit_entry`),
    }));
    expect(seeded.consents).toHaveLength(6);
    expect(seeded.hours.map((h) => h.weekday)).toEqual([2, 3, 4, 5, 6]);
    expect(seeded.hours[0]?.start_minute).toBe(600);
    expect(seeded.audit.map((a) => a.action)).toContain('studio.create');

    // The owner signs in with the password chosen at setup.
    const again = ts.client();
    await again.login('priya@north-street.example', OWNER_PASSWORD);
  });

  it('takes no second studio, and says so', async () => {
    const status = await ts.client().get<SetupStatus>('/api/setup');
    expect(status.body).toMatchObject({ studioExists: true, canCreate: false });
    const res = await ts
      .client()
      .post('/api/setup', studioRequest({ email: 'other@example.com', name: 'Other' }));
    expect(res.status).toBe(403);
    expect(res.body.error).toBe('signup_closed');
  });

  it('lets the owner edit the settings, refusing a stale version, a taken address and other roles', async () => {
    const owner = ts.client();
    await owner.login('priya@north-street.example', OWNER_PASSWORD);
    const before = (await owner.get<StudioSettings>('/api/studio')).body;
    const res = await owner.patch<StudioSettings>('/api/studio', {
      version: before.version,
      phone: '+44 113 496 0999',
      policy: { ...before.policy, confirmation: 'auto', minNoticeHours: 2 },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ phone: '+44 113 496 0999', version: before.version + 1 });
    expect(res.body.policy).toMatchObject({ confirmation: 'auto', minNoticeHours: 2 });

    const stale = await owner.patch('/api/studio', { version: before.version, phone: '+44 113 496 0111' });
    expect(stale.status).toBe(409);
    expect(stale.body.fields?.[0]?.field).toBe('version');

    const other = await createStudioFixture(ts.server.db, 'Elsewhere');
    const otherOwner = ts.client();
    await otherOwner.login(other.owner.email, TEST_PASSWORD);
    const otherSettings = (await otherOwner.get<StudioSettings>('/api/studio')).body;
    expect(otherSettings.name).toBe('Elsewhere');
    const taken = await otherOwner.patch('/api/studio', {
      version: otherSettings.version,
      slug: 'north-street-smp',
    });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ error: 'slug_taken', fields: [{ field: 'slug' }] });

    const artist = ts.client();
    await artist.login(other.artist.email, TEST_PASSWORD);
    expect((await artist.get('/api/studio')).status).toBe(200);
    const refused = await artist.patch('/api/studio', {
      version: otherSettings.version,
      phone: '+44 1 2345',
    });
    expect(refused.status).toBe(403);
  });

  it('takes a logo through the photo intake: HEIC refused, metadata stripped, kept as a small PNG', async () => {
    const owner = ts.client();
    await owner.login('priya@north-street.example', OWNER_PASSWORD);
    const heic = await owner.request('PUT', '/api/studio/logo', {
      rawBody: heicBytes(),
      contentType: 'image/heic',
    });
    expect(heic.status).toBe(415);
    expect(heic.body.message).toMatch(/HEIC/);

    const photo = await jpegWithGps(2400, 1200);
    const res = await owner.request<StudioSettings>('PUT', '/api/studio/logo', {
      rawBody: photo,
      contentType: 'image/jpeg',
    });
    expect(res.status).toBe(200);
    expect(res.body.logoSha256).toMatch(/^[0-9a-f]{64}$/);
    const file = await fetch(`${ts.url}/api/studio/logo`, {
      headers: { cookie: `stipple_session=${owner.cookie}` },
    });
    expect(file.headers.get('content-type')).toBe('image/png');
    const meta = await sharp(Buffer.from(await file.arrayBuffer())).metadata();
    expect(meta.format).toBe('png');
    // Turned upright (EXIF orientation 6) and fitted inside 800×400.
    expect([meta.width, meta.height]).toEqual([200, 400]);
    expect(meta.exif).toBeUndefined();
  });
});

describe('STIPPLE_SIGNUP=invite', () => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await startTestServer({ env: { STIPPLE_SIGNUP: 'invite' } });
    await createStudioFixture(ts.server.db, 'First');
  });
  afterAll(() => ts?.close());

  it('needs an invitation for the same email, which works once', async () => {
    expect((await ts.client().get<SetupStatus>('/api/setup')).body).toMatchObject({
      canCreate: true,
      invitationRequired: true,
    });
    const without = await ts.client().post('/api/setup', studioRequest());
    expect(without.status).toBe(403);
    expect(without.body.error).toBe('signup_invitation_invalid');

    const { link } = await ts.server.services.setup.invite('priya@north-street.example');
    const invitation = new URL(link).searchParams.get('invitation')!;
    const otherEmail = await ts.client().post('/api/setup', {
      ...studioRequest({ email: 'someone@else.example' }),
      invitation,
    });
    expect(otherEmail.status).toBe(403);

    const ok = await ts.client().post('/api/setup', { ...studioRequest(), invitation });
    expect(ok.status).toBe(201);
    const reused = await ts.client().post('/api/setup', {
      ...studioRequest({ email: 'priya2@north-street.example', name: 'Again' }),
      invitation,
    });
    expect(reused.status).toBe(403);
  });
});

describe('STIPPLE_SIGNUP=open', () => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await startTestServer({ env: { STIPPLE_SIGNUP: 'open' } });
    await createStudioFixture(ts.server.db, 'First');
  });
  afterAll(() => ts?.close());

  it('takes another studio, with its own address when the name is taken', async () => {
    const a = await ts.client().post<SessionInfo>('/api/setup', studioRequest());
    expect(a.status).toBe(201);
    const b = await ts.client().post<SessionInfo>('/api/setup', studioRequest({ email: 'b@b.example' }));
    expect(b.status).toBe(201);
    const slugs = await ts.server.db.asSystem((tx) =>
      queryRows<{ slug: string }>(tx, sql`select slug from studio where name = 'North Street SMP'`),
    );
    expect(slugs.map((s) => s.slug)).toContain('north-street-smp');
    expect(slugs.map((s) => s.slug)).toContainEqual(expect.stringMatching(/^north-street-smp-[0-9a-f]{6}$/));
    const taken = await ts
      .client()
      .post('/api/setup', studioRequest({ email: 'c@c.example', slug: 'north-street-smp' }));
    expect(taken.status).toBe(409);
    expect(taken.body.fields?.[0]?.field).toBe('studio.slug');
  });
});
