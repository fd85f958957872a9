// Migrates one PGlite database once per test run and dumps it to a file; every test file then
// starts its own PGlite from that dump (about 0.6 s instead of 3 s for a fresh instance).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { createPgliteDatabase, pgliteOptions } from '../db/create-db.js';
import './provided.js';

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'stipple-pglite-'));
  const pglite = await PGlite.create(pgliteOptions());
  const db = createPgliteDatabase(pglite);
  await db.migrate();
  const dump = await pglite.dumpDataDir('none');
  const path = join(dir, 'migrated.tar');
  writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
  await db.close();
  project.provide('pgliteDumpPath', path);
  return () => rmSync(dir, { recursive: true, force: true });
}
