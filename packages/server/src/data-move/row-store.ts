// The rows of a Stipple database as PostgreSQL's COPY text, table by table: the one format that
// carries every type exactly between PGlite (PostgreSQL 18 in WebAssembly) and a PostgreSQL 15
// server, and that the backup files keep. Each session runs in UTC with ISO dates, so the same
// rows give the same bytes on either engine, which is what the checks after a move compare.
import type { Readable, Writable } from 'node:stream';

export interface TableInfo {
  name: string;
  /** Stored columns in their order (generated columns are left to the database). */
  columns: string[];
  /** The primary key (or every column when there is none): a stable order for hashing. */
  orderBy: string[];
}

export interface RowStore {
  readonly kind: 'pglite' | 'postgres';
  describe(): string;
  /** Why this database cannot take a copy (it holds tables already), or null when it is empty. */
  whyNotEmpty(): Promise<string | null>;
  /** Applies this build's migrations (the target's tables come from them, not from the copy). */
  migrate(): Promise<void>;
  appliedMigrations(): Promise<number>;
  /** Every table of the public schema, parents before the tables that refer to them. */
  tables(): Promise<TableInfo[]>;
  copyOut(table: TableInfo, sink: Writable): Promise<void>;
  copyIn(table: TableInfo, source: Readable): Promise<void>;
  /** Runs `fn` inside one read-only snapshot, so every table is read as of one instant. */
  snapshot<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Session settings that make COPY text identical on both engines. */
export const STABLE_OUTPUT =
  "set TimeZone = 'UTC'; set DateStyle = 'ISO, MDY'; set IntervalStyle = 'postgres'; set extra_float_digits = 1";

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function copyOutSql(table: TableInfo, target: 'STDOUT' | "'/dev/blob'"): string {
  const cols = table.columns.map(ident).join(', ');
  const order = table.orderBy.map(ident).join(', ');
  return `copy (select ${cols} from public.${ident(table.name)} order by ${order}) to ${target}`;
}

export function copyInSql(table: TableInfo, source: 'STDIN' | "'/dev/blob'"): string {
  return `copy public.${ident(table.name)} (${table.columns.map(ident).join(', ')}) from ${source}`;
}

/** The catalogue queries both engines answer alike. */
export const CATALOGUE = {
  tables: `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname`,
  references: `select distinct cl.relname as child, pl.relname as parent
                 from pg_constraint k
                 join pg_class cl on cl.oid = k.conrelid
                 join pg_class pl on pl.oid = k.confrelid
                 join pg_namespace n on n.oid = cl.relnamespace
                where k.contype = 'f' and n.nspname = 'public'`,
  columns: `select c.relname as table, a.attname as column, a.attnum as position,
                   coalesce(array_position(i.indkey::int2[], a.attnum), 0) as key_position
              from pg_attribute a
              join pg_class c on c.oid = a.attrelid
              join pg_namespace n on n.oid = c.relnamespace
              left join pg_index i on i.indrelid = c.oid and i.indisprimary
             where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0
               and not a.attisdropped and a.attgenerated = ''
             order by c.relname, a.attnum`,
  userTables: `select n.nspname || '.' || c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema')
                  and n.nspname not like 'pg_toast%' order by 1 limit 6`,
};

interface ColumnRow {
  table: string;
  column: string;
  position: number;
  key_position: number;
}

/** Tables with their columns, sorted so that every table comes after the tables it refers to. */
export function tablesInOrder(
  names: string[],
  references: { child: string; parent: string }[],
  columns: ColumnRow[],
): TableInfo[] {
  const infos = new Map<string, TableInfo>();
  for (const name of names) {
    const own = columns.filter((c) => c.table === name);
    const key = own
      .filter((c) => Number(c.key_position) > 0)
      .sort((a, b) => Number(a.key_position) - Number(b.key_position))
      .map((c) => c.column);
    const cols = own.map((c) => c.column);
    infos.set(name, { name, columns: cols, orderBy: key.length > 0 ? key : cols });
  }
  const ordered: TableInfo[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string) => {
    if (state.get(name)) return; // done, or a cycle (a table referring to itself)
    state.set(name, 'visiting');
    for (const r of references) if (r.child === name && r.parent !== name) visit(r.parent);
    state.set(name, 'done');
    const info = infos.get(name);
    if (info) ordered.push(info);
  };
  for (const name of [...names].sort()) visit(name);
  return ordered;
}
