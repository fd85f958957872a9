// The full-resolution render of a photo's zones: the same `planSimulation` and `renderStage` as
// `stipple simulate` and the web preview, on the stored original, every stage kept as a PNG plus a
// screen-sized JPEG. CPU-heavy steps are synchronous; the loop yields to the event loop between
// them so that the server keeps answering while a render runs.
import {
  planSimulation,
  renderStage,
  type FollicleAnalysis,
  type RgbImage,
  type ZonesFile,
} from '@stipple/core';
import { encodeJpegRendition, encodePng, PREVIEW_LONG_EDGE, type RawRgb } from '../media/image-processing.js';

export interface RenderedStage {
  name: string;
  look: 'fresh' | 'healed' | 'faded';
  afterSession: number;
  years: number | null;
  width: number;
  height: number;
  png: Buffer;
  preview: Buffer;
}

export interface RenderedZones {
  stages: RenderedStage[];
  impressions: number;
  /** The healed render's pixels, for the camouflage score. */
  healed: RgbImage;
}

const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function renderZones(
  photo: RawRgb,
  zones: ZonesFile,
  options: { analysis?: FollicleAnalysis; onProgress?: (percent: number) => Promise<void> } = {},
): Promise<RenderedZones> {
  const progress = options.onProgress ?? (() => Promise.resolve());
  await breathe();
  const sim = planSimulation(zones, photo, options.analysis);
  // Planning is about a fifth of the work; each stage shares the rest.
  await progress(20);
  const stages: RenderedStage[] = [];
  let healed: RgbImage = photo;
  for (const [i, { name, stage }] of sim.stages.entries()) {
    await breathe();
    const image = renderStage(photo, sim.impressions, stage);
    if (stage.look === 'healed') healed = image;
    const [png, preview] = await Promise.all([
      encodePng(image),
      encodeJpegRendition(image, PREVIEW_LONG_EDGE),
    ]);
    stages.push({
      name,
      look: stage.look,
      afterSession: stage.afterSession,
      years: stage.look === 'faded' ? stage.years : null,
      width: image.width,
      height: image.height,
      png,
      preview,
    });
    await progress(20 + Math.round((75 * (i + 1)) / sim.stages.length));
  }
  const impressions = sim.summary.reduce((n, z) => n + z.impressionsPerSession.reduce((a, b) => a + b, 0), 0);
  return { stages, impressions, healed };
}
