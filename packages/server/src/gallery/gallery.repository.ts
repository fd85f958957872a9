// SQL for the before-and-after gallery. Row-level security confines every statement to the
// current studio. A pair is visible only while the photo-use consent it was added under is signed,
// not withdrawn and not expired: every read joins it, so a withdrawal takes effect at once.
import { eq, sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/database.js';
import { galleryPair } from '../db/schema.js';

export interface PairRow {
  id: string;
  clientId: string;
  givenName: string;
  familyName: string;
  view: string;
  beforePhotoId: string;
  afterPhotoId: string;
  beforeSha256: string;
  afterSha256: string;
  beforeTakenOn: string;
  afterTakenOn: string;
  /** The stored after photo's size (upright, as intake left it): the after crop is clipped to it. */
  afterWidth: number;
  afterHeight: number;
  crop: { x: number; y: number; w: number; h: number };
  transform: number[] | null;
  sessionOn: string | null;
  createdAt: string;
}

const selectPairs = (where: ReturnType<typeof sql>) => sql`
  select gp.id, gp.client_id as "clientId", c.given_name as "givenName", c.family_name as "familyName",
         b.view, gp.before_photo_id as "beforePhotoId", gp.after_photo_id as "afterPhotoId",
         b.sha256 as "beforeSha256", a.sha256 as "afterSha256",
         b.taken_on::text as "beforeTakenOn", a.taken_on::text as "afterTakenOn",
         a.width as "afterWidth", a.height as "afterHeight",
         gp.crop, gp.transform, gp.created_at as "createdAt",
         (select max(s.performed_on)::text from session_record s
           where s.client_id = gp.client_id and s.status = 'completed' and s.performed_on <= a.taken_on) as "sessionOn"
    from gallery_pair gp
    join photo b on b.id = gp.before_photo_id
    join photo a on a.id = gp.after_photo_id
    join client c on c.id = gp.client_id
    join consent_record cr on cr.id = gp.consent_id
   where (cr.valid_until is null or cr.valid_until > now())
     and not exists (select 1 from consent_withdrawal w where w.consent_id = cr.id)
     and ${where}
   order by gp.created_at desc`;

export const galleryRepository = {
  async create(tx: Tx, values: typeof galleryPair.$inferInsert): Promise<string> {
    const [row] = await tx.insert(galleryPair).values(values).returning({ id: galleryPair.id });
    return row!.id;
  },

  async exists(tx: Tx, beforePhotoId: string, afterPhotoId: string): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      tx,
      sql`select id from gallery_pair where before_photo_id = ${beforePhotoId} and after_photo_id = ${afterPhotoId}`,
    );
    return rows.length > 0;
  },

  /** The pairs the gallery shows now (consent active). */
  async listVisible(tx: Tx, limit = 200): Promise<PairRow[]> {
    return queryRows<PairRow>(tx, sql`${selectPairs(sql`true`)} limit ${limit}`);
  },

  async findVisible(tx: Tx, id: string): Promise<PairRow | undefined> {
    const [row] = await queryRows<PairRow>(tx, selectPairs(sql`gp.id = ${id}`));
    return row;
  },

  async remove(tx: Tx, id: string): Promise<boolean> {
    const rows = await tx.delete(galleryPair).where(eq(galleryPair.id, id)).returning({ id: galleryPair.id });
    return rows.length > 0;
  },
};
