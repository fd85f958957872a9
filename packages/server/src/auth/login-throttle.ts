// Who is held off signing in, and for how long. Only failures count. Three counters:
// - an address with an account: the person at the keyboard guessing (or mistyping) one account;
// - an account from every address: guessing one account from many addresses. Addresses the
//   account signed in from recently are exempt, so an attacker elsewhere cannot lock the owner
//   out at the studio;
// - an address across all accounts: spraying many accounts from one place. Its ceiling is high,
//   so a studio whose staff share one address (one NAT) is not locked out by one member's typos.
// Counters live in the database (login_throttle), so a restart keeps them and instances share them.
import { isIPv6 } from 'node:net';
import type { Database } from '../db/database.js';
import { rateLimited } from '../http/app-error.js';
import { loginThrottleRepository } from './login-throttle.repository.js';
import { countRequest, emailKey, per } from './request-limits.js';

export interface LoginLimits {
  /** Failures of one account from one address per window. */
  perAddressAndAccount: number;
  /** Failures of one account from addresses it has not signed in from recently, per window. */
  perAccount: number;
  /** Failures from one address across all accounts per window. */
  perAddress: number;
  windowMs: number;
  /** How long an address an account signed in from stays exempt from the per-account limit. */
  knownAddressMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perAddressAndAccount: 10,
  perAccount: 20,
  perAddress: 300,
  windowMs: 15 * 60_000,
  knownAddressMs: 30 * 86_400_000,
};

/** Password reset emails: a few per account and per address, so nobody floods an inbox. */
export const RESET_LIMITS = { perAccount: 3, perAddress: 20, windowSeconds: 3600 } as const;

/**
 * An address as counted: IPv6 by its /64 (one subscriber usually holds a whole /64), IPv4 and
 * IPv4-mapped IPv6 as they are.
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** Accounts are counted by a hash of the email, so the table holds no addresses of people. */
const accountKey = (email: string) => emailKey(email);

export class LoginThrottle {
  constructor(private readonly deps: { db: Database; limits: LoginLimits }) {}

  private keys(ip: string, email: string) {
    const address = addressKey(ip);
    const account = accountKey(email);
    return {
      pair: `login:pair:${address}|${account}`,
      account: `login:account:${account}`,
      address: `login:address:${address}`,
    };
  }

  private get windowSeconds(): number {
    return Math.ceil(this.deps.limits.windowMs / 1000);
  }

  /** Throws 429 (with Retry-After) when this address may not try this account now. */
  async check(ip: string, email: string): Promise<void> {
    const { limits, db } = this.deps;
    const keys = this.keys(ip, email);
    // System: before sign-in nobody and no studio is known.
    const counts = await db.asSystem((tx) =>
      loginThrottleRepository.counts(tx, Object.values(keys), this.windowSeconds),
    );
    const pair = counts.get(keys.pair);
    const knownAddress =
      pair?.secondsSinceSuccess !== null &&
      pair?.secondsSinceSuccess !== undefined &&
      pair.secondsSinceSuccess * 1000 < limits.knownAddressMs;
    const blocked = [
      { count: pair, limit: limits.perAddressAndAccount },
      { count: counts.get(keys.address), limit: limits.perAddress },
      ...(knownAddress ? [] : [{ count: counts.get(keys.account), limit: limits.perAccount }]),
    ].filter((b) => b.count && b.count.failures >= b.limit);
    if (blocked.length) throw rateLimited(Math.max(1, ...blocked.map((b) => b.count!.secondsLeft)));
  }

  async recordFailure(ip: string, email: string): Promise<void> {
    const keys = this.keys(ip, email);
    await this.deps.db.asSystem((tx) =>
      loginThrottleRepository.addFailure(tx, [keys.pair, keys.account, keys.address], this.windowSeconds),
    );
  }

  /** A successful sign-in: this address's failures on this account are forgotten, and it becomes known. */
  async recordSuccess(ip: string, email: string): Promise<void> {
    await this.deps.db.asSystem((tx) => loginThrottleRepository.markSuccess(tx, this.keys(ip, email).pair));
  }

  /** Counts a password reset request; throws 429 when this account or address has asked too often. */
  async countResetRequest(ip: string, email: string): Promise<void> {
    const { windowSeconds, perAccount, perAddress } = RESET_LIMITS;
    await countRequest(
      this.deps.db,
      [per.email('reset', email, perAccount), per.address('reset', ip, perAddress)],
      windowSeconds,
    );
  }

  /** Deletes counters nobody has touched for longer than any of them matters. */
  async prune(): Promise<number> {
    const { limits } = this.deps;
    const seconds = Math.ceil(
      Math.max(limits.windowMs, limits.knownAddressMs, RESET_LIMITS.windowSeconds * 1000) / 1000,
    );
    // System: the counters belong to no studio.
    return this.deps.db.asSystem((tx) => loginThrottleRepository.prune(tx, seconds));
  }
}
