import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/i18n.js';
import { createApiClient } from './api-client.js';
import { ApiRequestError } from './api-error.js';
import { describeError } from './describe-error.js';
import { stippleApi } from './stipple-api.js';

/** A real HTTP server that answers by path, and remembers what it was sent. */
let server: Server;
let baseUrl: string;
let seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];

const session = {
  user: {
    id: '0f5b8d8e-5b0e-4c39-9d4b-2f4b6a1f0d11',
    studioId: '7b0a7c2e-3f7e-4c4b-8f0b-1c2d3e4f5a6b',
    email: 'owner@demo-studio.example',
    name: 'Olivia Owner',
    role: 'owner',
    active: true,
    locale: 'en',
    createdAt: '2026-11-01T10:00:00.000Z',
  },
  studio: { id: '7b0a7c2e-3f7e-4c4b-8f0b-1c2d3e4f5a6b', name: 'Demo Studio' },
  csrfToken: 'csrf-123',
  expiresAt: '2026-12-01T10:00:00.000Z',
  endsAtLatest: '2026-12-01T22:00:00.000Z',
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const json = (status: number, data: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(data));
      };
      const path = (req.url ?? '').split('?')[0];
      if (path === '/api/auth/session')
        return json(401, { error: 'unauthorized', code: 'signInFirst', message: 'Please sign in.' });
      if (path === '/api/auth/login') return json(200, session);
      if (path === '/api/auth/logout') return void res.writeHead(204).end();
      if (path === '/api/clients' && req.method === 'POST')
        return json(400, {
          error: 'validation_failed',
          code: 'validationFailed',
          params: { count: 1, fields: ['email'] },
          message: 'Please correct email.',
          fields: [{ in: 'body', field: 'email', code: 'notAnEmail', message: 'Must be an email address' }],
        });
      if (path === '/api/clients') return json(200, { items: [], total: 0, page: 2, pageSize: 20 });
      if (path === '/api/staff')
        return json(401, { error: 'unauthenticated', code: 'sessionEnded', message: 'Session ended' });
      if (path === '/api/audit') return json(200, { items: 'not a list' });
      if (path === '/api/broken') {
        res.writeHead(502, { 'content-type': 'text/html' });
        return void res.end('<html>Bad gateway</html>');
      }
      json(404, { error: 'not_found', code: 'pageNotFound', message: 'There is nothing at this address.' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen = [];
});

function client(token: string | null = 'csrf-123') {
  const unauthorized: ApiRequestError[] = [];
  const raw = createApiClient({
    baseUrl,
    getCsrfToken: () => token,
    onUnauthorized: (e) => unauthorized.push(e),
  });
  return { api: stippleApi(raw), raw, unauthorized };
}

describe('api client', () => {
  it('sends the CSRF token on state-changing requests only', async () => {
    const { api } = client();
    await api.listClients({ q: 'jose', page: 2, archived: 'exclude' });
    await api.logout();
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/api/clients?q=jose&page=2&archived=exclude' });
    expect(seen[0]!.headers['x-csrf-token']).toBeUndefined();
    expect(seen[1]).toMatchObject({ method: 'POST', url: '/api/auth/logout' });
    expect(seen[1]!.headers['x-csrf-token']).toBe('csrf-123');
    // No body, no JSON content type (Fastify refuses an empty JSON body).
    expect(seen[1]!.headers['content-type']).toBeUndefined();
  });

  it('sends JSON bodies and parses the answer with the shared schema', async () => {
    const { api } = client(null);
    const info = await api.login({ email: 'owner@demo-studio.example', password: 'x' });
    expect(info.studio.name).toBe('Demo Studio');
    expect(seen[0]!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(seen[0]!.body)).toEqual({ email: 'owner@demo-studio.example', password: 'x' });
  });

  it('treats 401 on the session probe as "not signed in", without calling onUnauthorized', async () => {
    const { api, unauthorized } = client();
    expect(await api.getSession()).toBeNull();
    expect(unauthorized).toEqual([]);
  });

  it('reports a 401 elsewhere as a session that ended', async () => {
    const { api, unauthorized } = client();
    await expect(api.listStaff()).rejects.toMatchObject({ status: 401, code: 'unauthenticated' });
    expect(unauthorized).toHaveLength(1);
  });

  it('turns the error JSON into a typed error with its field errors', async () => {
    const { api } = client();
    const err = await api
      .createClient({
        givenName: '',
        familyName: 'X',
        dateOfBirth: null,
        email: null,
        phone: null,
        preferredLanguage: 'en',
        notes: '',
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiRequestError);
    expect((err as ApiRequestError).code).toBe('validation_failed');
    expect((err as ApiRequestError).bodyFields()).toEqual({
      email: { in: 'body', field: 'email', code: 'notAnEmail', message: 'Must be an email address' },
    });
    expect((err as ApiRequestError).messageCode).toBe('validationFailed');
  });

  it('fails loudly when an answer breaks the contract', async () => {
    const { api } = client();
    await expect(api.listAudit({ page: 1, pageSize: 50 })).rejects.toMatchObject({ code: 'bad_response' });
  });

  it('maps a non-JSON error page by its status', async () => {
    const { raw } = client();
    await expect(raw.get('/api/broken')).rejects.toMatchObject({ status: 502, code: 'server_error' });
  });

  it('reports an unreachable server as a network error', async () => {
    const offline = createApiClient({ baseUrl: 'http://127.0.0.1:1', getCsrfToken: () => null });
    await expect(offline.get('/api/auth/session')).rejects.toMatchObject({
      status: 0,
      code: 'network_error',
    });
  });
});

describe('describeError', () => {
  const zh = createI18n('zh-CN').t;
  const en = createI18n('en').t;

  it("says the server's message by its code, in the language chosen now", () => {
    const refused = new ApiRequestError(
      422,
      'outside_working_hours',
      'Jordan Lee does not work then.',
      [],
      'outsideWorkingHours',
      { artist: 'Jordan Lee' },
    );
    expect(describeError(refused, zh)).toBe('Jordan Lee 在该时间不上班。');
    expect(describeError(refused, en)).toBe('Jordan Lee does not work then.');
    const soon = new ApiRequestError(422, 'interval_too_short', 'x', [], 'intervalTooShort', {
      count: 7,
      other: '2026-12-15',
      min: 14,
    });
    expect(describeError(soon, zh)).toBe(
      '距 2026年12月15日 的治疗仅 7 天：本疗程两次治疗之间至少需要 14 天。',
    );
    expect(describeError(new ApiRequestError(0, 'network_error', 'fetch failed'), zh)).toContain('无法连接');
  });

  it('shows the server message for a code it does not know, and its own words for a 5xx', () => {
    expect(describeError(new ApiRequestError(422, 'photo_too_large', 'Photo is over 40 MB'), en)).toBe(
      'Photo is over 40 MB',
    );
    expect(describeError(new ApiRequestError(503, 'db_down', 'x'), en)).toBe(
      'The server ran into a problem. Try again in a moment.',
    );
  });
});
