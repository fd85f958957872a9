// The real server for API tests: the current leg's database, the real job queue, listening on
// 127.0.0.1 with a free port; and a small fetch client that keeps the session cookie and sends
// the CSRF token like the web app does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { ApiError, SessionInfo } from '@stipple/core';
import { pino } from 'pino';
import type { LoginLimits } from '../auth/login-throttle.js';
import { loadConfig, type Config } from '../config.js';
import { loggerOptions } from '../http/logging.js';
import { startServer, type RunningServer } from '../server.js';
import { createTestDatabase, type TestDatabase } from './test-db.js';

export interface TestServer {
  url: string;
  server: RunningServer;
  testDb: TestDatabase;
  config: Config;
  client(): ApiClient;
  close(): Promise<void>;
}

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    STIPPLE_PORT: '0',
    STIPPLE_HOST: '127.0.0.1',
    STIPPLE_DEMO_DATA: 'false',
    STIPPLE_LOG_LEVEL: process.env.STIPPLE_TEST_LOG ?? 'silent',
    STIPPLE_PUBLIC_URL: 'http://stipple.test',
    STIPPLE_CHECK_RESPONSES: 'true',
    ...env,
  });
}

/** A sink for the server's log lines, written with the production log options. */
export function logCollector(lines: string[]): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
}

export async function startTestServer(
  options: {
    env?: Record<string, string>;
    loginLimits?: LoginLimits;
    /** Collects every log line (level info) here instead of keeping the log silent. */
    logLines?: string[];
  } = {},
): Promise<TestServer> {
  const testDb = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'stipple-api-'));
  const config = testConfig({
    STIPPLE_DATA_DIR: dataDir,
    STIPPLE_WEB_DIST: join(dataDir, 'no-web-build'),
    ...(testDb.url ? { DATABASE_URL: testDb.url } : {}),
    ...options.env,
  });
  const server = await startServer(config, {
    db: testDb.db,
    announce: () => undefined,
    logger: options.logLines
      ? pino(loggerOptions('info'), logCollector(options.logLines))
      : pino(loggerOptions(config.logLevel)),
    jobTuning: { pollIntervalMs: 100 },
    ...(options.loginLimits ? { loginLimits: options.loginLimits } : {}),
  });
  return {
    url: server.url,
    server,
    testDb,
    config,
    client: () => new ApiClient(server.url),
    close: async () => {
      await server.close();
      await testDb.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * An answer as tests read it: `T` is the success shape the caller expects; error fields are
 * there too, since the status decides which one arrived. Non-JSON answers are the text.
 */
export interface ApiResponse<T = unknown> {
  status: number;
  body: T & Partial<ApiError>;
  headers: Headers;
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as is, with the given content type (for malformed and oversized bodies). */
  rawBody?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
  /** Leave out the CSRF header even when signed in. */
  withoutCsrf?: boolean;
}

export class ApiClient {
  cookie: string | null = null;
  /** The client portal's session cookie (a client signed in by an emailed link). */
  portalCookie: string | null = null;
  csrfToken: string | null = null;
  /** The instance that answered the last request. */
  lastUrl = '';
  private turn = 0;
  private readonly baseUrls: string[];

  /** With several base URLs, requests take them in turn (instances behind a round-robin balancer). */
  constructor(baseUrl: string | string[]) {
    this.baseUrls = Array.isArray(baseUrl) ? baseUrl : [baseUrl];
  }

  async request<T = unknown>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    const cookies = [
      this.cookie ? `stipple_session=${this.cookie}` : null,
      this.portalCookie ? `stipple_portal=${this.portalCookie}` : null,
    ].filter(Boolean);
    if (cookies.length) headers.cookie = cookies.join('; ');
    if (this.csrfToken && !options.withoutCsrf && method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    let body: string | Buffer | undefined;
    if (options.rawBody !== undefined) {
      body = options.rawBody;
      headers['content-type'] = options.contentType ?? 'application/json';
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = options.contentType ?? 'application/json';
    }
    this.lastUrl = this.baseUrls[this.turn++ % this.baseUrls.length]!;
    const res = await fetch(this.lastUrl + path, { method, headers, body });
    this.takeCookie(res.headers);
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('application/json') && text)
      parsed = JSON.parse(text);
    return { status: res.status, body: parsed as T & Partial<ApiError>, headers: res.headers };
  }

  get<T = unknown>(path: string, options?: RequestOptions) {
    return this.request<T>('GET', path, options);
  }
  post<T = unknown>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('POST', path, { ...options, ...(body !== undefined ? { body } : {}) });
  }
  patch<T = unknown>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>('PATCH', path, { ...options, ...(body !== undefined ? { body } : {}) });
  }

  /** Signs in and remembers the cookie and CSRF token; fails the test on anything but 200. */
  async login(email: string, password: string): Promise<SessionInfo> {
    const res = await this.post<SessionInfo>('/api/auth/login', { email, password });
    if (res.status !== 200)
      throw new Error(`login as ${email} answered ${res.status}: ${JSON.stringify(res.body)}`);
    this.csrfToken = res.body.csrfToken;
    return res.body;
  }

  private takeCookie(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const portal = /^stipple_portal=([^;]*)/.exec(line);
      if (portal) {
        const gone = /expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0/i.test(line);
        this.portalCookie = gone || !portal[1] ? null : portal[1];
        continue;
      }
      const m = /^stipple_session=([^;]*)/.exec(line);
      if (!m) continue;
      const expired = /expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0/i.test(line);
      this.cookie = expired || !m[1] ? null : m[1];
      if (!this.cookie) this.csrfToken = null;
    }
  }
}
