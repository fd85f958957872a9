// An upload's bytes go straight from the socket to a private temporary file in the data folder
// (never /tmp, which may be memory), counted against the size limit as they arrive: a 25 MB photo
// is never held in memory, and the request is refused with 413 the moment it passes the limit.
// The route removes the file when the answer has gone out.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { errorCodes } from 'fastify';

/** Enough for every format signature sniffFormat reads. */
const HEAD_BYTES = 64;

export interface SpooledUpload {
  path: string;
  bytes: number;
  /** The first bytes, to recognise the format without reading the file again. */
  head: Buffer;
}

export const isSpooledUpload = (value: unknown): value is SpooledUpload =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as SpooledUpload).path === 'string' &&
  Buffer.isBuffer((value as SpooledUpload).head);

export const spoolDir = (dataDir: string): string => join(dataDir, 'tmp');

export function tempPath(dir: string, suffix: string): string {
  return join(dir, `${randomBytes(12).toString('hex')}.${suffix}`);
}

export async function spoolUpload(body: Readable, dir: string, maxBytes: number): Promise<SpooledUpload> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = tempPath(dir, 'upload');
  let bytes = 0;
  const heads: Buffer[] = [];
  let headLength = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, next) {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        next(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
        return;
      }
      if (headLength < HEAD_BYTES) {
        heads.push(chunk.subarray(0, HEAD_BYTES - headLength));
        headLength += Math.min(chunk.length, HEAD_BYTES - headLength);
      }
      next(null, chunk);
    },
  });
  try {
    await pipeline(body, counter, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
  } catch (err) {
    await rm(path, { force: true });
    throw err;
  }
  return { path, bytes, head: Buffer.concat(heads) };
}

/** A file already on disk described as an upload (the demo photo); it is not removed afterwards. */
export async function describeFile(path: string): Promise<SpooledUpload> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(head, 0, HEAD_BYTES, 0);
    return { path, bytes: (await stat(path)).size, head: head.subarray(0, bytesRead) };
  } finally {
    await handle.close();
  }
}

/**
 * At start: temporary files left by a process that died mid-upload. Only old ones: another
 * instance on the same data folder may be receiving an upload right now.
 */
export async function clearSpoolDir(dir: string, olderThanMs = 3_600_000): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  const cutoff = Date.now() - olderThanMs;
  for (const name of names) {
    const path = join(dir, name);
    const info = await stat(path).catch(() => null);
    if (info && info.mtimeMs < cutoff) await rm(path, { force: true });
  }
}
