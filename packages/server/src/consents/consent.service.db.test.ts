// ConsentService on real repositories and a blob folder: template versions (only the newest is
// signed), signing with its witness and validity, the refusals (blank or unreadable drawing,
// unknown or superseded template), withdrawal, what each role may take or withdraw, and the
// audit of every read.
import {
  AuditListQuery,
  CreateConsentTemplateRequest,
  SignConsentRequest,
  WithdrawConsentRequest,
  type ConsentKind,
  type ConsentTemplate,
} from '@stipple/core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClientFixture } from '../test-support/fixtures.js';
import { signaturePng } from '../test-support/images.js';
import {
  refusal,
  tierWithTwoStudios,
  type ServiceTier,
  type StudioActors,
} from '../test-support/service-tier.js';

let tier: ServiceTier;
let s: StudioActors;
let other: StudioActors;
let drawn: string;
let theirTemplate: ConsentTemplate;
const templates = {} as Record<ConsentKind, ConsentTemplate>;

const templateRequest = (kind: ConsentKind, validityMonths: number | null = null) =>
  CreateConsentTemplateRequest.parse({
    kind,
    language: 'en',
    title: `${kind} consent`,
    body: `I agree to ${kind} as it was explained to me today.`,
    validityMonths,
  });
const signing = (templateId: string, signature = drawn) =>
  SignConsentRequest.parse({ templateId, signerName: 'Ana Silva', signature });
const newClient = (familyName: string) => createClientFixture(tier.db, s.studio.id, { familyName });

beforeAll(async () => {
  ({ tier, s, other } = await tierWithTwoStudios('Consent'));
  drawn = await signaturePng();
  templates.treatment = await tier.services.consents.createTemplate(
    s.owner,
    templateRequest('treatment', 12),
  );
  templates.photo = await tier.services.consents.createTemplate(s.owner, templateRequest('photo'));
  templates.marketing = await tier.services.consents.createTemplate(s.owner, templateRequest('marketing'));
  theirTemplate = await tier.services.consents.createTemplate(other.owner, templateRequest('photo'));
});
afterAll(() => tier?.close());

describe('templates', () => {
  it('numbers versions per kind and language, and only the newest is current and may be signed', async () => {
    const { consents } = tier.services;
    const v1 = await consents.createTemplate(s.owner, { ...templateRequest('marketing'), language: 'zh-CN' });
    const v2 = await consents.createTemplate(s.owner, {
      ...templateRequest('marketing'),
      language: 'zh-CN',
      body: '我同意接收工作室的新闻和优惠信息。我可以随时撤回。',
    });
    expect([v1.version, v2.version]).toEqual([1, 2]);
    // Another studio's versions are its own.
    expect((await consents.createTemplate(other.owner, templateRequest('marketing'))).version).toBe(1);

    const listed = (await consents.listTemplates(s.desk)).items.filter(
      (t) => t.kind === 'marketing' && t.language === 'zh-CN',
    );
    expect(listed.map((t) => [t.version, t.current])).toEqual([
      [2, true],
      [1, false],
    ]);

    const clientId = await newClient('Versions');
    expect(await refusal(consents.sign(s.owner, clientId, signing(v1.id)))).toEqual({
      status: 409,
      code: 'newerConsent',
      fields: [{ field: 'templateId', code: 'olderConsentVersion' }],
    });
    expect((await consents.sign(s.owner, clientId, signing(v2.id))).templateVersion).toBe(2);
  });

  it('lets only the owner publish a template', async () => {
    for (const actor of [s.artist, s.desk])
      expect(
        await refusal(tier.services.consents.createTemplate(actor, templateRequest('photo'))),
      ).toMatchObject({
        status: 403,
        code: 'ownerOnly',
      });
  });
});

describe('signing', () => {
  it('keeps the exact text, the witness, the validity, and the drawing without its metadata', async () => {
    const { consents } = tier.services;
    const clientId = await newClient('Signed');
    const record = await consents.sign(s.artist, clientId, signing(templates.treatment.id));
    expect(record).toMatchObject({
      clientId,
      kind: 'treatment',
      templateVersion: 1,
      title: 'treatment consent',
      body: 'I agree to treatment as it was explained to me today.',
      signerName: 'Ana Silva',
      witnessedBy: { id: s.studio.artist.id, name: s.studio.artist.name },
      status: 'active',
      withdrawnAt: null,
    });
    // The template's 12 months of validity, from the moment of signing.
    const yearOn = new Date(record.signedAt);
    yearOn.setUTCFullYear(yearOn.getUTCFullYear() + 1);
    expect(record.validUntil).toBe(yearOn.toISOString());

    const png = await consents.signature(s.owner, record.id);
    const meta = await sharp(png).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 300, height: 100 });
    expect(await consents.get(s.desk, record.id)).toEqual(record);
    expect((await consents.list(s.desk, clientId)).items.map((c) => c.id)).toEqual([record.id]);
  });

  it('refuses a blank or unreadable drawing, an unknown template and an unknown client', async () => {
    const { consents } = tier.services;
    const clientId = await newClient('Refused');
    expect(
      await refusal(consents.sign(s.owner, clientId, signing(templates.photo.id, await signaturePng(true)))),
    ).toEqual({
      status: 400,
      code: 'validationFailed',
      fields: [{ field: 'signature', code: 'signatureEmpty' }],
    });
    const notPng = `data:image/png;base64,${Buffer.from('not a picture at all').toString('base64')}`;
    expect(
      (await refusal(consents.sign(s.owner, clientId, signing(templates.photo.id, notPng)))).fields,
    ).toEqual([{ field: 'signature', code: 'signatureUnreadable' }]);
    expect(await refusal(consents.sign(s.owner, clientId, signing(theirTemplate.id)))).toEqual({
      status: 422,
      code: 'unknownTemplate',
      fields: [{ field: 'templateId', code: 'notAConsentTemplate' }],
    });
    const theirClient = await createClientFixture(tier.db, other.studio.id);
    expect((await refusal(consents.sign(s.owner, theirClient, signing(templates.photo.id)))).status).toBe(
      404,
    );
    expect((await consents.list(s.owner, clientId)).items).toEqual([]);
  });

  it('keeps treatment consent to owners and artists; any role takes photo and marketing consent', async () => {
    const { consents } = tier.services;
    const clientId = await newClient('Roles');
    expect(await refusal(consents.sign(s.desk, clientId, signing(templates.treatment.id)))).toMatchObject({
      status: 403,
      code: 'clinicalOnly',
    });
    const photo = await consents.sign(s.desk, clientId, signing(templates.photo.id));
    expect(photo.witnessedBy?.id).toBe(s.studio.desk.id);
    await consents.sign(s.desk, clientId, signing(templates.marketing.id));
    expect((await consents.list(s.artist, clientId)).items.map((c) => c.kind).sort()).toEqual([
      'marketing',
      'photo',
    ]);
  });
});

describe('withdrawal', () => {
  it('records the withdrawal with its reason, once; the signed record itself stays as it was', async () => {
    const { consents } = tier.services;
    const clientId = await newClient('Withdrawn');
    const signed = await consents.sign(s.owner, clientId, signing(templates.photo.id));
    const withdrawn = await consents.withdraw(
      s.desk,
      signed.id,
      WithdrawConsentRequest.parse({ reason: 'No longer wants photos kept' }),
    );
    expect(withdrawn).toMatchObject({
      id: signed.id,
      status: 'withdrawn',
      withdrawalReason: 'No longer wants photos kept',
      body: signed.body,
      signedAt: signed.signedAt,
    });
    expect(withdrawn.withdrawnAt).not.toBeNull();
    expect(
      await refusal(consents.withdraw(s.owner, signed.id, WithdrawConsentRequest.parse({}))),
    ).toMatchObject({
      status: 409,
      code: 'consentWithdrawn',
    });
    expect((await consents.get(s.owner, signed.id)).status).toBe('withdrawn');
  });

  it('lets only owners and artists withdraw treatment consent, and no studio touch another’s', async () => {
    const { consents } = tier.services;
    const clientId = await newClient('Treatment');
    const signed = await consents.sign(s.artist, clientId, signing(templates.treatment.id));
    expect(
      await refusal(consents.withdraw(s.desk, signed.id, WithdrawConsentRequest.parse({}))),
    ).toMatchObject({
      status: 403,
      code: 'clinicalOnly',
    });
    for (const call of [
      () => consents.withdraw(other.owner, signed.id, WithdrawConsentRequest.parse({})),
      () => consents.get(other.owner, signed.id),
      () => consents.signature(other.owner, signed.id),
    ])
      expect((await refusal(call())).status).toBe(404);
    expect((await consents.withdraw(s.artist, signed.id, WithdrawConsentRequest.parse({}))).status).toBe(
      'withdrawn',
    );
  });
});

describe('audit', () => {
  it('logs signing, withdrawing and every read by who did it, with ids and kinds but not the text', async () => {
    const { consents, audit } = tier.services;
    const clientId = await newClient('Audited');
    const signed = await consents.sign(s.desk, clientId, signing(templates.marketing.id));
    await consents.get(s.artist, signed.id);
    await consents.signature(s.owner, signed.id);
    await consents.withdraw(s.desk, signed.id, WithdrawConsentRequest.parse({ reason: 'Moved away' }));

    const entries = (await audit.list(s.owner, AuditListQuery.parse({ entityId: signed.id }))).items;
    expect(entries.map((e) => [e.action, e.actor?.id]).reverse()).toEqual([
      ['consent.sign', s.studio.desk.id],
      ['consent.read', s.studio.artist.id],
      ['consent.read', s.studio.owner.id],
      ['consent.withdraw', s.studio.desk.id],
    ]);
    expect(entries[0]!.details).toEqual({ clientId, kind: 'marketing' });
    expect(entries.at(-1)!.details).toEqual({ clientId, kind: 'marketing', templateVersion: 1 });
    const logged = JSON.stringify(entries);
    for (const secret of ['Moved away', 'Ana Silva', 'I agree']) expect(logged).not.toContain(secret);
  });
});
