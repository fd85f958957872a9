// Provisions what the test tiers need from the machine itself: PostgreSQL server binaries and
// Debian's Chromium, installed with apt when missing, and a throwaway PostgreSQL cluster on a
// free loopback port. Used by `npm test` and by the Vitest global setups, so that running a
// single tier by hand provisions the same way.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, chmodSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const say = (msg) => process.stderr.write(`[provision] ${msg}\n`);
const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function aptInstall(pkg) {
  if (!isRoot())
    throw new Error(
      `${pkg} is missing and this user cannot install it: run "sudo apt-get install -y ${pkg}"`,
    );
  say(`installing ${pkg} with apt-get (once per machine) ...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  if (update.status !== 0) throw new Error('apt-get update failed');
  const res = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', pkg], {
    stdio: 'inherit',
    env,
  });
  if (res.status !== 0) throw new Error(`apt-get install ${pkg} failed (exit ${res.status})`);
}

/** The newest PostgreSQL server binary folder on this machine, installing `postgresql` when there is none. */
export function ensurePostgresBinaries() {
  const find = () => {
    const root = '/usr/lib/postgresql';
    if (!existsSync(root)) return null;
    const versions = readdirSync(root)
      .filter((v) => existsSync(join(root, v, 'bin', 'initdb')) && existsSync(join(root, v, 'bin', 'pg_ctl')))
      .sort((a, b) => Number(b) - Number(a));
    return versions.length ? join(root, versions[0], 'bin') : null;
  };
  let bin = find();
  if (!bin) {
    aptInstall('postgresql');
    bin = find();
  }
  if (!bin)
    throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin after install');
  return bin;
}

export function ensureChromium() {
  const path = '/usr/bin/chromium';
  if (!existsSync(path)) aptInstall('chromium');
  if (!existsSync(path)) throw new Error(`Chromium not found at ${path} after install`);
  return path;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(addr.port));
    });
  });
}

/**
 * Starts a throwaway PostgreSQL cluster (trust auth, loopback only) and returns its superuser URL
 * and a stop function that removes every trace of it. As root, the server runs as the `postgres`
 * user, since PostgreSQL refuses to run as root.
 */
export async function startThrowawayCluster({ label = 'stipple-test', settings = [] } = {}) {
  const bin = ensurePostgresBinaries();
  const dir = mkdtempSync(join(tmpdir(), `${label}-pg-`));
  chmodSync(dir, 0o777);
  const dataDir = join(dir, 'data');
  const port = await freePort();
  const asPg = isRoot() ? ['runuser', '-u', 'postgres', '--'] : [];
  const run = (cmd, args) => {
    const full = [...asPg, join(bin, cmd), ...args];
    execFileSync(full[0], full.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
  };
  const user = isRoot() ? 'postgres' : (process.env.USER ?? 'postgres');
  say(`starting a throwaway PostgreSQL cluster (${bin}) on 127.0.0.1:${port}`);
  run('initdb', ['-D', dataDir, '--auth=trust', '-U', user, '--encoding=UTF8', '--locale=C.UTF-8']);
  writeFileSync(join(dir, 'started'), String(Date.now()));
  run('pg_ctl', [
    '-D',
    dataDir,
    '-w',
    '-t',
    '30',
    '-l',
    join(dir, 'server.log'),
    '-o',
    `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200${settings.map((s) => ` -c ${s}`).join('')}`,
    'start',
  ]);
  const url = `postgres://${user}@127.0.0.1:${port}/postgres`;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
    } catch (err) {
      say(`stopping the cluster failed: ${err.message}`);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  return { url, port, stop, bin, log: join(dir, 'server.log') };
}
