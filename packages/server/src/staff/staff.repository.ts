// SQL for staff accounts. Within `withStudio` row-level security confines every statement to
// the current studio, so queries carry no studio filter of their own.
import { and, asc, eq, ne, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { staffUser } from '../db/schema.js';

export type StaffRow = typeof staffUser.$inferSelect;
export type NewStaff = Pick<
  typeof staffUser.$inferInsert,
  'studioId' | 'email' | 'name' | 'role' | 'passwordHash'
> &
  Partial<Pick<typeof staffUser.$inferInsert, 'locale'>>;
export type StaffPatch = Partial<Pick<StaffRow, 'name' | 'role' | 'active' | 'locale'>>;

export const staffRepository = {
  async create(tx: Tx, values: NewStaff): Promise<StaffRow> {
    const [row] = await tx
      .insert(staffUser)
      .values({ ...values, email: values.email.toLowerCase() })
      .returning();
    return row!;
  },

  /** Used as the system at sign-in (email is unique across the installation) and when inviting. */
  async findByEmail(tx: Tx, email: string): Promise<StaffRow | undefined> {
    const [row] = await tx.select().from(staffUser).where(eq(staffUser.email, email.toLowerCase()));
    return row;
  },

  async findById(tx: Tx, id: string): Promise<StaffRow | undefined> {
    const [row] = await tx.select().from(staffUser).where(eq(staffUser.id, id));
    return row;
  },

  async list(tx: Tx): Promise<StaffRow[]> {
    return tx.select().from(staffUser).orderBy(asc(staffUser.name), asc(staffUser.id));
  },

  async update(tx: Tx, id: string, patch: StaffPatch): Promise<StaffRow | undefined> {
    const [row] = await tx
      .update(staffUser)
      .set({ ...patch, updatedAt: sql`now()` })
      .where(eq(staffUser.id, id))
      .returning();
    return row;
  },

  async setPasswordHash(tx: Tx, id: string, passwordHash: string): Promise<void> {
    await tx
      .update(staffUser)
      .set({ passwordHash, updatedAt: sql`now()` })
      .where(eq(staffUser.id, id));
  },

  /** Active owners other than `exceptId`, locked so two concurrent demotions cannot both pass. */
  async countOtherActiveOwners(tx: Tx, exceptId: string): Promise<number> {
    const rows = await tx
      .select({ id: staffUser.id })
      .from(staffUser)
      .where(and(eq(staffUser.role, 'owner'), eq(staffUser.active, true), ne(staffUser.id, exceptId)))
      .for('update');
    return rows.length;
  },
};
