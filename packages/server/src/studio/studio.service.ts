// The studio's own settings: name, contact details, time zone, languages, logo, consultation
// types and the booking policy. Every signed-in member reads them (they appear on documents and
// in the calendar); only the owner changes them. Documents, emails, feeds and the public page
// read the same row.
import type { StudioProfile, StudioSettings, UpdateStudioRequest } from '@stipple/core';
import type { Actor } from '../auth/actor.js';
import type { BlobStore } from '../blobs/blob-store.js';
import type { Database } from '../db/database.js';
import { audit } from '../audit/audit-trail.js';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { logoImage } from '../media/image-processing.js';
import { isSpooledUpload, tempPath } from '../photos/upload-spool.js';
import { intakePhoto } from '../photos/photo-intake.js';
import { studioErrors } from './studio-errors.js';
import { studioRepository, type StudioRow } from './studio.repository.js';

export const profileOf = (row: StudioRow): StudioProfile => ({
  name: row.name,
  slug: row.slug,
  address: row.address,
  phone: row.phone,
  email: row.email,
  timeZone: row.timeZone,
  languages: row.languages,
  currency: row.currency,
  consultationMinutes: row.consultationMinutes,
  consultationTypes: row.consultationTypes,
  intro: row.intro,
  policy: row.policy,
});

export const toSettings = (row: StudioRow): StudioSettings => ({
  ...profileOf(row),
  id: row.id,
  logoSha256: row.logoSha256,
  version: row.version,
  updatedAt: row.updatedAt.toISOString(),
});

export class StudioService {
  constructor(
    private readonly deps: { db: Database; blobs: BlobStore; maxPixels: number; spoolDir: string },
  ) {}

  async get(actor: Actor): Promise<StudioSettings> {
    const row = await this.deps.db.withStudio(actor.studioId, (tx) =>
      studioRepository.findById(tx, actor.studioId),
    );
    return toSettings(row!);
  }

  async update(actor: Actor, request: UpdateStudioRequest): Promise<StudioSettings> {
    if (actor.role !== 'owner') throw studioErrors.ownerOnly();
    const { version, ...fields } = request;
    const { db } = this.deps;
    if (fields.slug !== undefined) {
      const slug = fields.slug;
      // System: slugs are unique across studios, which the app role cannot see.
      if (await db.asSystem((tx) => studioRepository.slugTaken(tx, slug, actor.studioId)))
        throw studioErrors.slugTaken(slug);
    }
    return db.withStudio(actor.studioId, async (tx) => {
      const row = await studioRepository.update(tx, actor.studioId, version, fields);
      if (!row)
        throw studioErrors.staleStudio((await studioRepository.findById(tx, actor.studioId))!.version);
      await audit(tx, actor, 'studio.update', 'studio', actor.studioId, { fields: Object.keys(fields) });
      return toSettings(row);
    });
  }

  /** Takes a logo through the photo intake (HEIC refused, metadata stripped, limits), as a PNG. */
  async setLogo(actor: Actor, contentType: string | undefined, body: unknown): Promise<StudioSettings> {
    if (actor.role !== 'owner') throw studioErrors.ownerOnly();
    await mkdir(this.deps.spoolDir, { recursive: true, mode: 0o700 });
    const outPath = tempPath(this.deps.spoolDir, 'logo');
    let logo: Buffer;
    try {
      const image = await intakePhoto(
        { contentType, filename: undefined, body: isSpooledUpload(body) ? body : undefined },
        { maxPixels: this.deps.maxPixels, outPath },
      );
      logo = await logoImage(await readFile(image.path));
    } finally {
      await rm(outPath, { force: true });
    }
    const stored = await this.deps.blobs.put(logo);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const current = (await studioRepository.findById(tx, actor.studioId))!;
      const row = await studioRepository.update(tx, actor.studioId, current.version, {
        logoSha256: stored.sha256,
      });
      await audit(tx, actor, 'studio.update', 'studio', actor.studioId, { fields: ['logo'] });
      return toSettings(row!);
    });
  }

  async removeLogo(actor: Actor): Promise<StudioSettings> {
    if (actor.role !== 'owner') throw studioErrors.ownerOnly();
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const current = (await studioRepository.findById(tx, actor.studioId))!;
      const row = await studioRepository.update(tx, actor.studioId, current.version, { logoSha256: null });
      await audit(tx, actor, 'studio.update', 'studio', actor.studioId, { fields: ['logo'] });
      return toSettings(row!);
    });
  }

  /** The logo's PNG bytes, or 404. */
  async logo(studioId: string): Promise<{ data: Buffer; etag: string }> {
    const row = await this.deps.db.withStudio(studioId, (tx) => studioRepository.findById(tx, studioId));
    if (!row?.logoSha256) throw studioErrors.noLogo();
    return { data: await this.deps.blobs.get(row.logoSha256), etag: `"${row.logoSha256.slice(0, 32)}"` };
  }
}
