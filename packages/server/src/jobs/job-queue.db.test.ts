// The real job queues: the one the server uses on this leg (pg-boss on PostgreSQL, the table
// queue on PGlite), and the table queue on both.
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AuditService } from '../audit/audit.service.js';
import { queryRows } from '../db/database.js';
import { AuthService } from '../auth/auth.service.js';
import { DEFAULT_LOGIN_LIMITS, LoginThrottle } from '../auth/login-throttle.js';
import { auditEntry, authSession } from '../db/schema.js';
import { createStudioFixture } from '../test-support/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../test-support/test-db.js';
import { AUDIT_PRUNE, auditPruneJob } from './audit-prune.job.js';
import { createJobQueue } from './create-job-queue.js';
import type { JobDefinition, JobQueue } from './job-queue.js';
import { jobRepository } from './job.repository.js';
import { SESSION_PRUNE, sessionPruneJob } from './session-prune.job.js';
import { TableJobQueue } from './table-job-queue.js';

const log = pino({ level: 'silent' });
let t: TestDatabase;
const queues: JobQueue[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
});
afterEach(async () => {
  await Promise.all(queues.splice(0).map((q) => q.stop()));
});
afterAll(() => t?.dispose());

/** Waits (up to 20 s) until `check` holds; the assertion is on the outcome, not on the time. */
async function eventually(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function recorder(name: string, failTimes = 0) {
  const runs: { payload: { n: number }; attempt: number }[] = [];
  const definition: JobDefinition<{ n: number }> = {
    name,
    payload: z.strictObject({ n: z.number().int() }),
    retryLimit: 2,
    retryDelaySeconds: 1,
    handler(payload, run) {
      runs.push({ payload, attempt: run.attempt });
      return runs.length <= failTimes
        ? Promise.reject(new Error(`planned failure ${runs.length}`))
        : Promise.resolve();
    },
  };
  return { runs, definition };
}

const legQueue = () => createJobQueue({ databaseUrl: t.url }, t.db, log, { pollIntervalMs: 100 });
const tableQueue = () => new TableJobQueue(t.db, log, { pollIntervalMs: 50 });

describe.each([
  ['the leg queue', legQueue],
  ['the table queue', tableQueue],
] as const)('%s', (label, make) => {
  const tag = label.replace(/\W+/g, '-');
  it('delivers a job with its validated payload, and refuses a bad payload at send', async () => {
    const queue = make();
    queues.push(queue);
    const { runs, definition } = recorder(`test-deliver-${tag}`);
    queue.register(definition);
    await queue.start();
    await queue.ping();
    const id = await queue.send(definition.name, { n: 7 });
    expect(id).toEqual(expect.any(String));
    await eventually(() => runs.length === 1, 'the job to run');
    expect(runs).toEqual([{ payload: { n: 7 }, attempt: 1 }]);
    await expect(queue.send(definition.name, { n: 'seven' })).rejects.toThrow(/Invalid payload .*n /);
    await expect(queue.send('no-such-job', {})).rejects.toThrow(/No job named/);
  });

  it('retries a failing job until it succeeds', async () => {
    const queue = make();
    queues.push(queue);
    const { runs, definition } = recorder(`test-retry-${tag}`, 1);
    queue.register(definition);
    await queue.start();
    await queue.send(definition.name, { n: 1 });
    await eventually(() => runs.length === 2, 'the retry');
    expect(runs.map((r) => r.attempt)).toEqual([1, 2]);
  });

  it('keeps one waiting job per singleton key and holds jobs until startAfter', async () => {
    const queue = make();
    queues.push(queue);
    const { runs, definition } = recorder(`test-singleton-${tag}`);
    queue.register(definition);
    await queue.start();
    const later = new Date(Date.now() + 3_600_000);
    const first = await queue.send(definition.name, { n: 1 }, { singletonKey: 'k', startAfter: later });
    const second = await queue.send(definition.name, { n: 2 }, { singletonKey: 'k', startAfter: later });
    expect(first).toEqual(expect.any(String));
    expect(second).toBeNull();
    // Jobs without a key never collide.
    expect(await queue.send(definition.name, { n: 3 }, { startAfter: later })).toEqual(expect.any(String));
    expect(await queue.send(definition.name, { n: 4 }, { startAfter: later })).toEqual(expect.any(String));
    await queue.send(definition.name, { n: 5 });
    await eventually(() => runs.length === 1, 'the due job');
    expect(runs.map((r) => r.payload.n)).toEqual([5]);
  });
});

describe('the table queue', () => {
  it('survives a restart: queued and interrupted jobs run in the next process', async () => {
    const name = 'test-restart';
    const before = tableQueue();
    before.register(recorder(name).definition);
    // Queued while no runner works (the process "stops" before running it).
    const queuedId = await before.send(name, { n: 1 });
    // Taken by a runner that then died mid-job.
    const interruptedId = await before.send(name, { n: 2 }, { startAfter: 1 });
    await t.db.asSystem((tx) =>
      tx.execute(sql`update job set state = 'active', attempts = 1 where id = ${interruptedId}`),
    );

    const after = tableQueue();
    queues.push(after);
    const { runs, definition } = recorder(name);
    after.register(definition);
    await after.start();
    await eventually(() => runs.length === 2, 'both jobs after the restart');
    expect(runs.map((r) => r.payload.n).sort()).toEqual([1, 2]);
    expect(runs.find((r) => r.payload.n === 2)!.attempt).toBe(2);
    const states = await t.db.asSystem(async (tx) => [
      (await jobRepository.findById(tx, queuedId!))!.state,
      (await jobRepository.findById(tx, interruptedId!))!.state,
    ]);
    expect(states).toEqual(['completed', 'completed']);
  });

  it('gives up after the retry limit and records the error', async () => {
    const queue = tableQueue();
    queues.push(queue);
    const { runs, definition } = recorder('test-give-up', 99);
    queue.register({ ...definition, retryLimit: 1, retryDelaySeconds: 0 });
    await queue.start();
    const id = await queue.send(definition.name, { n: 1 });
    await eventually(
      async () => (await t.db.asSystem((tx) => jobRepository.findById(tx, id!)))!.state === 'failed',
      'failure',
    );
    expect(runs).toHaveLength(2);
    const row = await t.db.asSystem((tx) => jobRepository.findById(tx, id!));
    expect(row!.lastError).toBe('Error: planned failure 2');
  });

  it('keeps exactly one future run of a daily job queued, however often it starts', async () => {
    for (let i = 0; i < 2; i++) {
      const queue = tableQueue();
      queue.register({
        name: 'test-daily',
        payload: z.strictObject({}),
        dailyAtUtc: '03:17',
        handler: async () => {},
      });
      await queue.start();
      await queue.stop();
    }
    const rows = await t.db.asSystem((tx) =>
      queryRows<{ run_after: Date | string }>(
        tx,
        sql`select run_after from job where name = 'test-daily' and state = 'created'`,
      ),
    );
    expect(rows).toHaveLength(1);
    const runAfter = new Date(rows[0]!.run_after);
    expect([runAfter.getUTCHours(), runAfter.getUTCMinutes()]).toEqual([3, 17]);
    expect(runAfter.getTime()).toBeGreaterThan(Date.now());
  });
});

describe('the session prune job', () => {
  it('deletes expired sessions of every studio and keeps live ones', async () => {
    const a = await createStudioFixture(t.db, 'Sessions A');
    const b = await createStudioFixture(t.db, 'Sessions B');
    const session = (studioId: string, userId: string, tokenHash: string, offsetMs: number) => ({
      studioId,
      userId,
      tokenHash,
      csrfToken: 'c',
      expiresAt: new Date(Date.now() + offsetMs),
    });
    await t.db.asSystem((tx) =>
      tx
        .insert(authSession)
        .values([
          session(a.id, a.owner.id, 'prune-a-old', -60_000),
          session(a.id, a.owner.id, 'prune-a-live', 3_600_000),
          session(b.id, b.artist.id, 'prune-b-old', -1),
        ]),
    );
    const queue = legQueue();
    queues.push(queue);
    const throttle = new LoginThrottle({ db: t.db, limits: DEFAULT_LOGIN_LIMITS });
    const auth = new AuthService({
      db: t.db,
      config: { sessionTtlHours: 12, sessionMaxHours: 24 },
      throttle,
      log,
    });
    queue.register(sessionPruneJob({ auth, log }));
    await queue.start();
    await queue.send(SESSION_PRUNE, {});
    const left = () =>
      t.db.asSystem((tx) =>
        queryRows<{ token_hash: string }>(
          tx,
          sql`select token_hash from auth_session where token_hash like 'prune-%'`,
        ),
      );
    await eventually(async () => (await left()).length === 1, 'the session prune job');
    expect((await left()).map((r) => r.token_hash)).toEqual(['prune-a-live']);
  });
});

describe('the audit.prune job', () => {
  it('deletes entries older than the retention in every studio and logs the count in each', async () => {
    const a = await createStudioFixture(t.db, 'Prune A');
    const b = await createStudioFixture(t.db, 'Prune B');
    const day = 86_400_000;
    await t.db.asSystem((tx) =>
      tx.insert(auditEntry).values([
        { studioId: a.id, action: 'client.read', entityType: 'client', at: new Date(Date.now() - 40 * day) },
        { studioId: a.id, action: 'client.read', entityType: 'client', at: new Date(Date.now() - 31 * day) },
        { studioId: a.id, action: 'client.read', entityType: 'client', at: new Date(Date.now() - 5 * day) },
        { studioId: b.id, action: 'client.read', entityType: 'client', at: new Date(Date.now() - 45 * day) },
        { studioId: b.id, action: 'client.read', entityType: 'client', at: new Date(Date.now() - 1 * day) },
      ]),
    );
    const queue = legQueue();
    queues.push(queue);
    queue.register(auditPruneJob({ audit: new AuditService({ db: t.db }), retentionDays: 30, log }));
    await queue.start();
    await queue.send(AUDIT_PRUNE, {});

    const pruneEntries = (studioId: string) =>
      t.db.withStudio(studioId, (tx) =>
        queryRows<{ details: { deleted: number; retentionDays: number } }>(
          tx,
          sql`select details from audit_entry where action = 'audit.prune'`,
        ),
      );
    await eventually(async () => (await pruneEntries(b.id)).length === 1, 'the prune job');
    expect((await pruneEntries(a.id)).map((r) => r.details)).toEqual([
      expect.objectContaining({ deleted: 2, retentionDays: 30 }),
    ]);
    expect((await pruneEntries(b.id)).map((r) => r.details)).toEqual([
      expect.objectContaining({ deleted: 1, retentionDays: 30 }),
    ]);
    const left = await t.db.asSystem((tx) =>
      queryRows<{ studio_id: string; n: number }>(
        tx,
        sql`select studio_id, count(*)::int as n from audit_entry where action = 'client.read'
            and studio_id in (${a.id}, ${b.id}) group by studio_id`,
      ),
    );
    expect(Object.fromEntries(left.map((r) => [r.studio_id, r.n]))).toEqual({ [a.id]: 1, [b.id]: 1 });
  });

  it('is scheduled daily by the queue of this leg', async () => {
    const queue = legQueue();
    queues.push(queue);
    queue.register(auditPruneJob({ audit: new AuditService({ db: t.db }), retentionDays: 30, log }));
    await queue.start();
    const scheduled =
      queue.kind === 'pg-boss'
        ? await t.db.asSystem((tx) =>
            queryRows<{ cron: string }>(
              tx,
              sql`select cron from pgboss.schedule where name = ${AUDIT_PRUNE}`,
            ),
          )
        : await t.db.asSystem((tx) =>
            queryRows<{ cron: string }>(
              tx,
              sql`select to_char(run_after at time zone 'UTC', 'MI HH24') || ' * * *' as cron from job
                   where name = ${AUDIT_PRUNE} and state = 'created' and singleton_key = ${`daily:${AUDIT_PRUNE}`}`,
            ),
          );
    expect(scheduled.map((r) => r.cron)).toEqual([queue.kind === 'pg-boss' ? '17 3 * * *' : '17 03 * * *']);
  });
});
