// The tables of the studio database. Every table that holds studio data carries `studio_id`
// and is covered by a row-level security policy (migrations/0001_studio_isolation.sql); the
// `studio-isolation.db.test.ts` guard fails when a new studio table lacks one.
import {
  APPOINTMENT_EVENT_ACTIONS,
  APPOINTMENT_KINDS,
  APPOINTMENT_STATUSES,
  CALENDAR_FEED_KINDS,
  CONSENT_KINDS,
  DEPOSIT_METHODS,
  DEPOSIT_STATUSES,
  ELIGIBILITIES,
  OUTBOX_KINDS,
  OUTBOX_STATUSES,
  PHOTO_CONTENT_TYPES,
  PHOTO_SESSION_ROLES,
  PHOTO_VIEWS,
  PRODUCT_KINDS,
  ANALYSIS_STATUSES,
  RENDER_STATUSES,
  STAFF_ROLES,
  UI_LOCALES,
} from '@stipple/core';
import { BOOKING_STATUSES, DEFAULT_BOOKING_POLICY, INTAKE_STATUSES } from '@stipple/core';
import { ALIGNMENT_METHODS, ALIGNMENT_MODELS, ALIGNMENT_STATUSES } from '@stipple/core';
import type { Bilingual, BookingPolicy, ConsultationType, StoredNote, UiLocale } from '@stipple/core';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** A text file sent with an email, e.g. a calendar invitation. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

const id = () =>
  uuid('id')
    .primaryKey()
    .default(sql`gen_random_uuid()`);
const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const createdAt = () => at('created_at').notNull().defaultNow();
const updatedAt = () => at('updated_at').notNull().defaultNow();
/** Every studio table's owner column, which the row-level security policies filter on. */
const studioRef = () =>
  uuid('studio_id')
    .notNull()
    .references(() => studio.id);
const clientRef = () =>
  uuid('client_id')
    .notNull()
    .references(() => client.id);
/** A photo of the client's that a row compares or shows. */
const photoRef = (name: string) =>
  uuid(name)
    .notNull()
    .references(() => photo.id);
/** A staff member named on a row (who created, invited, witnessed ...): nullable unless the caller says so. */
const staffRef = (name: string) => uuid(name).references(() => staffUser.id);

export const studio = pgTable(
  'studio',
  {
    id: id(),
    name: text('name').notNull(),
    /** The public page's address: /s/<slug>. Unique across the installation. */
    slug: text('slug').notNull(),
    /** IANA zone of the studio: working hours, reminder times and printed dates are in it. */
    timeZone: text('time_zone').notNull().default('Europe/London'),
    address: text('address').notNull().default(''),
    phone: text('phone').notNull().default(''),
    email: text('email').notNull().default(''),
    languages: jsonb('languages').$type<UiLocale[]>().notNull().default(['en']),
    currency: text('currency').notNull().default('GBP'),
    logoSha256: text('logo_sha256'),
    consultationMinutes: integer('consultation_minutes').notNull().default(45),
    consultationTypes: jsonb('consultation_types').$type<ConsultationType[]>().notNull().default([]),
    intro: jsonb('intro').$type<Bilingual>().notNull().default({ en: '', 'zh-CN': '' }),
    /** The booking policy (BookingPolicy in core): notice, cancellation, buffers, deposit rule. */
    policy: jsonb('policy').$type<BookingPolicy>().notNull().default(DEFAULT_BOOKING_POLICY),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('studio_slug_key').on(t.slug)],
);

export const staffUser = pgTable(
  'staff_user',
  {
    id: id(),
    studioId: studioRef(),
    /** Stored case-folded; unique across the installation because sign-in starts from the email alone. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: STAFF_ROLES }).notNull(),
    passwordHash: text('password_hash').notNull(),
    active: boolean('active').notNull().default(true),
    locale: text('locale', { enum: UI_LOCALES }).notNull().default('en'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('staff_user_email_key').on(t.email), index('staff_user_studio_idx').on(t.studioId)],
);

export const authSession = pgTable(
  'auth_session',
  {
    id: id(),
    studioId: studioRef(),
    userId: uuid('user_id')
      .notNull()
      .references(() => staffUser.id, { onDelete: 'cascade' }),
    /** SHA-256 of the cookie token: a leaked table does not give working sessions. */
    tokenHash: text('token_hash').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
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

/** What a one-time link opens; each purpose names its subject (see the check in 0010). */
export const ONE_TIME_LINK_PURPOSES = [
  'password_reset',
  'studio_signup',
  'booking',
  'waitlist',
  'portal_sign_in',
  'intake',
  'kiosk',
] as const;
export type OneTimeLinkPurpose = (typeof ONE_TIME_LINK_PURPOSES)[number];

/**
 * A one-time link sent by email: a staff member's password reset, a studio sign-up invitation,
 * and a client's links into the portal (the booking confirmation, a sign-in, the intake before a
 * consultation). Only the SHA-256 of its token is kept; it works once (used_at), for a short
 * time (expires_at), and only for its subject: the staff member, or the client (and the booking
 * or appointment it was sent for). A sign-up invitation belongs to no studio yet.
 */
export const oneTimeLink = pgTable(
  'one_time_link',
  {
    id: id(),
    studioId: uuid('studio_id').references(() => studio.id),
    purpose: text('purpose', { enum: ONE_TIME_LINK_PURPOSES }).notNull(),
    userId: uuid('user_id').references(() => staffUser.id, { onDelete: 'cascade' }),
    clientId: uuid('client_id').references(() => client.id),
    /** The booking or appointment a client link was sent for. */
    subjectId: uuid('subject_id'),
    /** The invited address of a studio sign-up. */
    email: text('email'),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
  },
  (t) => [
    uniqueIndex('one_time_link_token_hash_key').on(t.tokenHash),
    index('one_time_link_user_idx').on(t.userId),
    index('one_time_link_client_idx').on(t.clientId, t.purpose),
  ],
);

/**
 * Failed sign-ins counted per key (an account, an address, an address with an account) in a
 * fixed window, and the addresses an account last signed in from. In the database, so a restart
 * keeps the counts and every server instance sees the same ones. No studio: it is read before
 * anyone is known, by the system only (no grant to the app role).
 */
export const loginThrottle = pgTable(
  'login_throttle',
  {
    key: text('key').primaryKey(),
    failures: integer('failures').notNull().default(0),
    windowStartedAt: at('window_started_at').notNull().defaultNow(),
    lastSuccessAt: at('last_success_at'),
    updatedAt: updatedAt(),
  },
  (t) => [index('login_throttle_updated_idx').on(t.updatedAt)],
);

export const staffInvitation = pgTable(
  'staff_invitation',
  {
    id: id(),
    studioId: studioRef(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: STAFF_ROLES }).notNull(),
    tokenHash: text('token_hash').notNull(),
    invitedBy: staffRef('invited_by'),
    createdAt: createdAt(),
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
    studioId: studioRef(),
    givenName: text('given_name').notNull().default(''),
    familyName: text('family_name').notNull(),
    dateOfBirth: date('date_of_birth', { mode: 'string' }),
    email: text('email'),
    phone: text('phone'),
    preferredLanguage: text('preferred_language').notNull().default('en'),
    /** When the client proved they read this email (opened a link sent to it); null: never. */
    emailVerifiedAt: at('email_verified_at'),
    notes: text('notes').notNull().default(''),
    /** foldForSearch(names + email) plus the phone digits; written by the repository on every change. */
    searchText: text('search_text').notNull().default(''),
    archivedAt: at('archived_at'),
    /** Optimistic concurrency: an edit names the version it read and fails with 409 when it is stale. */
    version: integer('version').notNull().default(1),
    createdBy: staffRef('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('client_studio_name_idx').on(t.studioId, t.familyName, t.givenName, t.id)],
);

export const auditEntry = pgTable(
  'audit_entry',
  {
    id: id(),
    studioId: studioRef(),
    actorUserId: staffRef('actor_user_id'),
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
    createdAt: createdAt(),
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

/**
 * A client's photo. The bytes live in the blob store under `sha256` (the upload auto-oriented and
 * re-encoded without any metadata); `preview_sha256` and `thumb_sha256` are filled by a job.
 */
export const photo = pgTable(
  'photo',
  {
    id: id(),
    studioId: studioRef(),
    clientId: clientRef(),
    sessionId: uuid('session_id'),
    sessionRole: text('session_role', { enum: PHOTO_SESSION_ROLES }),
    view: text('view', { enum: PHOTO_VIEWS }).notNull(),
    takenOn: date('taken_on', { mode: 'string' }).notNull(),
    contentType: text('content_type', { enum: PHOTO_CONTENT_TYPES }).notNull(),
    sha256: text('sha256').notNull(),
    bytes: bigint('bytes', { mode: 'number' }).notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    previewSha256: text('preview_sha256'),
    thumbSha256: text('thumb_sha256'),
    derivatives: text('derivatives', { enum: ['pending', 'ready', 'failed'] })
      .notNull()
      .default('pending'),
    calibration: jsonb('calibration').$type<Record<string, unknown>>(),
    pxPerMm: doublePrecision('px_per_mm'),
    uploadedBy: staffRef('uploaded_by'),
    createdAt: createdAt(),
  },
  (t) => [
    index('photo_client_idx').on(t.studioId, t.clientId, t.takenOn),
    index('photo_session_idx').on(t.sessionId),
    index('photo_sha_idx').on(t.sha256),
  ],
);

/** A course of treatment: its sessions are numbered and kept at least `min_interval_days` apart. */
export const treatmentCourse = pgTable(
  'treatment_course',
  {
    id: id(),
    studioId: studioRef(),
    clientId: clientRef(),
    /** The consultation whose plan governs the course (its latest plan version); null = the client's latest plan. */
    consultationId: uuid('consultation_id').references(() => consultation.id),
    title: text('title').notNull(),
    minIntervalDays: integer('min_interval_days').notNull().default(14),
    plannedSessions: integer('planned_sessions').notNull().default(3),
    touchUpYears: integer('touch_up_years').notNull().default(4),
    createdBy: staffRef('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('treatment_course_client_idx').on(t.studioId, t.clientId)],
);

/**
 * A booking. The database itself refuses two overlapping, not cancelled appointments of one
 * artist (an exclusion constraint over tstzrange, migrations/0004_treatment_records_rules.sql).
 */
export const appointment = pgTable(
  'appointment',
  {
    id: id(),
    studioId: studioRef(),
    clientId: clientRef(),
    artistId: staffRef('artist_id').notNull(),
    kind: text('kind', { enum: APPOINTMENT_KINDS }).notNull(),
    courseId: uuid('course_id').references(() => treatmentCourse.id),
    startsAt: at('starts_at').notNull(),
    endsAt: at('ends_at').notNull(),
    status: text('status', { enum: APPOINTMENT_STATUSES }).notNull().default('booked'),
    notes: text('notes').notNull().default(''),
    intervalOverrideReason: text('interval_override_reason'),
    /** Why the session goes ahead although the treatment plan says to wait, refer or not treat. */
    planOverrideReason: text('plan_override_reason'),
    /** The deposit, recorded by hand (deposit.schema.ts in core says why no provider). */
    depositStatus: text('deposit_status', { enum: DEPOSIT_STATUSES }).notNull().default('none'),
    depositAmountMinor: integer('deposit_amount_minor'),
    depositCurrency: text('deposit_currency'),
    depositMethod: text('deposit_method', { enum: DEPOSIT_METHODS }),
    depositReference: text('deposit_reference'),
    depositReason: text('deposit_reason'),
    depositRecordedAt: at('deposit_recorded_at'),
    version: integer('version').notNull().default(1),
    createdBy: staffRef('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('appointment_studio_time_idx').on(t.studioId, t.startsAt),
    index('appointment_artist_time_idx').on(t.artistId, t.startsAt),
    index('appointment_client_idx').on(t.clientId, t.startsAt),
    index('appointment_course_idx').on(t.courseId, t.startsAt),
  ],
);

/** What happened to an appointment, in order: booked, moved, cancelled, completed. Append-only. */
export const appointmentEvent = pgTable(
  'appointment_event',
  {
    id: id(),
    studioId: studioRef(),
    appointmentId: uuid('appointment_id')
      .notNull()
      .references(() => appointment.id),
    action: text('action', { enum: APPOINTMENT_EVENT_ACTIONS }).notNull(),
    actorUserId: staffRef('actor_user_id'),
    at: at('at').notNull().defaultNow(),
    fromStartsAt: at('from_starts_at'),
    toStartsAt: at('to_starts_at'),
    fromArtistId: uuid('from_artist_id'),
    toArtistId: uuid('to_artist_id'),
    reason: text('reason'),
    intervalOverrideReason: text('interval_override_reason'),
    planOverrideReason: text('plan_override_reason'),
    depositAmountMinor: integer('deposit_amount_minor'),
    depositMethod: text('deposit_method', { enum: DEPOSIT_METHODS }),
    depositReference: text('deposit_reference'),
  },
  (t) => [index('appointment_event_appointment_idx').on(t.appointmentId, t.at)],
);

export const workingHours = pgTable(
  'working_hours',
  {
    id: id(),
    studioId: studioRef(),
    staffId: staffRef('staff_id').notNull(),
    weekday: smallint('weekday').notNull(),
    startMinute: integer('start_minute').notNull(),
    endMinute: integer('end_minute').notNull(),
  },
  (t) => [index('working_hours_staff_idx').on(t.staffId, t.weekday)],
);

export const workingHoursException = pgTable(
  'working_hours_exception',
  {
    id: id(),
    studioId: studioRef(),
    staffId: staffRef('staff_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    startMinute: integer('start_minute'),
    endMinute: integer('end_minute'),
    reason: text('reason').notNull().default(''),
  },
  (t) => [uniqueIndex('working_hours_exception_staff_day_key').on(t.staffId, t.day)],
);

/** A secret, revocable .ics address for an artist's or a client's appointments. */
export const calendarFeed = pgTable(
  'calendar_feed',
  {
    id: id(),
    studioId: studioRef(),
    kind: text('kind', { enum: CALENDAR_FEED_KINDS }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdBy: staffRef('created_by'),
    createdAt: createdAt(),
    revokedAt: at('revoked_at'),
  },
  (t) => [uniqueIndex('calendar_feed_token_hash_key').on(t.tokenHash)],
);

/** A pigment or needle product (the label data the client may ask to see). */
export const product = pgTable(
  'product',
  {
    id: id(),
    studioId: studioRef(),
    kind: text('kind', { enum: PRODUCT_KINDS }).notNull(),
    name: text('name').notNull(),
    manufacturer: text('manufacturer').notNull(),
    shade: text('shade'),
    needleConfiguration: text('needle_configuration'),
    needleDiameterMm: doublePrecision('needle_diameter_mm'),
    ingredients: text('ingredients').notNull().default(''),
    warnings: text('warnings').notNull().default(''),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index('product_studio_idx').on(t.studioId, t.kind, t.name)],
);

export const productLot = pgTable(
  'product_lot',
  {
    id: id(),
    studioId: studioRef(),
    productId: uuid('product_id')
      .notNull()
      .references(() => product.id),
    lotNumber: text('lot_number').notNull(),
    expiresOn: date('expires_on', { mode: 'string' }).notNull(),
    manufacturedOn: date('manufactured_on', { mode: 'string' }),
    receivedOn: date('received_on', { mode: 'string' }),
    openedOn: date('opened_on', { mode: 'string' }),
    archived: boolean('archived').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('product_lot_product_number_key').on(t.productId, t.lotNumber)],
);

/** The chart of one treatment session, keyed by its appointment. */
export const sessionRecord = pgTable(
  'session_record',
  {
    id: id(),
    studioId: studioRef(),
    appointmentId: uuid('appointment_id')
      .notNull()
      .references(() => appointment.id),
    clientId: clientRef(),
    courseId: uuid('course_id').references(() => treatmentCourse.id),
    artistId: staffRef('artist_id').notNull(),
    performedOn: date('performed_on', { mode: 'string' }).notNull(),
    zones: jsonb('zones').$type<string[]>().notNull().default([]),
    durationMinutes: integer('duration_minutes'),
    notes: text('notes').notNull().default(''),
    adverseEvents: text('adverse_events').notNull().default(''),
    status: text('status', { enum: ['draft', 'completed'] })
      .notNull()
      .default('draft'),
    completedAt: at('completed_at'),
    consentId: uuid('consent_id'),
    /** Completed although the treatment plan said to wait, refer or not treat: why, who, when. */
    planOverrideReason: text('plan_override_reason'),
    planOverrideBy: staffRef('plan_override_by'),
    planOverrideAt: at('plan_override_at'),
    version: integer('version').notNull().default(1),
    createdBy: staffRef('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('session_record_appointment_key').on(t.appointmentId),
    index('session_record_client_idx').on(t.studioId, t.clientId, t.performedOn),
  ],
);

/** Which lots a session used: the recall query reads this. */
export const sessionMaterial = pgTable(
  'session_material',
  {
    id: id(),
    studioId: studioRef(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessionRecord.id, { onDelete: 'cascade' }),
    lotId: uuid('lot_id')
      .notNull()
      .references(() => productLot.id),
    dilution: text('dilution').notNull().default(''),
    position: smallint('position').notNull().default(0),
  },
  (t) => [
    index('session_material_lot_idx').on(t.lotId),
    index('session_material_session_idx').on(t.sessionId),
  ],
);

/** Versioned consent texts per studio, kind and language. A new version is a new row. */
export const consentTemplate = pgTable(
  'consent_template',
  {
    id: id(),
    studioId: studioRef(),
    kind: text('kind', { enum: CONSENT_KINDS }).notNull(),
    language: text('language', { enum: UI_LOCALES }).notNull(),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    validityMonths: integer('validity_months'),
    createdBy: staffRef('created_by'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('consent_template_version_key').on(t.studioId, t.kind, t.language, t.version)],
);

/**
 * A signed consent: immutable (a trigger refuses UPDATE and DELETE), with the exact text signed.
 * The signature PNG is in the blob store.
 */
export const consentRecord = pgTable(
  'consent_record',
  {
    id: id(),
    studioId: studioRef(),
    clientId: clientRef(),
    templateId: uuid('template_id')
      .notNull()
      .references(() => consentTemplate.id),
    kind: text('kind', { enum: CONSENT_KINDS }).notNull(),
    language: text('language', { enum: UI_LOCALES }).notNull(),
    templateVersion: integer('template_version').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    signerName: text('signer_name').notNull(),
    signatureSha256: text('signature_sha256').notNull(),
    signedAt: at('signed_at').notNull().defaultNow(),
    validUntil: at('valid_until'),
    witnessedBy: staffRef('witnessed_by'),
  },
  (t) => [index('consent_record_client_idx').on(t.studioId, t.clientId, t.kind, t.signedAt)],
);

/** Withdrawal of a consent, kept apart so that the signed record itself never changes. */
export const consentWithdrawal = pgTable(
  'consent_withdrawal',
  {
    id: id(),
    studioId: studioRef(),
    consentId: uuid('consent_id')
      .notNull()
      .references(() => consentRecord.id),
    withdrawnAt: at('withdrawn_at').notNull().defaultNow(),
    reason: text('reason').notNull().default(''),
    recordedBy: staffRef('recorded_by'),
  },
  (t) => [uniqueIndex('consent_withdrawal_consent_key').on(t.consentId)],
);

export const aftercareTemplate = pgTable(
  'aftercare_template',
  {
    id: id(),
    studioId: studioRef(),
    language: text('language', { enum: UI_LOCALES }).notNull(),
    name: text('name').notNull(),
    version: integer('version').notNull(),
    steps: jsonb('steps').$type<unknown[]>().notNull(),
    createdBy: staffRef('created_by'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('aftercare_template_version_key').on(t.studioId, t.language, t.version)],
);

/** A session's aftercare schedule, made from the template when the session is completed. */
export const aftercareItem = pgTable(
  'aftercare_item',
  {
    id: id(),
    studioId: studioRef(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessionRecord.id, { onDelete: 'cascade' }),
    position: smallint('position').notNull(),
    language: text('language', { enum: UI_LOCALES }).notNull(),
    fromDate: date('from_date', { mode: 'string' }).notNull(),
    untilDate: date('until_date', { mode: 'string' }),
    title: text('title').notNull(),
    instructions: text('instructions').notNull().default(''),
    remind: boolean('remind').notNull().default(false),
  },
  (t) => [uniqueIndex('aftercare_item_session_position_key').on(t.sessionId, t.position)],
);

/**
 * The transactional outbox: messages are written in the same transaction as the change that
 * causes them; the outbox job delivers them (see outbox/outbox-dispatcher.ts).
 */
export const outboxMessage = pgTable(
  'outbox_message',
  {
    id: id(),
    studioId: studioRef(),
    idempotencyKey: text('idempotency_key').notNull(),
    kind: text('kind', {
      enum: OUTBOX_KINDS,
    }).notNull(),
    /** Who the message is for: a client, or a staff member (account emails such as a password reset). */
    clientId: uuid('client_id').references(() => client.id),
    staffUserId: uuid('staff_user_id').references(() => staffUser.id, { onDelete: 'cascade' }),
    toAddress: text('to_address'),
    subject: text('subject').notNull(),
    bodyText: text('body_text').notNull(),
    sendAfter: at('send_after').notNull(),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    leaseUntil: at('lease_until'),
    lastError: text('last_error'),
    messageId: text('message_id').notNull(),
    sentAt: at('sent_at'),
    appointmentId: uuid('appointment_id'),
    sessionId: uuid('session_id'),
    /** Files sent with the message (calendar invitations): text content only. */
    attachments: jsonb('attachments').$type<MailAttachment[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('outbox_message_idempotency_key').on(t.idempotencyKey),
    index('outbox_message_due_idx').on(t.status, t.sendAfter),
    index('outbox_message_studio_idx').on(t.studioId, t.createdAt),
  ],
);

/**
 * A consultation of a client: the artist, the day and the assessment (JSON validated by the
 * planner's `Assessment` schema; `consultation_date` mirrors its consultationDate for lists).
 */
export const consultation = pgTable(
  'consultation',
  {
    id: id(),
    studioId: studioRef(),
    clientId: clientRef(),
    artistId: staffRef('artist_id').notNull(),
    consultationDate: date('consultation_date', { mode: 'string' }).notNull(),
    assessment: jsonb('assessment').$type<Record<string, unknown>>().notNull(),
    version: integer('version').notNull().default(1),
    createdBy: staffRef('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('consultation_client_idx').on(t.studioId, t.clientId, t.consultationDate)],
);

/**
 * Each save of a consultation's plan: the whole plan (rule output, overrides with who and why,
 * the effective values) and the assessment it was made from. Immutable: a change is a new version.
 */
export const treatmentPlan = pgTable(
  'treatment_plan',
  {
    id: id(),
    studioId: studioRef(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultation.id),
    clientId: clientRef(),
    version: integer('version').notNull(),
    rulesVersion: text('rules_version').notNull(),
    assessmentVersion: integer('assessment_version').notNull(),
    assessment: jsonb('assessment').$type<Record<string, unknown>>().notNull(),
    plan: jsonb('plan').$type<Record<string, unknown>>().notNull(),
    eligibility: text('eligibility', { enum: ELIGIBILITIES }).notNull(),
    earliestStartDate: date('earliest_start_date', { mode: 'string' }),
    sessionsCount: integer('sessions_count').notNull(),
    minIntervalDays: integer('min_interval_days').notNull(),
    touchUpYears: doublePrecision('touch_up_years').notNull(),
    overrideCount: integer('override_count').notNull().default(0),
    createdBy: staffRef('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('treatment_plan_consultation_version_key').on(t.consultationId, t.version),
    index('treatment_plan_client_idx').on(t.studioId, t.clientId, t.createdAt),
  ],
);

/** The zones drawn on one photo (a ZonesFile in the photo's pixels), one row per photo. */
export const photoZones = pgTable(
  'photo_zones',
  {
    id: id(),
    studioId: studioRef(),
    photoId: uuid('photo_id')
      .notNull()
      .references(() => photo.id),
    clientId: clientRef(),
    zones: jsonb('zones').$type<Record<string, unknown>>().notNull(),
    /** The artist's corrected head and scalp map: a class-label PNG blob (values 0-3), or null. */
    scalpMapSha256: text('scalp_map_sha256'),
    version: integer('version').notNull().default(1),
    updatedBy: staffRef('updated_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('photo_zones_photo_key').on(t.photoId),
    index('photo_zones_studio_idx').on(t.studioId, t.updatedAt),
  ],
);

/** A full-resolution render of a photo's zones, made by a job; the stage images are blobs. */
export const previewRender = pgTable(
  'preview_render',
  {
    id: id(),
    studioId: studioRef(),
    photoId: uuid('photo_id')
      .notNull()
      .references(() => photo.id),
    clientId: clientRef(),
    zonesVersion: integer('zones_version').notNull(),
    zones: jsonb('zones').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: RENDER_STATUSES }).notNull().default('queued'),
    progress: integer('progress').notNull().default(0),
    /** [{ name, look, afterSession, years, sha256, previewSha256, width, height, bytes }] */
    stages: jsonb('stages').$type<unknown[]>().notNull().default([]),
    camouflage: jsonb('camouflage').$type<unknown[]>(),
    /** Notes as message references ({ code, params }); rows written before hold English text. */
    notes: jsonb('notes').$type<StoredNote[]>().notNull().default([]),
    impressions: integer('impressions'),
    /** Why it failed, the same way. */
    error: jsonb('error').$type<StoredNote>(),
    createdBy: staffRef('created_by'),
    createdAt: createdAt(),
    startedAt: at('started_at'),
    finishedAt: at('finished_at'),
  },
  (t) => [index('preview_render_photo_idx').on(t.studioId, t.photoId, t.createdAt)],
);

/** The photo analysis (follicles, density, scar suggestions), made by a job; the full result is a blob. */
export const photoAnalysis = pgTable(
  'photo_analysis',
  {
    id: id(),
    studioId: studioRef(),
    photoId: uuid('photo_id')
      .notNull()
      .references(() => photo.id),
    clientId: clientRef(),
    status: text('status', { enum: ANALYSIS_STATUSES }).notNull().default('queued'),
    pxPerMm: doublePrecision('px_per_mm'),
    summary: jsonb('summary').$type<Record<string, unknown>>(),
    resultSha256: text('result_sha256'),
    /** The automatic head and scalp map: a class-label PNG blob at the map's resolution. */
    scalpMapSha256: text('scalp_map_sha256'),
    /** The artist's corrected map the analysis ran inside (null: the automatic map). */
    correctionSha256: text('correction_sha256'),
    /** Why it failed: a message reference ({ code, params }); rows written before hold English text. */
    error: jsonb('error').$type<StoredNote>(),
    createdBy: staffRef('created_by'),
    createdAt: createdAt(),
    finishedAt: at('finished_at'),
  },
  (t) => [uniqueIndex('photo_analysis_photo_key').on(t.photoId)],
);

/**
 * A follow-up photo registered to the earlier photo of the same view (one row per follow-up;
 * aligning again replaces it). The originals are never changed: the row holds the transform
 * between their full-size pixel frames, how well it fits, how it was found, and blobs derived
 * from it (the follow-up resampled into the earlier photo's frame, and a difference image).
 */
export const photoAlignment = pgTable(
  'photo_alignment',
  {
    id: id(),
    studioId: studioRef(),
    clientId: clientRef(),
    /** The follow-up (later) photo. */
    photoId: uuid('photo_id')
      .notNull()
      .references(() => photo.id),
    /** The earlier photo of the same view that it is aligned to. */
    referencePhotoId: uuid('reference_photo_id')
      .notNull()
      .references(() => photo.id),
    status: text('status', { enum: ALIGNMENT_STATUSES }).notNull().default('queued'),
    method: text('method', { enum: ALIGNMENT_METHODS }).notNull().default('features'),
    /** True when the artist set the transform with point pairs. */
    corrected: boolean('corrected').notNull().default(false),
    correctedBy: staffRef('corrected_by'),
    correctedAt: at('corrected_at'),
    model: text('model', { enum: ALIGNMENT_MODELS }),
    /**
     * 3×3 row-major: a pixel (x, y) of the follow-up photo (full-size original, pixel centres at
     * integers) to the earlier photo: [u, v, w] = M · [x, y, 1], (u/w, v/w).
     */
    earlierFromLater: doublePrecision('earlier_from_later').array(),
    /** The inverse, 3×3 row-major: a pixel of the earlier photo to the follow-up. */
    laterFromEarlier: doublePrecision('later_from_earlier').array(),
    /** Median reprojection error of the matches (features), or RMS of the artist's pairs (points), px. */
    residualPx: doublePrecision('residual_px'),
    /** { agreement, overlap, inliers, matches, reprojectionErrorPx } */
    quality: jsonb('quality').$type<Record<string, unknown>>(),
    /** The artist's pairs with their residuals (method `points`). */
    pointPairs: jsonb('point_pairs').$type<unknown[]>(),
    refusalReason: text('refusal_reason'),
    refusalDetails: jsonb('refusal_details').$type<Record<string, number>>(),
    /** Warnings as catalogue keys with params: [{ key, params }]. */
    warnings: jsonb('warnings').$type<unknown[]>().notNull().default([]),
    /** { darker, lighter }: shares of the overlap that changed. */
    difference: jsonb('difference').$type<Record<string, number>>(),
    alignedSha256: text('aligned_sha256'),
    differenceSha256: text('difference_sha256'),
    /** Raised by every start and correction: a job finishing for an older one writes nothing. */
    version: integer('version').notNull().default(1),
    error: text('error'),
    createdBy: staffRef('created_by'),
    createdAt: createdAt(),
    finishedAt: at('finished_at'),
  },
  (t) => [
    uniqueIndex('photo_alignment_photo_key').on(t.photoId),
    index('photo_alignment_reference_idx').on(t.referencePhotoId),
  ],
);

/**
 * A consultation booked on the public page: what the visitor entered (kept as entered: an
 * existing client's record is never overwritten by an unverified visitor), the appointment it
 * holds, and how it went: `unverified` until the visitor opens the link sent to the email,
 * `requested` until the studio confirms (or `confirmed` at once when the studio auto-confirms),
 * `expired` when the link was never opened in time.
 */
export const booking = pgTable(
  'booking',
  {
    id: id(),
    studioId: studioRef(),
    clientId: clientRef(),
    appointmentId: uuid('appointment_id')
      .notNull()
      .references(() => appointment.id),
    consultationType: text('consultation_type').notNull(),
    givenName: text('given_name').notNull().default(''),
    familyName: text('family_name').notNull(),
    email: text('email').notNull(),
    phone: text('phone'),
    locale: text('locale', { enum: UI_LOCALES }).notNull(),
    /** What the visitor wants treated: scar, density, hairline, other. */
    concerns: jsonb('concerns').$type<string[]>().notNull().default([]),
    message: text('message').notNull().default(''),
    status: text('status', { enum: BOOKING_STATUSES }).notNull().default('unverified'),
    /** Until when the email link must be opened, or the held slot is given back. */
    verifyBy: at('verify_by').notNull(),
    /** SHA-256 of the token that lets the visitor add photos right after booking. */
    uploadTokenHash: text('upload_token_hash').notNull(),
    uploadUntil: at('upload_until').notNull(),
    /** True when the booking joined an existing client (verified email and the same name). */
    matchedExisting: boolean('matched_existing').notNull().default(false),
    createdAt: createdAt(),
    verifiedAt: at('verified_at'),
    decidedAt: at('decided_at'),
    decidedBy: staffRef('decided_by'),
    declineReason: text('decline_reason'),
  },
  (t) => [
    uniqueIndex('booking_appointment_key').on(t.appointmentId),
    index('booking_studio_status_idx').on(t.studioId, t.status, t.createdAt),
    index('booking_client_idx').on(t.clientId),
  ],
);

/** The photos a visitor added to a booking (they are the client's photos, through the same intake). */
export const bookingPhoto = pgTable(
  'booking_photo',
  {
    id: id(),
    studioId: studioRef(),
    bookingId: uuid('booking_id')
      .notNull()
      .references(() => booking.id),
    photoId: uuid('photo_id')
      .notNull()
      .references(() => photo.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('booking_photo_photo_key').on(t.photoId),
    index('booking_photo_booking_idx').on(t.bookingId),
  ],
);

export const WAITLIST_STATUSES = ['unverified', 'waiting', 'booked', 'removed', 'expired'] as const;

/** A visitor waiting for a consultation between two days; freed slots are offered by email. */
export const waitlistEntry = pgTable(
  'waitlist_entry',
  {
    id: id(),
    studioId: studioRef(),
    clientId: clientRef(),
    consultationType: text('consultation_type').notNull(),
    fromDate: date('from_date', { mode: 'string' }).notNull(),
    untilDate: date('until_date', { mode: 'string' }).notNull(),
    locale: text('locale', { enum: UI_LOCALES }).notNull(),
    status: text('status', { enum: WAITLIST_STATUSES }).notNull().default('unverified'),
    createdAt: createdAt(),
    verifiedAt: at('verified_at'),
    lastOfferedAt: at('last_offered_at'),
  },
  (t) => [index('waitlist_entry_studio_idx').on(t.studioId, t.status, t.fromDate)],
);

/**
 * A client's sign-in to the portal, opened by a one-time link: like a staff session, the browser
 * holds a random token (only its SHA-256 is here) and sends the CSRF token with every change.
 */
export const portalSession = pgTable(
  'portal_session',
  {
    id: id(),
    studioId: studioRef(),
    clientId: clientRef(),
    tokenHash: text('token_hash').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    lastSeenAt: at('last_seen_at').notNull().defaultNow(),
    expiresAt: at('expires_at').notNull(),
  },
  (t) => [
    uniqueIndex('portal_session_token_hash_key').on(t.tokenHash),
    index('portal_session_client_idx').on(t.clientId),
    index('portal_session_expires_idx').on(t.expiresAt),
  ],
);

/**
 * The aftercare days a client ticked off in the portal's checklist (one row per session and day;
 * unticking deletes it).
 */
export const aftercareCheck = pgTable(
  'aftercare_check',
  {
    id: id(),
    studioId: studioRef(),
    clientId: clientRef(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessionRecord.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    checkedAt: at('checked_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('aftercare_check_session_day_key').on(t.sessionId, t.day)],
);

/** A client's answers to the screening before a consultation (see core intake.schema.ts). */
export const intakeResponse = pgTable(
  'intake_response',
  {
    id: id(),
    studioId: studioRef(),
    clientId: clientRef(),
    appointmentId: uuid('appointment_id')
      .notNull()
      .references(() => appointment.id),
    screening: jsonb('screening').$type<Record<string, unknown>>().notNull(),
    notes: text('notes').notNull().default(''),
    status: text('status', { enum: INTAKE_STATUSES }).notNull().default('submitted'),
    submittedAt: at('submitted_at').notNull().defaultNow(),
    reviewedAt: at('reviewed_at'),
    reviewedBy: staffRef('reviewed_by'),
    consultationId: uuid('consultation_id').references(() => consultation.id),
  },
  (t) => [
    index('intake_response_client_idx').on(t.studioId, t.clientId, t.submittedAt),
    index('intake_response_appointment_idx').on(t.appointmentId),
  ],
);

export const schema = {
  studio,
  staffUser,
  authSession,
  oneTimeLink,
  loginThrottle,
  staffInvitation,
  client,
  auditEntry,
  job,
  photo,
  treatmentCourse,
  appointment,
  appointmentEvent,
  workingHours,
  workingHoursException,
  calendarFeed,
  product,
  productLot,
  sessionRecord,
  sessionMaterial,
  consentTemplate,
  consentRecord,
  consentWithdrawal,
  aftercareTemplate,
  aftercareItem,
  outboxMessage,
  consultation,
  treatmentPlan,
  photoZones,
  previewRender,
  photoAnalysis,
  booking,
  bookingPhoto,
  waitlistEntry,
  portalSession,
  intakeResponse,
  aftercareCheck,
};
export type Schema = typeof schema;

/** The studio tables that row-level security must cover (checked by a database test). */
export const STUDIO_TABLES = [
  'studio',
  'staff_user',
  'auth_session',
  'one_time_link',
  'staff_invitation',
  'client',
  'audit_entry',
  'photo',
  'treatment_course',
  'appointment',
  'appointment_event',
  'working_hours',
  'working_hours_exception',
  'calendar_feed',
  'product',
  'product_lot',
  'session_record',
  'session_material',
  'consent_template',
  'consent_record',
  'consent_withdrawal',
  'aftercare_template',
  'aftercare_item',
  'outbox_message',
  'consultation',
  'treatment_plan',
  'photo_zones',
  'preview_render',
  'photo_analysis',
  'booking',
  'booking_photo',
  'waitlist_entry',
  'portal_session',
  'intake_response',
  'aftercare_check',
  'photo_alignment',
  'session_outcome',
  'gallery_pair',
] as const;

/**
 * What a session achieved on a healed follow-up photo, zone by zone, against the preview's
 * prediction (core outcome/measure-outcome.ts). One row per follow-up photo; the skin type is
 * copied from the client's consultation when measured, so the studio's retention per texture and
 * skin type is one query.
 */
export const sessionOutcome = pgTable(
  'session_outcome',
  {
    id: id(),
    studioId: studioRef(),
    clientId: clientRef(),
    photoId: photoRef('photo_id'),
    earlierPhotoId: photoRef('earlier_photo_id'),
    afterSession: smallint('after_session').notNull(),
    transform: jsonb('transform').$type<number[]>().notNull(),
    fitzpatrick: smallint('fitzpatrick'),
    densityMeasured: boolean('density_measured').notNull(),
    zones: jsonb('zones').$type<unknown[]>().notNull(),
    createdBy: staffRef('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('session_outcome_photo_key').on(t.photoId),
    index('session_outcome_client_idx').on(t.studioId, t.clientId),
  ],
);

/**
 * A before-and-after pair in the studio's gallery: two stored originals of one client and view,
 * cropped alike, under the photo-use consent that allowed it. Shown only while that consent is
 * active (the gallery queries join it), so a withdrawal removes the pair at once.
 */
export const galleryPair = pgTable(
  'gallery_pair',
  {
    id: id(),
    studioId: studioRef(),
    clientId: clientRef(),
    beforePhotoId: photoRef('before_photo_id'),
    afterPhotoId: photoRef('after_photo_id'),
    consentId: uuid('consent_id')
      .notNull()
      .references(() => consentRecord.id),
    crop: jsonb('crop').$type<{ x: number; y: number; w: number; h: number }>().notNull(),
    transform: jsonb('transform').$type<number[]>(),
    createdBy: staffRef('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('gallery_pair_photos_key').on(t.beforePhotoId, t.afterPhotoId),
    index('gallery_pair_studio_idx').on(t.studioId, t.createdAt),
  ],
);
