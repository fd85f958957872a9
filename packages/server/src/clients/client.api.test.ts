import type { AuditPage, Client, ClientListPage } from '@stipple/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FixtureStudio } from '../test-support/fixtures.js';
import { signedInStudio } from '../test-support/signed-in.js';
import { startTestServer, type ApiClient, type TestServer } from '../test-support/test-server.js';

let ts: TestServer;
let studio: FixtureStudio;
let desk: ApiClient;
let artist: ApiClient;
let owner: ApiClient;

beforeAll(async () => {
  ts = await startTestServer();
  ({ studio, owner, artist, desk } = await signedInStudio(ts, 'Dot Matrix'));
});
afterAll(() => ts?.close());

const auditFor = async (entityId: string) =>
  (await owner.get<AuditPage>(`/api/audit?entityType=client&entityId=${entityId}&pageSize=100`)).body.items;

describe('client records', () => {
  let id: string;

  it('creates a client (201) with defaults filled and the email folded', async () => {
    const res = await desk.post<Client>('/api/clients', {
      givenName: ' José ',
      familyName: 'Núñez',
      dateOfBirth: '1984-03-12',
      email: 'Jose.Nunez@Example.COM',
      phone: '+34 612 345 678',
      preferredLanguage: 'zh-CN',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      studioId: studio.id,
      givenName: 'José',
      familyName: 'Núñez',
      dateOfBirth: '1984-03-12',
      email: 'jose.nunez@example.com',
      phone: '+34 612 345 678',
      preferredLanguage: 'zh-CN',
      // Front desk does not read the clinical notes.
      notes: null,
      archivedAt: null,
      version: 1,
    });
    id = res.body.id;
    const read = await desk.get<Client>(`/api/clients/${id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);
  });

  it('takes only a language documents are printed in (English, Simplified Chinese), naming the field', async () => {
    for (const preferredLanguage of ['fr', 'de-DE', 'zh-TW']) {
      const res = await desk.post('/api/clients', { familyName: 'Moreau', preferredLanguage });
      expect(res.status, preferredLanguage).toBe(400);
      expect(res.body.fields?.map((f) => f.field)).toEqual(['preferredLanguage']);
    }
  });

  it('refuses a date of birth after today, naming the field, on create and on edit', async () => {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const created = await desk.post('/api/clients', { familyName: 'Later', dateOfBirth: tomorrow });
    expect(created.status).toBe(400);
    expect(created.body.fields).toEqual([
      { in: 'body', field: 'dateOfBirth', code: 'notInFuture', message: 'Must not be in the future' },
    ]);
    // Refused before the transaction: the audit trail the next test reads holds no update for it.
    const edited = await desk.patch(`/api/clients/${id}`, { dateOfBirth: tomorrow });
    expect(edited.status).toBe(400);
    expect(edited.body.fields?.map((f) => f.field)).toEqual(['dateOfBirth']);
  });

  it('edits with the version it read; a stale version gets 409 and changes nothing', async () => {
    const first = await artist.patch<Client>(`/api/clients/${id}`, {
      notes: 'Scar from 2019 FUT.',
      version: 1,
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ notes: 'Scar from 2019 FUT.', version: 2 });

    const stale = await owner.patch<Client>(`/api/clients/${id}`, { notes: 'Overwritten?', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      error: 'conflict',
      fields: [
        {
          in: 'body',
          field: 'version',
          code: 'stale',
          message: 'Has changed since you opened it (now version 2)',
        },
      ],
    });
    expect((await artist.get<Client>(`/api/clients/${id}`)).body.notes).toBe('Scar from 2019 FUT.');

    const cleared = await owner.patch<Client>(`/api/clients/${id}`, { phone: null, version: 2 });
    expect(cleared.body).toMatchObject({ phone: null, version: 3 });
    const noVersion = await owner.patch<Client>(`/api/clients/${id}`, { phone: '+34 612 345 678' });
    expect(noVersion.body).toMatchObject({ phone: '+34 612 345 678', version: 4 });
  });

  it('archives and restores; archived clients leave the default list', async () => {
    const archived = await desk.post<Client>(`/api/clients/${id}/archive`);
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).toEqual(expect.any(String));
    expect(archived.body.version).toBe(5);
    const ids = async (query: string) =>
      (await desk.get<ClientListPage>(`/api/clients?${query}`)).body.items.map((c) => c.id);
    expect(await ids('')).not.toContain(id);
    expect(await ids('archived=only')).toContain(id);
    expect(await ids('archived=include')).toContain(id);

    const restored = await desk.post<Client>(`/api/clients/${id}/restore`);
    expect(restored.body).toMatchObject({ archivedAt: null, version: 6 });
    expect(await ids('')).toContain(id);
    expect(await ids('archived=only')).not.toContain(id);
  });

  it('writes an audit entry for every read and change, with field names but never values', async () => {
    const entries = await auditFor(id);
    expect(entries.map((e) => e.action).reverse()).toEqual([
      'client.create',
      'client.read',
      'client.update',
      'client.read',
      'client.update',
      'client.update',
      'client.archive',
      'client.restore',
    ]);
    expect(entries.find((e) => e.action === 'client.create')!.actor).toEqual({
      id: studio.desk.id,
      name: studio.desk.name,
    });
    expect(entries.find((e) => e.action === 'client.update')!.details).toEqual({
      fields: ['phone'],
      version: 4,
    });
    const details = JSON.stringify(entries.map((e) => e.details));
    for (const value of ['Núñez', 'José', 'jose.nunez', '612 345', 'FUT', '1984-03-12', '"zh-CN"'])
      expect(details).not.toContain(value);

    const lists = (await owner.get<AuditPage>('/api/audit?action=client.list&pageSize=100')).body.items;
    expect(lists.length).toBeGreaterThanOrEqual(5);
    const withId = lists.find((e) => (e.details.ids as string[]).includes(id))!;
    expect(Object.keys(withId.details).sort()).toEqual([
      'archived',
      'count',
      'ids',
      'page',
      'pageSize',
      'searched',
      'total',
    ]);
    expect(withId.details.searched).toBe(false);
  });
});

describe('search and pagination', () => {
  beforeAll(async () => {
    const clients = [
      { givenName: 'Zoë', familyName: 'Ångström', phone: '+46 8 123 456 78' },
      { givenName: '芳', familyName: '王', email: 'wang.fang@example.com', preferredLanguage: 'zh-CN' },
      { givenName: 'Łukasz', familyName: 'Żółć', phone: '0044 (20) 7946-0000' },
      ...Array.from({ length: 23 }, (_, i) => ({
        givenName: `Page${String(i).padStart(2, '0')}`,
        familyName: 'Pagination',
      })),
    ];
    for (const c of clients) expect((await desk.post<Client>('/api/clients', c)).status).toBe(201);
  });

  const search = async (q: string, extra = '') =>
    (await desk.get<ClientListPage>(`/api/clients?q=${encodeURIComponent(q)}${extra}`)).body as {
      items: { givenName: string; familyName: string }[];
      total: number;
    };

  it('finds names ignoring accents and case, in any word order', async () => {
    expect((await search('jose nunez')).items.map((c) => c.familyName)).toEqual(['Núñez']);
    expect((await search('NUNEZ jose')).items.map((c) => c.familyName)).toEqual(['Núñez']);
    expect((await search('angstrom')).items.map((c) => c.givenName)).toEqual(['Zoë']);
    expect((await search('lukasz zolc')).items.map((c) => c.familyName)).toEqual(['Żółć']);
    expect((await search('王')).items.map((c) => c.givenName)).toEqual(['芳']);
    expect((await search('Wang.Fang@')).items.map((c) => c.givenName)).toEqual(['芳']);
    expect((await search('nobody-like-this')).total).toBe(0);
  });

  it('finds phone numbers by their digits, however they are written', async () => {
    expect((await search('612 345')).items.map((c) => c.familyName)).toEqual(['Núñez']);
    expect((await search('+44 20 7946')).items.map((c) => c.familyName)).toEqual(['Żółć']);
    expect((await search('(8) 123-456')).items.map((c) => c.familyName)).toEqual(['Ångström']);
  });

  it('treats LIKE wildcards in the query as plain characters', async () => {
    expect((await search('%')).total).toBe(0);
    expect((await search('_')).total).toBe(0);
  });

  it('pages with totals, in a stable name order', async () => {
    const pages = [];
    for (const page of [1, 2, 3]) pages.push(await search('pagination', `&pageSize=10&page=${page}`));
    expect(pages.map((p) => p.total)).toEqual([23, 23, 23]);
    expect(pages.map((p) => p.items.length)).toEqual([10, 10, 3]);
    const names = pages.flatMap((p) => p.items.map((c) => c.givenName));
    expect(names).toEqual(Array.from({ length: 23 }, (_, i) => `Page${String(i).padStart(2, '0')}`));
    const beyond = await search('pagination', '&pageSize=10&page=4');
    expect(beyond).toMatchObject({ items: [], total: 23 });
    const all = (await desk.get<ClientListPage>('/api/clients?pageSize=100')).body;
    expect(all.total).toBe(27);
    expect(all).toMatchObject({ page: 1, pageSize: 100 });
  });
});
