// The outcome scene of core (a skin photo with zones and its healed follow-up at a known scar
// retention) as the PNGs tests upload.
import type { RgbImage } from '@stipple/core';
import sharp from 'sharp';

export {
  healedFollowUp,
  sceneZones as followUpZones,
  skinPhoto,
} from '@stipple/core/outcome/testing/follow-up-scene';

export const pngOf = (image: RgbImage): Promise<Buffer> =>
  sharp(Buffer.from(image.data), { raw: { width: image.width, height: image.height, channels: 3 } })
    .png()
    .toBuffer();
