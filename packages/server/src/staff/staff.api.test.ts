import type { AuditPage, ClientListPage, SessionInfo, StaffInvitation, StaffMember } from '@stipple/core';
import type { InvitationPreview } from '@stipple/core';
import type { Items } from '../test-support/api-types.js';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/database.js';
import { createStudioFixture, type FixtureStudio } from '../test-support/fixtures.js';
import { signedInAs } from '../test-support/signed-in.js';
import { startTestServer, type ApiClient, type TestServer } from '../test-support/test-server.js';

let ts: TestServer;
let studio: FixtureStudio;
let owner: ApiClient;

beforeAll(async () => {
  ts = await startTestServer();
  studio = await createStudioFixture(ts.server.db, 'Hairline Works');
  owner = await signedInAs(ts, studio.owner.email);
});
afterAll(() => ts?.close());

const tokenOf = (acceptUrl: string | undefined) => acceptUrl!.split('/invite/')[1]!;
const NEW_PASSWORD = 'amber otters juggle quietly at dawn';

describe('roles', () => {
  it('lets artist and front desk use clients but not staff or the audit log (403)', async () => {
    for (const who of [studio.artist, studio.desk]) {
      const api = await signedInAs(ts, who.email);
      expect((await api.get<ClientListPage>('/api/clients')).status).toBe(200);
      for (const [method, path, body] of [
        ['GET', '/api/staff'],
        ['GET', '/api/staff/invitations'],
        ['POST', '/api/staff/invitations', { email: 'x@y.example', name: 'X', role: 'artist' }],
        ['PATCH', `/api/staff/${studio.owner.id}`, { role: 'artist' }],
        ['GET', '/api/audit'],
      ] as const) {
        const res = await api.request(method, path, body ? { body } : {});
        expect(res.status, `${who.email} ${method} ${path}`).toBe(403);
        expect(res.body.error).toBe('forbidden');
      }
    }
    const staff = await owner.get<Items<StaffMember>>('/api/staff');
    expect(staff.status).toBe(200);
    expect(staff.body.items.map((s: { role: string }) => s.role).sort()).toEqual([
      'artist',
      'front_desk',
      'owner',
    ]);
    expect(JSON.stringify(staff.body)).not.toMatch(/argon2|password/i);
  });
});

describe('invitations', () => {
  it('invite -> preview -> accept (signed in) -> sign in -> role change -> deactivate ends their sessions', async () => {
    const invited = await owner.post<StaffInvitation>('/api/staff/invitations', {
      email: 'Mei.Chen@Example.com',
      name: 'Mei Chen',
      role: 'front_desk',
    });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({
      email: 'mei.chen@example.com',
      name: 'Mei Chen',
      role: 'front_desk',
    });
    expect(invited.body.acceptUrl).toMatch(/^http:\/\/stipple\.test\/invite\/[A-Za-z0-9_-]{43}$/);
    const token = tokenOf(invited.body.acceptUrl);

    const pending = await owner.get<Items<StaffInvitation>>('/api/staff/invitations');
    expect(pending.body.items.map((i: { email: string }) => i.email)).toContain('mei.chen@example.com');
    expect(pending.body.items.every((i: { acceptUrl?: string }) => i.acceptUrl === undefined)).toBe(true);

    const stranger = ts.client();
    const preview = await stranger.get<InvitationPreview>(`/api/invitations/${token}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({
      email: 'mei.chen@example.com',
      name: 'Mei Chen',
      role: 'front_desk',
      studioName: 'Hairline Works',
    });

    const weak = await stranger.post<SessionInfo>('/api/auth/accept-invitation', {
      token,
      password: 'meichen12345',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.fields?.map((f) => `${f.in}:${f.field}`)).toEqual(['body:password']);
    expect(weak.body.fields?.[0]).toMatchObject({
      // "meichen12345" is her own name with digits.
      code: 'tooEasyToGuessPersonal',
      message: 'Too easy to guess: it is built from your own name, email or studio',
    });

    // Read in Chinese, the invitation page makes a Chinese account: the app she lands in stays Chinese.
    const accepted = await stranger.post<SessionInfo>('/api/auth/accept-invitation', {
      token,
      password: NEW_PASSWORD,
      locale: 'zh-CN',
    });
    expect(accepted.status).toBe(201);
    expect(accepted.body.user).toMatchObject({
      email: 'mei.chen@example.com',
      role: 'front_desk',
      studioId: studio.id,
      locale: 'zh-CN',
    });
    expect(stranger.cookie).not.toBeNull();
    stranger.csrfToken = accepted.body.csrfToken;
    expect((await stranger.get<ClientListPage>('/api/clients')).status).toBe(200);
    const memberId: string = accepted.body.user.id;

    // The link works once.
    expect(
      (await ts.client().post<SessionInfo>('/api/auth/accept-invitation', { token, password: NEW_PASSWORD }))
        .status,
    ).toBe(410);
    expect((await ts.client().get<InvitationPreview>(`/api/invitations/${token}`)).status).toBe(410);
    expect(
      (await owner.get<Items<StaffInvitation>>('/api/staff/invitations')).body.items.map(
        (i: { email: string }) => i.email,
      ),
    ).not.toContain('mei.chen@example.com');

    const second = ts.client();
    await second.login('mei.chen@example.com', NEW_PASSWORD);

    const promoted = await owner.patch<StaffMember>(`/api/staff/${memberId}`, { role: 'artist' });
    expect(promoted.status).toBe(200);
    expect(promoted.body.role).toBe('artist');
    expect((await second.get<SessionInfo>('/api/auth/session')).body.user.role).toBe('artist');

    const deactivated = await owner.patch<StaffMember>(`/api/staff/${memberId}`, { active: false });
    expect(deactivated.status).toBe(200);
    expect(deactivated.body.active).toBe(false);
    expect((await stranger.get<ClientListPage>('/api/clients')).status).toBe(401);
    expect((await second.get<ClientListPage>('/api/clients')).status).toBe(401);
    const sessions = await ts.server.db.asSystem((tx) =>
      queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from auth_session where user_id = ${memberId}`,
      ),
    );
    expect(sessions[0]!.n).toBe(0);
    const again = await ts
      .client()
      .post<SessionInfo>('/api/auth/login', { email: 'mei.chen@example.com', password: NEW_PASSWORD });
    expect(again.status).toBe(401);

    const audit = await owner.get<AuditPage>(`/api/audit?entityId=${memberId}`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['staff.join', 'staff.update', 'auth.login', 'auth.login_failed']),
    );
    const deactivation = audit.body.items.find(
      (e: { action: string; details: { fields?: string[] } }) =>
        e.action === 'staff.update' && e.details.fields?.includes('active'),
    );
    expect(deactivation?.details).toMatchObject({ fields: ['active'], active: false, sessionsEnded: 2 });
  });

  it('answers 404 for an unknown invitation token and 410 for an expired one', async () => {
    expect((await ts.client().get<InvitationPreview>(`/api/invitations/${'x'.repeat(43)}`)).status).toBe(404);
    const res = await owner.post<StaffInvitation>('/api/staff/invitations', {
      email: 'late@example.com',
      name: 'Late',
      role: 'artist',
    });
    await ts.server.db.asSystem((tx) =>
      tx.execute(
        sql`update staff_invitation set expires_at = now() - interval '1 minute' where email = 'late@example.com'`,
      ),
    );
    const token = tokenOf(res.body.acceptUrl);
    expect((await ts.client().get<InvitationPreview>(`/api/invitations/${token}`)).status).toBe(410);
    const accept = await ts
      .client()
      .post<SessionInfo>('/api/auth/accept-invitation', { token, password: NEW_PASSWORD });
    expect(accept.status).toBe(410);
    expect(accept.body.error).toBe('gone');
  });

  it('refuses to invite a current member (409) and an address that has an account elsewhere at acceptance (409)', async () => {
    const member = await owner.post<StaffInvitation>('/api/staff/invitations', {
      email: studio.artist.email,
      name: 'Dup',
      role: 'artist',
    });
    expect(member.status).toBe(409);
    expect(member.body.fields).toEqual([
      { in: 'body', field: 'email', code: 'alreadyMember', message: 'Is already a member of the studio' },
    ]);

    const other = await createStudioFixture(ts.server.db, 'Elsewhere');
    const invited = await owner.post<StaffInvitation>('/api/staff/invitations', {
      email: other.artist.email,
      name: 'Twice',
      role: 'artist',
    });
    expect(invited.status).toBe(201);
    const accept = await ts.client().post<SessionInfo>('/api/auth/accept-invitation', {
      token: tokenOf(invited.body.acceptUrl),
      password: NEW_PASSWORD,
    });
    expect(accept.status).toBe(409);
    expect(accept.body.error).toBe('conflict');
  });
});

describe('the last active owner', () => {
  it('cannot be demoted or deactivated (409), but can once another owner exists', async () => {
    const demote = await owner.patch<StaffMember>(`/api/staff/${studio.owner.id}`, { role: 'artist' });
    expect(demote.status).toBe(409);
    expect(demote.body.fields?.[0]).toMatchObject({ in: 'body', field: 'role' });
    const deactivate = await owner.patch<StaffMember>(`/api/staff/${studio.owner.id}`, { active: false });
    expect(deactivate.status).toBe(409);
    expect(deactivate.body.fields?.[0]).toMatchObject({ field: 'active' });

    expect((await owner.patch<StaffMember>(`/api/staff/${studio.desk.id}`, { role: 'owner' })).status).toBe(
      200,
    );
    const nowOk = await owner.patch<StaffMember>(`/api/staff/${studio.owner.id}`, { role: 'artist' });
    expect(nowOk.status).toBe(200);
    expect(nowOk.body.role).toBe('artist');
    // The former owner's own session now carries the artist role.
    expect((await owner.get<Items<StaffMember>>('/api/staff')).status).toBe(403);
  });

  it('answers 404 for a staff id of another studio', async () => {
    const other = await createStudioFixture(ts.server.db, 'Far Away');
    const desk = await signedInAs(ts, studio.desk.email);
    const res = await desk.patch<StaffMember>(`/api/staff/${other.owner.id}`, { role: 'artist' });
    expect(res.status).toBe(404);
    const untouched = await ts.server.db.asSystem((tx) =>
      queryRows<{ role: string }>(tx, sql`select role from staff_user where id = ${other.owner.id}`),
    );
    expect(untouched[0]!.role).toBe('owner');
  });
});
