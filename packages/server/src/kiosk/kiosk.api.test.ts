// The studio tablet's kiosk through the real server: opening it ends the staff sign-in on the
// tablet; the ticket shows one document of one client and takes one signature (recorded as the
// client's own, audited with who opened it); a used, expired, unknown or other-purpose ticket is
// refused (410), as is a document or client of another studio (404/422) and a treatment consent
// opened by front desk (403).
import type { AuditPage, ConsentTemplate, KioskTicket, KioskView, PortalConsent } from '@stipple/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueLink } from '../auth/one-time-links.js';
import { seedTemplates } from '../demo/demo-records.js';
import { createClientFixture, createStudioFixture, type FixtureStudio } from '../test-support/fixtures.js';
import { signaturePng } from '../test-support/images.js';
import { startTestServer, type ApiClient, type TestServer } from '../test-support/test-server.js';
import { signedInAs } from '../test-support/signed-in.js';

let ts: TestServer;
let studio: FixtureStudio;
let other: FixtureStudio;
let anaId: string;
let boId: string;
let templates: ConsentTemplate[];
let otherTemplates: ConsentTemplate[];

const signedIn = (email: string): Promise<ApiClient> => signedInAs(ts, email);
const templateOf = (list: ConsentTemplate[], kind: string, language = 'en') =>
  list.find((t) => t.kind === kind && t.language === language && t.current)!;

/** A tablet: a staff member signs in on it and opens the kiosk. */
async function openKiosk(email: string, body: { clientId: string; templateId: string }) {
  const tablet = await signedIn(email);
  const res = await tablet.post<KioskTicket>('/api/kiosk', body);
  return { tablet, res };
}

beforeAll(async () => {
  ts = await startTestServer();
  studio = await createStudioFixture(ts.server.db, 'Kiosk Studio');
  other = await createStudioFixture(ts.server.db, 'Other Kiosk Studio');
  await ts.server.db.asSystem(async (tx) => {
    await seedTemplates(tx, studio.id, studio.owner.id);
    await seedTemplates(tx, other.id, other.owner.id);
  });
  anaId = await createClientFixture(ts.server.db, studio.id, { givenName: 'Ana', familyName: 'Silva' });
  boId = await createClientFixture(ts.server.db, studio.id, {
    givenName: '博',
    familyName: '陈',
    preferredLanguage: 'zh-CN',
  });
  templates = (
    await (await signedIn(studio.owner.email)).get<{ items: ConsentTemplate[] }>('/api/consent-templates')
  ).body.items;
  otherTemplates = (
    await (await signedIn(other.owner.email)).get<{ items: ConsentTemplate[] }>('/api/consent-templates')
  ).body.items;
});
afterAll(() => ts?.close());

describe('the kiosk', () => {
  let ticket: KioskTicket;

  it('opens for one client and one document, and signs the staff member out on the tablet', async () => {
    const treatment = templateOf(templates, 'treatment', 'zh-CN');
    const { tablet, res } = await openKiosk(studio.artist.email, {
      clientId: boId,
      templateId: treatment.id,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ticket = res.body;
    expect(Date.parse(ticket.expiresAt) - Date.now()).toBeLessThanOrEqual(20 * 60_000);
    expect(tablet.cookie).toBeNull();
    // The tablet has nothing of the staff app any more.
    expect((await tablet.get('/api/clients')).status).toBe(401);
  });

  it('shows that one document, in the client’s language, to anyone holding the ticket only', async () => {
    const res = await ts.client().get<KioskView>(`/api/kiosk/${ticket.token}`);
    expect(res.status).toBe(200);
    expect(res.body.client).toEqual({ givenName: '博', familyName: '陈', locale: 'zh-CN' });
    expect(res.body.document).toMatchObject({
      kind: 'treatment',
      id: templateOf(templates, 'treatment', 'zh-CN').id,
    });
    expect(JSON.stringify(res.body)).not.toContain(boId);
  });

  it('takes one signature, recorded as the client’s own with the kiosk in the audit, then refuses', async () => {
    const body = { signerName: '陈博', signature: await signaturePng() };
    const blank = await ts.client().post(`/api/kiosk/${ticket.token}/sign`, {
      ...body,
      signature: await signaturePng(true),
    });
    expect(blank.status).toBe(400);
    const signed = await ts.client().post<PortalConsent>(`/api/kiosk/${ticket.token}/sign`, body);
    expect(signed.status, JSON.stringify(signed.body)).toBe(201);
    expect(signed.body).toMatchObject({ kind: 'treatment', status: 'active' });

    const again = await ts.client().post<{ error: string }>(`/api/kiosk/${ticket.token}/sign`, body);
    expect(again.status).toBe(410);
    expect(again.body.error).toBe('link_invalid');
    expect((await ts.client().get(`/api/kiosk/${ticket.token}`)).status).toBe(410);

    const owner = await signedIn(studio.owner.email);
    const records = await owner.get<{ items: { id: string; witnessedBy: unknown }[] }>(
      `/api/clients/${boId}/consents`,
    );
    expect(records.body.items.map((r) => r.id)).toEqual([signed.body.id]);
    expect(records.body.items[0]!.witnessedBy).toBeNull();
    const audit = await owner.get<AuditPage>(`/api/audit?entityId=${signed.body.id}`);
    expect(audit.body.items[0]).toMatchObject({
      action: 'consent.sign',
      details: { via: 'kiosk', openedBy: studio.artist.id },
    });
    const opened = await owner.get<AuditPage>(`/api/audit?entityId=${boId}&action=kiosk.open`);
    expect(opened.body.items).toHaveLength(1);
  });

  it('refuses an expired ticket, an unknown one and an emailed portal link', async () => {
    const { res } = await openKiosk(studio.desk.email, {
      clientId: anaId,
      templateId: templateOf(templates, 'photo').id,
    });
    expect(res.status).toBe(201);
    await ts.server.db.asSystem((tx) =>
      tx.execute(
        sql`update one_time_link set created_at = now() - interval '1 hour', expires_at = now() - interval '1 minute' where purpose = 'kiosk' and client_id = ${anaId}`,
      ),
    );
    expect((await ts.client().get(`/api/kiosk/${res.body.token}`)).status).toBe(410);
    const late = await ts.client().post(`/api/kiosk/${res.body.token}/sign`, {
      signerName: 'Ana Silva',
      signature: await signaturePng(),
    });
    expect(late.status).toBe(410);
    expect((await ts.client().get(`/api/kiosk/${'x'.repeat(43)}`)).status).toBe(410);
    const portalLink = await ts.server.db.withStudio(studio.id, (tx) =>
      issueLink(tx, {
        purpose: 'portal_sign_in',
        studioId: studio.id,
        clientId: anaId,
        expiresAt: new Date(Date.now() + 600_000),
      }),
    );
    expect((await ts.client().get(`/api/kiosk/${portalLink.token}`)).status).toBe(410);
    // Nothing was signed for Ana.
    const owner = await signedIn(studio.owner.email);
    expect((await owner.get<{ items: unknown[] }>(`/api/clients/${anaId}/consents`)).body.items).toEqual([]);
  });

  it('opens nothing of another studio, nor a treatment consent for front desk', async () => {
    const foreignClient = await openKiosk(other.owner.email, {
      clientId: anaId,
      templateId: templateOf(otherTemplates, 'photo').id,
    });
    expect(foreignClient.res.status).toBe(404);
    expect(foreignClient.tablet.cookie).not.toBeNull();
    const foreignDocument = await openKiosk(studio.owner.email, {
      clientId: anaId,
      templateId: templateOf(otherTemplates, 'photo').id,
    });
    expect(foreignDocument.res.status).toBe(422);
    expect(foreignDocument.res.body.fields?.[0]?.field).toBe('templateId');
    const desk = await openKiosk(studio.desk.email, {
      clientId: anaId,
      templateId: templateOf(templates, 'treatment').id,
    });
    expect(desk.res.status).toBe(403);
    const anonymous = await ts.client().post('/api/kiosk', {
      clientId: anaId,
      templateId: templateOf(templates, 'photo').id,
    });
    expect(anonymous.status).toBe(401);
  });
});
