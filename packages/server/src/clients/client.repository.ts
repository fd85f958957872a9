// SQL for client records. Within `withStudio` row-level security confines every statement to the
// current studio, so queries carry no studio filter of their own (the RLS tests prove that this
// is enough). Search is a `LIKE` over a folded `search_text` column per studio: a sequential scan
// of one studio's clients, which is milliseconds at studio scale (thousands of rows). pg_trgm
// would index it, but PGlite only has it as an optional extension bundle, so it is left out.
import { foldForSearch, phoneDigits } from '@stipple/core';
import { and, eq, getTableColumns, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import { preparedQuery } from '../db/prepared-query.js';
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

/** Page queries: the window count needs no second statement (clientRepository.list). */
function pageQuery(tx: Tx, search: SQL | undefined, archived: ClientListFilter['archived']) {
  return tx
    .select({ ...getTableColumns(client), matching: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(client)
    .where(and(search, archivedCondition(archived)))
    .orderBy(sql`lower(${client.familyName})`, sql`lower(${client.givenName})`, client.id)
    .limit(sql.placeholder('limit'))
    .offset(sql.placeholder('offset'));
}

/** Browsing without a search is most of what the front desk does: one prepared page query per filter. */
const unsearchedPage = {
  exclude: preparedQuery((tx) => pageQuery(tx, undefined, 'exclude').prepare('client_page_exclude')),
  include: preparedQuery((tx) => pageQuery(tx, undefined, 'include').prepare('client_page_include')),
  only: preparedQuery((tx) => pageQuery(tx, undefined, 'only').prepare('client_page_only')),
};

const clientById = preparedQuery((tx) =>
  tx
    .select()
    .from(client)
    .where(eq(client.id, sql.placeholder('id')))
    .prepare('client_by_id'),
);

async function countMatching(tx: Tx, filter: ClientListFilter): Promise<number> {
  const [count] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(client)
    .where(and(filter.q ? searchCondition(filter.q) : undefined, archivedCondition(filter.archived)));
  return count?.n ?? 0;
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
    const [row] = options.forUpdate
      ? await tx.select().from(client).where(eq(client.id, id)).for('update')
      : await clientById(tx, { id });
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

  /**
   * A page of clients and how many match in all, in one statement (a window count over the
   * matches): a second `count(*)` cost every page another round trip to the server. Past the last
   * page there is no row to carry the count, so it is counted on its own.
   */
  async list(tx: Tx, filter: ClientListFilter): Promise<{ rows: ClientRow[]; total: number }> {
    const page = { limit: filter.pageSize, offset: (filter.page - 1) * filter.pageSize };
    const counted = filter.q
      ? await pageQuery(tx, searchCondition(filter.q), filter.archived).execute(page)
      : await unsearchedPage[filter.archived](tx, page);
    const rows = counted.map(({ matching: _, ...row }) => row);
    const total = counted[0]?.matching ?? (await countMatching(tx, filter));
    return { rows, total };
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
