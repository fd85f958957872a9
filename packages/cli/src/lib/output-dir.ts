import type { Stats } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from './usage-error.js';

/** Refuses an `--out` that exists and is not a folder; call it before long work, too. */
export async function checkOutputDir(out: string): Promise<Stats | null> {
  const existing = await stat(resolve(out)).catch(() => null);
  if (existing && !existing.isDirectory()) throw new UsageError(`--out ${out}: exists and is not a folder`);
  return existing;
}

/**
 * Writes a command's files into a temporary folder beside `out` and moves them into `out` only
 * when all are written: a failure (or Ctrl-C) leaves `out` as it was, never half-written.
 */
export async function withOutputDir<T>(out: string, write: (dir: string) => Promise<T>): Promise<T> {
  const target = resolve(out);
  const existing = await checkOutputDir(out);
  await mkdir(dirname(target), { recursive: true }).catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(`--out ${out}: cannot create its parent folder (${err.code})`);
  });
  const temp = await mkdtemp(join(dirname(target), `.${basename(target)}.tmp-`));
  const cleanUp = () => rm(temp, { recursive: true, force: true });
  const onSignal = () => {
    void cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  try {
    const result = await write(temp);
    if (!existing) {
      await rename(temp, target);
    } else {
      for (const name of await readdir(temp)) await rename(join(temp, name), join(target, name));
      await cleanUp();
    }
    return result;
  } catch (err) {
    await cleanUp();
    throw err;
  } finally {
    process.off('SIGINT', onSignal);
  }
}
