// The lint rules that hold the layering (all SQL in repositories and db/) and core's purity (no
// I/O, no clock, no HTTP) are checks only while they fire: each case plants a violation in a file
// of the folder it concerns and asks ESLint, with the repository's own config, what it reports.
import { join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;
// The rules under test read syntax only; without the type-aware rules a planted file needs no
// tsconfig to belong to, and the check takes a moment instead of building a program.
const eslint = new ESLint({ cwd: root, overrideConfig: [tseslint.configs.disableTypeChecked] });

const LAYERING = '@typescript-eslint/no-restricted-imports';
const CORE_RULES = new Set(['no-restricted-imports', 'no-restricted-globals', 'no-restricted-syntax']);

/** The layering and purity rules ESLint reports for `code` as if it were the file `path`, each once. */
async function reported(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  const messages = result?.messages ?? [];
  const fatal = messages.filter((m) => m.fatal);
  if (fatal.length) throw new Error(`${path} did not parse: ${fatal.map((m) => m.message).join('; ')}`);
  const ids = messages.map((m) => m.ruleId ?? '').filter((id) => id === LAYERING || CORE_RULES.has(id));
  return [...new Set(ids)];
}

describe('layering: no database outside repositories and db/', () => {
  const query =
    "import { eq } from 'drizzle-orm';\nexport const byId = (id: string) => eq(id as never, id);\n";

  it('refuses drizzle in a service, a route and a helper, and takes it in a repository and db/', async () => {
    expect(await reported('packages/server/src/clients/planted.service.ts', query)).toEqual([LAYERING]);
    expect(await reported('packages/server/src/clients/planted.routes.ts', query)).toEqual([LAYERING]);
    expect(await reported('packages/server/src/outbox/planted-helper.ts', query)).toEqual([LAYERING]);
    expect(await reported('packages/server/src/clients/planted.repository.ts', query)).toEqual([]);
    expect(await reported('packages/server/src/db/planted.ts', query)).toEqual([]);
    // The session-number fragment lives in the appointment repository now: a file of SQL under
    // any other name is no longer exempt.
    expect(await reported('packages/server/src/appointments/session-number.ts', query)).toEqual([LAYERING]);
  });

  it('refuses the drivers and the schema’s tables, and a db/ value outside repositories', async () => {
    const cases = [
      "import pg from 'pg';\nexport const P = pg;\n",
      "import { PGlite } from '@electric-sql/pglite';\nexport const P = PGlite;\n",
      "import { client } from '../db/schema.js';\nexport const t = client;\n",
      "import { queryRows } from '../db/database.js';\nexport const q = queryRows;\n",
    ];
    for (const code of cases)
      expect(await reported('packages/server/src/clients/planted.service.ts', code), code).toEqual([
        LAYERING,
      ]);
    expect(
      await reported('packages/web/src/pages/Planted.tsx', "import pg from 'pg';\nexport const P = pg;\n"),
    ).toEqual([LAYERING]);
  });

  it('lets a service hold the transaction handle and classify a driver error', async () => {
    const code = [
      "import type { Database, Tx } from '../db/database.js';",
      "import { isUniqueViolation } from '../db/pg-errors.js';",
      'export type Deps = { db: Database; tx?: Tx };',
      'export const duplicate = isUniqueViolation;',
      '',
    ].join('\n');
    expect(await reported('packages/server/src/clients/planted.service.ts', code)).toEqual([]);
  });
});

describe('core: no HTTP errors', () => {
  const file = 'packages/core/src/domain/planted.ts';

  it('refuses the server’s error types and HTTP libraries', async () => {
    for (const from of ['@stipple/server', '../../../server/src/http/app-error.js', 'http-errors', 'fastify'])
      expect(
        await reported(file, `import { AppError } from '${from}';\nexport const E = AppError;\n`),
        from,
      ).toEqual(['no-restricted-imports']);
  });

  it('refuses building an error that carries an HTTP status', async () => {
    const cases = [
      "export const f = () => { throw new AppError(404, 'not_found', 'x'); };\n",
      "export const f = () => { throw Object.assign(new Error('x'), { statusCode: 404 }); };\n",
      'export class Missing extends Error {\n  statusCode = 404;\n}\n',
      'export class Missing extends Error {\n  constructor(readonly statusCode: number) {\n    super();\n  }\n}\n',
      'export const mark = (e: { statusCode?: number }) => {\n  e.statusCode = 400;\n};\n',
    ];
    for (const code of cases)
      expect(await reported(file, `declare const AppError: any;\n${code}`), code).toContain(
        'no-restricted-syntax',
      );
  });

  it('leaves a domain error and a region’s status alone', async () => {
    const code = [
      "export class ZoneError extends Error {\n  readonly code = 'zone_open';\n}",
      "export const region = { status: 'resolved' };",
      '',
    ].join('\n');
    expect(await reported(file, code)).toEqual([]);
  });
});

describe('core: no I/O and no clock', () => {
  const file = 'packages/core/src/render/planted.ts';

  it('refuses reading the clock in each way JavaScript offers', async () => {
    const cases = [
      'export const t = Date.now();',
      'export const d = new Date();',
      'export const s = Date();',
      'export const p = performance.now();',
      'export const g = (globalThis as { performance: { now(): number } }).performance.now();',
    ];
    for (const code of cases) expect((await reported(file, `${code}\n`)).length, code).toBeGreaterThan(0);
  });

  it('refuses I/O: Node modules, process and fetch', async () => {
    expect(
      await reported(file, "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n"),
    ).toEqual(['no-restricted-imports']);
    expect(await reported(file, 'export const e = process.env.HOME;\n')).toEqual(['no-restricted-globals']);
    expect(await reported(file, "export const f = () => fetch('/');\n")).toEqual(['no-restricted-globals']);
  });

  it('takes a date made from a value and a clock passed in', async () => {
    const code = [
      'export const epoch = new Date(0);',
      'export const utc = Date.UTC(2026, 0, 1);',
      'export const lap = (clock: { now(): number }) => clock.now();',
      '',
    ].join('\n');
    expect(await reported(file, code)).toEqual([]);
  });

  it('holds in the server and the web app no such rule (they own the clock)', async () => {
    expect(
      await reported('packages/server/src/clients/planted.service.ts', 'export const t = Date.now();\n'),
    ).toEqual([]);
  });
});
