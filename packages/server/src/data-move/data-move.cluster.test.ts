// Moving up and backing up, for real: a PGlite studio made by the server itself (the demo studio,
// its photo, renditions and full render) is migrated by the `stipple` command into PostgreSQL and
// an S3 bucket; the copy is compared table by table and blob by blob, and a server started on it
// serves the photo. Then backup and restore round trips for both setups, each compared whole, and
// every refusal (non-empty targets, an existing or incomplete backup folder) exits 2 with its reason.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderBlobStore } from '../blobs/folder-blob-store.js';
import { createBlobStore } from '../blobs/create-blob-store.js';
import { queryRows } from '../db/database.js';
import { startServer } from '../server.js';
import { buildServer } from '../test-support/child-server.js';
import { snapshotOf, type Comparison } from '../test-support/compare-setups.js';
import { startS3Server, S3RVER_CREDENTIALS, type TestS3Server } from '../test-support/s3-server.js';
import { createEmptyTestDatabase, type TestDatabase } from '../test-support/test-db.js';
import { ApiClient, testConfig } from '../test-support/test-server.js';
import { MANIFEST_FILE } from './backup-manifest.js';
import { PgliteRowStore } from './pglite-row-store.js';
import { PostgresRowStore } from './postgres-row-store.js';

const CLI = new URL('../../../cli/bin/stipple.js', import.meta.url).pathname;
const PASSWORD = 'moving day kettle lanterns march';
const scratch = mkdtempSync(join(tmpdir(), 'stipple-move-'));
const pgliteDir = join(scratch, 'pglite');
let s3: TestS3Server;
const databases: TestDatabase[] = [];
let demoPhotoSha = '';

/** The command as a user runs it; asynchronous, since the S3 server answers from this process. */
function stipple(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { ...process.env, ...env }, timeout: 300_000, killSignal: 'SIGKILL' },
      (err, stdout, stderr) => {
        const status = err ? (typeof err.code === 'number' ? err.code : null) : 0;
        resolve({ status, stdout, stderr });
      },
    );
  });
}

async function emptyDatabase(): Promise<string> {
  const db = await createEmptyTestDatabase();
  databases.push(db);
  await db.db.close();
  return db.url!;
}

async function pgliteSnapshot(dataDir: string): Promise<Comparison> {
  const rows = await PgliteRowStore.open(dataDir);
  try {
    return await snapshotOf({ rows, blobs: new FolderBlobStore(join(dataDir, 'blobs')) });
  } finally {
    await rows.close();
  }
}

async function postgresSnapshot(url: string, bucket: string): Promise<Comparison> {
  const rows = await PostgresRowStore.open(url);
  const blobs = await createBlobStore(s3.storeConfig(bucket), S3RVER_CREDENTIALS);
  try {
    return await snapshotOf({ rows, blobs });
  } finally {
    blobs.close();
    await rows.close();
  }
}

function expectSame(a: Comparison, b: Comparison) {
  expect([...b.tables.keys()].sort()).toEqual([...a.tables.keys()].sort());
  for (const [name, figures] of a.tables) expect(b.tables.get(name), name).toEqual(figures);
  expect(new Map([...b.blobs].sort())).toEqual(new Map([...a.blobs].sort()));
  // Each blob holds exactly the bytes it is named after.
  for (const [name, hash] of a.blobs) expect(hash).toBe(name);
}

beforeAll(async () => {
  buildServer('packages/cli/tsconfig.json');
  s3 = await startS3Server(['moved', 'restored', 'stray']);
  // The studio as `npm start` makes it on PGlite: the demo, whose photo is rendered by a job.
  const server = await startServer(
    testConfig({
      STIPPLE_DATA_DIR: pgliteDir,
      STIPPLE_WEB_DIST: join(scratch, 'no-web'),
      STIPPLE_DEMO_DATA: 'true',
      STIPPLE_DEMO_PASSWORD: PASSWORD,
    }),
    { announce: () => undefined, logger: pino({ level: 'silent' }), jobTuning: { pollIntervalMs: 100 } },
  );
  try {
    const deadline = Date.now() + 240_000;
    for (;;) {
      const [row] = await server.db.asSystem((tx) =>
        queryRows<{ done: number; photos: number; sha: string | null }>(
          tx,
          sql`select (select count(*)::int from preview_render where status = 'done') as done,
                     (select count(*)::int from photo where derivatives = 'ready') as photos,
                     (select min(sha256) from photo) as sha`,
        ),
      );
      if (row && row.done > 0 && row.photos > 0) {
        demoPhotoSha = row.sha!;
        break;
      }
      if (Date.now() > deadline) throw new Error('the demo render did not finish in 240 s');
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    await server.close();
  }
}, 400_000);

afterAll(async () => {
  await Promise.allSettled(databases.map((d) => d.dispose()));
  await s3?.close();
  rmSync(scratch, { recursive: true, force: true });
}, 120_000);

// Each step starts the command (a Node process that opens PGlite or PostgreSQL): minutes on a
// machine shared with other work.
describe('stipple migrate: PGlite to PostgreSQL and S3', { timeout: 600_000 }, () => {
  let url: string;

  it('copies every row and blob, checks them, and the copy equals the source', async () => {
    url = await emptyDatabase();
    const res = await stipple(
      ['migrate', '--to', url, '--data-dir', pgliteDir, '--blob-store', 's3'],
      s3.env('moved'),
    );
    expect(res.status, res.stderr + res.stdout).toBe(0);
    expect(res.stdout).toMatch(/checked: \d+ tables \(row counts and SHA-256\) and \d+ blobs/);
    const source = await pgliteSnapshot(pgliteDir);
    expect(source.tables.get('photo')?.rows).toBeGreaterThan(0);
    expect(source.tables.get('preview_render')?.rows).toBeGreaterThan(0);
    expect(source.blobs.size).toBeGreaterThanOrEqual(5); // photo, preview, thumb, render stages
    expectSame(source, await postgresSnapshot(url, 'moved'));
  });

  it('a server started on the copy signs in and serves the photo from the bucket', async () => {
    // The SDK reads its credentials from the process environment, as in production.
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    });
    const server = await startServer(
      testConfig({
        DATABASE_URL: url,
        STIPPLE_DATA_DIR: join(scratch, 'on-postgres'),
        STIPPLE_WEB_DIST: join(scratch, 'no-web'),
        ...s3.env('moved'),
      }),
      { announce: () => undefined, logger: pino({ level: 'silent' }) },
    );
    try {
      const owner = new ApiClient(server.url);
      await owner.login('owner@demo-studio.example', PASSWORD);
      const photos = await server.db.asSystem((tx) =>
        queryRows<{ id: string }>(tx, sql`select id from photo where sha256 = ${demoPhotoSha}`),
      );
      const res = await fetch(`${server.url}/api/photos/${photos[0]!.id}/file?size=original`, {
        headers: { cookie: `stipple_session=${owner.cookie}` },
      });
      expect(res.status).toBe(200);
      const body = Buffer.from(await res.arrayBuffer());
      expect(createHash('sha256').update(body).digest('hex')).toBe(demoPhotoSha);
    } finally {
      await server.close();
      delete process.env.AWS_ACCESS_KEY_ID;
      delete process.env.AWS_SECRET_ACCESS_KEY;
    }
  });

  it('refuses a target that is not empty, database or bucket, with exit 2 and the reason', async () => {
    const again = await stipple(
      ['migrate', '--to', url, '--data-dir', pgliteDir, '--blob-store', 's3'],
      s3.env('stray'),
    );
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/is not empty: it already has tables \(/);
    const fresh = await emptyDatabase();
    const busyBucket = await stipple(
      ['migrate', '--to', fresh, '--data-dir', pgliteDir, '--blob-store', 's3'],
      s3.env('moved'),
    );
    expect(busyBucket.status).toBe(2);
    expect(busyBucket.stderr).toMatch(/the bucket moved .* is not empty \(it holds blob/);
    const noDir = await stipple(['migrate', '--to', fresh, '--data-dir', pgliteDir]);
    expect(noDir.status).toBe(2);
    expect(noDir.stderr).toMatch(/--blob-dir: name the new, empty folder/);
    const badUrl = await stipple(['migrate', '--to', 'mysql://x', '--data-dir', pgliteDir]);
    expect(badUrl.status).toBe(2);
    expect(badUrl.stderr).toMatch(/--to: must be a postgres:\/\//);
  });

  describe('backup and restore', () => {
    it('PostgreSQL and S3: a backup restored into another database and bucket equals the original', async () => {
      const out = join(scratch, 'backup-postgres');
      const made = await stipple(['backup', '--out', out], { DATABASE_URL: url, ...s3.env('moved') });
      expect(made.status, made.stderr + made.stdout).toBe(0);
      const target = await emptyDatabase();
      const restored = await stipple(['restore', '--from', out], {
        DATABASE_URL: target,
        ...s3.env('restored'),
      });
      expect(restored.status, restored.stderr + restored.stdout).toBe(0);
      expectSame(await postgresSnapshot(url, 'moved'), await postgresSnapshot(target, 'restored'));
      // Once more into the same place: refused, nothing changed.
      const twice = await stipple(['restore', '--from', out], {
        DATABASE_URL: target,
        ...s3.env('restored'),
      });
      expect(twice.status).toBe(2);
      expect(twice.stderr).toMatch(/is not empty/);
    });

    it('PGlite: a backup restored into a new data folder equals the original', async () => {
      const out = join(scratch, 'backup-pglite');
      const made = await stipple(['backup', '--out', out], { STIPPLE_DATA_DIR: pgliteDir });
      expect(made.status, made.stderr + made.stdout).toBe(0);
      const restoredDir = join(scratch, 'restored-pglite');
      const restored = await stipple(['restore', '--from', out], { STIPPLE_DATA_DIR: restoredDir });
      expect(restored.status, restored.stderr + restored.stdout).toBe(0);
      expectSame(await pgliteSnapshot(pgliteDir), await pgliteSnapshot(restoredDir));
    });

    it('refuses an existing backup folder and an incomplete backup, with exit 2 and the reason', async () => {
      const out = join(scratch, 'backup-pglite');
      const exists = await stipple(['backup', '--out', out], { STIPPLE_DATA_DIR: pgliteDir });
      expect(exists.status).toBe(2);
      expect(exists.stderr).toMatch(/exists already/);
      rmSync(join(out, MANIFEST_FILE));
      const incomplete = await stipple(['restore', '--from', out], {
        STIPPLE_DATA_DIR: join(scratch, 'never'),
      });
      expect(incomplete.status).toBe(2);
      expect(incomplete.stderr).toMatch(/not a complete Stipple backup/);
    });
  });
});
