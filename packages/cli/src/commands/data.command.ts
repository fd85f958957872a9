// `stipple migrate`, `stipple backup` and `stipple restore`: moving a studio's rows and photos
// between setups, each copy checked (row counts and hashes, every blob re-read) before it is done.
import { Command } from 'commander';
import type { OpenSetup, SetupLocation } from '@stipple/server';
import {
  configuredSetup,
  loadServer,
  pgliteSetup,
  runDataCommand,
  say,
  targetBlobStore,
  type ServerModule,
} from '../lib/setup-from-env.js';
import { UsageError } from '../lib/usage-error.js';

async function withSetups<T>(
  server: ServerModule,
  locations: [SetupLocation, 'source' | 'target'][],
  fn: (setups: OpenSetup[]) => Promise<T>,
): Promise<T> {
  const open: OpenSetup[] = [];
  try {
    for (const [where, role] of locations) open.push(await server.openSetup(where, role));
    return await fn(open);
  } finally {
    for (const setup of open.reverse()) await setup.close();
  }
}

export function migrateCommand(): Command {
  return new Command('migrate')
    .description(
      'copy a PGlite data folder (rows and photos) into an empty PostgreSQL database and an empty bucket or folder, then check the copy',
    )
    .requiredOption('--to <url>', 'the empty PostgreSQL database: postgres://user:pass@host:5432/stipple')
    .option('--data-dir <dir>', 'the PGlite data folder (default: $STIPPLE_DATA_DIR or ./data)')
    .option('--blob-store <kind>', 'where the photos go: s3 (the STIPPLE_S3_* variables) or folder')
    .option('--blob-dir <dir>', 'with --blob-store folder: the new, empty folder for the photos')
    .action(async (opts: { to: string; dataDir?: string; blobStore?: string; blobDir?: string }) => {
      if (!/^postgres(ql)?:\/\/[^/]+/.test(opts.to))
        throw new UsageError('--to: must be a postgres:// or postgresql:// URL');
      const server = await loadServer();
      const source = pgliteSetup(opts.dataDir);
      const target: SetupLocation = {
        databaseUrl: opts.to,
        dataDir: source.dataDir,
        blobStore: targetBlobStore(server, opts.blobStore, opts.blobDir),
      };
      await runDataCommand(server, () =>
        withSetups(
          server,
          [
            [source, 'source'],
            [target, 'target'],
          ],
          ([from, to]) => server.migrateSetup(from!, to!, say),
        ),
      );
      say('Point the server at it: DATABASE_URL (and STIPPLE_BLOB_STORE / STIPPLE_S3_*), then start it.');
    });
}

export function backupCommand(): Command {
  return new Command('backup')
    .description(
      'back up the configured setup (PGlite or DATABASE_URL, and the blob store) into a new folder; the server may run on PostgreSQL, not on PGlite',
    )
    .requiredOption('--out <dir>', 'the new folder for the backup (must not exist)')
    .action(async (opts: { out: string }) => {
      const server = await loadServer();
      await runDataCommand(server, () =>
        withSetups(server, [[configuredSetup(server), 'source']], ([from]) =>
          server.backup(from!, opts.out, say),
        ),
      );
    });
}

export function restoreCommand(): Command {
  return new Command('restore')
    .description('restore a backup into the configured setup, which must be empty, then check it')
    .requiredOption('--from <dir>', 'the backup folder')
    .action(async (opts: { from: string }) => {
      const server = await loadServer();
      await runDataCommand(server, () =>
        withSetups(server, [[configuredSetup(server), 'target']], ([to]) =>
          server.restore(opts.from, to!, say),
        ),
      );
    });
}
