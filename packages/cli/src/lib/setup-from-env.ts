// Where the data commands read and write: the same environment variables the server reads
// (STIPPLE_DATA_DIR, DATABASE_URL, STIPPLE_BLOB_STORE, STIPPLE_S3_*, the AWS credentials), checked
// the same way. A bad value is a usage error (exit 2) naming the variable.
import { join, resolve } from 'node:path';
// The server package is loaded only by these commands (it is large): `server` is that module.
import type * as Server from '@stipple/server';
import type { BlobStoreConfig, MoveReport, SetupLocation } from '@stipple/server';
import { UsageError } from './usage-error.js';

type Env = Record<string, string | undefined>;
export type ServerModule = typeof Server;

export const loadServer = (): Promise<ServerModule> => import('@stipple/server');

function configOf(server: ServerModule, env: Env) {
  try {
    return server.loadConfig(env);
  } catch (err) {
    if (err instanceof server.ConfigError) throw new UsageError(err.problems.join('\n'));
    throw err;
  }
}

/** The setup the server would run on with this environment. */
export function configuredSetup(server: ServerModule, env: Env = process.env): SetupLocation {
  const config = configOf(server, env);
  return { databaseUrl: config.databaseUrl, dataDir: config.dataDir, blobStore: config.blobStore };
}

/** The PGlite setup in `dataDir` with its blob folder (the starting point of a move). */
export function pgliteSetup(dataDir: string | undefined, env: Env = process.env): SetupLocation {
  const dir = resolve(dataDir ?? env.STIPPLE_DATA_DIR ?? './data');
  return {
    dataDir: dir,
    blobStore: { kind: 'folder', dir: resolve(env.STIPPLE_BLOB_DIR ?? join(dir, 'blobs')) },
  };
}

/** The bucket of the STIPPLE_S3_* variables, or a new folder. */
export function targetBlobStore(
  server: ServerModule,
  choice: string | undefined,
  blobDir: string | undefined,
  env: Env = process.env,
): BlobStoreConfig {
  const kind = choice ?? (env.STIPPLE_BLOB_STORE === 's3' ? 's3' : 'folder');
  if (kind === 's3')
    return configOf(server, { ...env, STIPPLE_BLOB_STORE: 's3', STIPPLE_BLOB_DIR: undefined }).blobStore;
  if (kind !== 'folder') throw new UsageError('--blob-store: must be folder or s3');
  if (!blobDir)
    throw new UsageError(
      '--blob-dir: name the new, empty folder for the photos (or use --blob-store s3 with the STIPPLE_S3_* variables)',
    );
  return { kind: 'folder', dir: resolve(blobDir) };
}

/** Runs a data command: a refusal is a usage error (exit 2); prints the summary. */
export async function runDataCommand(server: ServerModule, work: () => Promise<MoveReport>): Promise<void> {
  let result: MoveReport;
  try {
    result = await work();
  } catch (err) {
    if (err instanceof server.RefusedError) throw new UsageError(err.message);
    throw err;
  }
  const rows = result.tables.reduce((n, t) => n + t.rows, 0);
  process.stdout.write(
    `Done: ${rows} rows in ${result.tables.length} tables, ${result.blobs.count} blobs (${(result.blobs.bytes / 1e6).toFixed(1)} MB), every one checked.\n`,
  );
}

export const say = (line: string) => process.stdout.write(`${line}\n`);
