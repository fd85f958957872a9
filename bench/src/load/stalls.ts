// Where the slow answers of a phase came from. A p99 alone cannot tell a server that is slow on
// every request from one that stops now and then: here a stall is a stretch of at least 50 ms in
// which no answer arrived while requests were waiting, seen from the load generator, and each is
// set beside what the instances' stall probe (stall-probe.ts) and PostgreSQL's log saw at that
// time: the event loop blocked (and whether on the CPU), garbage collections, slow statements,
// checkpoints, autovacuum.
import { existsSync, readFileSync } from 'node:fs';
import { quantile } from './figures.js';

export const STALL_MS = 50;
export const SLOW_MS = 100;
const ON_CPU = 0.5;

/** One request as the generator saw it: epoch ms when it was sent and answered. */
export interface Timed {
  kind: string;
  start: number;
  end: number;
}

interface Blocked {
  from: number;
  ms: number;
  cpuMs: number;
}
interface Gc {
  gc: string;
  from: number;
  ms: number;
}
export interface ProbeRecords {
  blocked: Blocked[];
  gcs: Gc[];
  elu: { at: number; elu: number }[];
}

/** The stall probe's lines from an instance's log file (empty when it was not loaded). */
export function readProbe(logFile: string): ProbeRecords {
  const out: ProbeRecords = { blocked: [], gcs: [], elu: [] };
  if (!existsSync(logFile)) return out;
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    if (!line.startsWith('stall-probe ')) continue;
    const r = JSON.parse(line.slice('stall-probe '.length)) as { kind: string } & Record<string, number>;
    if (r.kind === 'blocked') out.blocked.push({ from: r.from!, ms: r.ms!, cpuMs: r.cpuMs! });
    else if (r.kind === 'gc')
      out.gcs.push({ gc: (r as unknown as { gc: string }).gc, from: r.from!, ms: r.ms! });
    else if (r.kind === 'elu') out.elu.push({ at: r.at!, elu: r.elu! });
  }
  return out;
}

/** PostgreSQL log lines (log_line_prefix '%m ') of the phase that may hold a connection up. */
export function readPostgresLog(logFile: string | undefined, from: number, to: number) {
  const out: { at: number; what: string }[] = [];
  if (!logFile || !existsSync(logFile)) return out;
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    const m = /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \w+) (?:\[\d+\] )?(\w+):\s+(.*)$/.exec(line);
    if (!m) continue;
    const at = Date.parse(m[1]!.replace(' UTC', 'Z').replace(' ', 'T'));
    if (!(at >= from && at <= to)) continue;
    const text = m[3]!;
    const duration =
      /^duration: ([\d.]+) ms\s+(?:statement|execute [^:]*|bind [^:]*|parse [^:]*): (.*)$/.exec(text);
    const what = duration
      ? `statement ${Number(duration[1]).toFixed(0)} ms (${duration[2]!.slice(0, 30)})`
      : /^checkpoint/.test(text)
        ? text.slice(0, 60)
        : /automatic (vacuum|analyze)/.test(text)
          ? text.slice(0, 70)
          : /lock/.test(text)
            ? text.slice(0, 70)
            : null;
    if (what) out.push({ at, what });
  }
  return out;
}

interface Stall {
  from: number;
  ms: number;
  waiting: number;
}

/** Stretches of at least STALL_MS without an answer while at least one request was in flight. */
export function stallsOf(requests: Timed[]): Stall[] {
  const ends = requests.map((r) => r.end).sort((a, b) => a - b);
  const starts = requests.map((r) => r.start).sort((a, b) => a - b);
  const stalls: Stall[] = [];
  let s = 0;
  for (let i = 0; i + 1 < ends.length; i++) {
    const gap = ends[i + 1]! - ends[i]!;
    while (s < starts.length && starts[s]! <= ends[i]!) s++;
    // Requests sent by then and not yet answered: each waits at least until the next answer.
    const waiting = s - (i + 1);
    if (gap >= STALL_MS && waiting > 0) stalls.push({ from: ends[i]!, ms: gap, waiting });
  }
  return stalls;
}

const overlaps = (a: number, aMs: number, b: number, bMs: number, slack = 20) =>
  a < b + bMs + slack && b < a + aMs + slack;

export function printStalls(
  reads: Timed[],
  all: Timed[],
  phaseStart: number,
  probes: ProbeRecords[],
  postgres: { at: number; what: string }[],
): void {
  const stalls = stallsOf(all);
  const slow = reads.filter((r) => r.end - r.start > SLOW_MS);
  const inStall = slow.filter((r) => stalls.some((s) => overlaps(r.start, r.end - r.start, s.from, s.ms, 0)));
  const total = stalls.reduce((n, s) => n + s.ms, 0);
  const blockedAll = probes.flatMap((p) => p.blocked);
  // With the instances' event loops free, the requests were waiting on PostgreSQL (or the network).
  const loopFree = stalls.filter((s) => !blockedAll.some((x) => overlaps(x.from, x.ms, s.from, s.ms)));
  console.log(
    `  stalls (no answer for ≥ ${STALL_MS} ms while requests waited): ${stalls.length}, ${total.toFixed(0)} ms in all, longest ${Math.max(0, ...stalls.map((s) => s.ms)).toFixed(0)} ms, ${loopFree.length} of them with the event loop free (waiting on PostgreSQL); reads over ${SLOW_MS} ms: ${slow.length}, of which ${inStall.length} waited through a stall`,
  );
  const bySecond = new Map<number, number>();
  for (const r of slow) {
    const sec = Math.floor((r.start - phaseStart) / 1000);
    bySecond.set(sec, (bySecond.get(sec) ?? 0) + 1);
  }
  if (bySecond.size > 0)
    console.log(
      `  reads over ${SLOW_MS} ms by second of the phase (second:count): ${[...bySecond].map(([sec, n]) => `${sec}:${n}`).join(' ')}`,
    );
  const blocked = probes.flatMap((p) => p.blocked);
  const gcs = probes.flatMap((p) => p.gcs);
  const phaseEnd = Math.max(...all.map((r) => r.end));
  const within = <T extends { from: number }>(list: T[]) =>
    list.filter((x) => x.from >= phaseStart && x.from <= phaseEnd);
  const phaseBlocked = within(blocked);
  const phaseGcs = within(gcs);
  for (const s of [...stalls].sort((a, b) => b.ms - a.ms).slice(0, 8)) {
    const b = blocked.filter((x) => overlaps(x.from, x.ms, s.from, s.ms));
    const g = gcs.filter((x) => x.ms >= 2 && overlaps(x.from, x.ms, s.from, s.ms));
    const pg = postgres.filter((x) => overlaps(x.at, 0, s.from, s.ms, 200));
    const parts = [
      b.length
        ? `event loop blocked ${b.map((x) => `${x.ms.toFixed(0)} ms (main thread on CPU ${x.cpuMs.toFixed(0)} ms)`).join(', ')}`
        : 'event loop not blocked',
      ...(g.length ? [`GC ${g.map((x) => `${x.gc} ${x.ms.toFixed(0)} ms`).join(', ')}`] : []),
      ...(pg.length ? [`PostgreSQL: ${pg.map((x) => x.what).join('; ')}`] : []),
    ];
    console.log(
      `    at ${((s.from - phaseStart) / 1000).toFixed(2).padStart(6)} s: ${s.ms.toFixed(0).padStart(4)} ms, ${String(s.waiting).padStart(2)} waiting; ${parts.join('; ')}`,
    );
  }
  if (probes.length === 0 || probes.every((p) => p.elu.length === 0)) return;
  const byKind = new Map<string, { n: number; ms: number; max: number }>();
  for (const x of phaseGcs) {
    const k = byKind.get(x.gc) ?? { n: 0, ms: 0, max: 0 };
    byKind.set(x.gc, { n: k.n + 1, ms: k.ms + x.ms, max: Math.max(k.max, x.ms) });
  }
  const elu = probes
    .flatMap((p) => p.elu)
    .filter((x) => x.at > phaseStart + 1000 && x.at <= phaseEnd)
    .map((x) => x.elu)
    .sort((a, b) => a - b);
  // On a busy machine most late ticks are the process waiting for a core (little CPU meanwhile);
  // the server's own stalls are those it spent on the CPU: JavaScript or the garbage collector.
  const own = phaseBlocked.filter((x) => x.cpuMs >= ON_CPU * x.ms);
  const longest = (list: Blocked[]) => Math.max(0, ...list.map((x) => x.ms)).toFixed(0);
  console.log(
    `  instance event loop (stall probe): blocked over 40 ms ${phaseBlocked.length} times (longest ${longest(phaseBlocked)} ms), of which on the CPU (≥ ${100 * ON_CPU} % of the time: the server's own work) ${own.length} times, ${own.reduce((n, x) => n + x.ms, 0).toFixed(0)} ms in all (longest ${longest(own)} ms), the rest waiting for a core; utilisation per second p50 ${quantile(elu, 0.5).toFixed(2)}, max ${(elu[elu.length - 1] ?? NaN).toFixed(2)}`,
  );
  if (own.length > 0)
    console.log(
      `    on the CPU at (s of the phase: ms): ${own
        .slice(0, 20)
        .map((x) => `${((x.from - phaseStart) / 1000).toFixed(1)}:${x.ms.toFixed(0)}`)
        .join(' ')}`,
    );
  console.log(
    `  GC: ${[...byKind].map(([k, v]) => `${k} ${v.n}× ${v.ms.toFixed(0)} ms (longest ${v.max.toFixed(1)} ms)`).join(', ') || 'none'}`,
  );
  if (postgres.length > 0) {
    const kinds = new Map<string, number>();
    for (const x of postgres) {
      const k = x.what.split(' ')[0]!;
      kinds.set(k, (kinds.get(k) ?? 0) + 1);
    }
    console.log(
      `  PostgreSQL log during the phase: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')} (statements over 50 ms, checkpoints, autovacuum, lock waits)`,
    );
  }
}
