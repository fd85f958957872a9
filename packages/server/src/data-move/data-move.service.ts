// Moving a studio's data between setups, one engine for three commands:
// - backup: rows (COPY text, one consistent snapshot) and blobs into a new folder, manifest last;
// - restore: a backup into an empty database and an empty blob store, then checked;
// - migrate: a PGlite data folder into an empty PostgreSQL database and bucket (or folder): the
//   rows go through a private staging folder, the blobs straight from store to store.
// Every copy is checked before the command says it is done: each table's row count and the
// SHA-256 of its rows read back from the target, and each blob read back and hashed.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlobStore } from '../blobs/blob-store.js';
import { FolderBlobStore } from '../blobs/folder-blob-store.js';
import { shippedMigrationCount } from '../db/migration-status.js';
import { BACKUP_FORMAT, readManifest, writeManifest, type BackupManifest } from './backup-manifest.js';
import type { RowStore, TableInfo } from './row-store.js';

/** The command cannot go ahead as asked (the CLI exits 2 with the message). */
export class RefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefusedError';
  }
}

export interface Setup {
  rows: RowStore;
  blobs: BlobStore;
}

export interface MoveReport {
  tables: { name: string; rows: number }[];
  blobs: { count: number; bytes: number };
}

type Say = (line: string) => void;

/** Counts rows (COPY text lines) and hashes what passes through. */
class Digest extends Writable {
  private readonly hash = createHash('sha256');
  rows = 0;
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void) {
    this.hash.update(chunk);
    for (const byte of chunk) if (byte === 0x0a) this.rows += 1;
    done();
  }
  digest(): string {
    return this.hash.digest('hex');
  }
}

/** Writes to a file and digests the same bytes. */
function fileWithDigest(path: string): { sink: Writable; digest: Digest; done: Promise<void> } {
  const file = createWriteStream(path, { mode: 0o600 });
  const digest = new Digest();
  const done = new Promise<void>((resolveDone, reject) => {
    file.on('finish', () => resolveDone());
    file.on('error', reject);
  });
  const sink = new Writable({
    write(chunk: Buffer, _enc, next) {
      digest.write(chunk);
      file.write(chunk, next);
    },
    final(next) {
      file.end(next);
    },
  });
  return { sink, digest, done };
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

async function firstBlob(store: BlobStore): Promise<string | undefined> {
  for await (const name of store.list()) return name;
  return undefined;
}

async function refuseUnlessEmpty(target: Setup): Promise<void> {
  const why = await target.rows.whyNotEmpty();
  if (why) throw new RefusedError(`${target.rows.describe()} is not empty: ${why}. Use an empty database.`);
  const blob = await firstBlob(target.blobs);
  if (blob)
    throw new RefusedError(
      `${target.blobs.describe()} is not empty (it holds blob ${blob.slice(0, 12)}…). Use an empty one.`,
    );
}

/** Each table's rows into `dir/tables`, inside one snapshot; returns the manifest's table part. */
async function dumpTables(source: RowStore, dir: string, say: Say): Promise<BackupManifest['tables']> {
  await mkdir(join(dir, 'tables'), { recursive: true, mode: 0o700 });
  return source.snapshot(async () => {
    const out: BackupManifest['tables'] = [];
    const tables = await source.tables();
    for (const [i, table] of tables.entries()) {
      const file = `tables/${String(i).padStart(3, '0')}-${table.name}.copy`;
      const { sink, digest, done } = fileWithDigest(join(dir, file));
      await source.copyOut(table, sink);
      sink.end();
      await done;
      out.push({ ...table, file, rows: digest.rows, sha256: digest.digest() });
    }
    say(`  rows: ${out.reduce((n, t) => n + t.rows, 0)} in ${out.length} tables`);
    return out;
  });
}

/** Copies every blob `from` holds that `to` lacks, checking each by its name; small pool of four. */
async function copyBlobs(
  from: BlobStore,
  to: BlobStore,
  staging: string,
  say: Say,
): Promise<BackupManifest['blobs']> {
  const names: string[] = [];
  for await (const name of from.list()) names.push(name);
  const copied: BackupManifest['blobs'] = [];
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const sha256 = names[next++]!;
      const temp = join(staging, `${randomBytes(8).toString('hex')}.blob`);
      try {
        const { stream } = await from.open(sha256);
        await pipeline(stream, createWriteStream(temp, { mode: 0o600 }));
        const put = await to.putFile(temp);
        if (put.sha256 !== sha256)
          throw new Error(`blob ${sha256} in ${from.describe()} is damaged: its bytes hash to ${put.sha256}`);
        copied.push({ sha256, bytes: put.bytes });
      } finally {
        await rm(temp, { force: true });
      }
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  const bytes = copied.reduce((n, b) => n + b.bytes, 0);
  say(`  blobs: ${copied.length} (${(bytes / 1e6).toFixed(1)} MB)`);
  return copied.sort((a, b) => a.sha256.localeCompare(b.sha256));
}

/** Loads the dumped tables into a migrated, empty target. */
async function loadTables(target: RowStore, dir: string, tables: BackupManifest['tables']): Promise<void> {
  const present = new Map((await target.tables()).map((t) => [t.name, t]));
  for (const table of tables) {
    const there = present.get(table.name);
    if (!there)
      throw new RefusedError(
        `this version of Stipple has no table ${table.name}: use the version that made the copy`,
      );
    const missing = table.columns.filter((c) => !there.columns.includes(c));
    if (missing.length)
      throw new RefusedError(
        `table ${table.name} has no column ${missing.join(', ')} in this version of Stipple`,
      );
    if (table.rows === 0) continue;
    await target.copyIn(table, createReadStream(join(dir, table.file)));
  }
}

/** Reads every table and blob back from the target and compares counts and hashes. */
async function verify(
  target: Setup,
  manifest: Pick<BackupManifest, 'tables' | 'blobs'>,
  say: Say,
): Promise<void> {
  const problems: string[] = [];
  for (const table of manifest.tables) {
    const digest = new Digest();
    const info: TableInfo = { name: table.name, columns: table.columns, orderBy: table.orderBy };
    await target.rows.copyOut(info, digest);
    if (digest.rows !== table.rows)
      problems.push(`${table.name}: ${digest.rows} rows, expected ${table.rows}`);
    else if (digest.digest() !== table.sha256)
      problems.push(`${table.name}: the rows differ from the source`);
  }
  for (const blob of manifest.blobs) {
    try {
      const { stream } = await target.blobs.open(blob.sha256);
      const hash = createHash('sha256');
      for await (const chunk of stream) hash.update(chunk as Buffer);
      if (hash.digest('hex') !== blob.sha256) problems.push(`blob ${blob.sha256}: damaged in the target`);
    } catch (err) {
      problems.push(`blob ${blob.sha256}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (problems.length)
    throw new Error(`the copy does not match its source:\n  ${problems.slice(0, 20).join('\n  ')}`);
  say(
    `  checked: ${manifest.tables.length} tables (row counts and SHA-256) and ${manifest.blobs.length} blobs`,
  );
}

function report(manifest: Pick<BackupManifest, 'tables' | 'blobs'>): MoveReport {
  return {
    tables: manifest.tables.map((t) => ({ name: t.name, rows: t.rows })),
    blobs: { count: manifest.blobs.length, bytes: manifest.blobs.reduce((n, b) => n + b.bytes, 0) },
  };
}

async function assertCurrent(rows: RowStore): Promise<number> {
  const applied = await rows.appliedMigrations();
  const shipped = shippedMigrationCount();
  if (applied !== shipped)
    throw new RefusedError(
      `${rows.describe()} has ${applied} of this version's ${shipped} migrations: start the server of this version on it once first`,
    );
  return applied;
}

/** A backup of `source` into the new folder `out` (which must not exist). */
export async function backup(source: Setup, out: string, say: Say = () => undefined): Promise<MoveReport> {
  const target = resolve(out);
  if (await exists(target))
    throw new RefusedError(`${target} exists already: name a new folder for the backup`);
  const migrations = await assertCurrent(source.rows);
  await mkdir(dirname(target), { recursive: true });
  // Written beside the target and renamed at the end: a folder named `out` is always complete.
  const partial = `${target}.partial-${randomBytes(4).toString('hex')}`;
  await mkdir(partial, { mode: 0o700 });
  try {
    say(`Backing up ${source.rows.describe()} and ${source.blobs.describe()}`);
    const tables = await dumpTables(source.rows, partial, say);
    const blobs = await copyBlobs(source.blobs, new FolderBlobStore(join(partial, 'blobs')), partial, say);
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      version: 1,
      createdAt: new Date().toISOString(),
      source: source.rows.kind,
      migrations,
      tables,
      blobs,
    };
    await writeManifest(partial, manifest);
    await rename(partial, target);
    say(`Backup written to ${target}`);
    return report(manifest);
  } catch (err) {
    await rm(partial, { recursive: true, force: true });
    throw err;
  }
}

/** Restores the backup in `from` into an empty target, then checks it. */
export async function restore(from: string, target: Setup, say: Say = () => undefined): Promise<MoveReport> {
  const dir = resolve(from);
  const manifest = await readManifest(dir);
  if (!manifest) throw new RefusedError(`${dir} is not a complete Stipple backup (it has no manifest.json)`);
  if (manifest.migrations > shippedMigrationCount())
    throw new RefusedError(
      `the backup comes from a newer version of Stipple (${manifest.migrations} migrations; this one ships ${shippedMigrationCount()})`,
    );
  await refuseUnlessEmpty(target);
  say(`Restoring ${dir} into ${target.rows.describe()} and ${target.blobs.describe()}`);
  await target.rows.migrate();
  await loadTables(target.rows, dir, manifest.tables);
  const staging = await mkdtemp(join(tmpdir(), 'stipple-restore-'));
  try {
    await copyBlobs(new FolderBlobStore(join(dir, 'blobs')), target.blobs, staging, say);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  await verify(target, manifest, say);
  return report(manifest);
}

/** Copies a PGlite setup into an empty PostgreSQL one (rows and blobs), then checks it. */
export async function migrateSetup(
  source: Setup,
  target: Setup,
  say: Say = () => undefined,
): Promise<MoveReport> {
  if (source.rows.kind !== 'pglite') throw new RefusedError('the source must be a PGlite data folder');
  await refuseUnlessEmpty(target);
  say(`Migrating ${source.rows.describe()} into ${target.rows.describe()}`);
  // The source gets this version's migrations first, as the server would at its next start.
  await source.rows.migrate();
  const staging = await mkdtemp(join(tmpdir(), 'stipple-migrate-'));
  try {
    const tables = await dumpTables(source.rows, staging, say);
    await target.rows.migrate();
    await loadTables(target.rows, staging, tables);
    const blobs = await copyBlobs(source.blobs, target.blobs, staging, say);
    await verify(target, { tables, blobs }, say);
    return report({ tables, blobs });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
