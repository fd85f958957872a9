// `npm start`: read the configuration, start the server, and shut down cleanly on SIGINT or
// SIGTERM (PGlite must be closed to flush its files). A second signal exits at once.
import { ConfigError, loadConfig } from './config.js';
import { startServer } from './server.js';

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
