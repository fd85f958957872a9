// SQL for the sign-in counters (login_throttle). System only: they are read before anyone is
// known. Windows are fixed and timed by the database clock, so every instance agrees.
import { inArray, lt, sql } from 'drizzle-orm';
import { queryRows, type Tx } from '../db/database.js';
import { loginThrottle } from '../db/schema.js';

export interface ThrottleCount {
  key: string;
  /** Failures in the current window (0 when the window has run out). */
  failures: number;
  /** Seconds until the current window ends. */
  secondsLeft: number;
  /** Seconds since the last successful sign-in under this key, if any. */
  secondsSinceSuccess: number | null;
}

export const loginThrottleRepository = {
  async counts(tx: Tx, keys: string[], windowSeconds: number): Promise<Map<string, ThrottleCount>> {
    if (keys.length === 0) return new Map();
    const rows = await queryRows<{
      key: string;
      failures: number;
      seconds_left: number;
      seconds_since_success: number | null;
    }>(
      tx,
      sql`select key,
                 case when window_started_at + make_interval(secs => ${windowSeconds}) > now()
                      then failures else 0 end as failures,
                 greatest(0, ceil(extract(epoch from
                   window_started_at + make_interval(secs => ${windowSeconds}) - now())))::int as seconds_left,
                 floor(extract(epoch from now() - last_success_at))::int as seconds_since_success
            from login_throttle
           where key in (${sql.join(
             keys.map((k) => sql`${k}`),
             sql`, `,
           )})`,
    );
    return new Map(
      rows.map((r) => [
        r.key,
        {
          key: r.key,
          failures: Number(r.failures),
          secondsLeft: Number(r.seconds_left),
          secondsSinceSuccess: r.seconds_since_success === null ? null : Number(r.seconds_since_success),
        },
      ]),
    );
  },

  /** Counts one more failure under each key; a window that has run out starts again at one. */
  async addFailure(tx: Tx, keys: string[], windowSeconds: number): Promise<void> {
    const expired = sql`login_throttle.window_started_at + make_interval(secs => ${windowSeconds}) <= now()`;
    for (const key of keys) {
      await tx
        .insert(loginThrottle)
        .values({ key, failures: 1 })
        .onConflictDoUpdate({
          target: loginThrottle.key,
          set: {
            failures: sql`case when ${expired} then 1 else login_throttle.failures + 1 end`,
            windowStartedAt: sql`case when ${expired} then now() else login_throttle.window_started_at end`,
            updatedAt: sql`now()`,
          },
        });
    }
  },

  /** Forgets the failures under `key` and notes a successful sign-in there. */
  async markSuccess(tx: Tx, key: string): Promise<void> {
    await tx
      .insert(loginThrottle)
      .values({ key, failures: 0, lastSuccessAt: sql`now()` })
      .onConflictDoUpdate({
        target: loginThrottle.key,
        set: { failures: 0, windowStartedAt: sql`now()`, lastSuccessAt: sql`now()`, updatedAt: sql`now()` },
      });
  },

  async clear(tx: Tx, keys: string[]): Promise<void> {
    if (keys.length) await tx.delete(loginThrottle).where(inArray(loginThrottle.key, keys));
  },

  /** Deletes counters untouched for `seconds`; returns how many. */
  async prune(tx: Tx, seconds: number): Promise<number> {
    const rows = await tx
      .delete(loginThrottle)
      .where(lt(loginThrottle.updatedAt, sql`now() - make_interval(secs => ${seconds})`))
      .returning({ key: loginThrottle.key });
    return rows.length;
  },
};
