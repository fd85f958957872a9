/** The middle value (the upper one of an even count). */
export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

/**
 * Median wall time of `runs` calls after one warm-up; a call slower than `slowMs` is run once only.
 * `cpuMs` is the median CPU time of the same calls (this process, all its threads): on a machine
 * shared with other work it counts the work done, not the time spent waiting for a core.
 */
export function time<T>(
  fn: () => T,
  runs = 5,
  slowMs = 8000,
): { ms: number; cpuMs: number; result: T; runs: number } {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let result = fn();
  const first = performance.now() - t0;
  if (first > slowMs) return { ms: first, cpuMs: cpuMsSince(c0), result, runs: 1 };
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    result = fn();
    cpu.push(cpuMsSince(c));
    times.push(performance.now() - t);
  }
  return { ms: median(times), cpuMs: median(cpu), result, runs };
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
}

export interface Table {
  title: string;
  note?: string;
  columns: string[];
  rows: (string | number)[][];
}

export function printTable(t: Table): void {
  const cells = [t.columns, ...t.rows.map((r) => r.map((c) => (typeof c === 'number' ? format(c) : c)))];
  const widths = t.columns.map((_, i) => Math.max(...cells.map((r) => String(r[i]).length)));
  console.log(`\n${t.title}`);
  if (t.note) console.log(t.note);
  for (const [i, r] of cells.entries()) {
    console.log(r.map((c, j) => String(c).padStart(widths[j]!)).join('  '));
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

function format(n: number): string {
  if (Number.isInteger(n)) return n.toLocaleString('en');
  return Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toFixed(3);
}

/** A seeded Math.random replacement for peers that accept one. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** `time` for an asynchronous call (sharp's pipelines), one warm-up, then the median of `runs`. */
export async function timeAsync<T>(
  fn: () => Promise<T>,
  runs = 5,
): Promise<{ ms: number; result: T; runs: number }> {
  let result = await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    result = await fn();
    times.push(performance.now() - t);
  }
  return { ms: median(times), result, runs };
}
