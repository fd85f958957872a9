// Queries built once and then run with new values. Drizzle builds a query's SQL text from its
// builder on every call, and for the reads every request makes (the session lookup, the audit
// entry, a client, a page of clients) that building was about a tenth of the server's CPU
// (perf, reads only). A prepared query keeps the text and fills in only the values; PostgreSQL
// gets it as a named statement, parsed once per connection.
//
// A prepared query belongs to the database handle it was made on, so one is kept per handle: on
// PostgreSQL a studio transaction runs on its pooled connection's own handle, kept for the
// connection's life; PGlite's transactions are new handles each time, which costs what building
// the query always did.
import type { Tx } from './database.js';

interface Prepared<V, R> {
  execute(values: V): Promise<R>;
}

/**
 * `build` makes the query on a handle with `sql.placeholder(…)` for every value that changes and
 * a unique statement name. Whatever else it holds is fixed for good: a time is `now()` in the SQL,
 * never a Date from the caller.
 */
export function preparedQuery<V extends Record<string, unknown>, R>(
  build: (tx: Tx) => Prepared<V, R>,
): (tx: Tx, values: V) => Promise<R> {
  const byHandle = new WeakMap<Tx, Prepared<V, R>>();
  return (tx, values) => {
    let query = byHandle.get(tx);
    if (!query) {
      query = build(tx);
      byHandle.set(tx, query);
    }
    return query.execute(values);
  };
}
