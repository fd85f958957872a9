// The server's configuration: read from the environment once, validated, and frozen. A bad
// value stops the start with a message that names the variable and says what it must be.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  STIPPLE_AUDIT_RETENTION_DAYS: positiveInt('STIPPLE_AUDIT_RETENTION_DAYS', 36_500).default(2922),
  STIPPLE_SKIP_MIGRATIONS: bool('STIPPLE_SKIP_MIGRATIONS').default(false),
  STIPPLE_WEB_DIST: z.string().trim().min(1, { message: 'STIPPLE_WEB_DIST must not be empty' }).optional(),
  STIPPLE_TRUST_PROXY: bool('STIPPLE_TRUST_PROXY').default(false),
});

export type LogLevel = (typeof LOG_LEVELS)[number];

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
   * Base for links the server hands out (invitation links), without a trailing slash. Unset, links
   * are paths that the web app completes with the address the owner is using: a guessed
   * `localhost` would not open on another device, and the request's Host header is not trusted.
   */
  publicUrl: string | null;
  cookieSecure: boolean;
  sessionTtlHours: number;
  auditRetentionDays: number;
  skipMigrations: boolean;
  /** Folder of the built web app; when it has no index.html, `/` says how to build it. */
  webDist: string;
  trustProxy: boolean;
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
  const publicUrl = e.STIPPLE_PUBLIC_URL ?? null;
  return Object.freeze({
    port: e.STIPPLE_PORT,
    host: e.STIPPLE_HOST,
    dataDir: resolve(e.STIPPLE_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    logLevel: e.STIPPLE_LOG_LEVEL,
    demoData: e.STIPPLE_DEMO_DATA,
    demoPassword: e.STIPPLE_DEMO_PASSWORD,
    publicUrl,
    cookieSecure:
      e.STIPPLE_COOKIE_SECURE === 'auto'
        ? Boolean(publicUrl?.startsWith('https:'))
        : e.STIPPLE_COOKIE_SECURE === 'true',
    sessionTtlHours: e.STIPPLE_SESSION_TTL_HOURS,
    auditRetentionDays: e.STIPPLE_AUDIT_RETENTION_DAYS,
    skipMigrations: e.STIPPLE_SKIP_MIGRATIONS,
    webDist: resolve(e.STIPPLE_WEB_DIST ?? defaultWebDist()),
    trustProxy: e.STIPPLE_TRUST_PROXY,
  });
}
