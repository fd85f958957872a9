// A session's number within its treatment: 1 + the sessions of the same course that are not
// cancelled and start earlier (ties broken by id). Computed, never stored, so that moving or
// cancelling a session renumbers the others by itself. Expects the appointment aliased `a`.
import { sql } from 'drizzle-orm';

export const SESSION_NUMBER_SQL = sql.raw(`(case when a.kind = 'session' then (
  select count(*)::int from appointment a2
   where a2.course_id = a.course_id and a2.kind = 'session' and a2.status <> 'cancelled'
     and (a2.starts_at < a.starts_at or (a2.starts_at = a.starts_at and a2.id <= a.id))
) end)`);
