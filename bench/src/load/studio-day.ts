// `npm run bench:load`: a studio's day replayed against one and then two Stipple instances on one
// PostgreSQL, on this machine only, bounded in requests and in time. Front desk and artists browse
// the client list, search, open records and their photos, look at the week's calendar, upload
// photos and save zones (each save queues a full render job). It prints throughput and p50/p99
// per request kind, the jobs that did not finish, and PostgreSQL's own figures (pg_stat_database,
// pg_stat_statements). Options: --instances 1,2 (or pglite: one instance on the embedded
// database, for comparison)  --reads 6000  --rate 220  --seconds 60  --uploads 12  --renders 3
// --clients 300  --profile <dir> (a V8 CPU profile of each instance, for finding the hot spots)
// --server <main.js> (another build of the server, e.g. main's, to compare under the same load)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { LoadCluster, type Instance } from './cluster.js';
import { databaseFigures, printDatabaseFigures, resetDatabaseFigures } from './database-figures.js';
import { figuresOf, printFigures, type Sample } from './figures.js';
import { cpuSnapshot, parentOf, printCpu } from './process-cpu.js';
import { StudioUser } from './http-client.js';
import { seedStudio, type Seeded } from './seed.js';
import { printStalls, readPostgresLog, readProbe, type Timed } from './stalls.js';

const { values } = parseArgs({
  options: {
    instances: { type: 'string', default: '1,2' },
    reads: { type: 'string', default: '6000' },
    rate: { type: 'string', default: '220' },
    seconds: { type: 'string', default: '60' },
    uploads: { type: 'string', default: '12' },
    renders: { type: 'string', default: '3' },
    clients: { type: 'string', default: '300' },
    profile: { type: 'string' },
    server: { type: 'string' },
  },
});
const whole = (name: keyof typeof values, max: number) => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < 0 || n > max) {
    console.error(`bench:load: --${name} must be a whole number from 0 to ${max}`);
    process.exit(2);
  }
  return n;
};
type Phase = 1 | 2 | 'pglite';
const options = {
  instances: String(values.instances)
    .split(',')
    .map((s): Phase => (s === 'pglite' ? 'pglite' : (Number(s) as Phase))),
  reads: whole('reads', 50_000),
  rate: whole('rate', 2000),
  seconds: whole('seconds', 300),
  uploads: whole('uploads', 200),
  renders: whole('renders', 50),
  clients: whole('clients', 5000),
};
if (options.instances.some((n) => n !== 1 && n !== 2 && n !== 'pglite')) {
  console.error('bench:load: --instances takes 1, 2, pglite or a list of them, e.g. 1,2');
  process.exit(2);
}

const PASSWORD = 'load day kettle lanterns marching';
const MAX_IN_FLIGHT = 48;
const PHOTO = new URL('../../../fixtures/photos/shaved-crown-stubble.jpg', import.meta.url);

const WRITES = ['photo.upload', 'render.queue'];

type Work = { kind: string; run: () => Promise<{ status: number; ms: number }> };

function readMix(users: { clinical: StudioUser[]; all: StudioUser[] }, seeded: Seeded): () => Work {
  const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)]!;
  const weekStart = new Date(Date.now() - 86_400_000).toISOString();
  const weekEnd = new Date(Date.now() + 6 * 86_400_000).toISOString();
  // Photos are clinical records: only owners and artists read them; the front desk reads the rest.
  const kinds: [number, string, StudioUser[], () => string][] = [
    [
      30,
      'clients.list',
      users.all,
      () => `/api/clients?page=${1 + Math.floor(Math.random() * 8)}&pageSize=25`,
    ],
    [10, 'clients.search', users.all, () => `/api/clients?q=${encodeURIComponent(pick(seeded.searchTerms))}`],
    [25, 'client.record', users.all, () => `/api/clients/${pick(seeded.clientIds)}`],
    [10, 'client.photos', users.clinical, () => `/api/clients/${pick(seeded.photoClientIds)}/photos`],
    [15, 'calendar.week', users.all, () => `/api/appointments?from=${weekStart}&to=${weekEnd}`],
    [10, 'photo.thumb', users.clinical, () => `/api/photos/${pick(seeded.photoIds)}/file?size=thumb`],
  ];
  const total = kinds.reduce((n, k) => n + k[0], 0);
  return () => {
    let r = Math.random() * total;
    for (const [weight, kind, who, path] of kinds) {
      r -= weight;
      if (r <= 0) {
        const user = pick(who);
        const url = path();
        return { kind, run: () => user.send('GET', url) };
      }
    }
    throw new Error('unreachable');
  };
}

async function phase(cluster: LoadCluster, which: Phase, scratch: string): Promise<void> {
  const count = which === 'pglite' ? 1 : which;
  const url = which === 'pglite' ? null : await cluster.createDatabase(`stipple_load_${count}`);
  const dataDir = join(scratch, `instances-${which}`);
  const title =
    which === 'pglite' ? '1 instance on PGlite' : `${count} instance${count > 1 ? 's' : ''} on PostgreSQL`;
  const spawnedAt = performance.now();
  const instances: Instance[] = await cluster.startInstances(
    count,
    {
      ...(url ? { DATABASE_URL: url } : {}),
      STIPPLE_DEMO_DATA: 'true',
      STIPPLE_DEMO_PASSWORD: PASSWORD,
      STIPPLE_LOG_LEVEL: 'info',
    },
    dataDir,
    [
      // Loaded into every instance, old builds (--server) included: see stalls.ts.
      '--import',
      new URL('./stall-probe.js', import.meta.url).href,
      ...(values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : []),
    ],
    ...(values.server ? [resolve(values.server)] : []),
  );
  const urls = instances.map((i) => i.url);
  const owner = new StudioUser(urls);
  await owner.signIn('owner@demo-studio.example', PASSWORD);
  const photo = await sharp(readFileSync(PHOTO)).resize(2016).jpeg({ quality: 88 }).toBuffer();
  console.log(`\n== ${title}: seeding ${options.clients} clients …`);
  const seeded = await seedStudio(owner, { clients: options.clients, photo });
  const artist = new StudioUser(urls);
  await artist.signIn('artist@demo-studio.example', PASSWORD);
  const desk = new StudioUser(urls);
  await desk.signIn('desk@demo-studio.example', PASSWORD);
  const users = { clinical: [owner, artist], all: [owner, artist, desk] };
  // The demo's own render and the seeding's renditions run first: the day starts with idle queues.
  await waitForIdleQueues(urls[0]!);
  if (url) {
    // A studio's database has its statistics: autovacuum analyzes a table within a minute of a few
    // hundred new rows, but the day here starts seconds after the seeding. Without them the
    // planner joined the week's appointments to every client of the studio (15 000 buffers a call).
    await cluster.admin((c) => c.query('analyze'), url);
    await resetDatabaseFigures(cluster, url);
  }

  // Reads at the target rate; the writes spread evenly over the phase's time, whatever rate the
  // reads achieve, and any left when the reads end go then.
  const work: (() => Work)[] = [];
  const nextRead = readMix(users, seeded);
  const writes: (() => Work)[] = [];
  for (let i = 0; i < options.uploads; i++)
    writes.push(() => ({
      kind: 'photo.upload',
      run: () =>
        owner.send(
          'POST',
          `/api/clients/${seeded.clientIds[i % seeded.clientIds.length]}/photos?view=top&takenOn=2026-11-02`,
          {
            raw: photo,
            contentType: 'image/jpeg',
          },
        ),
    }));
  const renderIds: string[] = [];
  // An artist saves one version after the other: each save waits for the answer to the one before
  // (sent together they would race for the same version, and all but one would be refused).
  let previousSave: Promise<unknown> = Promise.resolve();
  for (let i = 0; i < options.renders; i++)
    writes.push(() => ({
      kind: 'render.queue',
      run: async () => {
        const before = previousSave;
        let saved!: () => void;
        previousSave = new Promise<void>((resolve) => (saved = resolve));
        await before;
        const answer = await owner
          .send('PUT', `/api/photos/${seeded.renderPhotoId}/zones`, {
            json: { version: seeded.zonesVersion + i, zones: seeded.zones(i) },
          })
          .finally(saved);
        const id = (answer.body as { latestRender?: { id: string } } | null)?.latestRender?.id;
        if (id) renderIds.push(id);
        return answer;
      },
    }));
  for (let i = 0; i < options.reads; i++) work.push(nextRead);
  const samples: Sample[] = [];
  const timed: Timed[] = [];
  const epochNow = () => performance.timeOrigin + performance.now();
  // The generator shares the machine's cores with the servers: its CPU time is part of the figures.
  const instancePids = instances.flatMap((i) => (i.child.pid ? [i.child.pid] : []));
  // The backend's parent, read while its connection is open: the postmaster.
  const postmaster = url
    ? await cluster.admin(async (c) =>
        parentOf((await c.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid),
      )
    : null;
  const cpuBefore = cpuSnapshot(instancePids, postmaster);
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  let inFlight = 0;
  const running = new Set<Promise<void>>();
  const launch = (next: () => Work) => {
    const { kind, run } = next();
    inFlight += 1;
    const start = epochNow();
    const p = run()
      .then((a) => {
        samples.push({ kind, status: a.status, ms: a.ms });
        timed.push({ kind, start, end: epochNow() });
      })
      .catch(() => void samples.push({ kind, status: 0, ms: NaN }))
      .finally(() => {
        inFlight -= 1;
        running.delete(p);
      });
    running.add(p);
  };
  let written = 0;
  const writeDue = (k: number) => started + ((k + 1) * options.seconds * 1000) / (writes.length + 1);
  for (let i = 0; i < work.length; i++) {
    if (performance.now() > deadline) break;
    // Open loop at the target rate; never more than MAX_IN_FLIGHT at once.
    const due = started + (i * 1000) / options.rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    while (inFlight >= MAX_IN_FLIGHT) await Promise.race(running);
    while (written < writes.length && performance.now() >= writeDue(written)) launch(writes[written++]!);
    launch(work[i]!);
  }
  while (written < writes.length) launch(writes[written++]!);
  await Promise.all(running);
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = cpuSnapshot(instancePids, postmaster);
  if (values.profile)
    console.log(
      `  profiles: the load ran from ${((started - spawnedAt) / 1000).toFixed(1)} s to ${((started - spawnedAt) / 1000 + seconds).toFixed(1)} s after the instances started`,
    );
  const reads = samples.filter((s) => !WRITES.includes(s.kind));
  printFigures(
    `${title}: ${samples.length} requests in ${seconds.toFixed(1)} s (target ${options.rate}/s), all reads ${(reads.length / seconds).toFixed(0)}/s`,
    [
      ...figuresOf(samples, seconds),
      ...figuresOf(
        reads.map((s) => ({ ...s, kind: 'ALL READS' })),
        seconds,
      ),
    ],
  );

  printCpu(cpuBefore, cpuAfter, seconds, reads.length);
  const phaseStart = performance.timeOrigin + started;
  printStalls(
    timed.filter((t) => !WRITES.includes(t.kind)),
    timed,
    phaseStart,
    instances.map((i) => readProbe(i.log)),
    url ? readPostgresLog(cluster.postgresLog, phaseStart, epochNow()) : [],
  );

  const jobs = await waitForJobs(owner, renderIds, seeded);
  console.log(
    `  jobs: ${jobs.rendersDone}/${renderIds.length} renders done, ${jobs.rendersSuperseded} superseded by a newer save, ${jobs.rendersFailed} failed; photo renditions ${jobs.photosReady}/${jobs.photos} ready; lost: ${jobs.lost}`,
  );
  for (const why of jobs.failures) console.log(`    render failed: ${why}`);
  if (url) printDatabaseFigures(await databaseFigures(cluster, url));
  await cluster.stopInstances();
}

/** Until the instance's /metrics show no job waiting or running (at most 5 minutes). */
async function waitForIdleQueues(url: string): Promise<void> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const text = await (await fetch(`${url}/metrics`)).text();
    const busy = [
      ...text.matchAll(/^stipple_job_queue_depth\{queue="[^"]+",state="(waiting|active)"\} (\d+)/gm),
    ]
      .map((m) => Number(m[2]))
      .reduce((a, b) => a + b, 0);
    if (busy === 0) return;
    if (Date.now() > deadline) throw new Error(`jobs still busy after 5 minutes (${busy})`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function waitForJobs(owner: StudioUser, renderIds: string[], seeded: Seeded) {
  const deadline = Date.now() + 180_000;
  for (;;) {
    let done = 0;
    let failed = 0;
    let superseded = 0;
    const failures: string[] = [];
    for (const id of renderIds) {
      const s = (await owner.send('GET', `/api/renders/${id}/status`)).body as {
        status: string;
        error: string | null;
      } | null;
      if (s?.status === 'done') done++;
      // Saved again before it started: the newer render replaces it (never made, not failed).
      else if (s?.status === 'superseded') superseded++;
      else if (s?.status === 'failed') {
        failed++;
        failures.push(s.error ?? '(no reason recorded)');
      }
    }
    let photos = 0;
    let ready = 0;
    for (const clientId of seeded.clientIds.slice(0, options.uploads + seeded.photoClientIds.length)) {
      const list = (await owner.send('GET', `/api/clients/${clientId}/photos`)).body as {
        items: { derivatives: string }[];
      } | null;
      for (const p of list?.items ?? []) {
        photos++;
        if (p.derivatives === 'ready') ready++;
      }
    }
    const settled = done + failed + superseded === renderIds.length && ready === photos;
    if (settled || Date.now() > deadline)
      return {
        rendersDone: done,
        rendersFailed: failed,
        rendersSuperseded: superseded,
        failures,
        photos,
        photosReady: ready,
        lost: renderIds.length - done - failed - superseded + (photos - ready),
      };
    await new Promise((r) => setTimeout(r, 1000));
  }
}

const scratch = mkdtempSync(join(tmpdir(), 'stipple-load-'));
let cluster: LoadCluster | undefined;
const stopAll = async () => {
  await cluster?.stop();
  rmSync(scratch, { recursive: true, force: true });
};
process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));
try {
  const [one] = loadavg();
  console.log(`stipple bench:load — loopback only; load average before: ${one!.toFixed(2)} (1 min)`);
  cluster = await LoadCluster.start();
  for (const count of options.instances) await phase(cluster, count, scratch);
  console.log(`\nload average after: ${loadavg()[0]!.toFixed(2)} (1 min)`);
} finally {
  await stopAll();
}
