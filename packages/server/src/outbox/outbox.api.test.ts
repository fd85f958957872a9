// Reminders leave through the outbox and a real SMTP server running in this process: what
// arrives, retries after temporary refusals, and never a second copy.
import type { Appointment, OutboxPage } from '@stipple/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClientFixture, createStudioFixture, type FixtureStudio } from '../test-support/fixtures.js';
import { signedInAs } from '../test-support/signed-in.js';
import { startSmtpSink, type SmtpSink } from '../test-support/smtp-sink.js';
import { startTestServer, type ApiClient, type TestServer } from '../test-support/test-server.js';

let ts: TestServer;
let sink: SmtpSink;
let studio: FixtureStudio;
let owner: ApiClient;

beforeAll(async () => {
  sink = await startSmtpSink();
  ts = await startTestServer({
    env: {
      STIPPLE_SMTP_URL: sink.url,
      STIPPLE_SMTP_FROM: 'Outbox Studio <studio@outbox.example>',
      STIPPLE_OUTBOX_INTERVAL_SECONDS: '1',
      STIPPLE_OUTBOX_RETRY_SECONDS: '1',
    },
  });
  studio = await createStudioFixture(ts.server.db, 'Outbox Studio');
  owner = await signedInAs(ts, studio.owner.email);
});
afterAll(async () => {
  await ts?.close();
  await sink?.close();
});

const soon = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

async function bookSoon(clientId: string, minutesAhead: number): Promise<Appointment> {
  const res = await owner.post<Appointment>('/api/appointments', {
    clientId,
    artistId: studio.artist.id,
    kind: 'consultation',
    startsAt: soon(minutesAhead),
    durationMinutes: 30,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const outbox = async (clientId: string) =>
  (await owner.get<OutboxPage>(`/api/outbox?clientId=${clientId}&pageSize=200`)).body;

describe('the outbox', () => {
  it('emails a due reminder once, with the message id of the outbox and no health details', async () => {
    const clientId = await createClientFixture(ts.server.db, studio.id, {
      givenName: 'Mia',
      familyName: 'Mail',
      email: 'mia@mail.example',
      notes: 'FUT scar, anticoagulants',
    });
    await bookSoon(clientId, 120);
    const sent = await until('the reminder to be sent', async () =>
      (await outbox(clientId)).items.find((m) => m.status === 'sent'),
    );
    expect(sent.attempts).toBe(1);
    const delivered = sink.deliveries.filter((d) => d.to.includes('mia@mail.example'));
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.messageId).toBe(sent.messageId);
    expect(delivered[0]!.subject).toMatch(/^Reminder: your appointment at Outbox Studio on /);
    expect(delivered[0]!.raw).toContain('From: Outbox Studio <studio@outbox.example>');
    expect(delivered[0]!.raw).not.toMatch(/FUT|scar|anticoagul|consultation/i);
  });

  it('retries after temporary refusals, with backoff, and still delivers exactly once', async () => {
    const clientId = await createClientFixture(ts.server.db, studio.id, {
      givenName: 'Rui',
      familyName: 'Retry',
      email: 'rui@mail.example',
    });
    sink.refuseNext(2);
    await bookSoon(clientId, 180);
    const sent = await until('the reminder to get through', async () =>
      (await outbox(clientId)).items.find((m) => m.status === 'sent'),
    );
    expect(sent.attempts).toBe(3);
    expect(sink.refused).toBe(2);
    expect(sink.deliveries.filter((d) => d.to.includes('rui@mail.example'))).toHaveLength(1);
  });

  it('records a message it cannot send (no email) as skipped, and never sends it', async () => {
    const clientId = await createClientFixture(ts.server.db, studio.id, {
      givenName: 'Noa',
      familyName: 'Nomail',
    });
    await bookSoon(clientId, 240);
    const items = (await outbox(clientId)).items;
    expect(items).toEqual([
      expect.objectContaining({ status: 'skipped', lastError: 'the client has no email address' }),
    ]);
  });

  it('sends nothing twice when the dispatcher runs again and again', async () => {
    await new Promise((r) => setTimeout(r, 2500));
    const counts = sink.counts();
    expect(counts.size).toBeGreaterThanOrEqual(2);
    for (const [key, n] of counts) expect(n, key).toBe(1);
  });

  it('is the owner’s screen only', async () => {
    const artist = await signedInAs(ts, studio.artist.email);
    const res = await artist.get('/api/outbox');
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: 'forbidden' });
  });
});
