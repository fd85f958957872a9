// The blob store contract, run against both implementations: the folder, and an S3 bucket on a
// real S3-compatible server (s3rver) started here.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Server, S3RVER_CREDENTIALS, type TestS3Server } from '../test-support/s3-server.js';
import { BlobNotFoundError, readAll, sha256Of, type BlobStore } from './blob-store.js';
import { FolderBlobStore } from './folder-blob-store.js';
import { S3BlobStore } from './s3-blob-store.js';

let s3: TestS3Server;
const scratch = mkdtempSync(join(tmpdir(), 'stipple-blob-test-'));

beforeAll(async () => {
  s3 = await startS3Server(['contract', 'prefixed']);
});
afterAll(async () => {
  await s3?.close();
  rmSync(scratch, { recursive: true, force: true });
});

const stores: [string, () => BlobStore][] = [
  ['folder', () => new FolderBlobStore(mkdtempSync(join(scratch, 'folder-')))],
  ['s3', () => new S3BlobStore({ ...s3.storeConfig('contract'), credentials: S3RVER_CREDENTIALS })],
  [
    's3 with a key prefix',
    () => new S3BlobStore({ ...s3.storeConfig('prefixed', 'studio-a/'), credentials: S3RVER_CREDENTIALS }),
  ],
];

describe.each(stores)('blob store: %s', (_name, make) => {
  let store: BlobStore;
  beforeAll(() => {
    store = make();
  });
  afterAll(() => store.close());

  it('stores bytes under their SHA-256 once, and reads them back whole', async () => {
    const data = randomBytes(70_000);
    const first = await store.put(data);
    expect(first).toEqual({ sha256: sha256Of(data), bytes: data.length, created: true });
    expect(await store.put(data)).toEqual({ ...first, created: false });
    expect(await store.has(first.sha256)).toBe(true);
    expect((await store.get(first.sha256)).equals(data)).toBe(true);
    const opened = await store.open(first.sha256);
    expect(opened.bytes).toBe(data.length);
    expect((await readAll(opened.stream)).equals(data)).toBe(true);
  });

  it('streams a large file in (multipart on S3) and checks it', async () => {
    // 20 MiB: more than two S3 parts of 8 MiB, so the bucket assembles it from parts.
    const path = join(scratch, `large-${randomBytes(4).toString('hex')}.bin`);
    const data = randomBytes(20 * 1024 * 1024);
    writeFileSync(path, data);
    const stored = await store.putFile(path);
    expect(stored).toEqual({ sha256: sha256Of(data), bytes: data.length, created: true });
    expect(sha256Of(await store.get(stored.sha256))).toBe(stored.sha256);
    expect((await store.putFile(path)).created).toBe(false);
  });

  it('never shows a blob before it is whole', async () => {
    const path = join(scratch, `watched-${randomBytes(4).toString('hex')}.bin`);
    const data = randomBytes(12 * 1024 * 1024);
    writeFileSync(path, data);
    const sha = sha256Of(data);
    let done = false;
    const upload = store.putFile(path).finally(() => (done = true));
    const seen: string[] = [];
    // Whenever the name is visible, its bytes must be all there, whatever the timing.
    while (!done) {
      if (await store.has(sha)) seen.push(sha256Of(await store.get(sha)));
      await new Promise((r) => setTimeout(r, 5));
    }
    await upload;
    expect(seen.every((s) => s === sha)).toBe(true);
    expect(sha256Of(await store.get(sha))).toBe(sha);
  });

  it('answers a missing blob with BlobNotFoundError, and leaves nothing of a failed put', async () => {
    const missing = sha256Of(Buffer.from('never stored'));
    expect(await store.has(missing)).toBe(false);
    await expect(store.get(missing)).rejects.toBeInstanceOf(BlobNotFoundError);
    await expect(store.open(missing)).rejects.toBeInstanceOf(BlobNotFoundError);
    const before = await names(store);
    await expect(store.putFile(join(scratch, 'no-such-file'))).rejects.toThrow(/ENOENT/);
    expect(await names(store)).toEqual(before);
    await expect(store.get('../../etc/passwd')).rejects.toThrow(/not a SHA-256/);
  });

  it('lists every blob, and removes one', async () => {
    const a = await store.put(Buffer.from(`a ${randomBytes(8).toString('hex')}`));
    const b = await store.put(Buffer.from(`b ${randomBytes(8).toString('hex')}`));
    const listed = await names(store);
    expect(listed).toEqual(expect.arrayContaining([a.sha256, b.sha256]));
    await store.remove(a.sha256);
    await store.remove(a.sha256); // twice is fine
    expect(await store.has(a.sha256)).toBe(false);
    expect(await names(store)).not.toContain(a.sha256);
    await store.ping();
  });
});

it('the folder store leaves no temporary file behind', async () => {
  const root = mkdtempSync(join(scratch, 'tidy-'));
  const store = new FolderBlobStore(root);
  const { sha256 } = await store.put(Buffer.from('tidy'));
  const dir = join(root, sha256.slice(0, 2), sha256.slice(2, 4));
  expect(readdirSync(dir)).toEqual([sha256]);
});

it('an unreachable bucket fails the ping with the reason', async () => {
  const store = new S3BlobStore({ ...s3.storeConfig('no-such-bucket'), credentials: S3RVER_CREDENTIALS });
  await expect(store.ping()).rejects.toThrow();
  store.close();
});

async function names(store: BlobStore): Promise<string[]> {
  const out: string[] = [];
  for await (const name of store.list()) out.push(name);
  return out.sort();
}
