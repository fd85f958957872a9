// Limits on what strangers may ask for (reset links, sign-up, public bookings, portal links):
// each request counts under a few keys (an address, an email, a studio) in a fixed window, in the
// database like the sign-in counters, so a restart keeps them and every instance sees the same.
// Emails are counted by a hash, so the table holds no addresses of people.
import { createHash } from 'node:crypto';
import type { Database } from '../db/database.js';
import { rateLimited } from '../http/app-error.js';
import { addressKey } from './login-throttle.js';
import { loginThrottleRepository } from './login-throttle.repository.js';

export interface RequestCounter {
  key: string;
  /** Requests allowed under this key per window. */
  limit: number;
}

/** A counter key for an email address (hashed, case-folded). */
export const emailKey = (email: string): string =>
  createHash('sha256').update(email.trim().toLowerCase(), 'utf8').digest('hex').slice(0, 40);

/** Counter helpers: `per.address('booking', ip, 10)`. */
export const per = {
  address: (what: string, ip: string, limit: number): RequestCounter => ({
    key: `${what}:address:${addressKey(ip)}`,
    limit,
  }),
  email: (what: string, email: string, limit: number): RequestCounter => ({
    key: `${what}:account:${emailKey(email)}`,
    limit,
  }),
  studio: (what: string, studioId: string, limit: number): RequestCounter => ({
    key: `${what}:studio:${studioId}`,
    limit,
  }),
};

/**
 * Counts one request under every counter, or throws 429 (with Retry-After) when any of them has
 * reached its limit in this window; a refused request is not counted.
 */
export async function countRequest(
  db: Database,
  counters: RequestCounter[],
  windowSeconds: number,
): Promise<void> {
  const keys = counters.map((c) => c.key);
  // System: counters belong to no studio and are read before anyone is known.
  await db.asSystem(async (tx) => {
    const counts = await loginThrottleRepository.counts(tx, keys, windowSeconds);
    const over = counters
      .map((c) => ({ count: counts.get(c.key), limit: c.limit }))
      .filter((x) => x.count && x.count.failures >= x.limit);
    if (over.length) throw rateLimited(Math.max(1, ...over.map((x) => x.count!.secondsLeft)));
    await loginThrottleRepository.addFailure(tx, keys, windowSeconds);
  });
}
