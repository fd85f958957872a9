// The blob store in a folder: `<root>/ab/cd/abcd…` (two levels of 256 folders keep directories
// small). A blob is written to a temporary file in its own folder, flushed, then renamed into
// place: rename is atomic within a file system, so a reader sees the whole blob or none.
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import {
  BlobNotFoundError,
  blobKey,
  hashFile,
  isSha256,
  sha256Of,
  type BlobStore,
  type BlobStream,
  type PutResult,
} from './blob-store.js';

const notFound = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';

export class FolderBlobStore implements BlobStore {
  readonly kind = 'folder' as const;

  constructor(private readonly root: string) {}

  pathOf(sha256: string): string {
    return join(this.root, blobKey(sha256));
  }

  async put(data: Buffer): Promise<PutResult> {
    const sha256 = sha256Of(data);
    if (await this.has(sha256)) return { sha256, bytes: data.length, created: false };
    await this.writeAtomically(sha256, async (temp) => {
      const handle = await open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
    });
    return { sha256, bytes: data.length, created: true };
  }

  async putFile(path: string): Promise<PutResult> {
    const { sha256, bytes } = await hashFile(path);
    if (await this.has(sha256)) return { sha256, bytes, created: false };
    await this.writeAtomically(sha256, async (temp) => {
      await pipeline(createReadStream(path), createWriteStream(temp, { flags: 'wx', mode: 0o600 }));
      const handle = await open(temp, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    });
    // The copy is checked: the store must hold exactly the bytes it is named after.
    const copied = await hashFile(this.pathOf(sha256));
    if (copied.sha256 !== sha256) {
      await rm(this.pathOf(sha256), { force: true });
      throw new Error(`the file changed while it was stored (${path})`);
    }
    return { sha256, bytes, created: true };
  }

  private async writeAtomically(sha256: string, write: (temp: string) => Promise<void>): Promise<void> {
    const path = this.pathOf(sha256);
    const dir = dirname(path);
    await mkdir(dir, { recursive: true });
    const temp = join(dir, `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await write(temp);
      await rename(temp, path);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
  }

  async get(sha256: string): Promise<Buffer> {
    try {
      return await readFile(this.pathOf(sha256));
    } catch (err) {
      if (notFound(err)) throw new BlobNotFoundError(sha256);
      throw err;
    }
  }

  async open(sha256: string): Promise<BlobStream> {
    const path = this.pathOf(sha256);
    let bytes: number;
    try {
      bytes = (await stat(path)).size;
    } catch (err) {
      if (notFound(err)) throw new BlobNotFoundError(sha256);
      throw err;
    }
    return { stream: createReadStream(path), bytes };
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

  async *list(): AsyncIterable<string> {
    const entries = async (dir: string) => {
      try {
        return await readdir(dir);
      } catch (err) {
        if (notFound(err)) return [];
        throw err;
      }
    };
    for (const a of (await entries(this.root)).sort()) {
      if (!/^[0-9a-f]{2}$/.test(a)) continue;
      for (const b of (await entries(join(this.root, a))).sort()) {
        if (!/^[0-9a-f]{2}$/.test(b)) continue;
        for (const name of (await entries(join(this.root, a, b))).sort())
          if (isSha256(name) && name.startsWith(a + b)) yield name;
      }
    }
  }

  async ping(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    await access(this.root);
  }

  describe(): string {
    return `the folder ${this.root}`;
  }

  close(): void {}
}
