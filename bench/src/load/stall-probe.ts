// Loaded into each server instance by the load script (`node --import …/stall-probe.js`), never by
// the server itself: it tells when the instance's event loop stood still and why. A 10 ms timer
// notes every tick that came more than 40 ms late, with the CPU the main thread used meanwhile
// (near the wall time: JavaScript or the garbage collector held it; near zero: the process
// waited for a core or on a synchronous call); V8 reports every garbage collection;
// and each second the event loop's utilisation. Lines go to stderr (the instance's log file) as
// `stall-probe {json}` with epoch times in ms, which the load script reads after the phase.
import { readFileSync } from 'node:fs';
import { PerformanceObserver, constants, performance } from 'node:perf_hooks';

const TICK_MS = 10;
const LATE_MS = 40;
const epoch = (t: number) => performance.timeOrigin + t;

function mainThreadCpuMs(): number {
  try {
    const text = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

const write = (record: object) => process.stderr.write(`stall-probe ${JSON.stringify(record)}\n`);

let last = performance.now();
let lastCpu = mainThreadCpuMs();
const ticker = setInterval(() => {
  const now = performance.now();
  const cpu = mainThreadCpuMs();
  const late = now - last - TICK_MS;
  if (late > LATE_MS) write({ kind: 'blocked', from: epoch(last), ms: now - last, cpuMs: cpu - lastCpu });
  last = now;
  lastCpu = cpu;
}, TICK_MS);
ticker.unref();

const GC_KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};
const gc = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const kind =
      GC_KINDS[((e as { detail?: unknown }).detail as { kind?: number } | undefined)?.kind ?? -1] ?? 'other';
    write({ kind: 'gc', gc: kind, from: epoch(e.startTime), ms: e.duration });
  }
});
gc.observe({ entryTypes: ['gc'] });

let elu = performance.eventLoopUtilization();
const perSecond = setInterval(() => {
  const next = performance.eventLoopUtilization();
  write({ kind: 'elu', at: Date.now(), elu: performance.eventLoopUtilization(next, elu).utilization });
  elu = next;
}, 1000);
perSecond.unref();
