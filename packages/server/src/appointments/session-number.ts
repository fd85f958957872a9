// A session's number within its treatment: 1 + the sessions of the same course that are not
// cancelled nor missed (no-show) and start earlier (ties broken by id); a missed session has no
// number. Computed, never stored, so that moving, cancelling or missing a session renumbers the
// others by itself. Expects the appointment aliased `a`.
import { sql } from 'drizzle-orm';

export const SESSION_NUMBER_SQL = sql.raw(`(case when a.kind = 'session' and a.status <> 'no_show' then (
  select count(*)::int from appointment a2
   where a2.course_id = a.course_id and a2.kind = 'session' and a2.status not in ('cancelled', 'no_show')
     and (a2.starts_at < a.starts_at or (a2.starts_at = a.starts_at and a2.id <= a.id))
) end)`);
