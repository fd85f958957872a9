import type { Client, ClientListPage, SessionInfo, StaffMember } from '@stipple/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/database.js';
import { createStudioFixture, TEST_PASSWORD, type FixtureStudio } from '../test-support/fixtures.js';
import { startTestServer, type TestServer } from '../test-support/test-server.js';

let ts: TestServer;
let studio: FixtureStudio;

beforeAll(async () => {
  ts = await startTestServer();
  studio = await createStudioFixture(ts.server.db, 'Ink & Needle');
});
afterAll(() => ts?.close());

const auditActions = async (studioId: string) =>
  ts.server.db.withStudio(studioId, (tx) =>
    queryRows<{ action: string; entity_id: string; details: Record<string, unknown> }>(
      tx,
      sql`select action, entity_id, details from audit_entry order by at`,
    ),
  );

describe('sign-in', () => {
  it('signs in, sets an httpOnly SameSite=Lax cookie and returns the session with a CSRF token', async () => {
    const api = ts.client();
    const res = await api.post<SessionInfo>('/api/auth/login', {
      email: studio.owner.email.toUpperCase(),
      password: TEST_PASSWORD,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      user: { id: studio.owner.id, email: studio.owner.email, role: 'owner', active: true, locale: 'en' },
      studio: { id: studio.id, name: 'Ink & Needle' },
    });
    expect(res.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('stipple_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);
    expect(JSON.stringify(res.body)).not.toContain('password');

    const session = await api.get<SessionInfo>('/api/auth/session');
    expect(session.status).toBe(200);
    expect(session.body.user.id).toBe(studio.owner.id);
    expect(session.body.csrfToken).toBe(res.body.csrfToken);
  });

  it('stores only a hash of the session token', async () => {
    const api = ts.client();
    await api.login(studio.artist.email, TEST_PASSWORD);
    const rows = await ts.server.db.asSystem((tx) =>
      queryRows<{ token_hash: string }>(
        tx,
        sql`select token_hash from auth_session where user_id = ${studio.artist.id}`,
      ),
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.token_hash)).not.toContain(api.cookie);
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers 401 invalid_credentials alike for a wrong password and an unknown email, and audits the failure without the password', async () => {
    const api = ts.client();
    const wrong = await api.post<SessionInfo>('/api/auth/login', {
      email: studio.desk.email,
      password: 'not the password at all',
    });
    const unknown = await api.post<SessionInfo>('/api/auth/login', {
      email: 'nobody@nowhere.example',
      password: 'whatever it is',
    });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        error: 'invalid_credentials',
        code: 'invalidCredentials',
        message: 'The email or password is not right.',
      });
    }
    const failed = (await auditActions(studio.id)).filter((e) => e.action === 'auth.login_failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ entity_id: studio.desk.id, details: { reason: 'wrong_password' } });
    expect(JSON.stringify(failed)).not.toContain('not the password');
  });

  it('refuses unauthenticated API calls with 401 JSON', async () => {
    const api = ts.client();
    for (const path of ['/api/auth/session', '/api/clients', '/api/staff', '/api/audit']) {
      const res = await api.get(path);
      expect(res.status, path).toBe(401);
      expect(res.body.error).toBe('unauthenticated');
    }
    const forged = ts.client();
    forged.cookie = 'forged-token-value';
    const res = await forged.get<ClientListPage>('/api/clients');
    expect(res.status).toBe(401);
    expect(forged.cookie).toBeNull();
  });

  it('refuses a state-changing request without the CSRF header, or with a wrong one', async () => {
    const api = ts.client();
    await api.login(studio.owner.email, TEST_PASSWORD);
    const missing = await api.post<Client>('/api/clients', { familyName: 'Okafor' }, { withoutCsrf: true });
    expect(missing.status).toBe(403);
    expect(missing.body).toMatchObject({
      error: 'csrf_failed',
      fields: [{ in: 'headers', field: 'x-csrf-token', code: 'required', message: 'Required' }],
    });
    const wrong = await api.post<Client>(
      '/api/clients',
      { familyName: 'Okafor' },
      { headers: { 'x-csrf-token': 'x'.repeat(43) }, withoutCsrf: true },
    );
    expect(wrong.status).toBe(403);
    expect(wrong.body.error).toBe('csrf_failed');
    const list = await api.get<ClientListPage>('/api/clients?q=okafor');
    expect(list.body.total).toBe(0);

    const ok = await api.post<Client>('/api/clients', { familyName: 'Okafor' });
    expect(ok.status).toBe(201);
  });

  it('signs out: the session row is deleted and the cookie no longer works', async () => {
    const api = ts.client();
    const info = await api.login(studio.artist.email, TEST_PASSWORD);
    const cookie = api.cookie;
    const before = await ts.server.db.asSystem((tx) =>
      queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from auth_session where user_id = ${info.user.id}`,
      ),
    );
    const out = await api.post('/api/auth/logout');
    expect(out.status).toBe(204);
    expect(api.cookie).toBeNull();
    const after = await ts.server.db.asSystem((tx) =>
      queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from auth_session where user_id = ${info.user.id}`,
      ),
    );
    expect(after[0]!.n).toBe(before[0]!.n - 1);
    const replay = ts.client();
    replay.cookie = cookie;
    expect((await replay.get<SessionInfo>('/api/auth/session')).status).toBe(401);
    expect((await ts.client().post('/api/auth/logout')).status).toBe(204);
    expect((await auditActions(studio.id)).map((e) => e.action)).toContain('auth.logout');
  });

  it('slides the session expiry while it is used, sending the cookie again', async () => {
    const api = ts.client();
    const info = await api.login(studio.artist.email, TEST_PASSWORD);
    const soon = new Date(Date.now() + 5 * 60_000);
    await ts.server.db.asSystem((tx) =>
      tx.execute(
        sql`update auth_session set expires_at = ${soon.toISOString()}::timestamptz where csrf_token = ${info.csrfToken}`,
      ),
    );
    const res = await api.get<SessionInfo>('/api/auth/session');
    expect(res.status).toBe(200);
    expect(new Date(res.body.expiresAt).getTime()).toBeGreaterThan(Date.now() + 11 * 3_600_000);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('stipple_session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(new Date(/Expires=([^;]+)/i.exec(cookie!)![1]!).getTime()).toBeGreaterThan(
      Date.now() + 11 * 3_600_000,
    );

    await ts.server.db.asSystem((tx) =>
      tx.execute(
        sql`update auth_session set expires_at = now() - interval '1 second' where csrf_token = ${info.csrfToken}`,
      ),
    );
    const expired = await api.get('/api/auth/session');
    expect(expired.status).toBe(401);
    expect(expired.body.message).toBe('Your session has ended. Please sign in again.');
  });

  it('says reset links cannot be emailed without SMTP, and refuses to promise one', async () => {
    const api = ts.client();
    expect((await api.get('/api/auth/password-reset')).body).toEqual({ byEmail: false });
    const res = await api.post('/api/auth/password-reset', { email: studio.owner.email });
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('password_reset_unavailable');
  });

  it("changes the signed-in member's language preference", async () => {
    const api = ts.client();
    await api.login(studio.artist.email, TEST_PASSWORD);
    const res = await api.patch<StaffMember>('/api/me/preferences', { locale: 'zh-CN' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: studio.artist.id, locale: 'zh-CN' });
    expect((await api.get<SessionInfo>('/api/auth/session')).body.user.locale).toBe('zh-CN');
    const bad = await api.patch<StaffMember>('/api/me/preferences', { locale: 'fr' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields?.[0]).toMatchObject({ in: 'body', field: 'locale' });
  });
});
