// Compares two setups independently of the move's own checks: every table's rows (COPY text in
// key order, hashed) and every blob (names listed on both sides, bytes hashed).
import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import type { BlobStore } from '../blobs/blob-store.js';
import type { RowStore } from '../data-move/row-store.js';

async function tableHashes(rows: RowStore): Promise<Map<string, { rows: number; sha256: string }>> {
  const out = new Map<string, { rows: number; sha256: string }>();
  for (const table of await rows.tables()) {
    const hash = createHash('sha256');
    let lines = 0;
    await rows.copyOut(
      table,
      new Writable({
        write(chunk: Buffer, _enc, done) {
          hash.update(chunk);
          for (const b of chunk) if (b === 0x0a) lines += 1;
          done();
        },
      }),
    );
    out.set(table.name, { rows: lines, sha256: hash.digest('hex') });
  }
  return out;
}

async function blobHashes(store: BlobStore): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const name of store.list()) {
    const hash = createHash('sha256');
    for await (const chunk of (await store.open(name)).stream) hash.update(chunk as Buffer);
    out.set(name, hash.digest('hex'));
  }
  return out;
}

export interface Comparison {
  tables: Map<string, { rows: number; sha256: string }>;
  blobs: Map<string, string>;
}

export async function snapshotOf(setup: { rows: RowStore; blobs: BlobStore }): Promise<Comparison> {
  return { tables: await tableHashes(setup.rows), blobs: await blobHashes(setup.blobs) };
}
