// AuditService on real repositories: the entries other services write as they act (in their own
// transaction: a refused change leaves none), read by the owner only and only in their studio,
// holding ids, counts and field names but nothing of the client's record, filtered and paged
// newest first, and pruned past the retention.
import { AuditListQuery, CreateClientRequest, UpdateClientRequest } from '@stipple/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFields } from '../test-support/fixtures.js';
import {
  refusal,
  tierWithTwoStudios,
  studioActors,
  type ServiceTier,
  type StudioActors,
} from '../test-support/service-tier.js';

let tier: ServiceTier;
let s: StudioActors;
let other: StudioActors;

const query = (q: Record<string, unknown>) => AuditListQuery.parse(q);
const HEALTH = {
  givenName: 'Renée',
  familyName: 'Côté',
  email: 'renee@example.fr',
  phone: '+33 6 12 34 56 78',
  notes: 'Takes warfarin; keloid on the left temple',
};

/** A client created by the artist, read by the desk, and changed by the owner. */
async function clientWithHistory(): Promise<string> {
  const { clients } = tier.services;
  const created = await clients.create(s.artist, CreateClientRequest.parse({ ...clientFields(), ...HEALTH }));
  await clients.get(s.desk, created.id);
  await clients.update(
    s.owner,
    created.id,
    UpdateClientRequest.parse({ notes: 'Stopped warfarin in October', phone: '+33 6 00 00 00 00' }),
  );
  return created.id;
}

beforeAll(async () => {
  ({ tier, s, other } = await tierWithTwoStudios('Audit'));
});
afterAll(() => tier?.close());

describe('what is written', () => {
  it('keeps who did what to which record, newest first', async () => {
    const id = await clientWithHistory();
    const page = await tier.services.audit.list(s.owner, query({ entityId: id }));
    expect(page.total).toBe(3);
    expect(page.items.map((e) => [e.action, e.actor, e.entityType])).toEqual([
      ['client.update', { id: s.studio.owner.id, name: s.studio.owner.name }, 'client'],
      ['client.read', { id: s.studio.desk.id, name: s.studio.desk.name }, 'client'],
      ['client.create', { id: s.studio.artist.id, name: s.studio.artist.name }, 'client'],
    ]);
    expect(page.items[0]!.details).toEqual({ fields: ['phone', 'notes'], version: 2 });
    const times = page.items.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('holds nothing of the client’s record: no name, contact or note, before or after', async () => {
    const id = await clientWithHistory();
    const logged = JSON.stringify((await tier.services.audit.list(s.owner, query({ entityId: id }))).items);
    for (const value of [...Object.values(HEALTH), 'Stopped warfarin', '00 00 00', 'warfarin', 'Côté'])
      expect(logged).not.toContain(value);
  });

  it('writes no entry for a change that was refused (the entry shares the transaction)', async () => {
    const { clients, audit } = tier.services;
    const id = await clientWithHistory();
    const stale = clients.update(s.owner, id, UpdateClientRequest.parse({ familyName: 'Roy', version: 1 }));
    expect(await refusal(stale)).toMatchObject({ status: 409, code: 'staleRecord' });
    const updates = await audit.list(s.owner, query({ entityId: id, action: 'client.update' }));
    expect(updates.total).toBe(1);
  });
});

describe('who reads it', () => {
  it('is the owner’s only: artists and the front desk are refused (403)', async () => {
    for (const actor of [s.artist, s.desk])
      expect(await refusal(tier.services.audit.list(actor, query({})))).toMatchObject({
        status: 403,
        code: 'ownerOnly',
      });
  });

  it('shows an owner their own studio’s entries and none of another’s', async () => {
    const { audit, clients } = tier.services;
    const ours = await clientWithHistory();
    const theirs = await clients.create(other.owner, CreateClientRequest.parse(clientFields()));
    expect((await audit.list(other.owner, query({ entityId: ours }))).total).toBe(0);
    expect((await audit.list(s.owner, query({ entityId: theirs.id }))).total).toBe(0);
    const seen = (await audit.list(other.owner, query({ pageSize: 100 }))).items;
    expect(seen.map((e) => [e.action, e.entityId])).toEqual([['client.create', theirs.id]]);
  });
});

describe('filters and pages', () => {
  let studio: StudioActors;
  beforeAll(async () => {
    // A studio of its own, so that the counts are this test's alone.
    studio = await studioActors(tier.db, 'Audit Pages');
    const { clients } = tier.services;
    for (const name of ['One', 'Two', 'Three']) {
      const c = await clients.create(
        studio.artist,
        CreateClientRequest.parse(clientFields({ familyName: name })),
      );
      await clients.get(studio.desk, c.id);
      await clients.get(studio.owner, c.id);
    }
  });

  it('filters by actor, action and entity type, together', async () => {
    const { audit } = tier.services;
    const reads = await audit.list(studio.owner, query({ action: 'client.read' }));
    expect(reads.total).toBe(6);
    const byDesk = await audit.list(
      studio.owner,
      query({ action: 'client.read', actorId: studio.studio.desk.id }),
    );
    expect(byDesk.total).toBe(3);
    expect(byDesk.items.every((e) => e.actor?.id === studio.studio.desk.id)).toBe(true);
    expect((await audit.list(studio.owner, query({ entityType: 'client' }))).total).toBe(9);
    expect((await audit.list(studio.owner, query({ entityType: 'product_lot' }))).total).toBe(0);
  });

  it('pages through every entry once, newest first, with the total on every page', async () => {
    const { audit } = tier.services;
    const pages = [];
    for (const page of [1, 2, 3, 4, 5])
      pages.push(await audit.list(studio.owner, query({ page, pageSize: 2 })));
    expect(pages.map((p) => [p.page, p.pageSize, p.total, p.items.length])).toEqual([
      [1, 2, 9, 2],
      [2, 2, 9, 2],
      [3, 2, 9, 2],
      [4, 2, 9, 2],
      [5, 2, 9, 1],
    ]);
    const all = (await audit.list(studio.owner, query({ pageSize: 100 }))).items;
    expect(pages.flatMap((p) => p.items).map((e) => e.id)).toEqual(all.map((e) => e.id));
    expect(all.at(-1)!.action).toBe('client.create');
  });
});

describe('retention', () => {
  it('keeps entries inside the retention and, past it, deletes them and says how many went', async () => {
    const { audit } = tier.services;
    await clientWithHistory();
    const before = (await audit.list(s.owner, query({}))).total;
    expect(await audit.pruneAllStudios(30)).toMatchObject({ deleted: 0 });

    const later = new Date(Date.now() + 31 * 86_400_000);
    const pruned = await audit.pruneAllStudios(30, later);
    expect(pruned.studios).toBeGreaterThanOrEqual(3);
    const left = (await audit.list(s.owner, query({}))).items;
    // What is left is the record of this prune (the first one's went with the rest).
    expect(left.map((e) => e.action)).toEqual(['audit.prune']);
    expect(left[0]!.details).toEqual({
      deleted: before + 1,
      retentionDays: 30,
      before: new Date(later.getTime() - 30 * 86_400_000).toISOString(),
    });
    expect(left[0]!.actor).toBeNull();
  });
});
