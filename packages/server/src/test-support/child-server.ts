// The built server (dist/main.js) as a child process, the way `npm start` runs it, for tests
// that kill it for real. Output is kept so a failure can show it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../../../', import.meta.url).pathname;
export const SERVER_MAIN = join(root, 'packages', 'server', 'dist', 'main.js');

/** Builds the server (and core) when asked to, under the shared build lock. */
export function buildServer(project = 'packages/server/tsconfig.json'): void {
  const res = spawnSync(
    'flock',
    ['/tmp/stipple-build.lock', join(root, 'node_modules', '.bin', 'tsc'), '-b', project],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  if (res.status !== 0 || !existsSync(SERVER_MAIN))
    throw new Error(`building the server failed:\n${res.stdout}\n${res.stderr}`);
}

/** A free loopback port (the provisioning script's finder). */
export async function freePort(): Promise<number> {
  const provision = new URL('../../../../scripts/lib/provision.mjs', import.meta.url).href;
  const { freePort: free } = (await import(provision)) as { freePort: () => Promise<number> };
  return free();
}

export interface ChildServer {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Everything it printed (the log lines), for tests that read them. */
  allOutput(): string;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`: the process always ends. */
  stop(graceMs?: number): Promise<void>;
  /** Resolves when a line matching `pattern` has been printed. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  kill(signal: NodeJS.Signals): Promise<void>;
}

export async function startChildServer(env: Record<string, string>, port: number): Promise<ChildServer> {
  const child = spawn(process.execPath, [SERVER_MAIN], {
    cwd: root,
    env: {
      ...process.env,
      STIPPLE_PORT: String(port),
      STIPPLE_HOST: '127.0.0.1',
      STIPPLE_LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const url = `http://127.0.0.1:${port}`;
  const server: ChildServer = {
    url,
    child,
    output: () => out.slice(-6000),
    allOutput: () => out,
    async stop(graceMs = 20_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
    async waitForOutput(pattern, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(out)) {
        if (child.exitCode !== null)
          throw new Error(`the server exited before printing ${pattern}:\n${out.slice(-4000)}`);
        if (Date.now() > deadline)
          throw new Error(`no ${pattern} within ${timeoutMs} ms:\n${out.slice(-4000)}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    kill(signal) {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill(signal);
      });
    },
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the server exited (${child.exitCode}):\n${out.slice(-4000)}`);
    if (Date.now() > deadline) child.kill('SIGKILL');
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the server was not ready in 90 s:\n${out.slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
