// Starts the real, built Stipple server for the browser tests: Chromium from Debian (apt-installed
// when missing), the production build (built when missing), a fresh data folder, a free port and
// no fixed demo password, so the tests sign in with whatever the server printed on first start.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { parseServerOutput } from './support/server-output.js';
import './support/provided.js';

interface ProvisionModule {
  ensureChromium: () => string;
  freePort: () => Promise<number>;
}

const root = new URL('..', import.meta.url).pathname;
const serverMain = join(root, 'packages', 'server', 'dist', 'main.js');
const webIndex = join(root, 'packages', 'web', 'dist', 'index.html');
const say = (msg: string) => process.stderr.write(`[e2e] ${msg}\n`);

/** Chinese screenshots need a CJK font; Debian's Chromium brings none. */
function ensureCjkFont(): void {
  const probe = spawnSync('fc-list', [':lang=zh-cn', 'family'], { encoding: 'utf8' });
  if (probe.status === 0 && probe.stdout.trim()) return;
  if (process.getuid?.() !== 0) {
    say(
      'no Chinese font installed: Chinese screenshots will show boxes (apt-get install fonts-wqy-microhei)',
    );
    return;
  }
  say('installing a Chinese font (fonts-wqy-microhei) for the screenshots ...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const res = spawnSync(
    'apt-get',
    ['install', '-y', '-qq', '--no-install-recommends', 'fonts-wqy-microhei'],
    {
      stdio: 'inherit',
      env,
    },
  );
  if (res.status !== 0) say('could not install fonts-wqy-microhei; continuing without it');
}

function ensureBuild(): void {
  if (existsSync(serverMain) && existsSync(webIndex)) return;
  say('building the server and the web app (node scripts/build.mjs) ...');
  const res = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (res.status !== 0)
    throw new Error('node scripts/build.mjs failed: the browser tests need the production build');
  if (!existsSync(serverMain)) throw new Error(`the build did not produce ${serverMain}`);
  if (!existsSync(webIndex)) throw new Error(`the build did not produce ${webIndex}`);
}

/** Signs in once as the owner through the API and returns the session cookie it set. */
async function ownerSession(baseUrl: string, owner: { email: string; password: string }) {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(owner),
  });
  if (res.status !== 200)
    throw new Error(`signing in with the printed owner sign-in failed: HTTP ${res.status}`);
  const cookie = res.headers.getSetCookie()[0];
  const match = cookie && /^([^=;\s]+)=([^;]*)/.exec(cookie);
  if (!match) throw new Error('the sign-in answer set no session cookie');
  return { name: match[1]!, value: match[2]! };
}

async function waitForReady(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
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
  throw new Error(`the server did not answer 200 on /readyz within 120 s:\n${output()}`);
}

function stop(child: ChildProcess): Promise<void> {
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

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const provisionUrl = new URL('../scripts/lib/provision.mjs', import.meta.url).href;
  const { ensureChromium, freePort } = (await import(provisionUrl)) as ProvisionModule;
  say(`using ${ensureChromium()}`);
  ensureCjkFont();
  ensureBuild();
  mkdirSync(join(root, 'e2e', 'screenshots'), { recursive: true });

  const dataDir = mkdtempSync(join(tmpdir(), 'stipple-e2e-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    STIPPLE_PORT: String(port),
    STIPPLE_HOST: '127.0.0.1',
    STIPPLE_DATA_DIR: dataDir,
    // No STIPPLE_PUBLIC_URL, as on a newcomer's machine: the invitation link must then be
    // completed by the web app with the address the browser uses.
    NODE_ENV: 'production',
  };
  // The embedded database and a password the server makes up itself: what a newcomer gets.
  delete env.STIPPLE_DEMO_PASSWORD;
  delete env.DATABASE_URL;

  let stdout = '';
  let stderr = '';
  // Ends with this process however it ends (scripts/lib/exit-with-parent.mjs reads the stdin pipe).
  const exitWithParent = join(root, 'scripts', 'lib', 'exit-with-parent.mjs');
  const child = spawn(process.execPath, ['--import', exitWithParent, serverMain], {
    cwd: root,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const output = () => `--- stdout ---\n${stdout.slice(-4000)}\n--- stderr ---\n${stderr.slice(-4000)}`;
  const teardown = async () => {
    await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitForReady(baseUrl, child, output);
    const { signIns, listening } = parseServerOutput(stdout);
    if (!listening) throw new Error(`the server did not print "[stipple] Listening on ...":\n${output()}`);
    if (!signIns.owner) throw new Error(`the server did not print the owner's demo sign-in:\n${output()}`);
    say(`server ready at ${baseUrl}; demo sign-ins printed for ${Object.keys(signIns).join(', ')}`);
    project.provide('e2eBaseUrl', baseUrl);
    project.provide('e2eDemoSignIns', signIns);
    project.provide('e2eOwnerSession', await ownerSession(baseUrl, signIns.owner));
  } catch (err) {
    await teardown();
    throw err;
  }
  return teardown;
}
