// The blob store the configuration asks for. The S3 implementation (and the AWS SDK behind it)
// is loaded only when a bucket is configured: a studio on a folder never pays for its import.
import type { BlobStoreConfig } from '../config.js';
import type { BlobStore } from './blob-store.js';
import { FolderBlobStore } from './folder-blob-store.js';
import type { S3BlobStoreOptions } from './s3-blob-store.js';

export async function createBlobStore(
  config: BlobStoreConfig,
  credentials?: S3BlobStoreOptions['credentials'],
): Promise<BlobStore> {
  if (config.kind === 'folder') return new FolderBlobStore(config.dir);
  const { S3BlobStore } = await import('./s3-blob-store.js');
  return new S3BlobStore({ ...config, ...(credentials ? { credentials } : {}) });
}
