import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  LOCK_FILE,
  currentBootId,
  lockDataDir,
  parseLock,
  processStartTicks,
  type LockOwner,
} from './data-dir-lock.js';

const dirs: string[] = [];
const children: ChildProcess[] = [];
const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), 'stipple-lock-'));
  dirs.push(dir);
  return dir;
};
/**
 * A process that runs until the test ends: `sleep` (not Node), or a Node process; returned once
 * it runs its own program (right after fork it still shows the parent's command line).
 */
const running = (node = false): number => {
  const child = node
    ? spawn(process.execPath, ['-e', 'setTimeout(() => {}, 600000)'], { stdio: 'ignore' })
    : spawn('sleep', ['600'], { stdio: 'ignore' });
  children.push(child);
  const pid = child.pid!;
  const program = node ? '-e' : 'sleep';
  while (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(program)) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
  }
  return pid;
};
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const writeLock = (dir: string, owner: LockOwner | string) =>
  writeFileSync(join(dir, LOCK_FILE), typeof owner === 'string' ? owner : JSON.stringify(owner));

describe('lockDataDir', () => {
  it('holds the folder for this process until released, recording its start time', () => {
    const dir = fresh();
    const lock = lockDataDir(dir);
    const owner = parseLock(readFileSync(join(dir, LOCK_FILE), 'utf8'))!;
    expect(owner.pid).toBe(process.pid);
    expect(owner.startTicks).toBe(processStartTicks(process.pid));
    expect(owner.startTicks).not.toBeNull();
    expect(() => lockDataDir(dir)).toThrow(/already uses the data folder/);
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    lockDataDir(dir).release();
  });

  it('refuses a folder locked by another process that still runs', () => {
    const dir = fresh();
    const pid = running();
    writeLock(dir, { pid, startTicks: processStartTicks(pid), bootId: currentBootId() });
    expect(() => lockDataDir(dir)).toThrow(
      new RegExp(`Another Stipple server \\(pid ${pid}\\) is using the data folder`),
    );
  });

  it('takes over a lock left by a process that has ended', () => {
    const dir = fresh();
    const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    writeLock(dir, ended.stdout);
    const lock = lockDataDir(dir);
    expect(parseLock(readFileSync(join(dir, LOCK_FILE), 'utf8'))!.pid).toBe(process.pid);
    lock.release();
  });

  it('takes over after kill -9 when the old pid now belongs to another process', () => {
    const dir = fresh();
    // The crashed server's pid, reused by a process that started at another time.
    const pid = running(true);
    writeLock(dir, { pid, startTicks: processStartTicks(pid)! - 1, bootId: currentBootId() });
    lockDataDir(dir).release();
    // The same pid from before a reboot.
    writeLock(dir, { pid, startTicks: processStartTicks(pid), bootId: 'a-boot-before-this-one' });
    lockDataDir(dir).release();
    // An old lock (a bare pid) whose pid is now some other program.
    writeLock(dir, String(running()));
    lockDataDir(dir).release();
  });

  it('keeps an old-style lock (a bare pid) whose Node process still runs', () => {
    const dir = fresh();
    const pid = running(true);
    writeLock(dir, String(pid));
    expect(() => lockDataDir(dir)).toThrow(/Another Stipple server/);
  });
});
