// PGlite is a database inside this process: a second server on the same data folder would write
// the same files and corrupt them. A lock file keeps the folder to one process; a lock left by a
// process that no longer runs (a crash, kill -9) is taken over.
//
// "No longer runs" must not be judged by the pid alone: after a crash the pid is soon reused by
// some other process, and the studio could not start again. The lock records the pid with the
// process's start time and the boot it belongs to (Linux: /proc/<pid>/stat field 22 and
// /proc/sys/kernel/random/boot_id); the lock holds only while that very process runs. Where there
// is no /proc, the pid is all there is to go on.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'stipple.lock';

export interface LockOwner {
  pid: number;
  /** Start time of the process in clock ticks since boot (Linux), or null where unknown. */
  startTicks: number | null;
  bootId: string | null;
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** The start time of a running process, from /proc (null where there is no /proc or no such pid). */
export function processStartTicks(pid: number): number | null {
  const stat = readText(`/proc/${pid}/stat`);
  if (!stat) return null;
  // The command name (field 2) is in parentheses and may itself hold spaces and parentheses.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[19]);
  return Number.isFinite(ticks) ? ticks : null;
}

export const currentBootId = (): string | null => readText('/proc/sys/kernel/random/boot_id')?.trim() ?? null;

export function ownerOfThisProcess(): LockOwner {
  return { pid: process.pid, startTicks: processStartTicks(process.pid), bootId: currentBootId() };
}

/** Reads a lock file: the JSON of a LockOwner, or a bare pid as older versions wrote it. */
export function parseLock(text: string): LockOwner | null {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed), startTicks: null, bootId: null };
  try {
    const value = JSON.parse(trimmed) as Partial<LockOwner>;
    if (!Number.isInteger(value.pid) || (value.pid ?? 0) <= 0) return null;
    return {
      pid: value.pid!,
      startTicks: typeof value.startTicks === 'number' ? value.startTicks : null,
      bootId: typeof value.bootId === 'string' ? value.bootId : null,
    };
  } catch {
    return null;
  }
}

function pidRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it runs, under another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the process that wrote the lock still runs (not merely some process with its pid). */
export function ownerRuns(owner: LockOwner): boolean {
  if (!pidRuns(owner.pid)) return false;
  const bootId = currentBootId();
  if (owner.bootId && bootId && owner.bootId !== bootId) return false;
  const ticks = processStartTicks(owner.pid);
  if (owner.startTicks !== null && ticks !== null) return ticks === owner.startTicks;
  // An old lock (a bare pid): on Linux, a pid that is not a Node process now is not ours.
  const cmdline = readText(`/proc/${owner.pid}/cmdline`);
  if (cmdline !== null) return /(^|\/)node(js)?\0/.test(cmdline) || cmdline.includes('stipple');
  return true;
}

export interface DataDirLock {
  release(): void;
}

export function lockDataDir(dataDir: string): DataDirLock {
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, JSON.stringify(ownerOfThisProcess()));
      closeSync(fd);
      let released = false;
      return {
        release: () => {
          if (released) return;
          released = true;
          rmSync(path, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = parseLock(readText(path) ?? '');
      if (owner?.pid === process.pid && ownerRuns(owner)) {
        throw new Error(`This process already uses the data folder ${dataDir}.`, { cause: err });
      }
      if (owner && ownerRuns(owner)) {
        throw new Error(
          `Another Stipple server (pid ${owner.pid}) is using the data folder ${dataDir}; stop it first, or set STIPPLE_DATA_DIR to another folder.`,
          { cause: err },
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new Error(`Could not lock the data folder ${dataDir}`);
}
