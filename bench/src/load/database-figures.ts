// PostgreSQL's own account of the load: pg_stat_database for the database (transactions, cache
// hits, rows read and written, deadlocks, temporary files) and the statements that took the most
// time (pg_stat_statements: parameters only, never values).
import type { LoadCluster } from './cluster.js';

const DATABASE_COLUMNS = [
  'xact_commit',
  'xact_rollback',
  'blks_read',
  'blks_hit',
  'tup_returned',
  'tup_fetched',
  'tup_inserted',
  'tup_updated',
  'deadlocks',
  'temp_files',
] as const;

export interface DatabaseFigures {
  database: Record<(typeof DATABASE_COLUMNS)[number], number>;
  statements: {
    calls: number;
    total_ms: number;
    mean_ms: number;
    rows: number;
    blocks: number;
    query: string;
  }[];
  /** The statements that touched the most buffers (a query reading far more rows than it returns). */
  heaviest: DatabaseFigures['statements'];
  /** The tables whose rows were read the most (sequential and index reads), catalogs included. */
  tables: { name: string; seq_scan: number; seq_rows: number; idx_scan: number; idx_rows: number }[];
  /** WAL flushes (each commit that wrote waits for one, alone or grouped) and checkpoints. */
  wal: { syncs: number; sync_ms: number; checkpoints: number };
}

export async function resetDatabaseFigures(cluster: LoadCluster, url: string): Promise<void> {
  await cluster.admin(async (c) => {
    await c.query('select pg_stat_statements_reset()');
    await c.query('select pg_stat_reset()');
    await c.query("select pg_stat_reset_shared('wal'), pg_stat_reset_shared('bgwriter')");
  }, url);
}

export async function databaseFigures(cluster: LoadCluster, url: string): Promise<DatabaseFigures> {
  return cluster.admin(async (c) => {
    const db = await c.query<Record<string, string>>(
      `select ${DATABASE_COLUMNS.join(', ')} from pg_stat_database where datname = current_database()`,
    );
    const top = (order: string, limit: number) =>
      c.query<DatabaseFigures['statements'][number]>(
        `select calls::int, total_exec_time::float8 as total_ms, mean_exec_time::float8 as mean_ms, rows::int,
                shared_blks_hit::int + shared_blks_read::int as blocks,
                regexp_replace(query, '\\s+', ' ', 'g') as query
           from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
          order by ${order} desc limit ${limit}`,
      );
    const statements = await top('total_exec_time', 10);
    const heaviest = await top('shared_blks_hit + shared_blks_read', 3);
    const tables = await c.query<DatabaseFigures['tables'][number]>(
      `select schemaname || '.' || relname as name, coalesce(seq_scan, 0)::int as seq_scan,
              coalesce(seq_tup_read, 0)::int as seq_rows, coalesce(idx_scan, 0)::int as idx_scan,
              coalesce(idx_tup_fetch, 0)::int as idx_rows
         from pg_stat_all_tables
        order by coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) desc limit 6`,
    );
    const wal = await c.query<{ syncs: string; sync_ms: string; checkpoints: string }>(
      `select w.wal_sync as syncs, w.wal_sync_time as sync_ms,
              b.checkpoints_timed + b.checkpoints_req as checkpoints
         from pg_stat_wal w, pg_stat_bgwriter b`,
    );
    const row = db.rows[0] ?? {};
    const w = wal.rows[0];
    return {
      database: Object.fromEntries(
        DATABASE_COLUMNS.map((k) => [k, Number(row[k] ?? 0)]),
      ) as DatabaseFigures['database'],
      statements: statements.rows,
      heaviest: heaviest.rows,
      tables: tables.rows,
      wal: {
        syncs: Number(w?.syncs ?? 0),
        sync_ms: Number(w?.sync_ms ?? 0),
        checkpoints: Number(w?.checkpoints ?? 0),
      },
    };
  }, url);
}

export function printDatabaseFigures(f: DatabaseFigures): void {
  const d = f.database;
  const hit = d.blks_hit + d.blks_read > 0 ? (100 * d.blks_hit) / (d.blks_hit + d.blks_read) : 100;
  console.log(
    `  PostgreSQL (pg_stat_database): ${d.xact_commit} commits, ${d.xact_rollback} rollbacks, cache hit ${hit.toFixed(2)} %, ` +
      `rows returned ${d.tup_returned} / fetched ${d.tup_fetched} / inserted ${d.tup_inserted} / updated ${d.tup_updated}, ` +
      `deadlocks ${d.deadlocks}, temp files ${d.temp_files}`,
  );
  console.log(
    `  WAL: ${f.wal.syncs} flushes, ${f.wal.sync_ms.toFixed(0)} ms in all (${(f.wal.sync_ms / Math.max(1, f.wal.syncs)).toFixed(2)} ms each on average); checkpoints ${f.wal.checkpoints}`,
  );
  console.log(
    `  rows read most: ${f.tables.map((t) => `${t.name} ${t.seq_rows} in ${t.seq_scan} scans + ${t.idx_rows} by index`).join('; ')}`,
  );
  console.log('  top statements by total time (pg_stat_statements):');
  const line = (s: DatabaseFigures['statements'][number]) =>
    console.log(
      `    ${s.total_ms.toFixed(0).padStart(7)} ms ${String(s.calls).padStart(6)} calls ${s.mean_ms.toFixed(2).padStart(7)} ms/call ${(s.blocks / Math.max(1, s.calls)).toFixed(0).padStart(5)} blocks/call  ${s.query.slice(0, 110)}`,
    );
  for (const s of f.statements) line(s);
  console.log('  most buffers touched:');
  for (const s of f.heaviest) line(s);
}
