// Content-addressed storage for photos, renditions, analysis results and signatures: a blob's
// name is the SHA-256 of its bytes, so the same bytes are stored once and a name can never point
// at other content. Two implementations share this interface: a folder (the default, beside
// PGlite) and an S3-compatible bucket (several instances share one). Either way a reader sees a
// whole blob or none: the folder renames a flushed temporary file into place, and S3 makes an
// object visible only when its upload completes.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';

export interface PutResult {
  sha256: string;
  bytes: number;
  /** False when these bytes were stored already (by another photo, or an earlier try). */
  created: boolean;
}

export interface BlobStream {
  stream: Readable;
  bytes: number;
}

export interface BlobStore {
  readonly kind: 'folder' | 's3';
  /** Small blobs made in memory (renditions, renders, JSON, signatures). */
  put(data: Buffer): Promise<PutResult>;
  /** A blob from a local file, streamed: large uploads are never held in memory. */
  putFile(path: string): Promise<PutResult>;
  get(sha256: string): Promise<Buffer>;
  /** The blob as a stream, for downloads that should not be buffered. */
  open(sha256: string): Promise<BlobStream>;
  has(sha256: string): Promise<boolean>;
  /** Removes a blob (callers make sure no row refers to it any more). Missing blobs are fine. */
  remove(sha256: string): Promise<void>;
  /** Every blob's name, in no particular order (backups and moves between stores). */
  list(): AsyncIterable<string>;
  /** Rejects when the store cannot be reached (readiness). */
  ping(): Promise<void>;
  /** Where the blobs are, for messages (never a secret). */
  describe(): string;
  /** Releases connections (the bucket's HTTP agent); the folder has none. */
  close(): void;
}

const SHA256 = /^[0-9a-f]{64}$/;

export const isSha256 = (s: string): boolean => SHA256.test(s);

export function assertSha256(sha256: string): void {
  if (!SHA256.test(sha256)) throw new Error(`not a SHA-256 hex digest: ${sha256.slice(0, 80)}`);
}

/** `ab/cd/abcd…`: the same relative name in a folder and in a bucket, so either copies to the other as is. */
export function blobKey(sha256: string): string {
  assertSha256(sha256);
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

export const sha256Of = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** Hash and size of a file, read as a stream. */
export async function hashFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export class BlobNotFoundError extends Error {
  constructor(sha256: string) {
    super(`blob ${sha256} is not in the store`);
    this.name = 'BlobNotFoundError';
  }
}
