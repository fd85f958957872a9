// Named prepared statements for the queries the server runs over and over. Drizzle sends each
// query unnamed, so PostgreSQL parses, analyses and plans it again on every call (1.6 ms of
// planning for the calendar's week, more than running it). Named after a hash of its text, a
// statement is parsed once per connection (node-postgres skips the Parse message when the
// connection already holds that name) and PostgreSQL may keep its plan. Plans stay correct under
// row-level security: PostgreSQL re-plans a cached statement when the role changes, and the
// studio is read from the setting when the statement runs.
import { createHash } from 'node:crypto';
import type pg from 'pg';

/** At most this many distinct statements are named (per connection, they are parsed once each). */
const MAX_NAMED = 500;
/** Only ordinary statements: DDL and the migrations' long scripts stay unnamed. */
const CACHEABLE = /^\s*(select|insert|update|delete|with)\b/i;

export class StatementNames {
  private readonly names = new Map<string, string>();

  /** The name for this text, or null when it is not worth naming (or the table is full). */
  nameOf(text: string): string | null {
    const known = this.names.get(text);
    if (known) return known;
    if (this.names.size >= MAX_NAMED || text.length > 10_000 || !CACHEABLE.test(text)) return null;
    const name = `s_${createHash('sha1').update(text).digest('base64url')}`;
    this.names.set(text, name);
    return name;
  }
}

type QueryFn = (...args: unknown[]) => unknown;

/**
 * Names the statements this connection runs from a query config (`{ text, values }`, as drizzle
 * sends them). Plain strings (`begin; select set_config(…)`, several statements in one message)
 * are never named: a prepared statement holds one.
 */
export function prepareStatementsOn(client: pg.ClientBase, names: StatementNames): void {
  const query = client.query.bind(client) as QueryFn;
  const named: QueryFn = (config, ...rest) => {
    if (config && typeof config === 'object' && !('name' in config) && 'text' in config) {
      const text = config.text;
      const name = typeof text === 'string' ? names.nameOf(text) : null;
      if (name) return query({ ...config, name }, ...rest);
    }
    return query(config, ...rest);
  };
  (client as unknown as { query: QueryFn }).query = named;
}
