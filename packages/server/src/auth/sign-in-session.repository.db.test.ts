import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/database.js';
import { createStudioFixture, type FixtureStudio } from '../test-support/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../test-support/test-db.js';
import { staffRepository } from '../staff/staff.repository.js';
import { signInSessionRepository } from './sign-in-session.repository.js';
import { hashToken, newToken } from './tokens.js';

let t: TestDatabase;
let studio: FixtureStudio;

beforeAll(async () => {
  t = await createTestDatabase();
  studio = await createStudioFixture(t.db, 'Session Studio');
});
afterAll(() => t?.dispose());

const open = (userId: string, expiresInMs: number) => {
  const token = newToken();
  return t.db
    .withStudio(studio.id, (tx) =>
      signInSessionRepository.create(tx, {
        studioId: studio.id,
        userId,
        tokenHash: hashToken(token),
        csrfToken: newToken(),
        expiresAt: new Date(Date.now() + expiresInMs),
        userAgent: 'test',
      }),
    )
    .then(() => token);
};
const find = (token: string) =>
  t.db.asSystem((tx) => signInSessionRepository.findActiveByTokenHash(tx, hashToken(token)));

describe('sign-in session repository', () => {
  it('finds a live session with its user and studio by the token hash', async () => {
    const token = await open(studio.artist.id, 60_000);
    const found = await find(token);
    expect(found).toMatchObject({
      user: { id: studio.artist.id },
      studio: { id: studio.id, name: 'Session Studio' },
    });
    expect(await find(`${token}x`)).toBeUndefined();
  });

  it('ignores expired sessions, and deletes them on request', async () => {
    const token = await open(studio.artist.id, -1000);
    expect(await find(token)).toBeUndefined();
    const deleted = await t.db.asSystem((tx) => signInSessionRepository.deleteExpired(tx));
    expect(deleted).toBeGreaterThanOrEqual(1);
    const left = await t.db.asSystem((tx) =>
      queryRows(tx, sql`select 1 from auth_session where expires_at < now()`),
    );
    expect(left).toHaveLength(0);
  });

  it('ignores sessions of a deactivated member', async () => {
    const token = await open(studio.desk.id, 60_000);
    await t.db.withStudio(studio.id, (tx) => staffRepository.update(tx, studio.desk.id, { active: false }));
    expect(await find(token)).toBeUndefined();
  });

  it('extends a session', async () => {
    const token = await open(studio.owner.id, 60_000);
    const found = await find(token);
    const later = new Date(Date.now() + 3_600_000);
    await t.db.asSystem((tx) => signInSessionRepository.extend(tx, found!.session.id, later));
    expect((await find(token))!.session.expiresAt.getTime()).toBe(later.getTime());
  });
});
