// Sign-in throttling holds off the right people: only failures count; one address guessing one
// account; one account guessed from many addresses (the addresses it signs in from stay open);
// one address spraying many accounts (with a ceiling a studio behind one NAT never reaches by
// signing in). The counters are in the database: a second server instance (which is also what a
// restart is) sees them. Addresses come from X-Forwarded-For (STIPPLE_TRUST_PROXY=true).
import type { SessionInfo } from '@stipple/core';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { createPostgresDatabase } from '../db/create-db.js';
import type { Database } from '../db/database.js';
import { createServices } from '../services.js';
import { createStudioFixture, TEST_PASSWORD, type FixtureStudio } from '../test-support/fixtures.js';
import { startTestServer, type TestServer } from '../test-support/test-server.js';
import { addressKey, type LoginLimits } from './login-throttle.js';

const LIMITS: LoginLimits = {
  perAddressAndAccount: 3,
  perAccount: 5,
  perAddress: 12,
  windowMs: 15 * 60_000,
  knownAddressMs: 30 * 86_400_000,
};

let ts: TestServer;
let studio: FixtureStudio;
let other: FixtureStudio;
let shared: FixtureStudio;

beforeAll(async () => {
  ts = await startTestServer({ loginLimits: LIMITS, env: { STIPPLE_TRUST_PROXY: 'true' } });
  studio = await createStudioFixture(ts.server.db, 'Throttle Studio');
  other = await createStudioFixture(ts.server.db, 'Neighbour Studio');
  shared = await createStudioFixture(ts.server.db, 'One Address Studio');
});
afterAll(() => ts?.close());

let nextAddress = 10;
/** A fresh address nobody has used in this file. */
const freshAddress = () => `198.51.100.${nextAddress++}`;

async function signIn(from: string, email: string, password: string) {
  const res = await ts
    .client()
    .post<SessionInfo>('/api/auth/login', { email, password }, { headers: { 'x-forwarded-for': from } });
  return res;
}

const WRONG = 'certainly not the password';

describe('sign-in throttling', () => {
  it('never counts successful sign-ins: fifty in a row from one address all work', async () => {
    const studioNat = freshAddress();
    const members = [studio.owner, studio.artist, studio.desk];
    for (let i = 0; i < 50; i++) {
      const res = await signIn(studioNat, members[i % 3]!.email, TEST_PASSWORD);
      expect(res.status, `sign-in ${i + 1}`).toBe(200);
    }
  });

  it('holds one address off one account after its failures, with 429 and Retry-After; others are not affected', async () => {
    const guesser = freshAddress();
    for (let i = 0; i < LIMITS.perAddressAndAccount; i++)
      expect((await signIn(guesser, studio.artist.email, WRONG)).status).toBe(401);
    const held = await signIn(guesser, studio.artist.email, TEST_PASSWORD);
    expect(held.status).toBe(429);
    expect(held.body).toMatchObject({ error: 'rate_limited' });
    expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(held.headers.get('retry-after'))).toBeLessThanOrEqual(LIMITS.windowMs / 1000);
    // The same address on another account, and the same account from elsewhere, still work.
    expect((await signIn(guesser, studio.owner.email, TEST_PASSWORD)).status).toBe(200);
    expect((await signIn(freshAddress(), studio.artist.email, TEST_PASSWORD)).status).toBe(200);
  });

  it('forgets the failures of an address on an account once it signs in there', async () => {
    const desk = freshAddress();
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < LIMITS.perAddressAndAccount - 1; i++)
        expect((await signIn(desk, studio.desk.email, WRONG)).status).toBe(401);
      expect((await signIn(desk, studio.desk.email, TEST_PASSWORD)).status).toBe(200);
    }
  });

  it('holds an account guessed from many addresses, except at an address it signed in from', async () => {
    const target = other.owner.email;
    const home = freshAddress();
    expect((await signIn(home, target, TEST_PASSWORD)).status).toBe(200);
    for (let i = 0; i < LIMITS.perAccount; i++)
      expect((await signIn(freshAddress(), target, WRONG)).status).toBe(401);
    // A new address is refused even with the right password ...
    expect((await signIn(freshAddress(), target, TEST_PASSWORD)).status).toBe(429);
    // ... while the owner at the studio's own address signs in as usual.
    expect((await signIn(home, target, TEST_PASSWORD)).status).toBe(200);
    // Unknown emails are counted alike, so the answer tells nothing about who has an account.
    const nobody = 'nobody-here@throttle.example';
    for (let i = 0; i < LIMITS.perAccount; i++)
      expect((await signIn(freshAddress(), nobody, WRONG)).status).toBe(401);
    expect((await signIn(freshAddress(), nobody, WRONG)).status).toBe(429);
  });

  it('holds an address that sprays many accounts, at a ceiling far above what one studio does', async () => {
    const sprayer = freshAddress();
    for (let i = 0; i < LIMITS.perAddress; i++)
      expect((await signIn(sprayer, `person-${i}@spray.example`, WRONG)).status).toBe(401);
    expect((await signIn(sprayer, studio.owner.email, TEST_PASSWORD)).status).toBe(429);
    // A studio behind one address: each member mistypes up to the per-account limit and all
    // still sign in (3 members × 2 typos stays below the address ceiling).
    const nat = freshAddress();
    for (const member of [shared.owner, shared.artist, shared.desk]) {
      for (let i = 0; i < LIMITS.perAddressAndAccount - 1; i++)
        expect((await signIn(nat, member.email, WRONG)).status).toBe(401);
      expect((await signIn(nat, member.email, TEST_PASSWORD)).status).toBe(200);
    }
  });

  it('lets the address try again once its window has passed', async () => {
    const guesser = freshAddress();
    for (let i = 0; i < LIMITS.perAddressAndAccount; i++) await signIn(guesser, studio.desk.email, WRONG);
    expect((await signIn(guesser, studio.desk.email, TEST_PASSWORD)).status).toBe(429);
    // Time passes (windows are timed by the database clock).
    await ts.server.db.asSystem((tx) =>
      tx.execute(sql`update login_throttle set window_started_at = now() - interval '16 minutes'`),
    );
    expect((await signIn(guesser, studio.desk.email, TEST_PASSWORD)).status).toBe(200);
  });

  it('keeps the counts in the database: another server instance (or a restarted one) holds the address off too', async () => {
    const guesser = freshAddress();
    for (let i = 0; i < LIMITS.perAddressAndAccount; i++)
      expect((await signIn(guesser, studio.owner.email, WRONG)).status).toBe(401);
    // A second instance with its own services and, on PostgreSQL, its own connection pool.
    const secondDb: Database =
      ts.testDb.kind === 'postgres' ? createPostgresDatabase(ts.testDb.url!, 2) : ts.server.db;
    const log = pino({ level: 'silent' });
    const services = createServices({
      db: secondDb,
      config: ts.config,
      log,
      blobs: ts.server.services.blobs,
      loginLimits: LIMITS,
    });
    const second = await buildApp({
      config: ts.config,
      db: secondDb,
      jobs: ts.server.jobs,
      services,
      logger: log,
    });
    try {
      const res = await second.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': guesser },
        payload: JSON.stringify({ email: studio.owner.email, password: TEST_PASSWORD }),
      });
      expect(res.statusCode).toBe(429);
      const elsewhere = await second.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': freshAddress() },
        payload: JSON.stringify({ email: studio.owner.email, password: TEST_PASSWORD }),
      });
      expect(elsewhere.statusCode).toBe(200);
    } finally {
      await second.close();
      if (secondDb !== ts.server.db) await secondDb.close();
    }
  });

  it('counts IPv6 addresses by their /64 and IPv4-mapped ones as IPv4', () => {
    expect(addressKey('2001:db8:0:12::1')).toBe('2001:db8:0:12::/64');
    expect(addressKey('2001:0db8:0000:0012:ffff:1:2:3')).toBe('2001:db8:0:12::/64');
    expect(addressKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey('192.0.2.7')).toBe('192.0.2.7');
  });
});
