// SQL for pigment and needle products, their lots, and the recall look-up.
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/database.js';
import { product, productLot } from '../db/schema.js';
import { SESSION_NUMBER_SQL } from '../appointments/appointment.repository.js';

export type ProductRow = typeof product.$inferSelect;
export type LotRow = typeof productLot.$inferSelect;
export type LotWithProduct = LotRow & { product: ProductRow };

export interface RecallRow {
  sessionId: string;
  appointmentId: string;
  clientId: string;
  givenName: string;
  familyName: string;
  artistId: string;
  artistName: string;
  performedOn: string;
  status: 'draft' | 'completed';
  sessionNumber: number | null;
}

export const inventoryRepository = {
  /** Every product with its lots, or only the product `onlyId`. */
  async listProducts(tx: Tx, onlyId?: string): Promise<{ product: ProductRow; lots: LotRow[] }[]> {
    const products = await tx
      .select()
      .from(product)
      .where(onlyId ? eq(product.id, onlyId) : undefined)
      .orderBy(asc(product.kind), asc(product.name));
    const lots = products.length
      ? await tx
          .select()
          .from(productLot)
          .where(
            inArray(
              productLot.productId,
              products.map((p) => p.id),
            ),
          )
          .orderBy(asc(productLot.expiresOn), asc(productLot.lotNumber))
      : [];
    return products.map((p) => ({ product: p, lots: lots.filter((l) => l.productId === p.id) }));
  },

  async findProduct(tx: Tx, id: string): Promise<ProductRow | undefined> {
    const [row] = await tx.select().from(product).where(eq(product.id, id));
    return row;
  },

  async createProduct(tx: Tx, values: typeof product.$inferInsert): Promise<ProductRow> {
    const [row] = await tx.insert(product).values(values).returning();
    return row!;
  },

  async updateProduct(tx: Tx, id: string, patch: Partial<typeof product.$inferInsert>): Promise<void> {
    await tx.update(product).set(patch).where(eq(product.id, id));
  },

  async createLot(tx: Tx, values: typeof productLot.$inferInsert): Promise<LotRow> {
    const [row] = await tx.insert(productLot).values(values).returning();
    return row!;
  },

  async updateLot(tx: Tx, id: string, patch: Partial<typeof productLot.$inferInsert>): Promise<void> {
    await tx.update(productLot).set(patch).where(eq(productLot.id, id));
  },

  async findLot(tx: Tx, id: string): Promise<LotWithProduct | undefined> {
    const [row] = await tx
      .select({ lot: productLot, product })
      .from(productLot)
      .innerJoin(product, eq(product.id, productLot.productId))
      .where(eq(productLot.id, id));
    return row ? { ...row.lot, product: row.product } : undefined;
  },

  async findLots(tx: Tx, ids: string[]): Promise<LotWithProduct[]> {
    if (ids.length === 0) return [];
    const rows = await tx
      .select({ lot: productLot, product })
      .from(productLot)
      .innerJoin(product, eq(product.id, productLot.productId))
      .where(inArray(productLot.id, ids));
    return rows.map((r) => ({ ...r.lot, product: r.product }));
  },

  /** Every session that used the lot, with its client and artist, across all artists. */
  async recall(tx: Tx, lotId: string): Promise<RecallRow[]> {
    return queryRows<RecallRow>(
      tx,
      sql`select distinct s.id as "sessionId", s.appointment_id as "appointmentId", s.client_id as "clientId",
                 c.given_name as "givenName", c.family_name as "familyName",
                 s.artist_id as "artistId", u.name as "artistName",
                 to_char(s.performed_on, 'YYYY-MM-DD') as "performedOn", s.status,
                 ${SESSION_NUMBER_SQL} as "sessionNumber"
            from session_material m
            join session_record s on s.id = m.session_id
            join client c on c.id = s.client_id
            join staff_user u on u.id = s.artist_id
            join appointment a on a.id = s.appointment_id
           where m.lot_id = ${lotId}
           order by "performedOn", "sessionId"`,
    );
  },
};
