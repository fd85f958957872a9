// InventoryService on real repositories: products and their lots (label data kept, lots in order
// of expiry, a duplicate lot number refused), who may do what, a lot past its expiry refused on a
// session's chart, and the recall that finds every session that used a lot, whoever did the work.
import {
  AuditListQuery,
  CreateLotRequest,
  CreateProductRequest,
  SaveSessionRequest,
  UpdateLotRequest,
  UpdateProductRequest,
} from '@stipple/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClientFixture } from '../test-support/fixtures.js';
import {
  bookSession,
  openForSessions,
  refusal,
  tierWithTwoStudios,
  type ServiceTier,
  type StudioActors,
} from '../test-support/service-tier.js';
import { workdayAt } from '../test-support/treatment-fixtures.js';

let tier: ServiceTier;
let s: StudioActors;
let other: StudioActors;

const pigmentRequest = CreateProductRequest.parse({
  kind: 'pigment',
  name: 'Carbon Black',
  manufacturer: 'Pigment Works',
  shade: 'Shade 30',
  ingredients: 'Aqua, Carbon Black (CI 77266), Glycerin',
  warnings: 'Patch test 48 hours before use.',
});
const lotRequest = (lotNumber: string, expiresOn: string) => CreateLotRequest.parse({ lotNumber, expiresOn });

beforeAll(async () => {
  ({ tier, s, other } = await tierWithTwoStudios('Inventory'));
  await openForSessions(tier.services, s);
});
afterAll(() => tier?.close());

describe('products and lots', () => {
  it('keeps the label data, lists lots soonest expiry first, and marks a lapsed lot expired', async () => {
    const { inventory } = tier.services;
    const product = await inventory.createProduct(s.owner, pigmentRequest);
    await inventory.createLot(s.owner, product.id, lotRequest('LATE', '2099-12-31'));
    await inventory.createLot(s.owner, product.id, lotRequest('LAPSED', '2020-01-31'));
    await inventory.createLot(s.owner, product.id, lotRequest('SOON', '2090-06-30'));

    const listed = (await inventory.list(s.artist)).items.find((p) => p.id === product.id)!;
    expect(listed).toMatchObject({
      manufacturer: 'Pigment Works',
      shade: 'Shade 30',
      ingredients: 'Aqua, Carbon Black (CI 77266), Glycerin',
      warnings: 'Patch test 48 hours before use.',
      active: true,
    });
    expect(listed.lots.map((l) => [l.lotNumber, l.expired])).toEqual([
      ['LAPSED', true],
      ['SOON', false],
      ['LATE', false],
    ]);
  });

  it('refuses a lot number the product already has (409 naming the field), not one of another product', async () => {
    const { inventory } = tier.services;
    const product = await inventory.createProduct(s.owner, { ...pigmentRequest, name: 'Dark Brown' });
    await inventory.createLot(s.owner, product.id, lotRequest('DB-1', '2099-01-01'));
    expect(await refusal(inventory.createLot(s.owner, product.id, lotRequest('DB-1', '2098-01-01')))).toEqual(
      {
        status: 409,
        code: 'lotExists',
        fields: [{ field: 'lotNumber', code: 'lotNumberExists' }],
      },
    );
    const second = await inventory.createProduct(s.owner, { ...pigmentRequest, name: 'Soft Black' });
    const same = await inventory.createLot(s.owner, second.id, lotRequest('DB-1', '2099-01-01'));
    expect(same.productId).toBe(second.id);
    const lots = (await inventory.list(s.owner)).items.find((p) => p.id === product.id)!.lots;
    expect(lots.map((l) => l.lotNumber)).toEqual(['DB-1']);
  });

  it('updates a product and a lot, and the audit names the changed fields only', async () => {
    const { inventory, audit } = tier.services;
    const product = await inventory.createProduct(s.owner, { ...pigmentRequest, name: 'Slate' });
    const updated = await inventory.updateProduct(
      s.owner,
      product.id,
      UpdateProductRequest.parse({ warnings: 'Contains nickel traces.', active: false }),
    );
    expect(updated).toMatchObject({ warnings: 'Contains nickel traces.', active: false, name: 'Slate' });
    const lot = await inventory.createLot(s.owner, product.id, lotRequest('SL-1', '2099-01-01'));
    const opened = await inventory.updateLot(
      s.owner,
      lot.id,
      UpdateLotRequest.parse({ openedOn: '2026-11-01', archived: true }),
    );
    expect(opened).toMatchObject({ openedOn: '2026-11-01', archived: true, lotNumber: 'SL-1' });

    const entries = (await audit.list(s.owner, AuditListQuery.parse({ entityId: product.id }))).items;
    const change = entries.find((e) => e.action === 'inventory.product_update')!;
    expect(change.details).toEqual({ fields: ['warnings', 'active'] });
    expect(JSON.stringify(change.details)).not.toContain('nickel');
  });

  it('answers 404 for a product or lot that is not there, or is another studio’s', async () => {
    const { inventory } = tier.services;
    const theirs = await inventory.createProduct(other.owner, { ...pigmentRequest, name: 'Theirs' });
    const theirLot = await inventory.createLot(other.owner, theirs.id, lotRequest('T-1', '2099-01-01'));
    for (const call of [
      () => inventory.createLot(s.owner, theirs.id, lotRequest('T-2', '2099-01-01')),
      () => inventory.updateProduct(s.owner, theirs.id, UpdateProductRequest.parse({ active: false })),
      () => inventory.updateLot(s.owner, theirLot.id, UpdateLotRequest.parse({ archived: true })),
      () => inventory.recall(s.owner, theirLot.id),
    ])
      expect((await refusal(call())).status).toBe(404);
    expect((await inventory.list(s.owner)).items.some((p) => p.id === theirs.id)).toBe(false);
  });

  it('lets the owner manage, artists read and recall, and keeps the front desk out (403)', async () => {
    const { inventory } = tier.services;
    const product = await inventory.createProduct(s.owner, { ...pigmentRequest, name: 'Roles' });
    const lot = await inventory.createLot(s.owner, product.id, lotRequest('R-1', '2099-01-01'));
    for (const call of [
      () => inventory.createProduct(s.artist, pigmentRequest),
      () => inventory.createLot(s.artist, product.id, lotRequest('R-2', '2099-01-01')),
      () => inventory.updateLot(s.artist, lot.id, UpdateLotRequest.parse({ archived: true })),
      () => inventory.updateProduct(s.artist, product.id, UpdateProductRequest.parse({ active: false })),
    ])
      expect(await refusal(call())).toMatchObject({ status: 403, code: 'ownerOnly' });
    for (const call of [() => inventory.list(s.desk), () => inventory.recall(s.desk, lot.id)])
      expect(await refusal(call())).toMatchObject({ status: 403, code: 'clinicalOnly' });
    expect((await inventory.recall(s.artist, lot.id)).uses).toEqual([]);
  });
});

describe('lots on session charts', () => {
  let lapsesOn: string;
  let productId: string;

  beforeAll(async () => {
    lapsesOn = '2030-06-30';
    productId = (await tier.services.inventory.createProduct(s.owner, { ...pigmentRequest, name: 'Charted' }))
      .id;
  });

  it('takes a lot on the day it expires and refuses it the day after, naming the material (422)', async () => {
    const { inventory, sessions } = tier.services;
    const lot = await inventory.createLot(s.owner, productId, lotRequest('CH-1', lapsesOn));
    const clientId = await createClientFixture(tier.db, s.studio.id, { familyName: 'Charted' });
    const appt = await bookSession(tier.services, s.artist, {
      clientId,
      artistId: s.studio.artist.id,
      startsAt: workdayAt(4, '10:00'),
    });
    const chart = (performedOn: string) =>
      SaveSessionRequest.parse({ performedOn, materials: [{ lotId: lot.id, dilution: '1:25' }] });

    expect(await refusal(sessions.save(s.artist, appt.id, chart('2030-07-01'), 'en'))).toEqual({
      status: 422,
      code: 'expiredLot',
      fields: [{ field: 'materials.0.lotId', code: 'lotExpired' }],
    });
    const saved = await sessions.save(s.artist, appt.id, chart(lapsesOn), 'en');
    expect(saved.materials).toMatchObject([{ lotId: lot.id, lotNumber: 'CH-1', expiresOn: lapsesOn }]);
  });

  it('recalls every session that used the lot, across artists and clients, and only those', async () => {
    const { inventory, sessions, audit } = tier.services;
    const recalled = await inventory.createLot(s.owner, productId, lotRequest('RC-1', '2099-12-31'));
    const spared = await inventory.createLot(s.owner, productId, lotRequest('RC-2', '2099-12-31'));
    const ana = await createClientFixture(tier.db, s.studio.id, { givenName: 'Ana', familyName: 'Recalled' });
    const bo = await createClientFixture(tier.db, s.studio.id, { givenName: 'Bo', familyName: 'Recalled' });
    const cy = await createClientFixture(tier.db, s.studio.id, { givenName: 'Cy', familyName: 'Spared' });
    const charted = async (clientId: string, artistId: string, day: number, lotId: string) => {
      const appt = await bookSession(tier.services, s.owner, {
        clientId,
        artistId,
        startsAt: workdayAt(day, '10:00'),
      });
      const request = SaveSessionRequest.parse({ materials: [{ lotId, dilution: '' }] });
      return sessions.save(s.owner, appt.id, request, 'en');
    };
    const byArtist = await charted(ana, s.studio.artist.id, 6, recalled.id);
    const byOwner = await charted(bo, s.studio.owner.id, 7, recalled.id);
    await charted(cy, s.studio.artist.id, 8, spared.id);

    const report = await inventory.recall(s.artist, recalled.id);
    expect(report.lot).toMatchObject({ id: recalled.id, lotNumber: 'RC-1' });
    expect(report.product).toMatchObject({ id: productId, manufacturer: 'Pigment Works' });
    expect(report.clients).toBe(2);
    expect(
      report.uses.map((u) => [
        u.sessionId,
        u.clientId,
        u.clientName,
        u.artistId,
        u.artistName,
        u.sessionNumber,
      ]),
    ).toEqual([
      [byArtist.id, ana, 'Ana Recalled', s.studio.artist.id, s.studio.artist.name, 1],
      [byOwner.id, bo, 'Bo Recalled', s.studio.owner.id, s.studio.owner.name, 1],
    ]);
    expect(report.uses.map((u) => u.status)).toEqual(['draft', 'draft']);

    // The audit keeps who ran the recall and what it found, as ids and counts, never names.
    const [entry] = (
      await audit.list(s.owner, AuditListQuery.parse({ action: 'inventory.recall', entityId: recalled.id }))
    ).items;
    expect(entry).toMatchObject({ actor: { id: s.studio.artist.id } });
    const { clientIds, ...counts } = entry!.details;
    expect(counts).toEqual({ sessions: 2, clients: 2 });
    expect([...(clientIds as string[])].sort()).toEqual([ana, bo].sort());
    expect(JSON.stringify(entry!.details)).not.toContain('Recalled');
  });
});
