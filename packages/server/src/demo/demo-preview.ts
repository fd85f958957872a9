// The demo studio's preview: the crown photo from the repository's fixtures, uploaded for a demo
// client with the example zones of `packages/cli/examples/`, so that a new user finds a rendered
// preview (every session, healed, after 5 years) under Preview. It goes through the same services
// as an artist's upload and save, so it is stored, stripped and rendered as any photo is. Outside a
// checkout (no fixtures) it is skipped.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ZonesFile } from '@stipple/core';
import type { FastifyBaseLogger } from 'fastify';
import type { Actor } from '../auth/actor.js';
import { describeFile } from '../photos/upload-spool.js';
import type { PhotoService } from '../photos/photo.service.js';
import type { PreviewService } from '../previews/preview.service.js';

const root = new URL('../../../../', import.meta.url);
const PHOTO = new URL('fixtures/photos/shaved-crown-stubble.jpg', root);
const ZONES = new URL('packages/cli/examples/crown-stubble.zones.json', root);

export async function seedDemoPreview(
  services: { photos: PhotoService; previews: PreviewService },
  who: { studioId: string; artistId: string; clientId: string; takenOn: string },
  log: FastifyBaseLogger,
): Promise<void> {
  if (!existsSync(PHOTO) || !existsSync(ZONES)) {
    log.info('demo preview skipped: the fixture photo is not beside this build');
    return;
  }
  const actor: Actor = { userId: who.artistId, studioId: who.studioId, role: 'artist', sessionId: 'demo' };
  const zones = ZonesFile.parse(JSON.parse(readFileSync(ZONES, 'utf8')));
  const photo = await services.photos.upload(
    actor,
    who.clientId,
    { view: 'top', takenOn: who.takenOn, filename: 'crown.jpg' },
    'image/jpeg',
    await describeFile(fileURLToPath(PHOTO)),
  );
  if ('pxPerMm' in zones.calibration)
    await services.photos.update(actor, photo.id, { calibration: { pxPerMm: zones.calibration.pxPerMm } });
  await services.previews.saveZones(actor, photo.id, { zones, version: 0 });
}
