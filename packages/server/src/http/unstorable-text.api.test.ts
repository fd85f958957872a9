// Text the database cannot store, sent to every endpoint the OpenAPI document lists: a null byte
// in each path parameter, each query parameter and each body field (nested ones included), and
// an unpaired surrogate ("\ud800", which JSON carries and jsonb refuses) in each body field.
// Every answer is 400 naming the field; none is 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudioFixture } from '../test-support/fixtures.js';
import { signedInAs } from '../test-support/signed-in.js';
import {
  startTestServer,
  type ApiClient,
  type ApiResponse,
  type TestServer,
} from '../test-support/test-server.js';
import { NULL_CHARACTER, UNPAIRED_SURROGATE } from './text-guard.js';

interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
}
interface Operation {
  parameters?: { name: string; in: 'path' | 'query' | 'header' | 'cookie' }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

let ts: TestServer;
let owner: ApiClient;
let spec: OpenApi;

beforeAll(async () => {
  ts = await startTestServer();
  const studio = await createStudioFixture(ts.server.db, 'Unstorable Studio');
  owner = await signedInAs(ts, studio.owner.email);
  spec = (await owner.get<OpenApi>('/openapi.json')).body;
});
afterAll(() => ts?.close());

const ANY_ID = '6f1d7c2e-8a4b-4c3d-9e5f-0a1b2c3d4e5f';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

function resolve(schema: Schema | undefined): Schema | undefined {
  if (!schema?.$ref) return schema;
  const name = schema.$ref.split('/').pop()!;
  return resolve(spec.components?.schemas?.[name]);
}

/** Every field path of a JSON body schema (objects, array items, unions), a few levels deep. */
function fieldPaths(schema: Schema | undefined, prefix: string[] = [], depth = 0): string[][] {
  const s = resolve(schema);
  if (!s || depth > 4) return [];
  const paths: string[][] = [];
  for (const part of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])])
    paths.push(...fieldPaths(part, prefix, depth));
  if (s.properties)
    for (const [key, child] of Object.entries(s.properties)) {
      paths.push([...prefix, key]);
      paths.push(...fieldPaths(child, [...prefix, key], depth + 1));
    }
  if (s.items) paths.push(...fieldPaths(s.items, [...prefix, '0'], depth + 1));
  const unique = new Map(paths.map((p) => [p.join('.'), p]));
  return [...unique.values()];
}

/** A body with `value` at `path` (arrays where a segment is a number). */
function bodyWith(path: string[], value: string): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const inner = bodyWith(rest, value);
  return /^\d+$/.test(head) ? [inner] : { [head]: inner };
}

interface Probe {
  method: string;
  url: string;
  body?: unknown;
  where: 'params' | 'query' | 'body';
  field: string;
  code: string;
}

function probesOf(path: string, method: string, op: Operation): Probe[] {
  const params = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
  const fill = (bad?: string) =>
    path.replace(/\{([^}]+)\}/g, (_, name: string) =>
      name === bad ? 'a%00b' : name === 'file' ? 'x'.repeat(43) + '.ics' : ANY_ID,
    );
  const probes: Probe[] = params.map((name) => ({
    method,
    url: fill(name),
    where: 'params',
    field: name,
    code: NULL_CHARACTER,
  }));
  for (const q of (op.parameters ?? []).filter((p) => p.in === 'query'))
    probes.push({
      method,
      url: `${fill()}?${q.name}=a%00b`,
      where: 'query',
      field: q.name,
      code: NULL_CHARACTER,
    });
  const json = op.requestBody?.content?.['application/json']?.schema;
  for (const field of json ? fieldPaths(json) : []) {
    probes.push({
      method,
      url: fill(),
      body: bodyWith(field, 'Ana\u0000'),
      where: 'body',
      field: field.join('.'),
      code: NULL_CHARACTER,
    });
    probes.push({
      method,
      url: fill(),
      body: bodyWith(field, 'Ana \ud800'),
      where: 'body',
      field: field.join('.'),
      code: UNPAIRED_SURROGATE,
    });
  }
  return probes;
}

describe('text the database cannot store', () => {
  it('is refused with 400 naming the field, on every endpoint, in every place', async () => {
    // The walk is signed in as staff. A client's portal routes need the client's own portal session
    // (from an emailed link) and answer 401 at authentication, before any body is read; the same
    // app-wide guard checks their text once a client is signed in (portal.api.test.ts signs in).
    const needsPortalSession = (path: string) =>
      path.startsWith('/api/portal/') && !path.startsWith('/api/portal/links/');
    const probes = Object.entries(spec.paths)
      .filter(([path]) => path.startsWith('/api/') && !needsPortalSession(path))
      .flatMap(([path, item]) =>
        METHODS.filter((m) => item[m]).flatMap((m) => probesOf(path, m.toUpperCase(), item[m]!)),
      );
    // Sanity: the walk reaches what the issue names (a client's notes, the assessment's JSON, a search).
    const fields = new Set(probes.map((p) => `${p.method} ${p.url.split('?')[0]} ${p.where}.${p.field}`));
    expect(fields).toContain('POST /api/clients body.notes');
    expect([...fields].some((f) => f.includes('body.assessment.screening'))).toBe(true);
    expect(fields).toContain('GET /api/clients query.q');
    expect(probes.length).toBeGreaterThan(300);

    const wrong: string[] = [];
    for (const probe of probes) {
      const res: ApiResponse = await owner.request(
        probe.method,
        probe.url,
        probe.body === undefined ? {} : { body: probe.body },
      );
      const named = res.body.fields?.some(
        (f) => f.in === probe.where && f.field === probe.field && f.code === probe.code,
      );
      if (res.status !== 400 || !named)
        wrong.push(
          `${probe.method} ${probe.url} ${probe.where}.${probe.field}: ${res.status} ${JSON.stringify(res.body)}`,
        );
    }
    expect(wrong).toEqual([]);
    // And the server still serves.
    expect((await owner.get('/api/clients')).status).toBe(200);
  });
});
