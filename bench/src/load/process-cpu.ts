// Where the machine's CPU went during a phase: the Stipple instances, PostgreSQL (the postmaster
// and its backends), this load generator and everything else on the machine (other work shares
// these cores). Read from /proc, so Linux only; elsewhere the figures are left out.
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's times: 100 on every Linux this runs on (sysconf(_SC_CLK_TCK)). */
const TICKS = 100;

interface ProcStat {
  ppid: number;
  cpuSeconds: number;
}

/** `/proc/<pid>/stat`, or with `thread` that one thread's `/proc/<pid>/task/<tid>/stat`. */
function procStat(pid: number, thread?: number): ProcStat | null {
  try {
    const text = readFileSync(thread ? `/proc/${pid}/task/${thread}/stat` : `/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: the fields start after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS };
  } catch {
    return null;
  }
}

/** The busy and total seconds of all cores together, from /proc/stat. */
function machineSeconds(): { busy: number; total: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const v = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (v[3] ?? 0) + (v[4] ?? 0);
    const total = v.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: (total - idle) / TICKS, total: total / TICKS };
  } catch {
    return null;
  }
}

/** A process and its children (PostgreSQL's backends are children of the postmaster). */
function treeSeconds(root: number): number {
  let sum = procStat(root)?.cpuSeconds ?? 0;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return sum;
  }
  for (const d of pids) {
    const s = procStat(Number(d));
    if (s && s.ppid === root) sum += s.cpuSeconds;
  }
  return sum;
}

export interface CpuSnapshot {
  instances: number;
  /**
   * The instances' main threads alone (a process's main thread has the process's id): requests,
   * SQL and JSON run there, while the compute thread (photo analysis and alignment after an
   * upload), sharp's pool and the garbage collector's helpers run beside it.
   */
  mainThreads: number;
  postgres: number;
  generator: number;
  machine: { busy: number; total: number } | null;
}

export function cpuSnapshot(instancePids: number[], postmasterPid: number | null): CpuSnapshot {
  const own = process.cpuUsage();
  return {
    instances: instancePids.reduce((n, pid) => n + (procStat(pid)?.cpuSeconds ?? 0), 0),
    mainThreads: instancePids.reduce((n, pid) => n + (procStat(pid, pid)?.cpuSeconds ?? 0), 0),
    postgres: postmasterPid ? treeSeconds(postmasterPid) : 0,
    generator: (own.user + own.system) / 1e6,
    machine: machineSeconds(),
  };
}

/** The postmaster of the server a backend runs in: the parent of the backend's process. */
export function parentOf(pid: number): number | null {
  return procStat(pid)?.ppid ?? null;
}

export function printCpu(before: CpuSnapshot, after: CpuSnapshot, seconds: number, reads: number): void {
  const pct = (s: number) => `${((100 * s) / seconds).toFixed(0)} %`;
  const perRead = (s: number) => `${((1000 * s) / Math.max(1, reads)).toFixed(2)} ms per read`;
  const instances = after.instances - before.instances;
  const mainThreads = after.mainThreads - before.mainThreads;
  const postgres = after.postgres - before.postgres;
  const generator = after.generator - before.generator;
  const parts = [
    `instances ${instances.toFixed(1)} s (${pct(instances)} of one core; ${perRead(instances)}), of which main threads ${mainThreads.toFixed(1)} s (${pct(mainThreads)}; ${perRead(mainThreads)}) and other threads ${(instances - mainThreads).toFixed(1)} s`,
    `PostgreSQL ${postgres.toFixed(1)} s (${pct(postgres)}; ${perRead(postgres)})`,
    `load generator ${generator.toFixed(1)} s (${pct(generator)}; ${perRead(generator)})`,
  ];
  if (before.machine && after.machine) {
    const busy = after.machine.busy - before.machine.busy;
    const total = after.machine.total - before.machine.total;
    const others = busy - instances - postgres - generator;
    parts.push(
      `everything else on the machine ${others.toFixed(1)} s (${pct(others)}); all cores ${((100 * busy) / total).toFixed(0)} % busy`,
    );
  }
  console.log(`  CPU over ${seconds.toFixed(1)} s: ${parts.join('; ')}`);
}
