// Content-addressed storage for photos, renditions and signatures. A blob's name is the SHA-256
// of its bytes, so the same bytes are stored once and a name can never point at other content.
// The folder store writes to a temporary file in the same folder, flushes it, then renames it
// into place: a reader sees the whole blob or none (rename is atomic within a file system). An
// S3-compatible bucket can implement the same interface later.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface PutResult {
  sha256: string;
  bytes: number;
  /** False when these bytes were stored already (by another photo, or an earlier try). */
  created: boolean;
}

export interface BlobStore {
  put(data: Buffer): Promise<PutResult>;
  get(sha256: string): Promise<Buffer>;
  has(sha256: string): Promise<boolean>;
  /** Removes a blob (callers make sure no row refers to it any more). Missing blobs are fine. */
  remove(sha256: string): Promise<void>;
}

const SHA256 = /^[0-9a-f]{64}$/;

export const sha256Of = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

export class BlobNotFoundError extends Error {
  constructor(sha256: string) {
    super(`blob ${sha256} is not in the store`);
    this.name = 'BlobNotFoundError';
  }
}

export class FolderBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  /** `<root>/ab/cd/abcd…`: two levels of 256 folders keep directories small. */
  pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`not a SHA-256 hex digest: ${sha256.slice(0, 80)}`);
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(data: Buffer): Promise<PutResult> {
    const sha256 = sha256Of(data);
    const path = this.pathOf(sha256);
    if (await this.has(sha256)) return { sha256, bytes: data.length, created: false };
    const dir = dirname(path);
    await mkdir(dir, { recursive: true });
    const temp = join(dir, `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } catch (err) {
      await handle.close();
      await rm(temp, { force: true });
      throw err;
    }
    await handle.close();
    try {
      await rename(temp, path);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
    return { sha256, bytes: data.length, created: true };
  }

  async get(sha256: string): Promise<Buffer> {
    try {
      return await readFile(this.pathOf(sha256));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobNotFoundError(sha256);
      throw err;
    }
  }

  async has(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(sha256))).isFile();
    } catch {
      return false;
    }
  }

  async remove(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }
}
