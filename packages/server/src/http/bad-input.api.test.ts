// Bad input to every endpoint: each gets a 4xx JSON error that names the field, and the server
// keeps serving afterwards.
import type { Client } from '@stipple/core';
import type { InvitationPreview } from '@stipple/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClientFixture, createStudioFixture, type FixtureStudio } from '../test-support/fixtures.js';
import { signedInAs } from '../test-support/signed-in.js';
import {
  startTestServer,
  type ApiClient,
  type ApiResponse,
  type TestServer,
} from '../test-support/test-server.js';

let ts: TestServer;
let studio: FixtureStudio;
let owner: ApiClient;
let clientId: string;

beforeAll(async () => {
  ts = await startTestServer();
  studio = await createStudioFixture(ts.server.db, 'Bad Input Studio');
  clientId = await createClientFixture(ts.server.db, studio.id, { familyName: 'Sturdy' });
  owner = await signedInAs(ts, studio.owner.email);
});
afterAll(() => ts?.close());

function expectFieldError(res: ApiResponse, status: number, where: string, field: string, message?: RegExp) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(typeof res.body.error).toBe('string');
  expect(typeof res.body.message).toBe('string');
  const match = (res.body.fields as { in: string; field: string; message: string }[] | undefined)?.find(
    (f) => f.in === where && f.field === field,
  );
  expect(match, `expected a field error for ${where}.${field} in ${JSON.stringify(res.body)}`).toBeDefined();
  if (message) expect(match!.message).toMatch(message);
}

interface BodyEndpoint {
  method: 'POST' | 'PATCH' | 'PUT';
  path: () => string;
  valid: Record<string, unknown>;
  wrongType: { body: Record<string, unknown>; field: string };
  missing: string;
}

const bodyEndpoints: BodyEndpoint[] = [
  {
    method: 'POST',
    path: () => '/api/auth/login',
    valid: { email: 'someone@example.com', password: 'x' },
    wrongType: { body: { email: 'someone@example.com', password: 12345 }, field: 'password' },
    missing: 'email',
  },
  {
    method: 'POST',
    path: () => '/api/auth/accept-invitation',
    valid: { token: 'x'.repeat(43), password: 'a long enough passphrase here' },
    wrongType: { body: { token: ['x'], password: 'a long enough passphrase here' }, field: 'token' },
    missing: 'token',
  },
  {
    method: 'PATCH',
    path: () => '/api/me/preferences',
    valid: { locale: 'en' },
    wrongType: { body: { locale: true }, field: 'locale' },
    missing: 'locale',
  },
  {
    method: 'POST',
    path: () => '/api/staff/invitations',
    valid: { email: 'new@example.com', name: 'New Person', role: 'artist' },
    wrongType: { body: { email: 'new@example.com', name: 'New Person', role: 'manager' }, field: 'role' },
    missing: 'name',
  },
  {
    method: 'PATCH',
    path: () => `/api/staff/${studio.artist.id}`,
    valid: { name: 'Renamed Artist' },
    wrongType: { body: { active: 'yes' }, field: 'active' },
    missing: 'body',
  },
  {
    method: 'POST',
    path: () => '/api/clients',
    valid: { familyName: 'Valid' },
    wrongType: { body: { familyName: 42 }, field: 'familyName' },
    missing: 'familyName',
  },
  {
    method: 'PATCH',
    path: () => `/api/clients/${clientId}`,
    valid: { notes: 'fine' },
    wrongType: { body: { version: 'two', notes: 'x' }, field: 'version' },
    missing: 'body',
  },
];

// The treatment-record endpoints. Validation runs before any record is looked up, so made-up ids do.
const anyId = '6f1d7c2e-8a4b-4c3d-9e5f-0a1b2c3d4e5f';
const startsAt = '2030-03-04T10:00:00Z';
bodyEndpoints.push(
  {
    method: 'POST',
    path: () => `/api/clients/${clientId}/courses`,
    valid: { title: 'Scar camouflage' },
    wrongType: { body: { title: 'x', minIntervalDays: 0 }, field: 'minIntervalDays' },
    missing: 'title',
  },
  {
    method: 'POST',
    path: () => '/api/appointments',
    valid: { clientId: anyId, artistId: anyId, kind: 'consultation', startsAt, durationMinutes: 60 },
    wrongType: {
      body: { clientId: anyId, artistId: anyId, kind: 'party', startsAt, durationMinutes: 60 },
      field: 'kind',
    },
    missing: 'clientId',
  },
  {
    method: 'POST',
    path: () => `/api/appointments/${anyId}/move`,
    valid: { startsAt, version: 1 },
    wrongType: { body: { startsAt: 'next tuesday', version: 1 }, field: 'startsAt' },
    missing: 'version',
  },
  {
    method: 'POST',
    path: () => `/api/appointments/${anyId}/cancel`,
    valid: { reason: 'Client unwell', version: 1 },
    wrongType: { body: { reason: 'Client unwell', version: 'one' }, field: 'version' },
    missing: 'reason',
  },
  {
    method: 'PUT',
    path: () => `/api/staff/${studio.artist.id}/working-hours`,
    valid: { weekly: [], exceptions: [] },
    wrongType: {
      body: { weekly: [{ weekday: 9, start: 540, end: 1080 }], exceptions: [] },
      field: 'weekly.0.weekday',
    },
    missing: 'weekly',
  },
  {
    method: 'POST',
    path: () => '/api/calendar-feeds',
    valid: { kind: 'client', subjectId: anyId },
    wrongType: { body: { kind: 'room', subjectId: anyId }, field: 'kind' },
    missing: 'subjectId',
  },
  {
    method: 'POST',
    path: () => '/api/inventory/products',
    valid: { kind: 'pigment', name: 'Ink', manufacturer: 'Maker' },
    wrongType: { body: { kind: 'ink', name: 'Ink', manufacturer: 'Maker' }, field: 'kind' },
    missing: 'name',
  },
  {
    method: 'PATCH',
    path: () => `/api/inventory/products/${anyId}`,
    valid: { name: 'Renamed' },
    wrongType: { body: { active: 'yes' }, field: 'active' },
    missing: 'body',
  },
  {
    method: 'POST',
    path: () => `/api/inventory/products/${anyId}/lots`,
    valid: { lotNumber: 'L-1', expiresOn: '2030-01-01' },
    wrongType: { body: { lotNumber: 'L-1', expiresOn: '2030-02-30' }, field: 'expiresOn' },
    missing: 'lotNumber',
  },
  {
    method: 'PATCH',
    path: () => `/api/inventory/lots/${anyId}`,
    valid: { openedOn: '2026-01-01' },
    wrongType: { body: { openedOn: 20260101 }, field: 'openedOn' },
    missing: 'body',
  },
  {
    method: 'POST',
    path: () => '/api/consent-templates',
    valid: { kind: 'photo', language: 'en', title: 'Photos', body: 'A consent text that is long enough.' },
    wrongType: {
      body: { kind: 'tattoo', language: 'en', title: 'Photos', body: 'A consent text that is long enough.' },
      field: 'kind',
    },
    missing: 'title',
  },
  {
    method: 'POST',
    path: () => `/api/clients/${clientId}/consents`,
    valid: { templateId: anyId, signerName: 'Ana', signature: 'data:image/png;base64,iVBORw0KGgo=' },
    wrongType: {
      body: { templateId: anyId, signerName: 'Ana', signature: 'my signature' },
      field: 'signature',
    },
    missing: 'signerName',
  },
  {
    method: 'POST',
    path: () => '/api/aftercare-templates',
    valid: { language: 'en', name: 'Care', steps: [{ fromDay: 0, title: 'Keep dry' }] },
    wrongType: {
      body: { language: 'en', name: 'Care', steps: [{ fromDay: -1, title: 'Keep dry' }] },
      field: 'steps.0.fromDay',
    },
    missing: 'name',
  },
  {
    method: 'PATCH',
    path: () => `/api/photos/${anyId}`,
    valid: { view: 'top' },
    wrongType: { body: { view: 'side' }, field: 'view' },
    missing: 'body',
  },
);

describe('treatment-record bodies whose fields all have defaults', () => {
  it('PUT /api/appointments/:id/session names a bad zone, lot or flag', async () => {
    const path = `/api/appointments/${anyId}/session`;
    expectFieldError(await owner.request('PUT', path, { body: { zones: ['ear'] } }), 400, 'body', 'zones.0');
    expectFieldError(
      await owner.request('PUT', path, { body: { materials: [{ lotId: 'CB-1' }] } }),
      400,
      'body',
      'materials.0.lotId',
    );
    expectFieldError(
      await owner.request('PUT', path, { body: { complete: 'yes' } }),
      400,
      'body',
      'complete',
    );
    expectFieldError(
      await owner.request('PUT', path, { body: { colour: 'blue' } }),
      400,
      'body',
      'colour',
      /Is not a known field/,
    );
    expectFieldError(
      await owner.request('PUT', path, { rawBody: '{"zones": [' }),
      400,
      'body',
      'body',
      /not valid JSON/,
    );
  });

  it('POST /api/consents/:id/withdraw names a bad reason', async () => {
    expectFieldError(
      await owner.post(`/api/consents/${anyId}/withdraw`, { reason: 42 }),
      400,
      'body',
      'reason',
    );
    expectFieldError(
      await owner.post(`/api/consents/${anyId}/withdraw`, { why: 'x' }),
      400,
      'body',
      'why',
      /Is not a known field/,
    );
  });

  it('a photo upload names a bad view, date or file name in the query', async () => {
    const upload = (query: string) =>
      owner.request('POST', `/api/clients/${clientId}/photos?${query}`, {
        rawBody: Buffer.from([0xff, 0xd8, 0xff]),
        contentType: 'image/jpeg',
      });
    expectFieldError(await upload('takenOn=2026-01-01'), 400, 'query', 'view');
    expectFieldError(await upload('view=top&takenOn=yesterday'), 400, 'query', 'takenOn');
    expectFieldError(
      await upload('view=top&takenOn=2026-01-01&size=big'),
      400,
      'query',
      'size',
      /Is not a known field/,
    );
  });
});

describe.each(bodyEndpoints)('$method $path', (endpoint) => {
  const send = (options: Parameters<ApiClient['request']>[2]) =>
    owner.request(endpoint.method, endpoint.path(), options);

  it('names a field of the wrong type', async () => {
    expectFieldError(await send({ body: endpoint.wrongType.body }), 400, 'body', endpoint.wrongType.field);
  });

  it('names a missing field', async () => {
    const res = await send({ body: {} });
    expectFieldError(res, 400, 'body', endpoint.missing);
    if (endpoint.missing !== 'body')
      expect(res.body.fields?.find((f) => f.field === endpoint.missing)?.message).toBe('Required');
  });

  it('names an unknown field', async () => {
    expectFieldError(
      await send({ body: { ...endpoint.valid, shoeSize: 44 } }),
      400,
      'body',
      'shoeSize',
      /Is not a known field/,
    );
  });

  it('names the body when it is not a JSON object', async () => {
    expectFieldError(await send({ body: [endpoint.valid] }), 400, 'body', 'body');
    expectFieldError(await send({ rawBody: '"just a string"' }), 400, 'body', 'body');
    expectFieldError(await send({}), 400, 'body', 'body', /Required/);
  });

  it('answers malformed JSON with 400 naming the body', async () => {
    const res = await send({ rawBody: '{"familyName": "unterminated' });
    expectFieldError(res, 400, 'body', 'body', /not valid JSON/);
    expect(res.body.error).toBe('invalid_json');
  });

  it('answers another content type with 415', async () => {
    const res = await send({ rawBody: 'familyName=x', contentType: 'application/x-www-form-urlencoded' });
    expectFieldError(res, 415, 'headers', 'content-type');
    expect((await send({ rawBody: 'hello', contentType: 'text/plain' })).status).toBe(415);
  });

  it('answers a 10 MB body with 413', async () => {
    const huge = JSON.stringify({ ...endpoint.valid, notes: 'x'.repeat(10 * 1024 * 1024) });
    const res = await send({ rawBody: huge });
    expectFieldError(res, 413, 'body', 'body');
    expect(res.body.error).toBe('payload_too_large');
  });
});

describe('bad path parameters', () => {
  it.each([
    ['GET', '/api/clients/not-a-uuid'],
    ['PATCH', '/api/clients/12345'],
    ['POST', '/api/clients/zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz/archive'],
    ['POST', `/api/clients/${'a'.repeat(300)}/restore`],
    ['PATCH', '/api/staff/owner'],
    ['GET', '/api/photos/not-a-uuid'],
    ['GET', '/api/photos/12/file'],
    ['GET', '/api/appointments/123'],
    ['GET', '/api/appointments/123/history'],
    ['GET', '/api/inventory/lots/CB-1/recall'],
    ['GET', '/api/sessions/first/aftercare.pdf'],
    ['GET', '/api/consents/mine/pdf'],
    ['GET', '/api/clients/ana/photos'],
  ])('%s %s names the id', async (method, path) => {
    const res = await owner.request(
      method,
      path,
      method === 'PATCH' ? { body: { notes: 'x', name: 'x' } } : {},
    );
    expectFieldError(res, 400, 'params', 'id');
  });

  it('refuses a malformed or overlong path with a JSON error', async () => {
    const badEncoding = await owner.get<Client>('/api/clients/%E0%A4%A');
    expectFieldError(badEncoding, 400, 'params', 'path');
    const overlong = await owner.get<Client>(`/api/clients/${'b'.repeat(1200)}`);
    expectFieldError(overlong, 414, 'params', 'path');
  });

  it('names a malformed invitation token', async () => {
    expectFieldError(
      await ts.client().get<InvitationPreview>('/api/invitations/short'),
      400,
      'params',
      'token',
    );
  });
});

describe('bad query values', () => {
  it.each([
    ['/api/clients?page=0', 'page'],
    ['/api/clients?page=abc', 'page'],
    ['/api/clients?pageSize=1000', 'pageSize'],
    ['/api/clients?pageSize=-5', 'pageSize'],
    ['/api/clients?archived=maybe', 'archived'],
    ['/api/clients?sort=name', 'sort'],
    [`/api/clients?q=${'x'.repeat(201)}`, 'q'],
    ['/api/audit?actorId=someone', 'actorId'],
    ['/api/audit?action=client.delete', 'action'],
    ['/api/audit?page=1.5', 'page'],
    ['/api/audit?limit=10', 'limit'],
    ['/api/appointments?from=monday&to=2030-01-01T00:00:00Z', 'from'],
    ['/api/appointments?from=2030-01-01T00:00:00Z', 'to'],
    ['/api/appointments?from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z', 'to'],
    ['/api/appointments?from=2030-01-01T00:00:00Z&to=2030-01-02T00:00:00Z&artistId=me', 'artistId'],
    ['/api/outbox?status=lost', 'status'],
    ['/api/photos/6f1d7c2e-8a4b-4c3d-9e5f-0a1b2c3d4e5f/file?size=huge', 'size'],
  ])('%s names %s', async (path, field) => {
    expectFieldError(await owner.get(path), 400, 'query', field);
  });
});

describe('unknown routes', () => {
  it('answer 404 JSON for API paths and other methods', async () => {
    for (const [method, path] of [
      ['GET', '/api/nothing-here'],
      ['POST', '/api/clients/search'],
      ['DELETE', `/api/clients/${clientId}`],
      ['POST', '/healthz'],
    ] as const) {
      const res = await owner.request(method, path);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.error).toBe('not_found');
    }
  });

  it('answer page paths with the app (here: how to build it), and missing files with 404', async () => {
    const page = await ts.client().get('/clients/123');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.body).toContain('npm run build');
    expect((await ts.client().get('/assets/missing.js')).status).toBe(404);
  });
});

describe('after all of that', () => {
  it('the server is still ready and serves a normal request', async () => {
    const ready = await ts.client().get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ ok: true, db: true, jobs: true });
    const created = await owner.post<Client>('/api/clients', { familyName: 'Still Works' });
    expect(created.status).toBe(201);
    expect((await owner.get<Client>(`/api/clients/${created.body.id}`)).body.familyName).toBe('Still Works');
  });
});
