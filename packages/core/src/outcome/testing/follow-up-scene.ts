// A photo of bare skin with a fill and a flat scar zone, and its healed follow-up rendered by the
// preview itself at a known retention of the scar: the scene the outcome tests of core, server
// and browser measure.
import { ZonesFile } from '../../domain/zones.schema.js';
import { renderStage, type RgbImage } from '../../render/render-stage.js';
import { planSimulation } from '../../render/simulate.js';

export const SCENE_W = 520;
export const SCENE_H = 320;

/** Light-brown skin with a fixed fine texture, like a shaved scalp without stubble. */
export function skinPhoto(): RgbImage {
  const data = new Uint8Array(SCENE_W * SCENE_H * 3);
  for (let i = 0; i < SCENE_W * SCENE_H; i++) {
    const t = ((i * 2654435761) >>> 24) / 255 - 0.5;
    data[3 * i] = 200 + 10 * t;
    data[3 * i + 1] = 158 + 8 * t;
    data[3 * i + 2] = 138 + 8 * t;
  }
  return { width: SCENE_W, height: SCENE_H, channels: 3, data };
}

const square = (x0: number, y0: number, x1: number, y1: number): [number, number][] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
];

/** `crown` (fill) and `strip` (a flat scar, named like the FUT fixtures' scar), 12 px/mm, 3 sessions. */
export function sceneZones(scarRetention?: number): ZonesFile {
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
 * The healed result of session 1 on `photo` when the scar kept `retention`, taken `shift` px to the
 * right: the follow-up's pixel x shows the photo's x + shift (transform [1, 0, shift, 0, 1, 0, 0, 0, 1]).
 */
export function healedFollowUp(retention: number, shift = 0, photo = skinPhoto()): RgbImage {
  const healed = renderStage(photo, planSimulation(sceneZones(retention), photo).impressions, {
    look: 'healed',
    afterSession: 1,
  });
  const { width: w, height: h } = photo;
  const out = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const from = (y * w + Math.min(w - 1, x + shift)) * 3;
      out.set(healed.data.subarray(from, from + 3), (y * w + x) * 3);
    }
  return { width: w, height: h, channels: 3, data: out };
}
