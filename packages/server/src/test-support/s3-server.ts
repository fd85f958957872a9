// A real S3-compatible HTTP server for the tests: s3rver (npm), on a free loopback port, keeping
// its objects in a temporary folder that goes with it. It checks SigV4 signatures (its fixed keys
// below) and Content-MD5, and speaks multipart uploads, listing and HEAD/GET/PUT/DELETE. What it
// does not emulate: IAM policies, versioning, object lock, lifecycle rules, server-side
// encryption, the SDK's newer flexible checksums (x-amz-checksum-*), strong consistency under
// concurrency (it is one process writing files), and S3's real error timing and throttling.
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import type { S3StoreConfig } from '../config.js';

export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface TestS3Server {
  endpoint: string;
  /** Store settings for a bucket on this server (path style: no DNS for buckets here). */
  storeConfig(bucket: string, prefix?: string): S3StoreConfig;
  /** Environment for a child server process using `bucket`. */
  env(bucket: string): Record<string, string>;
  /** Makes another empty bucket. */
  createBucket(bucket: string): Promise<void>;
  close(): Promise<void>;
}

export async function startS3Server(buckets: string[]): Promise<TestS3Server> {
  const directory = mkdtempSync(join(tmpdir(), 'stipple-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  const address = await server.run();
  const endpoint = `http://127.0.0.1:${address.port}`;
  const storeConfig = (bucket: string, prefix = ''): S3StoreConfig => ({
    kind: 's3',
    bucket,
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    prefix,
  });
  return {
    endpoint,
    storeConfig,
    env: (bucket) => ({
      STIPPLE_BLOB_STORE: 's3',
      STIPPLE_S3_BUCKET: bucket,
      STIPPLE_S3_ENDPOINT: endpoint,
      STIPPLE_S3_FORCE_PATH_STYLE: 'true',
      STIPPLE_S3_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    }),
    createBucket: async (bucket) => {
      const client = new S3Client({
        region: 'us-east-1',
        endpoint,
        forcePathStyle: true,
        credentials: S3RVER_CREDENTIALS,
      });
      try {
        await client.send(new CreateBucketCommand({ Bucket: bucket }));
      } finally {
        client.destroy();
      }
    },
    close: async () => {
      const http = (server as unknown as { httpServer?: Server }).httpServer;
      http?.closeAllConnections();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
