// drizzle-kit reads the schema and writes SQL migrations into one folder that both PGlite and
// PostgreSQL apply at start (`npm run db:generate`). Row-level security and the app role live in
// hand-written (`--custom`) migrations in the same folder.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './packages/server/src/db/schema.ts',
  out: './packages/server/migrations',
  casing: undefined,
  strict: true,
  verbose: false,
});
