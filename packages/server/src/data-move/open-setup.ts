// A setup to copy from or into: PGlite in a data folder or a PostgreSQL database, with its blob
// store (folder or bucket).
import type { BlobStore } from '../blobs/blob-store.js';
import { createBlobStore } from '../blobs/create-blob-store.js';
import type { BlobStoreConfig } from '../config.js';
import { RefusedError, type Setup } from './data-move.service.js';
import { DataDirInUseError, PgliteRowStore } from './pglite-row-store.js';
import { PostgresRowStore } from './postgres-row-store.js';
import type { RowStore } from './row-store.js';

export interface SetupLocation {
  /** PostgreSQL when set; otherwise PGlite in `<dataDir>/pg`. */
  databaseUrl?: string | undefined;
  dataDir: string;
  blobStore: BlobStoreConfig;
}

export interface OpenSetup extends Setup {
  close(): Promise<void>;
}

/**
 * Opens a setup. `role` says what it must hold: a source needs a database already, a PGlite
 * target must not have one (the PostgreSQL target's emptiness is checked by the move itself).
 */
export async function openSetup(where: SetupLocation, role: 'source' | 'target'): Promise<OpenSetup> {
  let rows: RowStore;
  if (where.databaseUrl) {
    rows = await PostgresRowStore.open(where.databaseUrl);
  } else {
    const has = PgliteRowStore.hasDatabase(where.dataDir);
    if (role === 'source' && !has)
      throw new RefusedError(`${where.dataDir} holds no Stipple database (no pg/ folder)`);
    if (role === 'target' && has)
      throw new RefusedError(`${where.dataDir} holds a database already: restore into an empty folder`);
    try {
      rows = await PgliteRowStore.open(where.dataDir);
    } catch (err) {
      if (err instanceof DataDirInUseError) throw new RefusedError(err.message);
      throw err;
    }
  }
  let blobs: BlobStore;
  try {
    blobs = await createBlobStore(where.blobStore);
    await blobs.ping();
  } catch (err) {
    await rows.close();
    throw err;
  }
  return {
    rows,
    blobs,
    close: async () => {
      blobs.close();
      await rows.close();
    },
  };
}
