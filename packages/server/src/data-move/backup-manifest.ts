// What a backup folder holds, described by `manifest.json`, which is written last: a folder
// without it is an interrupted backup and is never restored.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

export const MANIFEST_FILE = 'manifest.json';
export const BACKUP_FORMAT = 'stipple-backup';

export const BackupManifest = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(1),
  createdAt: z.string(),
  source: z.enum(['pglite', 'postgres']),
  /** Migrations applied to the source: a restore needs a build that ships at least these. */
  migrations: z.int().nonnegative(),
  tables: z.array(
    z.object({
      name: z.string(),
      columns: z.array(z.string()).min(1),
      orderBy: z.array(z.string()).min(1),
      file: z.string(),
      rows: z.int().nonnegative(),
      /** SHA-256 of the table's COPY text in primary-key order (UTC, ISO dates). */
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
  ),
  blobs: z.array(z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.int().nonnegative() })),
});
export type BackupManifest = z.infer<typeof BackupManifest>;

export async function writeManifest(dir: string, manifest: BackupManifest): Promise<void> {
  await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 1)}\n`, { mode: 0o600 });
}

/** The manifest, or null when the folder has none (not a backup, or an interrupted one). */
export async function readManifest(dir: string): Promise<BackupManifest | null> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  } catch {
    return null;
  }
  const parsed = BackupManifest.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${join(dir, MANIFEST_FILE)} is not a Stipple backup manifest`);
  return parsed.data;
}
