// SQL for client records. Within `withStudio` row-level security confines every statement to the
// current studio, so queries carry no studio filter of their own (the RLS tests prove that this
// is enough). Search is a `LIKE` over a folded `search_text` column per studio: a sequential scan
// of one studio's clients, which is milliseconds at studio scale (thousands of rows). pg_trgm
// would index it, but PGlite only has it as an optional extension bundle, so it is left out.
import { foldForSearch, phoneDigits } from '@stipple/core';
import { and, eq, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { client } from '../db/schema.js';

export type ClientRow = typeof client.$inferSelect;

export interface ClientFields {
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  email: string | null;
  phone: string | null;
  preferredLanguage: string;
  notes: string;
}

export interface ClientListFilter {
  q?: string | undefined;
  archived: 'exclude' | 'include' | 'only';
  page: number;
  pageSize: number;
}

/** What search looks in: folded names and email, plus the phone's digits. */
export function searchTextOf(c: Pick<ClientFields, 'givenName' | 'familyName' | 'email' | 'phone'>): string {
  const words = foldForSearch(`${c.givenName} ${c.familyName} ${c.email ?? ''}`);
  const digits = c.phone ? phoneDigits(c.phone) : '';
  return digits ? `${words} ${digits}` : words;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);
const contains = (text: string): SQL => sql`${client.searchText} like ${`%${escapeLike(text)}%`}`;

/** Every word of the query must occur; a query that looks like a phone number also matches by digits. */
export function searchCondition(q: string): SQL | undefined {
  const words = foldForSearch(q).split(' ').filter(Boolean);
  if (words.length === 0) return undefined;
  const byWords = and(...words.map(contains));
  const digits = phoneDigits(q);
  const looksLikePhone = /^[0-9 +()./-]+$/.test(q.trim()) && digits.length >= 3;
  return looksLikePhone ? or(byWords, contains(digits)) : byWords;
}

function archivedCondition(archived: ClientListFilter['archived']): SQL | undefined {
  if (archived === 'exclude') return isNull(client.archivedAt);
  if (archived === 'only') return isNotNull(client.archivedAt);
  return undefined;
}

export const clientRepository = {
  async create(tx: Tx, studioId: string, fields: ClientFields, createdBy: string | null): Promise<ClientRow> {
    const [row] = await tx
      .insert(client)
      .values({ ...fields, studioId, createdBy, searchText: searchTextOf(fields) })
      .returning();
    return row!;
  },

  async findById(tx: Tx, id: string, options: { forUpdate?: boolean } = {}): Promise<ClientRow | undefined> {
    const query = tx.select().from(client).where(eq(client.id, id));
    const [row] = options.forUpdate ? await query.for('update') : await query;
    return row;
  },

  /** Active clients whose email is this one and was proved (they opened a link sent to it). */
  async findVerifiedByEmail(tx: Tx, email: string): Promise<ClientRow[]> {
    return tx
      .select()
      .from(client)
      .where(
        and(
          sql`lower(${client.email}) = ${email.toLowerCase()}`,
          isNotNull(client.emailVerifiedAt),
          isNull(client.archivedAt),
        ),
      )
      .orderBy(client.createdAt);
  },

  /** The client proved they read `email` (opened a link sent to it). */
  async markEmailVerified(tx: Tx, id: string, email: string): Promise<void> {
    await tx
      .update(client)
      .set({ emailVerifiedAt: sql`now()` })
      .where(and(eq(client.id, id), sql`lower(${client.email}) = ${email.toLowerCase()}`));
  },

  async list(tx: Tx, filter: ClientListFilter): Promise<{ rows: ClientRow[]; total: number }> {
    const where = and(filter.q ? searchCondition(filter.q) : undefined, archivedCondition(filter.archived));
    const [count] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(client)
      .where(where);
    const rows = await tx
      .select()
      .from(client)
      .where(where)
      .orderBy(sql`lower(${client.familyName})`, sql`lower(${client.givenName})`, client.id)
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize);
    return { rows, total: count?.n ?? 0 };
  },

  /** Writes `patch` over `current`, bumping the version and refreshing the search text. */
  async update(tx: Tx, current: ClientRow, patch: Partial<ClientFields>): Promise<ClientRow> {
    const merged = { ...current, ...patch };
    const [row] = await tx
      .update(client)
      .set({
        ...patch,
        searchText: searchTextOf(merged),
        version: sql`${client.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(client.id, current.id), eq(client.version, current.version)))
      .returning();
    return row!;
  },

  async setArchived(tx: Tx, current: ClientRow, archived: boolean): Promise<ClientRow> {
    const [row] = await tx
      .update(client)
      .set({
        archivedAt: archived ? sql`now()` : null,
        version: sql`${client.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(eq(client.id, current.id))
      .returning();
    return row!;
  },
};
