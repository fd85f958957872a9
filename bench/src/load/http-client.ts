// A signed-in user of the studio for the load script: keeps the session cookie and CSRF token,
// sends each request to the next instance in turn (a round-robin balancer), and refuses any
// address off this machine. Requests go through node:http on kept-alive connections rather than
// fetch: the generator shares the machine's cores with the servers it measures, and fetch (undici,
// web streams) cost it 1.38 ms of CPU per read against 0.70 ms here.
import http from 'node:http';

export interface Answer {
  status: number;
  ms: number;
  body: unknown;
}

const LOOPBACK = /^http:\/\/127\.0\.0\.1:\d+$/;
const TIMEOUT_MS = 30_000;
/** One pool of kept-alive connections for every user: as many as the script has requests in flight. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export class StudioUser {
  private cookie = '';
  private csrf = '';
  private turn = 0;

  constructor(private readonly urls: string[]) {
    for (const url of urls) if (!LOOPBACK.test(url)) throw new Error(`not a loopback address: ${url}`);
  }

  async signIn(email: string, password: string): Promise<void> {
    const res = await this.send('POST', '/api/auth/login', { json: { email, password } });
    if (res.status !== 200) throw new Error(`sign-in as ${email} answered ${res.status}`);
    this.csrf = (res.body as { csrfToken: string }).csrfToken;
  }

  async send(
    method: string,
    path: string,
    options: { json?: unknown; raw?: Buffer; contentType?: string } = {},
  ): Promise<Answer> {
    const url = this.urls[this.turn++ % this.urls.length]!;
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    let body: string | Buffer | undefined;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] = 'application/json';
    } else if (options.raw) {
      body = options.raw;
      headers['content-type'] = options.contentType ?? 'application/octet-stream';
    }
    const started = performance.now();
    const res = await request(url + path, method, headers, body);
    const ms = performance.now() - started;
    for (const line of res.headers['set-cookie'] ?? []) {
      const m = /^(stipple_session=[^;]*)/.exec(line);
      if (m) this.cookie = m[1]!;
    }
    const json = (res.headers['content-type'] ?? '').includes('json') && res.body.length > 0;
    return { status: res.status, ms, body: json ? (JSON.parse(res.body.toString('utf8')) as unknown) : null };
  }
}

/** One request and its whole answer; given up when its connection stays silent for TIMEOUT_MS. */
function request(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: string | Buffer | undefined,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent, timeout: TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`silent for ${TIMEOUT_MS} ms: ${method} ${url}`)));
    req.on('error', reject);
    req.end(body);
  });
}
