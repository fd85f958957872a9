// `npm start`: read the configuration, start the server, and shut down cleanly on SIGINT or
// SIGTERM (PGlite must be closed to flush its files). A second signal exits at once.
import { Email } from '@stipple/core';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createDb } from './db/create-db.js';
import { lockDataDir } from './db/data-dir-lock.js';
import { startServer } from './server.js';
import { createStudioInvitation } from './setup/setup.service.js';

/**
 * `invite-studio <email>`: prints a one-time link with which that person creates a new studio
 * (STIPPLE_SIGNUP=invite). With the embedded database, stop the server first (one process per
 * data folder).
 */
async function inviteStudio(config: Config, email: string | undefined): Promise<void> {
  const parsed = Email.safeParse(email ?? '');
  if (!parsed.success) {
    process.stderr.write('[stipple] usage: invite-studio <email of the new owner>\n');
    process.exit(2);
  }
  const lock = config.databaseUrl ? null : lockDataDir(config.dataDir);
  const db = await createDb(config);
  try {
    await db.migrate();
    const { link, expiresAt } = await createStudioInvitation(db, config, parsed.data);
    if (config.signup !== 'invite')
      process.stdout.write(`[stipple] Note: STIPPLE_SIGNUP is ${config.signup}, not invite\n`);
    process.stdout.write(
      `[stipple] Studio invitation for ${parsed.data} (works once, until ${expiresAt.toISOString()}):\n${link}\n`,
    );
  } finally {
    await db.close();
    lock?.release();
  }
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`[stipple] ${err.message}\n[stipple] See .env.example for every setting.\n`);
      process.exit(2);
    }
    throw err;
  }

  if (process.argv[2] === 'invite-studio') return inviteStudio(config, process.argv[3]);
  const server = await startServer(config);
  let signals = 0;
  const shutdown = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) {
      process.stderr.write(`[stipple] ${signal} again: exiting without waiting\n`);
      process.exit(1);
    }
    process.stdout.write(`[stipple] ${signal}: shutting down\n`);
    server.close().then(
      () => {
        process.stdout.write('[stipple] Stopped\n');
        process.exit(0);
      },
      (err: unknown) => {
        process.stderr.write(
          `[stipple] Shutdown failed: ${err instanceof Error ? err.message : String(err)}\n`,
        );
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  process.stderr.write(`[stipple] Could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
