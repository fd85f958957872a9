// A member's own password and sessions: change (with the current password), reset by a one-time
// link emailed through the outbox and a real SMTP server, the longest lifetime of a session, and
// signing out everywhere.
import type { SessionInfo } from '@stipple/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/database.js';
import { createStudioFixture, TEST_PASSWORD, type FixtureStudio } from '../test-support/fixtures.js';
import { mailText, startSmtpSink, type Delivery, type SmtpSink } from '../test-support/smtp-sink.js';
import { startTestServer, type ApiClient, type TestServer } from '../test-support/test-server.js';

let ts: TestServer;
let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
  ts = await startTestServer({
    env: {
      STIPPLE_SMTP_URL: sink.url,
      STIPPLE_OUTBOX_INTERVAL_SECONDS: '1',
      STIPPLE_SESSION_TTL_HOURS: '12',
      STIPPLE_SESSION_MAX_HOURS: '24',
    },
  });
});
afterAll(async () => {
  await ts?.close();
  await sink?.close();
});

const NEW_PASSWORD = 'orchard lamplight wanders past nine herons';

async function signedIn(email: string, password = TEST_PASSWORD): Promise<ApiClient> {
  const api = ts.client();
  await api.login(email, password);
  return api;
}

const auditOf = (studioId: string) =>
  ts.server.db.withStudio(studioId, (tx) =>
    queryRows<{ action: string; details: Record<string, unknown> }>(
      tx,
      sql`select action, details from audit_entry order by at`,
    ),
  );

async function mailTo(address: string, count: number): Promise<Delivery[]> {
  for (let i = 0; i < 300; i++) {
    const found = sink.deliveries.filter((d) => d.to.includes(address));
    if (found.length >= count) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no email number ${count} to ${address}`);
}

/** The reset link in an email (quoted-printable soft breaks undone). */
const linkIn = (mail: Delivery) => {
  const text = mailText(mail);
  const m = /http:\/\/stipple\.test\/reset-password\/([A-Za-z0-9_-]{40,})/.exec(text);
  if (!m) throw new Error(`no reset link in:\n${text}`);
  return m[1]!;
};

describe('changing your password', () => {
  let studio: FixtureStudio;
  beforeAll(async () => {
    studio = await createStudioFixture(ts.server.db, 'Change Studio');
  });

  it('needs the current password, refuses a weak or personal one, and ends your other sessions', async () => {
    const here = await signedIn(studio.artist.email);
    const there = await signedIn(studio.artist.email);

    const wrong = await here.post('/api/me/password', {
      currentPassword: 'not my password at all',
      newPassword: NEW_PASSWORD,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({
      error: 'current_password_wrong',
      fields: [{ in: 'body', field: 'currentPassword', code: 'notCurrentPassword' }],
    });

    // The studio's name and the member's own email in words.
    const personal = await here.post('/api/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'change studio artist example',
    });
    expect(personal.status).toBe(400);
    expect(personal.body.fields?.[0]).toMatchObject({
      field: 'newPassword',
      code: 'tooEasyToGuessPersonal',
    });
    const repeated = await here.post('/api/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'password password',
    });
    expect(repeated.status).toBe(400);
    expect(repeated.body.fields?.[0]).toMatchObject({ field: 'newPassword' });

    const ok = await here.post('/api/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(204);
    expect((await here.get('/api/auth/session')).status).toBe(200);
    expect((await there.get('/api/auth/session')).status).toBe(401);
    expect(
      (await ts.client().post('/api/auth/login', { email: studio.artist.email, password: TEST_PASSWORD }))
        .status,
    ).toBe(401);
    await signedIn(studio.artist.email, NEW_PASSWORD);
    const change = (await auditOf(studio.id)).find((e) => e.action === 'auth.password_change');
    expect(change?.details).toEqual({ otherSessionsEnded: 1 });
  });
});

describe('resetting a forgotten password by email', () => {
  let studio: FixtureStudio;
  beforeAll(async () => {
    studio = await createStudioFixture(ts.server.db, 'Reset Studio');
  });

  it('says it can email links when SMTP and the public address are set', async () => {
    expect((await ts.client().get('/api/auth/password-reset')).body).toEqual({ byEmail: true });
  });

  it('answers alike for an unknown address and sends nothing', async () => {
    const before = sink.deliveries.length;
    const res = await ts.client().post('/api/auth/password-reset', { email: 'nobody@reset.example' });
    expect(res.status).toBe(202);
    const known = await ts.client().post('/api/auth/password-reset', { email: studio.desk.email });
    expect(known.status).toBe(202);
    expect(known.body).toEqual(res.body);
    await mailTo(studio.desk.email, 1);
    expect(sink.deliveries.slice(before).every((d) => d.to.includes(studio.desk.email))).toBe(true);
  });

  it('emails a one-time link that sets a new password, ends every session and then stops working', async () => {
    const session = await signedIn(studio.owner.email);
    expect((await ts.client().post('/api/auth/password-reset', { email: studio.owner.email })).status).toBe(
      202,
    );
    const [mail] = await mailTo(studio.owner.email, 1);
    expect(mail!.subject).toContain('Reset your Stipple password at Reset Studio');
    const token = linkIn(mail!);

    // Neither the token nor the email's copy of the link stays readable in the database.
    const stored = await ts.server.db.asSystem(async (tx) => ({
      resets: await queryRows<{ token_hash: string }>(tx, sql`select token_hash from one_time_link`),
      bodies: await queryRows<{ body_text: string; status: string }>(
        tx,
        sql`select body_text, status from outbox_message where kind = 'password_reset'`,
      ),
    }));
    expect(JSON.stringify(stored.resets)).not.toContain(token);
    const sentBodies = stored.bodies.filter((b) => b.status === 'sent');
    expect(sentBodies.length).toBeGreaterThan(0);
    expect(JSON.stringify(sentBodies)).not.toContain(token);

    const preview = await ts.client().get(`/api/password-resets/${token}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      email: studio.owner.email,
      name: studio.owner.name,
      studioName: 'Reset Studio',
    });

    const weak = await ts
      .client()
      .post('/api/auth/password-reset/complete', { token, password: 'reset studio owner' });
    expect(weak.status).toBe(400);
    expect(weak.body.fields?.[0]).toMatchObject({ field: 'password' });

    const done = await ts
      .client()
      .post('/api/auth/password-reset/complete', { token, password: NEW_PASSWORD });
    expect(done.status, JSON.stringify(done.body)).toBe(204);
    expect((await session.get('/api/auth/session')).status).toBe(401);
    await signedIn(studio.owner.email, NEW_PASSWORD);

    for (const again of [
      await ts
        .client()
        .post('/api/auth/password-reset/complete', { token, password: `${NEW_PASSWORD} again` }),
      await ts.client().get(`/api/password-resets/${token}`),
    ]) {
      expect(again.status).toBe(410);
      expect(again.body.error).toBe('reset_link_invalid');
    }
    expect((await auditOf(studio.id)).map((e) => e.action)).toEqual(
      expect.arrayContaining(['auth.password_reset_request', 'auth.password_reset']),
    );
  });

  it('refuses a link past its 30 minutes', async () => {
    expect((await ts.client().post('/api/auth/password-reset', { email: studio.artist.email })).status).toBe(
      202,
    );
    const [mail] = await mailTo(studio.artist.email, 1);
    const token = linkIn(mail!);
    await ts.server.db.asSystem((tx) =>
      tx.execute(
        sql`update one_time_link set created_at = now() - interval '31 minutes', expires_at = now() - interval '1 minute'`,
      ),
    );
    const res = await ts
      .client()
      .post('/api/auth/password-reset/complete', { token, password: NEW_PASSWORD });
    expect(res.status).toBe(410);
    expect(
      (await ts.client().post('/api/auth/login', { email: studio.artist.email, password: TEST_PASSWORD }))
        .status,
    ).toBe(200);
  });

  it('sends at most three links an hour to one account, whoever asks', async () => {
    const email = 'flood-target@reset.example';
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await ts.client().post('/api/auth/password-reset', { email })).status);
    expect(statuses).toEqual([202, 202, 202, 429]);
  });
});

describe('session lifetime and signing out everywhere', () => {
  let studio: FixtureStudio;
  beforeAll(async () => {
    studio = await createStudioFixture(ts.server.db, 'Lifetime Studio');
  });

  it('never slides a session past its longest lifetime, and ends it there', async () => {
    const api = ts.client();
    const info = await api.login(studio.desk.email, TEST_PASSWORD);
    const setCreated = (hoursAgo: number) =>
      ts.server.db.asSystem((tx) =>
        tx.execute(
          sql`update auth_session set created_at = now() - make_interval(hours => ${hoursAgo}),
                                      expires_at = now() + interval '5 minutes'
               where csrf_token = ${info.csrfToken}`,
        ),
      );
    await setCreated(20);
    const slid = await api.get<SessionInfo>('/api/auth/session');
    expect(slid.status).toBe(200);
    const end = new Date(slid.body.expiresAt).getTime();
    // 24 hours after signing in (20 hours ago): about 4 hours from now, not 12.
    expect(end).toBeGreaterThan(Date.now() + 3.5 * 3_600_000);
    expect(end).toBeLessThan(Date.now() + 4.5 * 3_600_000);
    expect(new Date(slid.body.endsAtLatest).getTime()).toBe(end);
    await setCreated(25);
    const ended = await api.get('/api/auth/session');
    expect(ended.status).toBe(401);
    expect(ended.body).toMatchObject({
      code: 'sessionEnded',
      message: 'Your session has ended. Please sign in again.',
    });
  });

  it('signs out on every device', async () => {
    const a = await signedIn(studio.artist.email);
    const b = await signedIn(studio.artist.email);
    const owner = await signedIn(studio.owner.email);
    const res = await a.post('/api/auth/logout-everywhere');
    expect(res.status).toBe(204);
    expect(a.cookie).toBeNull();
    expect((await b.get('/api/auth/session')).status).toBe(401);
    expect((await owner.get('/api/auth/session')).status).toBe(200);
    const entry = (await auditOf(studio.id)).find((e) => e.action === 'auth.logout_everywhere');
    expect(entry?.details).toEqual({ sessionsEnded: 2 });
  });
});
