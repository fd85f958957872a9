// Studio A's owner tries every client endpoint on studio B's records: all are "not found", and
// nothing of B shows in any list or in A's audit log. B's records are unchanged afterwards.
import type { AuditPage, Client, ClientListPage, StaffInvitation, StaffMember } from '@stipple/core';
import type { Items } from '../test-support/api-types.js';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/database.js';
import {
  createClientFixture,
  createStudioFixture,
  TEST_PASSWORD,
  type FixtureStudio,
} from '../test-support/fixtures.js';
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
  ownerA = ts.client();
  await ownerA.login(a.owner.email, TEST_PASSWORD);
  ownerB = ts.client();
  await ownerB.login(b.owner.email, TEST_PASSWORD);
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
        expect(res.body).toEqual({ error: 'not_found', message: 'Client not found' });
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
