#!/usr/bin/env node
// `npm test`: every test tier, provisioned from this machine, ending with one line
// `N passed, N failed`. Tiers: static checks, unit, database (PGlite and a throwaway
// PostgreSQL), browser (Debian's Chromium). Run a subset with `npm test -- --tier unit,e2e`.
import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium, ensurePostgresBinaries } from './lib/provision.mjs';

const root = new URL('..', import.meta.url).pathname;
const resultsDir = join(root, 'test-results');
const allTiers = ['static', 'unit', 'db:pglite', 'db:postgres', 'cluster', 'e2e'];
const tierArg = process.argv.indexOf('--tier');
const tiers = tierArg > 0 ? process.argv[tierArg + 1].split(',') : allTiers;
for (const t of tiers)
  if (!allTiers.includes(t)) fail(`unknown tier "${t}"; tiers are ${allTiers.join(', ')}`);

const t0 = Date.now();
const say = (msg) => console.log(`\n[stipple test] ${msg}`);
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (cmd, args, opts = {}) =>
  spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts }).status ?? 1;
function fail(msg) {
  console.error(`[stipple test] ${msg}`);
  process.exit(2);
}

/** rows: { tier, passed, failed, skipped, note } */
const rows = [];
/** The static tier's `tsc -b` passed, so the build before the Vitest tiers need not run it again. */
let nodePackagesBuilt = false;

if (tiers.includes('static')) {
  say('static checks: typecheck (tsc), lint (typescript-eslint, type-aware), format (prettier)');
  // `tsc -b` first: it builds the declarations the other checks read. The rest are
  // single-threaded, so they run side by side, as many as there are cores.
  const first = ['typecheck: node packages', bin('tsc'), ['-b']];
  const rest = [
    ['typecheck: web', bin('tsc'), ['-p', 'packages/web/tsconfig.json']],
    ['typecheck: e2e', bin('tsc'), ['-p', 'e2e/tsconfig.json']],
    ['typecheck: tools', bin('tsc'), ['-p', 'tsconfig.tools.json']],
    ['lint', bin('eslint'), ['.', '--max-warnings=0']],
    ['format', bin('prettier'), ['--check', '.', '--log-level=warn']],
  ];
  let passed = 0;
  let failed = 0;
  const report = ({ name, ok, output }) => {
    if (output) process.stdout.write(output);
    console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}`);
    if (ok) passed++;
    else failed++;
  };
  const firstResult = await runCaptured(...first);
  report(firstResult);
  nodePackagesBuilt = firstResult.ok;
  const queue = [...rest];
  const lanes = Array.from({ length: Math.min(availableParallelism(), queue.length) }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) report(await runCaptured(...next));
  });
  await Promise.all(lanes);
  rows.push({ tier: 'static', passed, failed, skipped: 0 });
}

/** Runs a check with its output kept until it ends, so that checks side by side do not interleave. */
function runCaptured(name, cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (err) => resolve({ name, ok: false, output: `${output}${err.message}\n` }));
    child.on('close', (code) => resolve({ name, ok: code === 0, output }));
  });
}

const vitestTiers = tiers.filter((t) => t !== 'static');
if (vitestTiers.includes('db:postgres') || vitestTiers.includes('cluster')) {
  say('provisioning PostgreSQL server binaries (apt-get install postgresql when missing)');
  console.log(`  using ${ensurePostgresBinaries()}`);
}
if (vitestTiers.includes('e2e')) {
  say('provisioning Chromium (apt-get install chromium when missing)');
  console.log(`  using ${ensureChromium()}`);
}
if (vitestTiers.some((t) => t === 'e2e' || t === 'cluster' || t.startsWith('db'))) {
  say('building the node packages and the web app (incremental)');
  const build = [join(root, 'scripts', 'build.mjs'), ...(nodePackagesBuilt ? ['--node-built'] : [])];
  if (run(process.execPath, build) !== 0) {
    rows.push({ tier: 'build', passed: 0, failed: 1, skipped: 0, note: 'build failed' });
  }
}

rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });
for (const tier of vitestTiers) {
  const what = {
    unit: 'unit tests',
    'db:pglite': 'database and API tests on PGlite (embedded PostgreSQL)',
    'db:postgres':
      'database and API tests on a throwaway PostgreSQL server started from the machine binaries',
    cluster:
      'several processes together: two instances on one PostgreSQL and one S3 server (s3rver), SMTP, moving from PGlite, backup and restore',
    e2e: 'browser tests: the built server with the web app, driven in Chromium by playwright-core',
  }[tier];
  say(`tier ${tier}: ${what}`);
  const out = join(resultsDir, `${tier.replace(':', '-')}.json`);
  run(bin('vitest'), [
    'run',
    '--project',
    tier,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ]);
  rows.push(countResults(tier, out));
}

function countResults(tier, file) {
  if (!existsSync(file))
    return { tier, passed: 0, failed: 1, skipped: 0, note: 'no results: vitest did not run' };
  const report = JSON.parse(readFileSync(file, 'utf8'));
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const suite of report.testResults ?? []) {
    let suiteFailed = 0;
    for (const a of suite.assertionResults ?? []) {
      if (a.status === 'passed') passed++;
      else if (a.status === 'failed') {
        failed++;
        suiteFailed++;
      } else skipped++;
    }
    // A file that fails to load has no failed assertion of its own: count it once.
    if (suite.status === 'failed' && suiteFailed === 0) failed++;
  }
  if (passed + failed + skipped === 0) return { tier, passed, failed: 1, skipped, note: 'no tests found' };
  return { tier, passed, failed, skipped };
}

const total = rows.reduce(
  (acc, r) => ({
    passed: acc.passed + r.passed,
    failed: acc.failed + r.failed,
    skipped: acc.skipped + r.skipped,
  }),
  { passed: 0, failed: 0, skipped: 0 },
);
say(`summary (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
for (const r of rows) {
  console.log(
    `  ${r.tier.padEnd(12)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(4)} failed` +
      (r.skipped ? ` ${r.skipped} skipped (not allowed)` : '') +
      (r.note ? `  (${r.note})` : ''),
  );
}
// Skipped tests are not allowed in this project: they count as failures.
const failed = total.failed + total.skipped;
console.log(`${total.passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
