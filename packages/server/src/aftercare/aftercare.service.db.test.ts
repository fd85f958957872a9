// AftercareService on real repositories: template versions per language, the schedule a completed
// session gets (dated from the day of the work, in the client's language, English when the studio
// has no template in it), its sheet and calendar file, who may read it, and the client's daily
// checklist of that schedule (a day ticked off, never one still to come).
import {
  AuditListQuery,
  CreateAftercareTemplateRequest,
  CreateConsentTemplateRequest,
  SaveSessionRequest,
  SignConsentRequest,
  type AftercareTemplate,
  type SessionRecord,
} from '@stipple/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortalActor } from '../portal/portal-auth.service.js';
import { createClientFixture } from '../test-support/fixtures.js';
import { signaturePng } from '../test-support/images.js';
import { lookAtPdf } from '../test-support/pdf-check.js';
import {
  bookSession,
  openForSessions,
  pigmentLot,
  refusal,
  tierWithTwoStudios,
  type ServiceTier,
  type StudioActors,
} from '../test-support/service-tier.js';
import { workdayAt } from '../test-support/treatment-fixtures.js';

let tier: ServiceTier;
let s: StudioActors;
let other: StudioActors;
let english: AftercareTemplate;
let chinese: AftercareTemplate[];

const steps = [
  {
    fromDay: 0,
    untilDay: 3,
    title: 'Keep your scalp dry',
    instructions: 'No washing, no sweating.',
    remind: true,
  },
  { fromDay: 7, title: 'Gentle wash', instructions: 'Lukewarm water, no scrubbing.' },
  { fromDay: 90, title: 'Sun protection', instructions: 'SPF 50 on the treated area for good.' },
];
const plusDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** A client with a signed treatment consent and a session `daysAgo` workdays ago at `hhmm`, completed. */
async function completedSession(
  daysAgo: number,
  hhmm: string,
  client: { familyName: string; preferredLanguage?: 'en' | 'zh-CN'; givenName?: string },
): Promise<SessionRecord> {
  const { consents, sessions } = tier.services;
  const clientId = await createClientFixture(tier.db, s.studio.id, client);
  const treatment = (await consents.listTemplates(s.artist)).items.find((t) => t.kind === 'treatment')!;
  await consents.sign(
    s.artist,
    clientId,
    SignConsentRequest.parse({
      templateId: treatment.id,
      signerName: 'Client',
      signature: await signaturePng(),
    }),
  );
  const appt = await bookSession(tier.services, s.artist, {
    clientId,
    artistId: s.studio.artist.id,
    startsAt: workdayAt(-daysAgo, hhmm),
  });
  const lotId = await pigmentLot(tier.services, s.owner);
  return sessions.save(
    s.artist,
    appt.id,
    SaveSessionRequest.parse({ materials: [{ lotId }], complete: true }),
    'en',
  );
}

beforeAll(async () => {
  ({ tier, s, other } = await tierWithTwoStudios('Aftercare'));
  await openForSessions(tier.services, s);
  await tier.services.consents.createTemplate(
    s.owner,
    CreateConsentTemplateRequest.parse({
      kind: 'treatment',
      language: 'en',
      title: 'Treatment consent',
      body: 'I agree to scalp micropigmentation as explained to me.',
    }),
  );
  english = await tier.services.aftercare.createTemplate(
    s.owner,
    CreateAftercareTemplateRequest.parse({ language: 'en', name: 'After your session', steps }),
  );
  chinese = [];
  for (const zh of [
    { name: '护理', steps: [{ fromDay: 0, title: '保持干燥' }] },
    {
      name: '术后护理',
      steps: [{ fromDay: 0, untilDay: 3, title: '保持头皮干燥', instructions: '不要洗头。' }],
    },
  ])
    chinese.push(
      await tier.services.aftercare.createTemplate(
        s.owner,
        CreateAftercareTemplateRequest.parse({ language: 'zh-CN', ...zh }),
      ),
    );
});
afterAll(() => tier?.close());

describe('templates', () => {
  it('versions each language apart; the newest is current; only the owner publishes', async () => {
    const { aftercare } = tier.services;
    expect([english.version, chinese[0]!.version, chinese[1]!.version]).toEqual([1, 1, 2]);
    const listed = (await aftercare.listTemplates(s.desk)).items;
    expect(listed.map((t) => [t.language, t.version, t.current])).toEqual([
      ['en', 1, true],
      ['zh-CN', 2, true],
      ['zh-CN', 1, false],
    ]);
    expect((await aftercare.listTemplates(other.owner)).items).toEqual([]);
    for (const actor of [s.artist, s.desk])
      expect(
        await refusal(
          aftercare.createTemplate(actor, { language: 'en', name: 'Mine', steps: listed[0]!.steps }),
        ),
      ).toMatchObject({ status: 403, code: 'ownerOnly' });
  });
});

describe('a completed session’s schedule', () => {
  let session: SessionRecord;
  beforeAll(async () => {
    session = await completedSession(2, '10:00', { givenName: 'Łukasz', familyName: 'Wiśniewski' });
  });

  it('dates every step from the day of the work, in the template’s order', async () => {
    const schedule = await tier.services.aftercare.schedule(s.artist, session.id);
    const day = session.performedOn;
    expect(schedule).toMatchObject({ sessionId: session.id, clientId: session.clientId, language: 'en' });
    expect(schedule.items.map((i) => [i.fromDate, i.untilDate, i.title, i.remind])).toEqual([
      [day, plusDays(day, 3), 'Keep your scalp dry', true],
      [plusDays(day, 7), null, 'Gentle wash', false],
      [plusDays(day, 90), null, 'Sun protection', false],
    ]);
    expect(schedule.clientName).toContain('Wiśniewski');
  });

  it('gives the sheet and the calendar file of the same steps', async () => {
    const { aftercare } = tier.services;
    const look = await lookAtPdf(await aftercare.pdf(s.owner, session.id));
    expect(look.pages).toBeGreaterThanOrEqual(1);
    expect(look.text).toContain('Łukasz Wiśniewski');
    expect(look.text).toContain('Keep your scalp dry');
    const ics = (await aftercare.ics(s.artist, session.id)).replace(/\r\n[ \t]/g, '');
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(3);
    // All-day: the dry days end (exclusively) the day after the third.
    expect(ics).toContain(`DTSTART;VALUE=DATE:${session.performedOn.replaceAll('-', '')}`);
    expect(ics).toContain(`DTEND;VALUE=DATE:${plusDays(session.performedOn, 4).replaceAll('-', '')}`);
    expect(ics).toContain('SUMMARY:Gentle wash');
  });

  it('is for owners and artists, in their own studio; the read is audited with the client’s id only', async () => {
    const { aftercare, audit } = tier.services;
    expect(await refusal(aftercare.schedule(s.desk, session.id))).toMatchObject({
      status: 403,
      code: 'clinicalOnly',
    });
    expect((await refusal(aftercare.schedule(other.owner, session.id))).status).toBe(404);
    await aftercare.schedule(s.owner, session.id);
    const [entry] = (
      await audit.list(
        s.owner,
        AuditListQuery.parse({ action: 'aftercare.read', entityId: session.id, actorId: s.studio.owner.id }),
      )
    ).items;
    expect(entry!.details).toEqual({ clientId: session.clientId });
  });
});

describe('language', () => {
  it('follows the client’s language (its newest template)', async () => {
    const { aftercare } = tier.services;
    const chinese = await completedSession(1, '10:00', {
      givenName: '芳',
      familyName: '王',
      preferredLanguage: 'zh-CN',
    });
    const zh = await aftercare.schedule(s.artist, chinese.id);
    expect(zh.language).toBe('zh-CN');
    expect(zh.items.map((i) => i.title)).toEqual(['保持头皮干燥']);
    expect(await aftercare.ics(s.artist, chinese.id)).toContain('Aftercare Studio 护理');
  });
});

describe('the client’s checklist', () => {
  it('ticks off a day that has come, refuses one still ahead (409) and one not in the schedule (404)', async () => {
    const { portalCare } = tier.services;
    const session = await completedSession(1, '14:00', { familyName: 'Checklist' });
    const client: PortalActor = { studioId: s.studio.id, clientId: session.clientId, sessionId: 'portal' };
    const day = session.performedOn;
    const ticked = await portalCare.tick(client, session.id, day, true);
    const days = ticked.sessions.find((x) => x.sessionId === session.id)!.days;
    // Day 0 to day 7 (the wash), the sun protection listed for later.
    expect(days.map((d) => [d.date, d.done])).toEqual(
      Array.from({ length: 8 }, (_, n) => [plusDays(day, n), n === 0]),
    );
    expect(days[7]!.steps).toEqual([expect.objectContaining({ title: 'Gentle wash', starts: true })]);

    expect(await refusal(portalCare.tick(client, session.id, plusDays(day, 7), true))).toMatchObject({
      status: 409,
      code: 'aftercareDayAhead',
    });
    expect((await refusal(portalCare.tick(client, session.id, plusDays(day, -1), true))).status).toBe(404);
    const another = { ...client, clientId: await createClientFixture(tier.db, s.studio.id) };
    expect((await refusal(portalCare.tick(another, session.id, day, true))).status).toBe(404);

    const unticked = await portalCare.tick(client, session.id, day, false);
    expect(unticked.sessions.find((x) => x.sessionId === session.id)!.days[0]!.done).toBe(false);
  });
});
