import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { startServer } from './server.js';

const dataDir = mkdtempSync(join(tmpdir(), 'stipple-unreachable-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('startServer', () => {
  it('says which database it cannot reach, without printing the URL', async () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://stipple:secret-password@127.0.0.1:1/stipple',
      STIPPLE_DATA_DIR: dataDir,
      STIPPLE_PORT: '0',
    });
    const failure = startServer(config, { announce: () => undefined, logger: pino({ level: 'silent' }) });
    await expect(failure).rejects.toThrow(
      /^Cannot reach the PostgreSQL server in DATABASE_URL: .*ECONNREFUSED/,
    );
    await expect(failure).rejects.not.toThrow(/secret-password/);
  });
});
