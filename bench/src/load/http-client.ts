// A signed-in user of the studio for the load script: keeps the session cookie and CSRF token,
// sends each request to the next instance in turn (a round-robin balancer), and refuses any
// address off this machine.
export interface Answer {
  status: number;
  ms: number;
  body: unknown;
}

const LOOPBACK = /^http:\/\/127\.0\.0\.1:\d+$/;

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
    const res = await fetch(url + path, { method, headers, body, signal: AbortSignal.timeout(30_000) });
    const buffer = Buffer.from(await res.arrayBuffer());
    const ms = performance.now() - started;
    for (const line of res.headers.getSetCookie()) {
      const m = /^(stipple_session=[^;]*)/.exec(line);
      if (m) this.cookie = m[1]!;
    }
    const json = (res.headers.get('content-type') ?? '').includes('json') && buffer.length > 0;
    return { status: res.status, ms, body: json ? (JSON.parse(buffer.toString('utf8')) as unknown) : null };
  }
}
