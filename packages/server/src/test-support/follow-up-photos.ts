// A photo of bare skin with zones, and its healed follow-up rendered by the preview itself at a
// known retention of the scar zone: what outcome and gallery tests upload.
import { planSimulation, renderStage, ZonesFile, type RgbImage } from '@stipple/core';
import sharp from 'sharp';

export const PHOTO_W = 520;
export const PHOTO_H = 320;

/** Light-brown skin with a fixed fine texture, like a shaved scalp without stubble. */
export function skinPhoto(): RgbImage {
  const data = new Uint8Array(PHOTO_W * PHOTO_H * 3);
  for (let i = 0; i < PHOTO_W * PHOTO_H; i++) {
    const t = ((i * 2654435761) >>> 24) / 255 - 0.5;
    data[3 * i] = 200 + 10 * t;
    data[3 * i + 1] = 158 + 8 * t;
    data[3 * i + 2] = 138 + 8 * t;
  }
  return { width: PHOTO_W, height: PHOTO_H, channels: 3, data };
}

const square = (x0: number, y0: number, x1: number, y1: number): [number, number][] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
];

/** A fill zone and a flat scar zone named like the FUT fixture's scar (`strip`), 12 px/mm. */
export function followUpZones(scarRetention?: number): ZonesFile {
  return ZonesFile.parse({
    calibration: { pxPerMm: 12 },
    seed: 11,
    sessions: 3,
    zones: [
      { id: 'crown', kind: 'fill', polygon: square(60, 70, 230, 250), densityPerCm2: 70, featherMm: 1 },
      {
        id: 'strip',
        kind: 'scar',
        polygon: square(300, 70, 460, 250),
        densityPerCm2: 70,
        featherMm: 1,
        texture: 'flat',
        ...(scarRetention === undefined ? {} : { retention: scarRetention }),
      },
    ],
  });
}

/**
 * The healed result of session 1 when the scar kept `retention`, photographed `shift` px to the
 * right: the follow-up's pixel x shows the earlier photo's x + shift (transform [1,0,shift,…]).
 */
export function healedFollowUp(retention: number, shift = 0): RgbImage {
  const photo = skinPhoto();
  const healed = renderStage(photo, planSimulation(followUpZones(retention), photo).impressions, {
    look: 'healed',
    afterSession: 1,
  });
  const out = new Uint8Array(healed.data.length);
  for (let y = 0; y < PHOTO_H; y++)
    for (let x = 0; x < PHOTO_W; x++) {
      const from = (y * PHOTO_W + Math.min(PHOTO_W - 1, x + shift)) * 3;
      out.set(healed.data.subarray(from, from + 3), (y * PHOTO_W + x) * 3);
    }
  return { ...healed, data: out };
}

export const pngOf = (image: RgbImage): Promise<Buffer> =>
  sharp(Buffer.from(image.data), { raw: { width: image.width, height: image.height, channels: 3 } })
    .png()
    .toBuffer();
