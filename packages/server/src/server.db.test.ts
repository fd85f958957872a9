// The whole server as `npm start` runs it: a fresh, unmigrated database, migrations, the demo
// studio and its printed sign-in, then a restart on the same data.
import type { ClientListPage, PreviewList, PreviewRender } from '@stipple/core';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { clientRepository } from './clients/client.repository.js';
import { startServer, type RunningServer } from './server.js';
import { studioRepository } from './studio/studio.repository.js';
import {
  createEmptyTestDatabase,
  currentLeg,
  databaseUrl,
  type TestDatabase,
} from './test-support/test-db.js';
import { ApiClient, testConfig } from './test-support/test-server.js';

const SIGN_IN_LINE = /^\[stipple\] Demo sign-in: (\S+@demo-studio\.example) \/ (\S+)$/;
const log = pino({ level: 'silent' });

describe('starting the server on an empty database', () => {
  let empty: TestDatabase;
  let dataDir: string;
  const env = () => ({
    STIPPLE_DATA_DIR: dataDir,
    STIPPLE_DEMO_DATA: 'true',
    STIPPLE_WEB_DIST: join(dataDir, 'no-web'),
    ...(empty.url ? { DATABASE_URL: empty.url } : {}),
  });

  beforeAll(async () => {
    empty = await createEmptyTestDatabase();
    // Only its URL is used on PostgreSQL; on PGlite the server opens its own in the data folder.
    await empty.db.close();
    dataDir = mkdtempSync(join(tmpdir(), 'stipple-start-'));
  });
  afterAll(async () => {
    await empty?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses to start on an unmigrated database when told to skip migrations', async () => {
    const config = testConfig({ ...env(), STIPPLE_SKIP_MIGRATIONS: 'true', STIPPLE_DEMO_DATA: 'false' });
    await expect(startServer(config, { announce: () => undefined, logger: log })).rejects.toThrow(
      /not migrated \(0 of \d+ migrations applied\)/,
    );
  });

  it('migrates, creates the demo studio, prints its sign-in and survives a restart', async () => {
    const lines: string[] = [];
    let server: RunningServer | undefined = await startServer(testConfig(env()), {
      announce: (l) => lines.push(l),
      logger: log,
    });
    try {
      const signIns = lines.filter((l) => SIGN_IN_LINE.test(l));
      expect(signIns.map((l) => SIGN_IN_LINE.exec(l)![1])).toEqual([
        'owner@demo-studio.example',
        'artist@demo-studio.example',
        'desk@demo-studio.example',
      ]);
      expect(lines.at(-1)).toBe(`[stipple] Listening on ${server.url}`);
      const [, email, password] = SIGN_IN_LINE.exec(signIns[0]!)!;

      const file = join(dataDir, 'demo-sign-in.txt');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, 'utf8')).toContain(`${email} / ${password}`);

      const api = new ApiClient(server.url);
      expect((await api.get('/readyz')).status).toBe(200);
      const session = await api.login(email!, password!);
      expect(session.studio.name).toBe('Demo Studio');
      const clients = (await api.get<ClientListPage>('/api/clients')).body;
      expect(clients.total).toBe(3);
      expect((await api.get<ClientListPage>('/api/clients?q=jose%20nunez')).body.items[0]?.familyName).toBe(
        'Núñez',
      );
      expect(
        (await api.get<ClientListPage>(`/api/clients?q=${encodeURIComponent('王')}`)).body.items[0]
          ?.givenName,
      ).toBe('芳');
      // The embedded database allows one server per data folder.
      if (currentLeg() === 'pglite') {
        await expect(
          startServer(testConfig(env()), { announce: () => undefined, logger: log }),
        ).rejects.toThrow(/already uses the data folder/);
      }
      // The demo preview: the crown photo with the example zones, rendered in a job.
      const artist = new ApiClient(server.url);
      const [, artistEmail, artistPassword] = SIGN_IN_LINE.exec(signIns[1]!)!;
      await artist.login(artistEmail!, artistPassword!);
      const demoPreview = async () => (await artist.get<PreviewList>('/api/previews')).body.items;
      await expect.poll(async () => (await demoPreview()).length, { timeout: 30_000 }).toBe(1);
      await expect
        .poll(async () => (await demoPreview())[0]?.latestRender?.status, { timeout: 120_000, interval: 500 })
        .toBe('done');
      const [preview] = await demoPreview();
      expect(preview).toMatchObject({ clientName: 'Oliver Bennett', view: 'top', zoneCount: 4, version: 1 });
      const render = (await artist.get<PreviewRender>(`/api/renders/${preview!.latestRender!.id}`)).body;
      expect(render.stages.map((st) => st.name)).toEqual([
        'session-1',
        'session-2',
        'session-3',
        'healed',
        'healed-scar-poor',
        'faded-5y',
      ]);
      expect(render.stages.every((st) => st.width === 4032 && st.height === 3024)).toBe(true);

      const desk = new ApiClient(server.url);
      const [, deskEmail, deskPassword] = SIGN_IN_LINE.exec(signIns[2]!)!;
      expect((await desk.login(deskEmail!, deskPassword!)).user.role).toBe('front_desk');
      await server.close();
      server = undefined;

      const again: string[] = [];
      server = await startServer(testConfig(env()), { announce: (l) => again.push(l), logger: log });
      expect(again).toEqual([`[stipple] Demo sign-in: see ${file}`, `[stipple] Listening on ${server.url}`]);
      const back = new ApiClient(server.url);
      await back.login(email!, password!);
      expect((await back.get<ClientListPage>('/api/clients')).body.total).toBe(3);
    } finally {
      await server?.close();
    }
  });
});

// A database user that is not a superuser must be allowed to switch to stipple_app; the server
// says exactly which GRANT is missing. Only PostgreSQL has other users.
if (currentLeg() === 'postgres') {
  describe('a non-superuser database user', () => {
    const admin = () => new pg.Client({ connectionString: inject('postgresAdminUrl') });
    const dataDir = mkdtempSync(join(tmpdir(), 'stipple-nonsuper-'));
    const role = `plain_${Date.now().toString(36)}`;
    const dbName = `${role}_db`;

    beforeAll(async () => {
      const c = admin();
      await c.connect();
      await c.query(`create role ${role} login`);
      await c.query(`create database ${dbName} owner ${role}`);
      await c.end();
    });
    afterAll(async () => {
      const c = admin();
      await c.connect();
      await c.query(`drop database if exists ${dbName} with (force)`);
      await c.end();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('is refused with the GRANT to run, and works once it is granted, still confined by RLS', async () => {
      const url = new URL(databaseUrl(inject('postgresAdminUrl'), dbName));
      url.username = role;
      const config = testConfig({
        DATABASE_URL: url.toString(),
        STIPPLE_DATA_DIR: dataDir,
        STIPPLE_DEMO_DATA: 'true',
      });
      await expect(startServer(config, { announce: () => undefined, logger: log })).rejects.toThrow(
        new RegExp(`GRANT stipple_app TO "${role}"`),
      );

      const c = admin();
      await c.connect();
      await c.query(`grant stipple_app to ${role}`);
      await c.end();

      const lines: string[] = [];
      const server = await startServer(config, { announce: (l) => lines.push(l), logger: log });
      try {
        const [, email, password] = SIGN_IN_LINE.exec(lines[0]!)!;
        const api = new ApiClient(server.url);
        await api.login(email!, password!);
        expect((await api.get<ClientListPage>('/api/clients')).body.total).toBe(3);
        const other = await server.db.asSystem((tx) => studioRepository.create(tx, 'Second Studio'));
        const seen = await server.db.withStudio(other.id, (tx) =>
          clientRepository.list(tx, { archived: 'include', page: 1, pageSize: 10 }),
        );
        expect(seen.total).toBe(0);
      } finally {
        await server.close();
      }
    });
  });
}
