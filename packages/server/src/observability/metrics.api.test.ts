// /metrics: Prometheus text with the request, job, outbox and blob figures; open to direct
// loopback requests when no token is configured, and only to the bearer of the token when one is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudioFixture } from '../test-support/fixtures.js';
import { signedInAs } from '../test-support/signed-in.js';
import { plainImage } from '../test-support/images.js';
import { startTestServer, type TestServer } from '../test-support/test-server.js';

const TOKEN = 'metrics-token-for-the-test-0123';
let open: TestServer;
let guarded: TestServer;

beforeAll(async () => {
  [open, guarded] = await Promise.all([
    startTestServer(),
    startTestServer({ env: { STIPPLE_METRICS_TOKEN: TOKEN } }),
  ]);
});
afterAll(async () => {
  await Promise.all([open?.close(), guarded?.close()]);
});

describe('/metrics', () => {
  it('counts requests by route pattern, jobs, the queue, the outbox and the blob store', async () => {
    const studio = await createStudioFixture(open.server.db, 'Metrics Studio');
    const artist = await signedInAs(open, studio.artist.email);
    const client = await artist.post<{ id: string }>('/api/clients', {
      givenName: 'Ona',
      familyName: 'Count',
    });
    const up = await artist.request(
      'POST',
      `/api/clients/${client.body.id}/photos?view=top&takenOn=2026-11-02`,
      {
        rawBody: await plainImage('jpeg'),
        contentType: 'image/jpeg',
      },
    );
    expect(up.status).toBe(201);
    expect(up.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const res = await fetch(`${open.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(
      /stipple_http_request_duration_seconds_count\{method="POST",route="\/api\/clients\/:id\/photos",status="201"\} 1/,
    );
    expect(text).toMatch(
      /stipple_blob_store_operation_seconds_count\{store="folder",operation="put"\} [1-9]/,
    );
    // The outbox dispatcher always has its next run queued; depending on the moment of the scrape
    // it is scheduled, due or running, so the states together hold it.
    const dispatcherJobs = [
      ...text.matchAll(/stipple_job_queue_depth\{queue="outbox.deliver",state="(\w+)"\} (\d+)/g),
    ];
    expect(dispatcherJobs.map((m) => m[1]).sort()).toEqual(['active', 'scheduled', 'waiting']);
    expect(dispatcherJobs.reduce((sum, m) => sum + Number(m[2]), 0)).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/stipple_outbox_messages\{status="pending"\} 0/);
    expect(text).toMatch(/stipple_process_cpu_seconds_total/);
    // Labels are patterns: no id of a client reaches the metrics.
    expect(text).not.toContain(client.body.id);
  });

  it('without a token, refuses a request relayed by a proxy', async () => {
    const res = await fetch(`${open.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: 'forbidden' });
  });

  it('with a token, wants it as a bearer token', async () => {
    expect((await fetch(`${guarded.url}/metrics`)).status).toBe(401);
    expect(
      (
        await fetch(`${guarded.url}/metrics`, {
          headers: { authorization: 'Bearer wrong-token-of-some-length' },
        })
      ).status,
    ).toBe(401);
    const ok = await fetch(`${guarded.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('stipple_http_request_duration_seconds');
  });
});
