import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('gives a zero-setup default', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: resolve('./data'),
      databaseUrl: undefined,
      logLevel: 'info',
      demoData: true,
      demoPassword: undefined,
      publicUrl: null,
      cookieSecure: false,
      sessionTtlHours: 12,
      auditRetentionDays: 2922,
      skipMigrations: false,
      trustProxy: false,
    });
    expect(c.webDist).toMatch(/packages\/web\/dist$/);
  });

  it('reads every variable', () => {
    const c = loadConfig({
      STIPPLE_PORT: '8080',
      STIPPLE_HOST: '0.0.0.0',
      STIPPLE_DATA_DIR: '/srv/stipple',
      DATABASE_URL: 'postgres://stipple@db.local/stipple',
      STIPPLE_LOG_LEVEL: 'DEBUG',
      STIPPLE_DEMO_DATA: 'false',
      STIPPLE_DEMO_PASSWORD: 'demo-demo-demo',
      STIPPLE_PUBLIC_URL: 'https://studio.example/',
      STIPPLE_SESSION_TTL_HOURS: '8',
      STIPPLE_SESSION_MAX_HOURS: '10',
      STIPPLE_AUDIT_RETENTION_DAYS: '3650',
      STIPPLE_SKIP_MIGRATIONS: '1',
      STIPPLE_WEB_DIST: '/srv/web',
      STIPPLE_TRUST_PROXY: 'yes',
    });
    expect(c).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/srv/stipple',
      databaseUrl: 'postgres://stipple@db.local/stipple',
      logLevel: 'debug',
      demoData: false,
      demoPassword: 'demo-demo-demo',
      publicUrl: 'https://studio.example',
      cookieSecure: true,
      sessionTtlHours: 8,
      sessionMaxHours: 10,
      auditRetentionDays: 3650,
      skipMigrations: true,
      webDist: '/srv/web',
      trustProxy: true,
    });
  });

  it('lets STIPPLE_COOKIE_SECURE override the https guess, and treats empty values as unset', () => {
    expect(
      loadConfig({ STIPPLE_PUBLIC_URL: 'https://a.example', STIPPLE_COOKIE_SECURE: 'false' }).cookieSecure,
    ).toBe(false);
    expect(loadConfig({ STIPPLE_COOKIE_SECURE: 'true' }).cookieSecure).toBe(true);
    expect(loadConfig({ STIPPLE_PORT: '', STIPPLE_PUBLIC_URL: '' })).toMatchObject({
      port: 3000,
      publicUrl: null,
    });
    expect(loadConfig({ STIPPLE_PORT: '4000' }).publicUrl).toBeNull();
  });

  it('fails with a message naming each bad variable and what it must be', () => {
    let error: unknown;
    try {
      loadConfig({
        STIPPLE_PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        STIPPLE_DEMO_DATA: 'maybe',
        STIPPLE_SESSION_TTL_HOURS: '0',
        STIPPLE_LOG_LEVEL: 'loud',
        STIPPLE_PUBLIC_URL: 'studio.example',
        STIPPLE_COOKIE_SECURE: 'sometimes',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        'STIPPLE_PORT must be a port number',
        'DATABASE_URL must be a postgres:// or postgresql:// URL',
        'STIPPLE_DEMO_DATA must be true or false',
        'STIPPLE_SESSION_TTL_HOURS must be between 1 and 2160',
        'STIPPLE_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
        'STIPPLE_PUBLIC_URL must be an http:// or https:// URL',
        'STIPPLE_COOKIE_SECURE must be auto, true or false',
      ]),
    );
    expect((error as Error).message).toMatch(/^Invalid configuration:\n {2}- /);
  });

  it('refuses a longest session lifetime shorter than the idle lifetime', () => {
    expect(() => loadConfig({ STIPPLE_SESSION_TTL_HOURS: '12', STIPPLE_SESSION_MAX_HOURS: '8' })).toThrow(
      /STIPPLE_SESSION_MAX_HOURS \(8\) must not be less than STIPPLE_SESSION_TTL_HOURS \(12\)/,
    );
    expect(loadConfig({}).sessionMaxHours).toBe(24);
  });

  it('refuses a port out of range', () => {
    expect(() => loadConfig({ STIPPLE_PORT: '70000' })).toThrow(/STIPPLE_PORT must be between 0 and 65535/);
  });
});

describe('treatment-record settings', () => {
  it('default to blobs in the data folder, no email, and the documented limits', () => {
    const c = loadConfig({ STIPPLE_DATA_DIR: '/srv/stipple' });
    expect(c).toMatchObject({
      blobDir: '/srv/stipple/blobs',
      photoMaxBytes: 25 * 1024 * 1024,
      photoMaxPixels: 50_000_000,
      smtpUrl: null,
      outboxIntervalSeconds: 30,
      outboxRetrySeconds: 60,
      reminderHoursBefore: 24,
      testSessionSaveDelayMs: 0,
    });
  });

  it('reads SMTP and refuses an address that is not smtp:// or smtps://, naming the variable', () => {
    const c = loadConfig({
      STIPPLE_SMTP_URL: 'smtp://u:p@mail.example:587',
      STIPPLE_SMTP_FROM: 'Studio <s@x.example>',
    });
    expect([c.smtpUrl, c.smtpFrom]).toEqual(['smtp://u:p@mail.example:587', 'Studio <s@x.example>']);
    expect(() => loadConfig({ STIPPLE_SMTP_URL: 'mail.example:25' })).toThrow(
      /STIPPLE_SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/,
    );
    expect(() => loadConfig({ STIPPLE_PHOTO_MAX_MB: '0' })).toThrow(
      /STIPPLE_PHOTO_MAX_MB must be between 1 and 200/,
    );
  });
});

describe('blob store and metrics settings', () => {
  it('keeps blobs in the folder by default, and takes an S3 bucket with its settings', () => {
    expect(loadConfig({ STIPPLE_DATA_DIR: '/srv/s' }).blobStore).toEqual({
      kind: 'folder',
      dir: '/srv/s/blobs',
    });
    const c = loadConfig({
      STIPPLE_BLOB_STORE: 'S3',
      STIPPLE_S3_BUCKET: 'studio-photos',
      STIPPLE_S3_ENDPOINT: 'https://minio.internal:9000/',
      STIPPLE_S3_FORCE_PATH_STYLE: 'true',
      STIPPLE_S3_PREFIX: 'stipple',
      AWS_REGION: 'eu-central-1',
    });
    expect(c.blobStore).toEqual({
      kind: 's3',
      bucket: 'studio-photos',
      region: 'eu-central-1',
      endpoint: 'https://minio.internal:9000',
      forcePathStyle: true,
      prefix: 'stipple/',
    });
    expect(loadConfig({ STIPPLE_BLOB_STORE: 's3', STIPPLE_S3_BUCKET: 'b-1' }).blobStore).toMatchObject({
      region: 'us-east-1',
      endpoint: undefined,
      prefix: '',
    });
  });

  it('refuses S3 without a bucket, S3 settings that would be ignored, and bad values, naming each', () => {
    expect(() => loadConfig({ STIPPLE_BLOB_STORE: 's3' })).toThrow(/STIPPLE_S3_BUCKET must name the bucket/);
    expect(() => loadConfig({ STIPPLE_S3_BUCKET: 'photos' })).toThrow(
      /STIPPLE_S3_BUCKET is set but STIPPLE_BLOB_STORE is folder/,
    );
    expect(() =>
      loadConfig({ STIPPLE_BLOB_STORE: 's3', STIPPLE_S3_BUCKET: 'bb1', STIPPLE_BLOB_DIR: '/x' }),
    ).toThrow(/STIPPLE_BLOB_DIR is set but STIPPLE_BLOB_STORE is s3/);
    expect(() => loadConfig({ STIPPLE_BLOB_STORE: 'bucket' })).toThrow(
      /STIPPLE_BLOB_STORE must be folder or s3/,
    );
    expect(() => loadConfig({ STIPPLE_BLOB_STORE: 's3', STIPPLE_S3_BUCKET: 'Photos_1' })).toThrow(
      /STIPPLE_S3_BUCKET must be a bucket name/,
    );
    expect(() =>
      loadConfig({ STIPPLE_BLOB_STORE: 's3', STIPPLE_S3_BUCKET: 'bbb', STIPPLE_S3_ENDPOINT: 'minio:9000' }),
    ).toThrow(/STIPPLE_S3_ENDPOINT must be an http:\/\/ or https:\/\/ URL/);
    expect(() => loadConfig({ STIPPLE_METRICS_TOKEN: 'short' })).toThrow(
      /STIPPLE_METRICS_TOKEN must be at least 16 characters/,
    );
    expect(loadConfig({ STIPPLE_METRICS_TOKEN: 'a-long-enough-metrics-token' }).metricsToken).toBe(
      'a-long-enough-metrics-token',
    );
  });
});

describe('studio sign-up', () => {
  it('is closed after the first studio by default, and reads open or invite', () => {
    expect(loadConfig({}).signup).toBe('closed');
    expect(loadConfig({ STIPPLE_SIGNUP: 'Open' }).signup).toBe('open');
    expect(loadConfig({ STIPPLE_SIGNUP: 'invite' }).signup).toBe('invite');
  });

  it('refuses any other value, naming the variable and the choices', () => {
    expect(() => loadConfig({ STIPPLE_SIGNUP: 'public' })).toThrow(
      /STIPPLE_SIGNUP must be one of open, invite, closed/,
    );
  });
});
