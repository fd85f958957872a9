// The role table of docs/roles.md, walked against the real server: the test reads the table,
// sends each row's request as the owner, an artist and front desk, and expects a 2xx where the
// table says ✓ and a 403 where it says ✗ (for the "clinical notes" read: the notes left out).
// Public rows ("—") must answer without a session. Every API route of the OpenAPI document must
// have a row, so a new route cannot slip in without a decision about who may use it.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInAs } from '../test-support/signed-in.js';
import type { ApiClient } from '../test-support/test-server.js';
import { calendarProbes } from './roles-walk/calendar.probes.js';
import { careProbes } from './roles-walk/care.probes.js';
import { recordProbes } from './roles-walk/records.probes.js';
import { as, member, NEW_PASSWORD, own, setUpRolesStudio, ts, type Call } from './roles-walk/roles-studio.js';
import { readElsewhere, readTable } from './roles-walk/roles-table.js';

/** Public rows: each is answered without a session (whatever else it says). */
const publicCalls: Record<string, Call> = {
  'POST /api/auth/login': {
    method: 'POST',
    path: '/api/auth/login',
    body: { email: 'x@roles.example', password: 'x' },
  },
  'POST /api/auth/logout': { method: 'POST', path: '/api/auth/logout' },
  'POST /api/auth/accept-invitation': {
    method: 'POST',
    path: '/api/auth/accept-invitation',
    body: { token: 'x'.repeat(43), password: NEW_PASSWORD },
  },
  'GET /api/invitations/:token': { method: 'GET', path: `/api/invitations/${'x'.repeat(43)}` },
  'GET /api/auth/password-reset': { method: 'GET', path: '/api/auth/password-reset' },
  'POST /api/auth/password-reset': {
    method: 'POST',
    path: '/api/auth/password-reset',
    body: { email: 'x@roles.example' },
  },
  'GET /api/password-resets/:token': { method: 'GET', path: `/api/password-resets/${'x'.repeat(43)}` },
  'POST /api/auth/password-reset/complete': {
    method: 'POST',
    path: '/api/auth/password-reset/complete',
    body: { token: 'x'.repeat(43), password: NEW_PASSWORD },
  },
  'GET /api/feeds/:file': { method: 'GET', path: `/api/feeds/${'x'.repeat(43)}.ics` },
};

const OWN_ACCOUNT = new Set([
  'GET /api/auth/session',
  'POST /api/auth/logout-everywhere',
  'PATCH /api/me/preferences',
  'POST /api/me/password',
]);

beforeAll(setUpRolesStudio, 600_000);
afterAll(() => ts?.close());

const probes = () => ({ ...recordProbes(), ...calendarProbes(), ...careProbes() });

const send = (api: ApiClient, call: Call) =>
  api.request(call.method, call.path, {
    ...(call.body !== undefined ? { body: call.body } : {}),
    ...(call.rawBody
      ? { rawBody: call.rawBody, contentType: call.contentType ?? 'application/octet-stream' }
      : {}),
  });

describe('docs/roles.md', () => {
  const table = readTable();

  it('lists every route of the API, and nothing else', async () => {
    const spec = (await ts.client().get<{ paths: Record<string, Record<string, unknown>> }>('/openapi.json'))
      .body;
    const routes = new Set<string>();
    for (const [path, ops] of Object.entries(spec.paths))
      if (path.startsWith('/api/'))
        for (const method of Object.keys(ops))
          routes.add(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
    const elsewhere = readElsewhere();
    for (const { file } of elsewhere)
      expect(existsSync(new URL(`../${file}`, import.meta.url)), `docs/roles.md names ${file}`).toBe(true);
    const documented = new Set([
      ...table.map((r) => `${r.method} ${r.path}`),
      ...elsewhere.map((e) => e.route),
    ]);
    expect(
      [...routes].filter((r) => !documented.has(r)),
      'routes missing from docs/roles.md',
    ).toEqual([]);
    expect(
      [...documented].filter((r) => !routes.has(r)),
      'rows for routes that do not exist',
    ).toEqual([]);
  });

  it('holds for every row and every role', async () => {
    const all = probes();
    const wrong: string[] = [];
    for (const row of table) {
      if (row.verdicts.owner === 'public') {
        const call = publicCalls[row.key];
        if (!call) {
          wrong.push(`${row.key}: no request in the test`);
          continue;
        }
        const res = await send(ts.client(), call);
        if (res.status >= 500 || res.body.error === 'unauthenticated' || res.status === 403)
          wrong.push(`${row.key} without a session: ${res.status} ${JSON.stringify(res.body)}`);
        continue;
      }
      const probe = all[row.key];
      if (!probe) {
        wrong.push(`${row.key}: no request in the test`);
        continue;
      }
      for (const role of ['owner', 'artist', 'desk'] as const) {
        // Own-account rows sign out or change passwords: a fresh session of another studio each time.
        let api = as[role];
        if (OWN_ACCOUNT.has(row.key)) {
          api = await signedInAs(ts, member(own, role).email);
        }
        const res = await send(api, await probe.call(role));
        if (res.status >= 200 && res.status < 300) await probe.undo?.(api);
        const expected = row.verdicts[role];
        const pass =
          expected === 'yes'
            ? (probe.allowed ?? ((r) => r.status >= 200 && r.status < 300))(res)
            : (probe.refused ?? ((r) => r.status === 403))(res);
        if (!pass)
          wrong.push(
            `${row.key} as ${role} (${expected === 'yes' ? '✓' : '✗'}): ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`,
          );
      }
    }
    expect(wrong).toEqual([]);
    // About 300 requests, some of which render PDFs: minutes on a busy machine.
  }, 900_000);
});
