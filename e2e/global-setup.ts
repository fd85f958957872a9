// Starts the real, built Stipple server for the browser tests: Chromium from Debian (apt-installed
// when missing), the production build (built when missing), a fresh data folder, a free port and
// no fixed demo password, so the tests sign in with whatever the server printed on first start.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { parseServerOutput } from './support/server-output.js';
import { serverMain, startServerProcess } from './support/server-process.js';
import './support/provided.js';

interface ProvisionModule {
  ensureChromium: () => string;
  freePort: () => Promise<number>;
}

const root = new URL('..', import.meta.url).pathname;
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

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const provisionUrl = new URL('../scripts/lib/provision.mjs', import.meta.url).href;
  const { ensureChromium, freePort } = (await import(provisionUrl)) as ProvisionModule;
  say(`using ${ensureChromium()}`);
  ensureCjkFont();
  ensureBuild();
  mkdirSync(join(root, 'e2e', 'screenshots'), { recursive: true });

  const port = await freePort();
  // The embedded database and a password the server makes up itself: what a newcomer gets. No
  // STIPPLE_PUBLIC_URL, as on a newcomer's machine: the invitation link must then be completed by
  // the web app with the address the browser uses.
  const server = await startServerProcess(port, {});
  const teardown = () => server.stop();
  try {
    const baseUrl = server.url;
    const { signIns, listening } = parseServerOutput(server.stdout());
    if (!listening)
      throw new Error(`the server did not print "[stipple] Listening on ...":\n${server.output()}`);
    if (!signIns.owner)
      throw new Error(`the server did not print the owner's demo sign-in:\n${server.output()}`);
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
