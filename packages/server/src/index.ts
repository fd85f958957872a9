// The server package's programmatic surface, for tests and the browser tests.
export { loadConfig, ConfigError, type Config } from './config.js';
export { startServer, type RunningServer, type StartOptions } from './server.js';
export { buildApp, type AppDeps } from './app.js';
export { createDb, createPgliteDatabase, createPostgresDatabase } from './db/create-db.js';
export type { Database, Tx } from './db/database.js';
export { createServices, type Services } from './services.js';
export { DEMO_STUDIO_NAME, DEMO_SIGN_IN_FILE, type DemoOutcome } from './demo/demo.service.js';
export { SERVER_VERSION } from './version.js';
export {
  backup,
  restore,
  migrateSetup,
  RefusedError,
  type MoveReport,
} from './data-move/data-move.service.js';
export { openSetup, type OpenSetup, type SetupLocation } from './data-move/open-setup.js';
export type { BlobStoreConfig, S3StoreConfig } from './config.js';
