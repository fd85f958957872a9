// SQL for the in-process job queue's table. All of it runs as the system: jobs belong to the
// installation, not to a studio (a job that works on studio data opens `withStudio` itself).
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/database.js';
import { job } from '../db/schema.js';

export type JobRow = typeof job.$inferSelect;

export const jobRepository = {
  /** Inserts a job; null when a job with the same name and singleton key is still waiting to start. */
  async insert(
    tx: Tx,
    values: {
      name: string;
      payload: unknown;
      runAfter: Date;
      maxAttempts: number;
      singletonKey: string | null;
    },
  ): Promise<string | null> {
    const rows = await queryRows<{ id: string }>(
      tx,
      sql`insert into job (name, payload, run_after, max_attempts, singleton_key)
          values (${values.name}, ${JSON.stringify(values.payload)}::jsonb, ${values.runAfter.toISOString()}::timestamptz,
                  ${values.maxAttempts}, ${values.singletonKey})
          on conflict (name, singleton_key) where state = 'created' and singleton_key is not null do nothing
          returning id`,
    );
    return rows[0]?.id ?? null;
  },

  /** Takes the next due job of the given names and marks it active. SKIP LOCKED keeps two runners apart. */
  async claimNext(tx: Tx, names: string[]): Promise<JobRow | undefined> {
    if (names.length === 0) return undefined;
    const [row] = await tx
      .update(job)
      .set({ state: 'active', attempts: sql`${job.attempts} + 1`, startedAt: sql`now()` })
      .where(
        eq(
          job.id,
          sql`(select id from job
                where state in ('created', 'retry') and run_after <= now()
                  and name in (${sql.join(
                    names.map((n) => sql`${n}`),
                    sql`, `,
                  )})
                order by run_after, created_at
                limit 1
                for update skip locked)`,
        ),
      )
      .returning();
    return row;
  },

  async complete(tx: Tx, id: string): Promise<void> {
    await tx
      .update(job)
      .set({ state: 'completed', finishedAt: sql`now()`, lastError: null })
      .where(eq(job.id, id));
  },

  async fail(tx: Tx, id: string, error: string, retryAt: Date | null): Promise<void> {
    await tx
      .update(job)
      .set(
        retryAt
          ? { state: 'retry', runAfter: retryAt, lastError: error.slice(0, 2000) }
          : { state: 'failed', finishedAt: sql`now()`, lastError: error.slice(0, 2000) },
      )
      .where(eq(job.id, id));
  },

  /** Jobs left active by a process that died: they run again. */
  async requeueInterrupted(tx: Tx): Promise<number> {
    const rows = await tx
      .update(job)
      .set({ state: 'retry', runAfter: sql`now()` })
      .where(eq(job.state, 'active'))
      .returning({ id: job.id });
    return rows.length;
  },

  async deleteFinishedBefore(tx: Tx, cutoff: Date): Promise<number> {
    const rows = await tx
      .delete(job)
      .where(and(inArray(job.state, ['completed', 'failed']), lt(job.finishedAt, cutoff)))
      .returning({ id: job.id });
    return rows.length;
  },

  async findById(tx: Tx, id: string): Promise<JobRow | undefined> {
    const [row] = await tx.select().from(job).where(eq(job.id, id));
    return row;
  },
};
