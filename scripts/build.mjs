#!/usr/bin/env node
// Builds what is stale: the node packages with `tsc -b` (incremental) and, unless
// `--only-node`, the web app with Vite when its sources (or core's) are newer than the build.
// `--node-built` says the caller has just run `tsc -b` itself (npm test's typecheck does).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const onlyNode = process.argv.includes('--only-node');
const nodeBuilt = process.argv.includes('--node-built');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (cmd, args) => {
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) {
    console.error(`[build] ${cmd} ${args.join(' ')} failed`);
    process.exit(res.status ?? 1);
  }
};

function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

const t0 = Date.now();
if (!nodeBuilt) run(bin('tsc'), ['-b']);
let built = 'node packages';
if (!onlyNode) {
  const web = join(root, 'packages', 'web');
  const stamp = join(web, 'dist', 'index.html');
  const sources = Math.max(newestMtime(web), newestMtime(join(root, 'packages', 'core', 'src')));
  if (!existsSync(stamp) || statSync(stamp).mtimeMs < sources) {
    // npm installs vite inside the web workspace (it is not hoisted next to vitest's copy).
    const vite = [join(web, 'node_modules', '.bin', 'vite'), bin('vite')].find((p) => existsSync(p));
    run(vite ?? bin('vite'), ['build', web, '--logLevel', 'warn']);
    built += ' and web app';
  } else built += ' (web app up to date)';
}
console.log(`[build] ${built} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
