// Pigments and needles as inventory: products with the label data the client may ask to see
// (EU REACH: manufacturer, batch number, ingredients, warnings), their lots with expiry and
// opened date, and the recall look-up. The owner manages; artists read (to chart sessions) and
// may run a recall; front desk has no access.
import type {
  CreateLotRequest,
  CreateProductRequest,
  InventoryList,
  InventoryLot,
  InventoryProduct,
  RecallReport,
  UpdateLotRequest,
  UpdateProductRequest,
} from '@stipple/core';
import { audit } from '../audit/audit-trail.js';
import type { Actor } from '../auth/actor.js';
import { CLINICAL, OWNER, requireRole } from '../auth/roles.js';
import type { Database } from '../db/database.js';
import { isUniqueViolation } from '../db/pg-errors.js';
import { bodyField, conflict, notFound } from '../http/app-error.js';
import { formatName } from '../text/person-name.js';
import { inventoryRepository, type LotRow, type ProductRow } from './inventory.repository.js';

export const todayUtc = (now = new Date()) => now.toISOString().slice(0, 10);

export const toLot = (row: LotRow, today = todayUtc()): InventoryLot => ({
  id: row.id,
  productId: row.productId,
  lotNumber: row.lotNumber,
  expiresOn: row.expiresOn,
  manufacturedOn: row.manufacturedOn,
  receivedOn: row.receivedOn,
  openedOn: row.openedOn,
  archived: row.archived,
  expired: row.expiresOn < today,
  createdAt: row.createdAt.toISOString(),
});

export const toProduct = (row: ProductRow, lots: LotRow[]): InventoryProduct => ({
  id: row.id,
  kind: row.kind,
  name: row.name,
  manufacturer: row.manufacturer,
  shade: row.shade,
  needleConfiguration: row.needleConfiguration,
  needleDiameterMm: row.needleDiameterMm,
  ingredients: row.ingredients,
  warnings: row.warnings,
  active: row.active,
  lots: lots.map((l) => toLot(l)),
  createdAt: row.createdAt.toISOString(),
});

const duplicateLot = () => conflict('lotExists', {}, [bodyField('lotNumber', 'lotNumberExists')]);

export class InventoryService {
  constructor(private readonly deps: { db: Database }) {}

  async list(actor: Actor): Promise<InventoryList> {
    requireRole(actor, CLINICAL);
    const rows = await this.deps.db.withStudio(actor.studioId, (tx) => inventoryRepository.listProducts(tx));
    return { items: rows.map((r) => toProduct(r.product, r.lots)) };
  }

  async createProduct(actor: Actor, request: CreateProductRequest): Promise<InventoryProduct> {
    requireRole(actor, OWNER);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const row = await inventoryRepository.createProduct(tx, { ...request, studioId: actor.studioId });
      await audit(tx, actor, 'inventory.product_create', 'product', row.id, { kind: row.kind });
      return toProduct(row, []);
    });
  }

  async updateProduct(actor: Actor, id: string, request: UpdateProductRequest): Promise<InventoryProduct> {
    requireRole(actor, OWNER);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      if (!(await inventoryRepository.findProduct(tx, id))) throw notFound('product');
      await inventoryRepository.updateProduct(tx, id, request);
      await audit(tx, actor, 'inventory.product_update', 'product', id, { fields: Object.keys(request) });
      const [found] = await inventoryRepository.listProducts(tx, id);
      return toProduct(found!.product, found!.lots);
    });
  }

  async createLot(actor: Actor, productId: string, request: CreateLotRequest): Promise<InventoryLot> {
    requireRole(actor, OWNER);
    try {
      return await this.deps.db.withStudio(actor.studioId, async (tx) => {
        if (!(await inventoryRepository.findProduct(tx, productId))) throw notFound('product');
        const row = await inventoryRepository.createLot(tx, {
          ...request,
          productId,
          studioId: actor.studioId,
        });
        await audit(tx, actor, 'inventory.lot_create', 'product_lot', row.id, { productId });
        return toLot(row);
      });
    } catch (err) {
      if (isUniqueViolation(err, 'product_lot_product_number_key')) throw duplicateLot();
      throw err;
    }
  }

  async updateLot(actor: Actor, id: string, request: UpdateLotRequest): Promise<InventoryLot> {
    requireRole(actor, OWNER);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      if (!(await inventoryRepository.findLot(tx, id))) throw notFound('lot');
      await inventoryRepository.updateLot(tx, id, request);
      await audit(tx, actor, 'inventory.lot_update', 'product_lot', id, { fields: Object.keys(request) });
      return toLot((await inventoryRepository.findLot(tx, id))!);
    });
  }

  /** Every client and session that received the lot, whichever artist did the work. */
  async recall(actor: Actor, lotId: string): Promise<RecallReport> {
    requireRole(actor, CLINICAL);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const lot = await inventoryRepository.findLot(tx, lotId);
      if (!lot) throw notFound('lot');
      const rows = await inventoryRepository.recall(tx, lotId);
      const clients = new Set(rows.map((r) => r.clientId));
      await audit(tx, actor, 'inventory.recall', 'product_lot', lotId, {
        sessions: rows.length,
        clients: clients.size,
        clientIds: [...clients],
      });
      const { lots: _lots, ...product } = toProduct(lot.product, []);
      return {
        lot: toLot(lot),
        product,
        clients: clients.size,
        uses: rows.map((r) => ({
          sessionId: r.sessionId,
          appointmentId: r.appointmentId,
          clientId: r.clientId,
          clientName: formatName(r),
          artistId: r.artistId,
          artistName: r.artistName,
          performedOn: r.performedOn,
          sessionNumber: r.sessionNumber,
          status: r.status,
        })),
      };
    });
  }
}
