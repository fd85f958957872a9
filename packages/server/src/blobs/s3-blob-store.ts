// The blob store in an S3-compatible bucket (AWS S3, MinIO, Ceph, Garage, R2, ...), through the
// AWS SDK v3. Keys are the folder store's relative names (`ab/cd/<sha256>`, under an optional
// prefix), so a folder synced to a bucket is a valid store. An object becomes visible only when
// its upload completes (a single PUT, or CompleteMultipartUpload for large files; a failed
// multipart upload is aborted), so readers never see half a blob. Credentials come from the
// standard AWS chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, instance roles, ...).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import {
  BlobNotFoundError,
  blobKey,
  hashFile,
  isSha256,
  readAll,
  sha256Of,
  type BlobStore,
  type BlobStream,
  type PutResult,
} from './blob-store.js';

export interface S3BlobStoreOptions {
  bucket: string;
  region: string;
  /** For S3-compatible servers; unset for AWS S3. */
  endpoint?: string | undefined;
  /** `https://endpoint/bucket/key` instead of `https://bucket.endpoint/key` (MinIO and most self-hosted servers). */
  forcePathStyle: boolean;
  /** Key prefix, e.g. `stipple/`; empty for the whole bucket. */
  prefix: string;
  /** Tests pass credentials; production leaves them to the standard AWS chain. */
  credentials?: S3ClientConfig['credentials'];
}

/** Parts of 8 MiB, two in flight: a multipart upload holds at most 16 MiB of a file in memory. */
const PART_SIZE = 8 * 1024 * 1024;
const QUEUE_SIZE = 2;

const statusOf = (err: unknown): number | undefined =>
  (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;

const isNotFound = (err: unknown): boolean => {
  const name = (err as { name?: string }).name;
  return name === 'NoSuchKey' || name === 'NotFound' || statusOf(err) === 404;
};

export class S3BlobStore implements BlobStore {
  readonly kind = 's3' as const;
  readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(private readonly options: S3BlobStoreOptions) {
    this.bucket = options.bucket;
    this.prefix = options.prefix;
    this.client = new S3Client({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      forcePathStyle: options.forcePathStyle,
      ...(options.credentials ? { credentials: options.credentials } : {}),
      // Checksums only where S3 requires them: the SDK's default (a CRC32 trailer on every upload,
      // in aws-chunked encoding) is refused by many S3-compatible servers. Integrity is kept by
      // Content-MD5 on single uploads and by the content address, which backups and moves check.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
    });
  }

  keyOf(sha256: string): string {
    return `${this.prefix}${blobKey(sha256)}`;
  }

  async put(data: Buffer): Promise<PutResult> {
    const sha256 = sha256Of(data);
    if (await this.has(sha256)) return { sha256, bytes: data.length, created: false };
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.keyOf(sha256),
        Body: data,
        ContentLength: data.length,
        ContentType: 'application/octet-stream',
        ContentMD5: createHash('md5').update(data).digest('base64'),
      }),
    );
    return { sha256, bytes: data.length, created: true };
  }

  async putFile(path: string): Promise<PutResult> {
    const { sha256, bytes } = await hashFile(path);
    if (await this.has(sha256)) return { sha256, bytes, created: false };
    const upload = new Upload({
      client: this.client,
      params: {
        Bucket: this.bucket,
        Key: this.keyOf(sha256),
        Body: createReadStream(path),
        ContentType: 'application/octet-stream',
      },
      partSize: PART_SIZE,
      queueSize: QUEUE_SIZE,
      leavePartsOnError: false,
    });
    await upload.done();
    const head = await this.client.send(
      new HeadObjectCommand({ Bucket: this.bucket, Key: this.keyOf(sha256) }),
    );
    if (head.ContentLength !== bytes) {
      await this.remove(sha256);
      throw new Error(`the bucket holds ${head.ContentLength} bytes for a blob of ${bytes} (${path})`);
    }
    return { sha256, bytes, created: true };
  }

  async get(sha256: string): Promise<Buffer> {
    return readAll((await this.open(sha256)).stream);
  }

  async open(sha256: string): Promise<BlobStream> {
    try {
      const res = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.keyOf(sha256) }),
      );
      if (!res.Body) throw new BlobNotFoundError(sha256);
      return { stream: res.Body as Readable, bytes: res.ContentLength ?? 0 };
    } catch (err) {
      if (isNotFound(err)) throw new BlobNotFoundError(sha256);
      throw err;
    }
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.keyOf(sha256) }));
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  async remove(sha256: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.keyOf(sha256) }));
  }

  async *list(): AsyncIterable<string> {
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          ...(this.prefix ? { Prefix: this.prefix } : {}),
          ...(token ? { ContinuationToken: token } : {}),
        }),
      );
      for (const object of page.Contents ?? []) {
        const name = object.Key?.slice(this.prefix.length).split('/').pop() ?? '';
        if (isSha256(name) && object.Key === this.keyOf(name)) yield name;
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async ping(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }

  describe(): string {
    const where = this.options.endpoint ? ` at ${this.options.endpoint}` : '';
    return `the bucket ${this.bucket}${this.prefix ? ` (prefix ${this.prefix})` : ''}${where}`;
  }

  close(): void {
    this.client.destroy();
  }
}
