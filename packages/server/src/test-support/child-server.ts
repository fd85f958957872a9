// The built server (dist/main.js) as a child process, the way `npm start` runs it, for tests
// that kill it for real. Output is kept so a failure can show it.
//
// No child outlives its test: every child is registered the moment it is spawned (a start that
// fails or times out kills its own child), `stopChildServers()` ends them all, and each child is
// preloaded with exit-with-parent.mjs, so it ends when the test process ends however that happens.
// Waits have no time budget of their own beyond generous deadlines: a busy machine is slow, not
// wrong.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../../../', import.meta.url).pathname;
export const SERVER_MAIN = join(root, 'packages', 'server', 'dist', 'main.js');
const EXIT_WITH_PARENT = join(root, 'scripts', 'lib', 'exit-with-parent.mjs');

/** How long a start or an expected line may take on a machine shared with other builds and tests. */
export const SLOW_MACHINE_MS = 300_000;

/** A port free on the loopback address right now (the provisioning script's). */
export async function freePort(): Promise<number> {
  const provision = new URL('../../../../scripts/lib/provision.mjs', import.meta.url).href;
  const { freePort: free } = (await import(provision)) as { freePort: () => Promise<number> };
  return free();
}

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
  /** Sends `signal` and resolves once the process has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

const started = new Set<ChildProcess>();

const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

function killAndWait(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (hasExited(child)) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/** Ends every child server this process started (SIGKILL) and waits until each has exited. */
export async function stopChildServers(): Promise<void> {
  await Promise.all([...started].map((child) => killAndWait(child, 'SIGKILL')));
  started.clear();
}

/** The servers started by this process that still run (a test can assert there are none). */
export const runningChildServers = (): number => [...started].filter((c) => !hasExited(c)).length;

export async function startChildServer(env: Record<string, string>, port: number): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', EXIT_WITH_PARENT, SERVER_MAIN], {
    cwd: root,
    env: {
      ...process.env,
      STIPPLE_PORT: String(port),
      STIPPLE_HOST: '127.0.0.1',
      STIPPLE_LOG_LEVEL: 'info',
      STIPPLE_CHECK_RESPONSES: 'true',
      ...env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  started.add(child);
  child.once('exit', () => started.delete(child));
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
      if (hasExited(child)) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
    async waitForOutput(pattern, timeoutMs = SLOW_MACHINE_MS) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(out)) {
        if (hasExited(child))
          throw new Error(`the server exited before printing ${pattern}:\n${out.slice(-4000)}`);
        if (Date.now() > deadline)
          throw new Error(`no ${pattern} within ${timeoutMs} ms:\n${out.slice(-4000)}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    kill: (signal) => killAndWait(child, signal),
  };
  try {
    const deadline = Date.now() + SLOW_MACHINE_MS;
    for (;;) {
      if (hasExited(child)) throw new Error(`the server exited (${child.exitCode}):\n${out.slice(-4000)}`);
      try {
        if ((await fetch(`${url}/readyz`)).status === 200) return server;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline)
        throw new Error(`the server was not ready in ${SLOW_MACHINE_MS / 1000} s:\n${out.slice(-4000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } catch (err) {
    await killAndWait(child, 'SIGKILL');
    throw err;
  }
}
