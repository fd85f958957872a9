// SQL for treatment courses, appointments and their history.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { PgDialect, type PreparedQueryConfig } from 'drizzle-orm/pg-core';
import { queryRows, type Tx } from '../db/database.js';
import { preparedQuery } from '../db/prepared-query.js';
import { appointment, appointmentEvent, staffUser, treatmentCourse } from '../db/schema.js';

/**
 * A session's number within its treatment: 1 + the sessions of the same course that are not
 * cancelled nor missed (no-show) and start earlier (ties broken by id); a missed session has no
 * number. Computed, never stored, so that moving, cancelling or missing a session renumbers the
 * others by itself. Expects the appointment aliased `a`.
 * Exported for the session and inventory repositories, which number the sessions they list.
 */
export const SESSION_NUMBER_SQL = sql.raw(`(case when a.kind = 'session' and a.status <> 'no_show' then (
  select count(*)::int from appointment a2
   where a2.course_id = a.course_id and a2.kind = 'session' and a2.status not in ('cancelled', 'no_show')
     and (a2.starts_at < a.starts_at or (a2.starts_at = a.starts_at and a2.id <= a.id))
) end)`);

export type CourseRow = typeof treatmentCourse.$inferSelect;
export type AppointmentRow = typeof appointment.$inferSelect;
export type AppointmentView = AppointmentRow & {
  givenName: string;
  familyName: string;
  clientEmail: string | null;
  preferredLanguage: string;
  artistName: string;
  sessionNumber: number | null;
  hasSessionRecord: boolean;
};

const VIEW_SQL = sql`select a.id, a.studio_id as "studioId", a.client_id as "clientId", a.artist_id as "artistId",
         a.kind, a.course_id as "courseId", a.starts_at as "startsAt", a.ends_at as "endsAt", a.status, a.notes,
         a.interval_override_reason as "intervalOverrideReason",
         a.plan_override_reason as "planOverrideReason", a.version, a.created_by as "createdBy",
         a.deposit_status as "depositStatus", a.deposit_amount_minor as "depositAmountMinor",
         a.deposit_currency as "depositCurrency", a.deposit_method as "depositMethod",
         a.deposit_reference as "depositReference", a.deposit_reason as "depositReason",
         a.deposit_recorded_at as "depositRecordedAt",
         a.created_at as "createdAt", a.updated_at as "updatedAt",
         c.given_name as "givenName", c.family_name as "familyName", c.email as "clientEmail",
         c.preferred_language as "preferredLanguage", u.name as "artistName",
         ${SESSION_NUMBER_SQL} as "sessionNumber",
         exists (select 1 from session_record s where s.appointment_id = a.id) as "hasSessionRecord"
    from appointment a
    join client c on c.id = a.client_id
    join staff_user u on u.id = a.artist_id`;

const dates = (r: AppointmentView): AppointmentView => ({
  ...r,
  startsAt: new Date(r.startsAt),
  endsAt: new Date(r.endsAt),
  createdAt: new Date(r.createdAt),
  updatedAt: new Date(r.updatedAt),
  depositRecordedAt: r.depositRecordedAt ? new Date(r.depositRecordedAt) : null,
});

/**
 * The list the calendar reads a week at a time, one SQL text per filter (the artist, the client,
 * cancelled ones too), turned into text once and run as a named prepared statement: building it
 * from the nested VIEW_SQL on every call cost more CPU than anything else in the route's query.
 */
type ListFilter = { artist: boolean; client: boolean; includeCancelled: boolean };
const dialect = new PgDialect();
const listSql = (by: ListFilter) =>
  dialect.sqlToQuery(sql`${VIEW_SQL}
    where a.starts_at < ${sql.placeholder('to')}::timestamptz and a.ends_at > ${sql.placeholder('from')}::timestamptz
      ${by.artist ? sql`and a.artist_id = ${sql.placeholder('artistId')}` : sql``}
      ${by.client ? sql`and a.client_id = ${sql.placeholder('clientId')}` : sql``}
      ${by.includeCancelled ? sql`` : sql`and a.status <> 'cancelled'`}
    order by a.starts_at, a.id
    limit 2000`);

const listQueries = new Map<
  string,
  (tx: Tx, values: Record<string, unknown>) => Promise<{ rows: AppointmentView[] }>
>();
function listQueryFor(by: ListFilter) {
  const key = `${Number(by.artist)}${Number(by.client)}${Number(by.includeCancelled)}`;
  let query = listQueries.get(key);
  if (!query) {
    const text = listSql(by);
    query = preparedQuery((tx) =>
      tx._.session.prepareQuery<{ execute: { rows: AppointmentView[] } } & PreparedQueryConfig>(
        text,
        undefined,
        `appointment_list_${key}`,
        false,
      ),
    );
    listQueries.set(key, query);
  }
  return query;
}

export interface AppointmentFilter {
  from: Date;
  to: Date;
  artistId?: string | undefined;
  clientId?: string | undefined;
  includeCancelled: boolean;
}

export const appointmentRepository = {
  async createCourse(tx: Tx, values: typeof treatmentCourse.$inferInsert): Promise<CourseRow> {
    const [row] = await tx.insert(treatmentCourse).values(values).returning();
    return row!;
  },

  async findCourse(
    tx: Tx,
    id: string,
    options: { forUpdate?: boolean } = {},
  ): Promise<CourseRow | undefined> {
    const query = tx.select().from(treatmentCourse).where(eq(treatmentCourse.id, id));
    const [row] = options.forUpdate ? await query.for('update') : await query;
    return row;
  },

  async listCourses(tx: Tx, clientId: string): Promise<CourseRow[]> {
    return tx
      .select()
      .from(treatmentCourse)
      .where(eq(treatmentCourse.clientId, clientId))
      .orderBy(asc(treatmentCourse.createdAt));
  },

  async create(tx: Tx, values: typeof appointment.$inferInsert): Promise<AppointmentRow> {
    const [row] = await tx.insert(appointment).values(values).returning();
    return row!;
  },

  async findById(
    tx: Tx,
    id: string,
    options: { forUpdate?: boolean } = {},
  ): Promise<AppointmentRow | undefined> {
    const query = tx.select().from(appointment).where(eq(appointment.id, id));
    const [row] = options.forUpdate ? await query.for('update') : await query;
    return row;
  },

  async view(tx: Tx, id: string): Promise<AppointmentView | undefined> {
    const [row] = await queryRows<AppointmentView>(tx, sql`${VIEW_SQL} where a.id = ${id}`);
    return row ? dates(row) : undefined;
  },

  async list(tx: Tx, f: AppointmentFilter): Promise<AppointmentView[]> {
    const query = listQueryFor({
      artist: Boolean(f.artistId),
      client: Boolean(f.clientId),
      includeCancelled: f.includeCancelled,
    });
    const { rows } = await query(tx, {
      from: f.from.toISOString(),
      to: f.to.toISOString(),
      ...(f.artistId ? { artistId: f.artistId } : {}),
      ...(f.clientId ? { clientId: f.clientId } : {}),
    });
    return rows.map(dates);
  },

  /** Every appointment of a client or an artist (calendar feeds), newest last. */
  async listFor(
    tx: Tx,
    who: { clientId?: string; artistId?: string },
    since: Date,
  ): Promise<AppointmentView[]> {
    const rows = await queryRows<AppointmentView>(
      tx,
      sql`${VIEW_SQL}
          where a.status <> 'cancelled' and a.ends_at > ${since.toISOString()}::timestamptz
            ${who.clientId ? sql`and a.client_id = ${who.clientId}` : sql``}
            ${who.artistId ? sql`and a.artist_id = ${who.artistId}` : sql``}
          order by a.starts_at limit 2000`,
    );
    return rows.map(dates);
  },

  /** The appointments (not cancelled) of these artists that overlap [from, to): their busy times. */
  async busyOf(
    tx: Tx,
    artistIds: string[],
    from: Date,
    to: Date,
    exceptId?: string,
  ): Promise<{ artistId: string; startsAt: Date; endsAt: Date }[]> {
    if (artistIds.length === 0) return [];
    return tx
      .select({ artistId: appointment.artistId, startsAt: appointment.startsAt, endsAt: appointment.endsAt })
      .from(appointment)
      .where(
        and(
          inArray(appointment.artistId, artistIds),
          sql`${appointment.status} <> 'cancelled'`,
          sql`${appointment.startsAt} < ${to.toISOString()}::timestamptz`,
          sql`${appointment.endsAt} > ${from.toISOString()}::timestamptz`,
          exceptId ? sql`${appointment.id} <> ${exceptId}` : undefined,
        ),
      );
  },

  /** The other sessions of a course that took or will take place, for the interval rule. */
  async courseSessions(tx: Tx, courseId: string, exceptId: string | null): Promise<AppointmentRow[]> {
    return tx
      .select()
      .from(appointment)
      .where(
        and(
          eq(appointment.courseId, courseId),
          eq(appointment.kind, 'session'),
          sql`${appointment.status} not in ('cancelled', 'no_show')`,
          exceptId ? sql`${appointment.id} <> ${exceptId}` : undefined,
        ),
      )
      .orderBy(asc(appointment.startsAt));
  },

  async update(tx: Tx, id: string, patch: Partial<typeof appointment.$inferInsert>): Promise<void> {
    await tx
      .update(appointment)
      .set({ ...patch, version: sql`${appointment.version} + 1`, updatedAt: sql`now()` })
      .where(eq(appointment.id, id));
  },

  async addEvent(tx: Tx, values: typeof appointmentEvent.$inferInsert): Promise<void> {
    await tx.insert(appointmentEvent).values({ ...values, at: sql`clock_timestamp()` });
  },

  async history(tx: Tx, appointmentId: string) {
    return tx
      .select({ event: appointmentEvent, actorName: staffUser.name })
      .from(appointmentEvent)
      .leftJoin(staffUser, eq(staffUser.id, appointmentEvent.actorUserId))
      .where(eq(appointmentEvent.appointmentId, appointmentId))
      .orderBy(asc(appointmentEvent.at));
  },
};
