// The server's configuration: read from the environment once, validated, and frozen. A bad
// value stops the start with a message that names the variable and says what it must be.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SIGNUP_MODES, type SignupMode } from '@stipple/core';
import { z } from 'zod';

const bool = (name: string) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .refine((s) => ['true', 'false', '1', '0', 'yes', 'no'].includes(s), {
      message: `${name} must be true or false`,
    })
    .transform((s) => s === 'true' || s === '1' || s === 'yes');

const positiveInt = (name: string, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, { message: `${name} must be a whole number` })
    .transform(Number)
    .refine((n) => n >= 1 && n <= max, { message: `${name} must be between 1 and ${max}` });

const httpUrl = (name: string) =>
  z
    .string()
    .trim()
    .refine(
      (s) => {
        try {
          const u = new URL(s);
          return u.protocol === 'http:' || u.protocol === 'https:';
        } catch {
          return false;
        }
      },
      { message: `${name} must be an http:// or https:// URL` },
    )
    .transform((s) => s.replace(/\/+$/, ''));

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const EnvSchema = z.object({
  STIPPLE_PORT: z
    .string()
    .trim()
    .regex(/^\d+$/, { message: 'STIPPLE_PORT must be a port number' })
    .transform(Number)
    .refine((n) => n >= 0 && n <= 65535, { message: 'STIPPLE_PORT must be between 0 and 65535' })
    .default(3000),
  STIPPLE_HOST: z.string().trim().min(1, { message: 'STIPPLE_HOST must not be empty' }).default('127.0.0.1'),
  STIPPLE_DATA_DIR: z
    .string()
    .trim()
    .min(1, { message: 'STIPPLE_DATA_DIR must not be empty' })
    .default('./data'),
  DATABASE_URL: z
    .string()
    .trim()
    .refine((s) => /^postgres(ql)?:\/\//.test(s), {
      message: 'DATABASE_URL must be a postgres:// or postgresql:// URL',
    })
    .optional(),
  STIPPLE_LOG_LEVEL: z
    .string()
    .trim()
    .toLowerCase()
    .refine((s): s is (typeof LOG_LEVELS)[number] => (LOG_LEVELS as readonly string[]).includes(s), {
      message: `STIPPLE_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`,
    })
    .default('info'),
  STIPPLE_DEMO_DATA: bool('STIPPLE_DEMO_DATA').default(true),
  STIPPLE_SIGNUP: z
    .string()
    .trim()
    .toLowerCase()
    .refine((s): s is SignupMode => (SIGNUP_MODES as readonly string[]).includes(s), {
      message: `STIPPLE_SIGNUP must be one of ${SIGNUP_MODES.join(', ')}`,
    })
    .default('closed'),
  STIPPLE_DEMO_PASSWORD: z
    .string()
    .min(8, { message: 'STIPPLE_DEMO_PASSWORD must be at least 8 characters' })
    .max(256)
    .optional(),
  STIPPLE_PUBLIC_URL: httpUrl('STIPPLE_PUBLIC_URL').optional(),
  STIPPLE_COOKIE_SECURE: z
    .string()
    .trim()
    .toLowerCase()
    .refine((s) => ['auto', 'true', 'false'].includes(s), {
      message: 'STIPPLE_COOKIE_SECURE must be auto, true or false',
    })
    .default('auto'),
  STIPPLE_SESSION_TTL_HOURS: positiveInt('STIPPLE_SESSION_TTL_HOURS', 24 * 90).default(12),
  STIPPLE_SESSION_MAX_HOURS: positiveInt('STIPPLE_SESSION_MAX_HOURS', 24 * 90).default(24),
  STIPPLE_AUDIT_RETENTION_DAYS: positiveInt('STIPPLE_AUDIT_RETENTION_DAYS', 36_500).default(2922),
  STIPPLE_SKIP_MIGRATIONS: bool('STIPPLE_SKIP_MIGRATIONS').default(false),
  STIPPLE_WEB_DIST: z.string().trim().min(1, { message: 'STIPPLE_WEB_DIST must not be empty' }).optional(),
  STIPPLE_TRUST_PROXY: bool('STIPPLE_TRUST_PROXY').default(false),
  STIPPLE_CHECK_RESPONSES: bool('STIPPLE_CHECK_RESPONSES').default(false),
  STIPPLE_BLOB_DIR: z.string().trim().min(1, { message: 'STIPPLE_BLOB_DIR must not be empty' }).optional(),
  STIPPLE_BLOB_STORE: z
    .string()
    .trim()
    .toLowerCase()
    .refine((s) => s === 'folder' || s === 's3', { message: 'STIPPLE_BLOB_STORE must be folder or s3' })
    .default('folder'),
  STIPPLE_S3_BUCKET: z
    .string()
    .trim()
    .refine((s) => /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(s), {
      message: 'STIPPLE_S3_BUCKET must be a bucket name: 3 to 63 lowercase letters, digits, dots or hyphens',
    })
    .optional(),
  STIPPLE_S3_REGION: z
    .string()
    .trim()
    .refine((s) => /^[a-z0-9-]{2,40}$/.test(s), {
      message: 'STIPPLE_S3_REGION must be a region name such as eu-central-1',
    })
    .optional(),
  STIPPLE_S3_ENDPOINT: httpUrl('STIPPLE_S3_ENDPOINT').optional(),
  STIPPLE_S3_FORCE_PATH_STYLE: bool('STIPPLE_S3_FORCE_PATH_STYLE').default(false),
  STIPPLE_S3_PREFIX: z
    .string()
    .trim()
    .refine((s) => /^[A-Za-z0-9._\-/]{1,200}$/.test(s) && !s.startsWith('/'), {
      message: 'STIPPLE_S3_PREFIX must be a key prefix of letters, digits, . _ - and /, not starting with /',
    })
    .transform((s) => (s.endsWith('/') ? s : `${s}/`))
    .optional(),
  STIPPLE_METRICS_TOKEN: z
    .string()
    .min(16, { message: 'STIPPLE_METRICS_TOKEN must be at least 16 characters' })
    .max(256)
    .optional(),
  STIPPLE_PHOTO_MAX_MB: positiveInt('STIPPLE_PHOTO_MAX_MB', 200).default(25),
  STIPPLE_PHOTO_MAX_MEGAPIXELS: positiveInt('STIPPLE_PHOTO_MAX_MEGAPIXELS', 1000).default(50),
  STIPPLE_SMTP_URL: z
    .string()
    .trim()
    .refine((s) => /^smtps?:\/\/[^/]+/.test(s), {
      message:
        'STIPPLE_SMTP_URL must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.com:587',
    })
    .optional(),
  STIPPLE_SMTP_FROM: z
    .string()
    .trim()
    .min(3, { message: 'STIPPLE_SMTP_FROM must be an address such as "Studio <studio@example.com>"' })
    .optional(),
  STIPPLE_OUTBOX_INTERVAL_SECONDS: positiveInt('STIPPLE_OUTBOX_INTERVAL_SECONDS', 3600).default(30),
  STIPPLE_OUTBOX_RETRY_SECONDS: positiveInt('STIPPLE_OUTBOX_RETRY_SECONDS', 86_400).default(60),
  STIPPLE_REMINDER_HOURS_BEFORE: positiveInt('STIPPLE_REMINDER_HOURS_BEFORE', 24 * 14).default(24),
  /** Test-only: holds every session save this many ms inside its transaction (the kill test). */
  STIPPLE_TEST_SESSION_SAVE_DELAY_MS: positiveInt('STIPPLE_TEST_SESSION_SAVE_DELAY_MS', 600_000).optional(),
});

export type LogLevel = (typeof LOG_LEVELS)[number];

export interface S3StoreConfig {
  kind: 's3';
  bucket: string;
  region: string;
  endpoint: string | undefined;
  forcePathStyle: boolean;
  prefix: string;
}

/** Where photos, renders and signatures go: a folder (one machine) or a bucket (any number of instances). */
export type BlobStoreConfig = { kind: 'folder'; dir: string } | S3StoreConfig;

export interface Config {
  port: number;
  host: string;
  /** Absolute. PGlite keeps its files in `<dataDir>/pg`; blobs will go to `<dataDir>/blobs`. */
  dataDir: string;
  /** When set, PostgreSQL through node-postgres; otherwise PGlite in `<dataDir>/pg`. */
  databaseUrl: string | undefined;
  logLevel: LogLevel;
  demoData: boolean;
  demoPassword: string | undefined;
  /**
   * Who may create a studio: `closed` only the first one on an empty installation; `open` anyone;
   * `invite` the first one, then only with an invitation made on the command line.
   */
  signup: SignupMode;
  /**
   * Base for links the server hands out (invitation links), without a trailing slash. Unset, links
   * are paths that the web app completes with the address the owner is using: a guessed
   * `localhost` would not open on another device, and the request's Host header is not trusted.
   */
  publicUrl: string | null;
  cookieSecure: boolean;
  /** Idle lifetime of a sign-in session: each use moves its end this far ahead. */
  sessionTtlHours: number;
  /** Longest lifetime of a sign-in session, however busy: then the member signs in again. */
  sessionMaxHours: number;
  auditRetentionDays: number;
  skipMigrations: boolean;
  /** Folder of the built web app; when it has no index.html, `/` says how to build it. */
  webDist: string;
  trustProxy: boolean;
  /**
   * Every answer also checked by zod against its schema and compared with what the fast writer
   * made (http/response-serializer.ts). The test servers turn it on; it costs CPU on every answer.
   */
  checkResponses: boolean;
  /** Content-addressed files (photos, signatures): `<dataDir>/blobs` unless set. */
  blobDir: string;
  blobStore: BlobStoreConfig;
  /** Bearer token for /metrics; unset, /metrics answers only direct loopback requests. */
  metricsToken: string | null;
  photoMaxBytes: number;
  photoMaxPixels: number;
  /** Unset: messages wait in the outbox (the owner sees them there) and nothing is emailed. */
  smtpUrl: string | null;
  smtpFrom: string;
  outboxIntervalSeconds: number;
  /** First retry after a failed delivery; doubles each time (capped at 6 h). */
  outboxRetrySeconds: number;
  reminderHoursBefore: number;
  /**
   * Only for the crash test: a pause inside the session-save transaction. Production never sets
   * it; the server logs a warning when it is set.
   */
  testSessionSaveDelayMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const defaultWebDist = () => fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Reads the configuration from `env` (normally `process.env`); throws ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.keys(EnvSchema.shape);
  // Empty strings count as unset, as in most .env tooling.
  const input = Object.fromEntries(known.map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = EnvSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const variable = String(i.path[0] ?? '');
        return i.message.includes(variable) ? i.message : `${variable}: ${i.message}`;
      }),
    );
  }
  const e = parsed.data;
  const blobDir = resolve(e.STIPPLE_BLOB_DIR ?? resolve(e.STIPPLE_DATA_DIR, 'blobs'));
  const blobStore = blobStoreOf(e, blobDir, env);
  if (e.STIPPLE_SESSION_MAX_HOURS < e.STIPPLE_SESSION_TTL_HOURS)
    throw new ConfigError([
      `STIPPLE_SESSION_MAX_HOURS (${e.STIPPLE_SESSION_MAX_HOURS}) must not be less than STIPPLE_SESSION_TTL_HOURS (${e.STIPPLE_SESSION_TTL_HOURS})`,
    ]);
  const publicUrl = e.STIPPLE_PUBLIC_URL ?? null;
  return Object.freeze({
    port: e.STIPPLE_PORT,
    host: e.STIPPLE_HOST,
    dataDir: resolve(e.STIPPLE_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    logLevel: e.STIPPLE_LOG_LEVEL,
    demoData: e.STIPPLE_DEMO_DATA,
    demoPassword: e.STIPPLE_DEMO_PASSWORD,
    signup: e.STIPPLE_SIGNUP,
    publicUrl,
    cookieSecure:
      e.STIPPLE_COOKIE_SECURE === 'auto'
        ? Boolean(publicUrl?.startsWith('https:'))
        : e.STIPPLE_COOKIE_SECURE === 'true',
    sessionTtlHours: e.STIPPLE_SESSION_TTL_HOURS,
    sessionMaxHours: e.STIPPLE_SESSION_MAX_HOURS,
    auditRetentionDays: e.STIPPLE_AUDIT_RETENTION_DAYS,
    skipMigrations: e.STIPPLE_SKIP_MIGRATIONS,
    webDist: resolve(e.STIPPLE_WEB_DIST ?? defaultWebDist()),
    trustProxy: e.STIPPLE_TRUST_PROXY,
    checkResponses: e.STIPPLE_CHECK_RESPONSES,
    blobDir,
    blobStore,
    metricsToken: e.STIPPLE_METRICS_TOKEN ?? null,
    photoMaxBytes: e.STIPPLE_PHOTO_MAX_MB * 1024 * 1024,
    photoMaxPixels: e.STIPPLE_PHOTO_MAX_MEGAPIXELS * 1_000_000,
    smtpUrl: e.STIPPLE_SMTP_URL ?? null,
    smtpFrom: e.STIPPLE_SMTP_FROM ?? 'Stipple <no-reply@stipple.invalid>',
    outboxIntervalSeconds: e.STIPPLE_OUTBOX_INTERVAL_SECONDS,
    outboxRetrySeconds: e.STIPPLE_OUTBOX_RETRY_SECONDS,
    reminderHoursBefore: e.STIPPLE_REMINDER_HOURS_BEFORE,
    testSessionSaveDelayMs: e.STIPPLE_TEST_SESSION_SAVE_DELAY_MS ?? 0,
  });
}

const S3_VARIABLES = [
  'STIPPLE_S3_BUCKET',
  'STIPPLE_S3_REGION',
  'STIPPLE_S3_ENDPOINT',
  'STIPPLE_S3_PREFIX',
] as const;

/** The blob store settings; S3 settings without STIPPLE_BLOB_STORE=s3 are refused, never ignored. */
function blobStoreOf(
  e: z.infer<typeof EnvSchema>,
  dir: string,
  env: Record<string, string | undefined>,
): BlobStoreConfig {
  if (e.STIPPLE_BLOB_STORE === 'folder') {
    const stray = S3_VARIABLES.filter((v) => e[v] !== undefined);
    if (stray.length > 0)
      throw new ConfigError(
        stray.map(
          (v) => `${v} is set but STIPPLE_BLOB_STORE is folder: set STIPPLE_BLOB_STORE=s3 or remove ${v}`,
        ),
      );
    return { kind: 'folder', dir };
  }
  if (!e.STIPPLE_S3_BUCKET)
    throw new ConfigError(['STIPPLE_S3_BUCKET must name the bucket when STIPPLE_BLOB_STORE is s3']);
  if (e.STIPPLE_BLOB_DIR)
    throw new ConfigError([
      'STIPPLE_BLOB_DIR is set but STIPPLE_BLOB_STORE is s3: photos go to the bucket; remove STIPPLE_BLOB_DIR',
    ]);
  return {
    kind: 's3',
    bucket: e.STIPPLE_S3_BUCKET,
    // The SDK's own region variables count too; S3 needs some region even when the server ignores it.
    region: e.STIPPLE_S3_REGION ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    endpoint: e.STIPPLE_S3_ENDPOINT,
    forcePathStyle: e.STIPPLE_S3_FORCE_PATH_STYLE,
    prefix: e.STIPPLE_S3_PREFIX ?? '',
  };
}
