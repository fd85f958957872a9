// SQL for photos. Row-level security confines every statement to the current studio.
import { and, asc, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/database.js';
import { preparedQuery } from '../db/prepared-query.js';
import { client, photo } from '../db/schema.js';

export type PhotoRow = typeof photo.$inferSelect;
export type PhotoWithConsent = PhotoRow & { photoConsent: boolean };

/** True when the photo's client has a signed photo-use consent that is neither withdrawn nor expired. */
export const photoConsentOf = (clientId: SQL | typeof photo.clientId): SQL<boolean> => sql<boolean>`exists (
  select 1 from consent_record cr
   where cr.client_id = ${clientId} and cr.kind = 'photo'
     and (cr.valid_until is null or cr.valid_until > now())
     and not exists (select 1 from consent_withdrawal w where w.consent_id = cr.id))`;

const withConsent = { ...getTableColumns(photo), photoConsent: photoConsentOf(photo.clientId) };

// A photo and a client's photos are read on every thumbnail and photo list: built once per
// handle (db/prepared-query.ts).
const photoById = preparedQuery((tx) =>
  tx
    .select(withConsent)
    .from(photo)
    .where(eq(photo.id, sql.placeholder('id')))
    .prepare('photo_by_id'),
);
const photosOfClient = preparedQuery((tx) =>
  tx
    .select(withConsent)
    .from(photo)
    .where(eq(photo.clientId, sql.placeholder('clientId')))
    .orderBy(asc(photo.takenOn), asc(photo.createdAt))
    .prepare('photos_of_client'),
);

export const photoRepository = {
  async create(tx: Tx, values: typeof photo.$inferInsert): Promise<PhotoRow> {
    const [row] = await tx.insert(photo).values(values).returning();
    return row!;
  },

  async findById(tx: Tx, id: string): Promise<PhotoWithConsent | undefined> {
    const [row] = await photoById(tx, { id });
    return row;
  },

  async listByClient(tx: Tx, clientId: string): Promise<PhotoWithConsent[]> {
    return photosOfClient(tx, { clientId });
  },

  async findByIds(tx: Tx, ids: string[]): Promise<PhotoRow[]> {
    if (ids.length === 0) return [];
    return tx.select().from(photo).where(inArray(photo.id, ids));
  },

  async update(tx: Tx, id: string, patch: Partial<typeof photo.$inferInsert>): Promise<void> {
    await tx.update(photo).set(patch).where(eq(photo.id, id));
  },

  /** Detaches every photo of a session, then attaches the given ones with their role. */
  async setSessionPhotos(tx: Tx, sessionId: string, before: string[], after: string[]): Promise<void> {
    await tx.update(photo).set({ sessionId: null, sessionRole: null }).where(eq(photo.sessionId, sessionId));
    if (before.length)
      await tx.update(photo).set({ sessionId, sessionRole: 'before' }).where(inArray(photo.id, before));
    if (after.length)
      await tx.update(photo).set({ sessionId, sessionRole: 'after' }).where(inArray(photo.id, after));
  },

  async listBySessions(tx: Tx, sessionIds: string[]): Promise<PhotoRow[]> {
    if (sessionIds.length === 0) return [];
    return tx.select().from(photo).where(inArray(photo.sessionId, sessionIds));
  },

  /** Photos of clients with an active photo-use consent: what galleries may show. */
  async gallery(
    tx: Tx,
    limit: number,
  ): Promise<(PhotoWithConsent & { givenName: string; familyName: string })[]> {
    return tx
      .select({ ...withConsent, givenName: client.givenName, familyName: client.familyName })
      .from(photo)
      .innerJoin(client, eq(client.id, photo.clientId))
      .where(and(photoConsentOf(photo.clientId), sql`${client.archivedAt} is null`))
      .orderBy(sql`${photo.takenOn} desc`, sql`${photo.createdAt} desc`)
      .limit(limit);
  },

  /** System: photos whose renditions were never made (e.g. the server stopped before the job ran). */
  async listPendingDerivatives(tx: Tx): Promise<{ id: string; studioId: string }[]> {
    return queryRows<{ id: string; studioId: string }>(
      tx,
      sql`select id, studio_id as "studioId" from photo where derivatives = 'pending' order by created_at limit 1000`,
    );
  },

  /** System (spans studios): whether any row still refers to a blob. */
  async blobInUse(tx: Tx, sha256: string): Promise<boolean> {
    const [row] = await queryRows<{ used: boolean }>(
      tx,
      sql`select exists (select 1 from photo where sha256 = ${sha256} or preview_sha256 = ${sha256} or thumb_sha256 = ${sha256})
              or exists (select 1 from consent_record where signature_sha256 = ${sha256}) as used`,
    );
    return Boolean(row?.used);
  },
};
