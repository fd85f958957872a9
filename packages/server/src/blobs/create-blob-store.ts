// The blob store the configuration asks for.
import type { BlobStoreConfig } from '../config.js';
import type { BlobStore } from './blob-store.js';
import { FolderBlobStore } from './folder-blob-store.js';
import { S3BlobStore, type S3BlobStoreOptions } from './s3-blob-store.js';

export function createBlobStore(
  config: BlobStoreConfig,
  credentials?: S3BlobStoreOptions['credentials'],
): BlobStore {
  if (config.kind === 'folder') return new FolderBlobStore(config.dir);
  return new S3BlobStore({ ...config, ...(credentials ? { credentials } : {}) });
}
