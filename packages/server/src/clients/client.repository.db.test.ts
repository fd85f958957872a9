import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudioFixture, clientFields, type FixtureStudio } from '../test-support/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../test-support/test-db.js';
import { clientRepository, searchTextOf } from './client.repository.js';

let t: TestDatabase;
let studio: FixtureStudio;
let other: FixtureStudio;

beforeAll(async () => {
  t = await createTestDatabase();
  studio = await createStudioFixture(t.db, 'Repo Studio');
  other = await createStudioFixture(t.db, 'Other Studio');
});
afterAll(() => t?.dispose());

describe('searchTextOf', () => {
  it('folds names and email and appends the phone digits', () => {
    expect(
      searchTextOf({
        givenName: 'José',
        familyName: 'NÚÑEZ',
        email: 'Jose@Example.com',
        phone: '+34 (612) 345-678',
      }),
    ).toBe('jose nunez jose@example.com 34612345678');
    expect(searchTextOf({ givenName: '', familyName: '王', email: null, phone: null })).toBe('王');
  });
});

describe('client repository', () => {
  it('keeps search_text current on create and update, and bumps the version', async () => {
    const created = await t.db.withStudio(studio.id, (tx) =>
      clientRepository.create(
        tx,
        studio.id,
        clientFields({ givenName: 'Renée', familyName: 'Côté' }),
        studio.owner.id,
      ),
    );
    expect(created).toMatchObject({
      searchText: 'renee cote',
      version: 1,
      createdBy: studio.owner.id,
      studioId: studio.id,
    });

    const updated = await t.db.withStudio(studio.id, async (tx) => {
      const current = await clientRepository.findById(tx, created.id, { forUpdate: true });
      return clientRepository.update(tx, current!, { phone: '+1 (555) 010-0200', familyName: 'Côté-Roy' });
    });
    expect(updated).toMatchObject({
      searchText: 'renee cote-roy 15550100200',
      version: 2,
      familyName: 'Côté-Roy',
    });
    expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime());

    const archived = await t.db.withStudio(studio.id, (tx) =>
      clientRepository.setArchived(tx, updated, true),
    );
    expect(archived.archivedAt).toBeInstanceOf(Date);
    expect(archived.version).toBe(3);
  });

  it('reads dates of birth back as the same calendar day on both drivers', async () => {
    const row = await t.db.withStudio(studio.id, (tx) =>
      clientRepository.create(
        tx,
        studio.id,
        clientFields({ familyName: 'Dated', dateOfBirth: '2000-02-29' }),
        null,
      ),
    );
    const read = await t.db.withStudio(studio.id, (tx) => clientRepository.findById(tx, row.id));
    expect(read!.dateOfBirth).toBe('2000-02-29');
  });

  it('lists and counts only the studio of the transaction, with search and archive filters', async () => {
    await t.db.withStudio(other.id, (tx) =>
      clientRepository.create(
        tx,
        other.id,
        clientFields({ givenName: 'Renée', familyName: 'Elsewhere' }),
        null,
      ),
    );
    const list = (q: string | undefined, archived: 'exclude' | 'include' | 'only') =>
      t.db.withStudio(studio.id, (tx) => clientRepository.list(tx, { q, archived, page: 1, pageSize: 50 }));
    expect((await list('renee', 'include')).rows.map((r) => r.familyName)).toEqual(['Côté-Roy']);
    expect((await list('renee', 'exclude')).total).toBe(0);
    expect((await list(undefined, 'only')).rows.map((r) => r.familyName)).toEqual(['Côté-Roy']);
    expect((await list('555 0100', 'include')).total).toBe(1);
    const all = await list(undefined, 'include');
    expect(all.total).toBe(2);
    expect(all.rows.every((r) => r.studioId === studio.id)).toBe(true);
  });

  it("does not find another studio's client by id", async () => {
    const theirs = await t.db.withStudio(other.id, (tx) =>
      clientRepository.create(tx, other.id, clientFields({ familyName: 'Theirs' }), null),
    );
    expect(
      await t.db.withStudio(studio.id, (tx) => clientRepository.findById(tx, theirs.id)),
    ).toBeUndefined();
    expect(await t.db.withStudio(other.id, (tx) => clientRepository.findById(tx, theirs.id))).toMatchObject({
      id: theirs.id,
      studioId: other.id,
      familyName: 'Theirs',
    });
  });
});
