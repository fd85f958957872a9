import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_VERSION } from '../version.js';

interface OpenApiDocument {
  openapi: string;
  paths: Record<
    string,
    Record<string, { requestBody: { content: Record<string, { schema: { required: string[] } }> } }>
  >;
}
import { startTestServer, type TestServer } from '../test-support/test-server.js';

let ts: TestServer;
const webDist = mkdtempSync(join(tmpdir(), 'stipple-web-'));

beforeAll(async () => {
  writeFileSync(
    join(webDist, 'index.html'),
    '<!doctype html><title>Stipple app</title><div id="root"></div>',
  );
  mkdirSync(join(webDist, 'assets'));
  writeFileSync(join(webDist, 'assets', 'index-abc123.js'), 'console.log("app")');
  ts = await startTestServer({ env: { STIPPLE_WEB_DIST: webDist } });
});
afterAll(async () => {
  await ts?.close();
  rmSync(webDist, { recursive: true, force: true });
});

describe('health', () => {
  it('/healthz says the process is up', async () => {
    const res = await ts.client().get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
  });

  it('/readyz reports the database, the job queue and the blob store', async () => {
    const res = await ts.client().get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, version: SERVER_VERSION, db: true, jobs: true, blobs: true });
    expect(ts.server.jobs.kind).toBe(ts.testDb.kind === 'postgres' ? 'pg-boss' : 'in-process');
  });
});

describe('documentation', () => {
  it('serves the OpenAPI document with every API route, and Swagger UI at /docs', async () => {
    const spec = await ts.client().get<OpenApiDocument>('/openapi.json');
    expect(spec.status).toBe(200);
    expect(spec.body.openapi).toBe('3.0.3');
    expect(Object.keys(spec.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/login',
        '/api/auth/session',
        '/api/auth/logout',
        '/api/auth/accept-invitation',
        '/api/invitations/{token}',
        '/api/me/preferences',
        '/api/staff',
        '/api/staff/invitations',
        '/api/staff/{id}',
        '/api/clients',
        '/api/clients/{id}',
        '/api/clients/{id}/archive',
        '/api/clients/{id}/restore',
        '/api/audit',
        '/healthz',
        '/readyz',
      ]),
    );
    const create = spec.body.paths['/api/clients']?.post;
    expect(create?.requestBody.content['application/json']?.schema.required).toContain('familyName');
    const docs = await ts.client().get('/docs/');
    expect(docs.status).toBe(200);
    expect(docs.body).toMatch(/swagger/i);
  });
});

describe('the web app', () => {
  it('serves index.html for page paths (SPA fallback) and hashed assets with long caching', async () => {
    for (const path of [
      '/',
      '/clients',
      '/clients/0b7c1a2e-0000-4000-8000-000000000000',
      '/invite/some-token',
    ]) {
      const page = await ts.client().get(path);
      expect(page.status, path).toBe(200);
      expect(page.body).toContain('Stipple app');
      expect(page.headers.get('cache-control')).toBe('no-cache');
    }
    const asset = await ts.client().get('/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.body).toContain('console.log');
    expect(asset.headers.get('cache-control')).toMatch(/immutable/);
    expect((await ts.client().get('/assets/index-missing.js')).status).toBe(404);
    expect((await ts.client().get('/api/unknown')).body.error).toBe('not_found');
  });

  it('sends security headers with a CSP the app can run under on plain http', async () => {
    const res = await ts.client().get('/');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });
});

describe('readiness without a database', () => {
  it('answers 503 once the database is closed, while /healthz still answers', async () => {
    await ts.server.db.close();
    const res = await ts.client().get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ ok: false, db: false });
    expect((await ts.client().get('/healthz')).status).toBe(200);
  });
});
