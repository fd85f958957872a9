// The built Stipple server as a child process for the browser tests: started with its own data
// folder and environment, waited for until /readyz answers, and stopped with SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
export const serverMain = join(root, 'packages', 'server', 'dist', 'main.js');

/** A free loopback port (the same helper npm test provisions with). */
export async function freePort(): Promise<number> {
  const url = new URL('../../scripts/lib/provision.mjs', import.meta.url).href;
  const { freePort: find } = (await import(url)) as { freePort: () => Promise<number> };
  return find();
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything the server printed so far. */
  stdout(): string;
  output(): string;
  stop(): Promise<void>;
}

export async function waitForReady(
  baseUrl: string,
  child: ChildProcess,
  output: () => string,
): Promise<void> {
  // Generous: on a busy machine a start is slow, not wrong.
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the server exited (code ${child.exitCode}) before it was ready:\n${output()}`);
    try {
      // Ours only once it said where it listens: on a shared machine another program may take the
      // port between freePort() and our server's start, and answer /readyz itself.
      const res = await fetch(`${baseUrl}/readyz`);
      if (res.status === 200 && /\[stipple\] Listening on /.test(output())) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not answer 200 on /readyz within 300 s:\n${output()}`);
}

export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Starts the built server on `port` with a fresh data folder (removed again by `stop`). */
export async function startServerProcess(port: number, env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'stipple-e2e-'));
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    STIPPLE_PORT: String(port),
    STIPPLE_HOST: '127.0.0.1',
    STIPPLE_DATA_DIR: dataDir,
    // Every answer checked against its schema too (http/response-serializer.ts).
    STIPPLE_CHECK_RESPONSES: 'true',
    NODE_ENV: 'production',
    ...env,
  };
  delete childEnv.DATABASE_URL;
  if (!env.STIPPLE_DEMO_PASSWORD) delete childEnv.STIPPLE_DEMO_PASSWORD;
  let stdout = '';
  let stderr = '';
  // Ends with this process however it ends (scripts/lib/exit-with-parent.mjs reads the stdin pipe).
  const exitWithParent = join(root, 'scripts', 'lib', 'exit-with-parent.mjs');
  const child = spawn(process.execPath, ['--import', exitWithParent, serverMain], {
    cwd: root,
    env: childEnv,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const output = () => `--- stdout ---\n${stdout.slice(-4000)}\n--- stderr ---\n${stderr.slice(-4000)}`;
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopChild(child);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForReady(url, child, output);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, child, stdout: () => stdout, output, stop };
}
