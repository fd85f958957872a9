// The full-resolution render of a photo's zones: the same `planSimulation` and stage rendering as
// `stipple simulate` and the web preview, on the stored original, every stage kept as a full-size
// JPEG (quality 92, no chroma subsampling: the dots stay crisp at 100 %) plus a screen-sized one.
// One stage is encoded (by sharp, off the main thread) while the next is rendered; the loop yields
// to the event loop between steps so that the server keeps answering while a render runs.
import {
  planSimulation,
  StageRenderer,
  type ClientHair,
  type FollicleAnalysis,
  type RgbImage,
  type ZoneSummary,
  type ZonesFile,
} from '@stipple/core';
import {
  encodeJpegRendition,
  encodeStageJpeg,
  PREVIEW_LONG_EDGE,
  type RawRgb,
} from '../media/image-processing.js';

export interface RenderedStage {
  name: string;
  look: 'fresh' | 'healed' | 'faded';
  afterSession: number;
  years: number | null;
  scarRetention: 'expected' | 'poor' | null;
  width: number;
  height: number;
  full: Buffer;
  preview: Buffer;
}

export interface RenderedZones {
  stages: RenderedStage[];
  impressions: number;
  /** The healed render's pixels, for the camouflage score. */
  healed: RgbImage;
  summary: ZoneSummary[];
  timingsMs: Record<string, number>;
}

const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function renderZones(
  photo: RawRgb,
  zones: ZonesFile,
  options: {
    analysis?: FollicleAnalysis;
    hair?: ClientHair;
    onProgress?: (percent: number) => Promise<void>;
  } = {},
): Promise<RenderedZones> {
  const progress = options.onProgress ?? (() => Promise.resolve());
  const timingsMs: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const at = performance.now();
    timingsMs[name] = Math.round(at - t);
    t = at;
  };
  await breathe();
  const sim = planSimulation(zones, photo, options.analysis, options.hair ? { hair: options.hair } : {});
  lap('plan');
  // Planning is about a fifth of the work; each stage shares the rest.
  await progress(20);
  // Two outputs: one is encoded while the other is rendered.
  const renderer = new StageRenderer(photo, 2);
  const stages: RenderedStage[] = [];
  let healed: RgbImage | null = null;
  let pending: Promise<void> = Promise.resolve();
  for (const [i, { name, stage }] of sim.stages.entries()) {
    const image = renderer.render(sim.impressions, stage);
    // The healed pixels outlive the output buffer they were rendered into.
    if (stage.look === 'healed' && stage.scarRetention !== 'poor')
      healed = { ...image, data: new Uint8Array(image.data) };
    // The output rendered two stages ago is free once its encoding is done.
    await pending;
    pending = Promise.all([encodeStageJpeg(image), encodeJpegRendition(image, PREVIEW_LONG_EDGE)]).then(
      ([full, preview]) => {
        stages.push({
          name,
          look: stage.look,
          afterSession: stage.afterSession,
          years: stage.look === 'faded' ? stage.years : null,
          scarRetention: stage.look === 'healed' ? (stage.scarRetention ?? 'expected') : null,
          width: image.width,
          height: image.height,
          full,
          preview,
        });
        return progress(20 + Math.round((75 * (i + 1)) / sim.stages.length));
      },
    );
    await breathe();
  }
  await pending;
  lap('stages');
  const impressions = sim.summary.reduce((n, z) => n + z.impressionsPerSession.reduce((a, b) => a + b, 0), 0);
  return { stages, impressions, healed: healed ?? photo, summary: sim.summary, timingsMs };
}
