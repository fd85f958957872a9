// SQL behind the gauges of /metrics: how many jobs wait and for how long, and the outbox backlog.
// Counts only, across studios (run as the system); nothing of a client.
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/database.js';

export interface QueueFigure {
  queue: string;
  /** Due and not yet started. */
  waiting: number;
  /** Not due yet (retries after a backoff, scheduled runs). */
  scheduled: number;
  active: number;
  /** Seconds since the longest-waiting due job became due; 0 when none waits. */
  oldestWaitingSeconds: number;
}

export interface OutboxFigure {
  status: string;
  messages: number;
  /** Seconds since the longest-overdue pending message was due; 0 when none is. */
  oldestDueSeconds: number;
}

type QueueRow = { queue: string; waiting: number; scheduled: number; active: number; oldest: number | null };

const toFigure = (r: QueueRow): QueueFigure => ({
  queue: r.queue,
  waiting: Number(r.waiting),
  scheduled: Number(r.scheduled),
  active: Number(r.active),
  oldestWaitingSeconds: Math.max(0, Number(r.oldest ?? 0)),
});

export const metricsRepository = {
  /** pg-boss 10 keeps its jobs in pgboss.job. */
  async pgBossQueues(tx: Tx): Promise<QueueFigure[]> {
    const rows = await queryRows<QueueRow>(
      tx,
      sql`select name as queue,
                 count(*) filter (where state in ('created', 'retry') and start_after <= now())::int as waiting,
                 count(*) filter (where state in ('created', 'retry') and start_after > now())::int as scheduled,
                 count(*) filter (where state = 'active')::int as active,
                 extract(epoch from now() - min(start_after)
                   filter (where state in ('created', 'retry') and start_after <= now()))::float8 as oldest
            from pgboss.job
           where state in ('created', 'retry', 'active')
           group by name`,
    );
    return rows.map(toFigure);
  },

  /** The in-process queue's table (PGlite). */
  async tableQueues(tx: Tx): Promise<QueueFigure[]> {
    const rows = await queryRows<QueueRow>(
      tx,
      sql`select name as queue,
                 count(*) filter (where state in ('created', 'retry') and run_after <= now())::int as waiting,
                 count(*) filter (where state in ('created', 'retry') and run_after > now())::int as scheduled,
                 count(*) filter (where state = 'active')::int as active,
                 extract(epoch from now() - min(run_after)
                   filter (where state in ('created', 'retry') and run_after <= now()))::float8 as oldest
            from job
           where state in ('created', 'retry', 'active')
           group by name`,
    );
    return rows.map(toFigure);
  },

  async outbox(tx: Tx): Promise<OutboxFigure[]> {
    const rows = await queryRows<{ status: string; messages: number; oldest: number | null }>(
      tx,
      sql`select status, count(*)::int as messages,
                 extract(epoch from now() - min(send_after)
                   filter (where status = 'pending' and send_after <= now()))::float8 as oldest
            from outbox_message
           where status in ('pending', 'sending', 'failed')
           group by status`,
    );
    return rows.map((r) => ({
      status: r.status,
      messages: Number(r.messages),
      oldestDueSeconds: Math.max(0, Number(r.oldest ?? 0)),
    }));
  },
};
