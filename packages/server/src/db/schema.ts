// The tables of the studio database. Every table that holds studio data carries `studio_id`
// and is covered by a row-level security policy (migrations/0001_studio_isolation.sql); the
// `studio-isolation.db.test.ts` guard fails when a new studio table lacks one.
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const id = () =>
  uuid('id')
    .primaryKey()
    .default(sql`gen_random_uuid()`);
const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const studio = pgTable('studio', {
  id: id(),
  name: text('name').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
});

export const staffUser = pgTable(
  'staff_user',
  {
    id: id(),
    studioId: uuid('studio_id')
      .notNull()
      .references(() => studio.id),
    /** Stored case-folded; unique across the installation because sign-in starts from the email alone. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ['owner', 'artist', 'front_desk'] }).notNull(),
    passwordHash: text('password_hash').notNull(),
    active: boolean('active').notNull().default(true),
    locale: text('locale', { enum: ['en', 'zh-CN'] })
      .notNull()
      .default('en'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('staff_user_email_key').on(t.email), index('staff_user_studio_idx').on(t.studioId)],
);

export const authSession = pgTable(
  'auth_session',
  {
    id: id(),
    studioId: uuid('studio_id')
      .notNull()
      .references(() => studio.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => staffUser.id, { onDelete: 'cascade' }),
    /** SHA-256 of the cookie token: a leaked table does not give working sessions. */
    tokenHash: text('token_hash').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    lastSeenAt: at('last_seen_at').notNull().defaultNow(),
    expiresAt: at('expires_at').notNull(),
    userAgent: text('user_agent'),
  },
  (t) => [
    uniqueIndex('auth_session_token_hash_key').on(t.tokenHash),
    index('auth_session_user_idx').on(t.userId),
    index('auth_session_expires_idx').on(t.expiresAt),
  ],
);

export const staffInvitation = pgTable(
  'staff_invitation',
  {
    id: id(),
    studioId: uuid('studio_id')
      .notNull()
      .references(() => studio.id),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ['owner', 'artist', 'front_desk'] }).notNull(),
    tokenHash: text('token_hash').notNull(),
    invitedBy: uuid('invited_by').references(() => staffUser.id),
    createdAt: at('created_at').notNull().defaultNow(),
    expiresAt: at('expires_at').notNull(),
    acceptedAt: at('accepted_at'),
  },
  (t) => [
    uniqueIndex('staff_invitation_token_hash_key').on(t.tokenHash),
    index('staff_invitation_studio_idx').on(t.studioId, t.expiresAt),
  ],
);

export const client = pgTable(
  'client',
  {
    id: id(),
    studioId: uuid('studio_id')
      .notNull()
      .references(() => studio.id),
    givenName: text('given_name').notNull().default(''),
    familyName: text('family_name').notNull(),
    dateOfBirth: date('date_of_birth', { mode: 'string' }),
    email: text('email'),
    phone: text('phone'),
    preferredLanguage: text('preferred_language').notNull().default('en'),
    notes: text('notes').notNull().default(''),
    /** foldForSearch(names + email) plus the phone digits; written by the repository on every change. */
    searchText: text('search_text').notNull().default(''),
    archivedAt: at('archived_at'),
    /** Optimistic concurrency: an edit names the version it read and fails with 409 when it is stale. */
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => staffUser.id),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [index('client_studio_name_idx').on(t.studioId, t.familyName, t.givenName, t.id)],
);

export const auditEntry = pgTable(
  'audit_entry',
  {
    id: id(),
    studioId: uuid('studio_id')
      .notNull()
      .references(() => studio.id),
    actorUserId: uuid('actor_user_id').references(() => staffUser.id),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    at: at('at').notNull().defaultNow(),
    /** Ids, counts and names of changed fields only: never a client's field values. */
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index('audit_entry_studio_at_idx').on(t.studioId, t.at),
    index('audit_entry_studio_entity_idx').on(t.studioId, t.entityType, t.entityId),
  ],
);

/**
 * The in-process job queue used on PGlite (pg-boss takes over on PostgreSQL). Not studio data:
 * jobs belong to the installation, so the app role has no grant on it.
 */
export const job = pgTable(
  'job',
  {
    id: id(),
    name: text('name').notNull(),
    payload: jsonb('payload').notNull().default({}),
    state: text('state', { enum: ['created', 'retry', 'active', 'completed', 'failed'] })
      .notNull()
      .default('created'),
    singletonKey: text('singleton_key'),
    runAfter: at('run_after').notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(3),
    lastError: text('last_error'),
    createdAt: at('created_at').notNull().defaultNow(),
    startedAt: at('started_at'),
    finishedAt: at('finished_at'),
  },
  (t) => [
    index('job_due_idx').on(t.state, t.runAfter),
    uniqueIndex('job_singleton_key')
      .on(t.name, t.singletonKey)
      .where(sql`state = 'created' and singleton_key is not null`),
  ],
);

export const schema = { studio, staffUser, authSession, staffInvitation, client, auditEntry, job };
export type Schema = typeof schema;

/** The studio tables that row-level security must cover (checked by a database test). */
export const STUDIO_TABLES = [
  'studio',
  'staff_user',
  'auth_session',
  'staff_invitation',
  'client',
  'audit_entry',
] as const;
