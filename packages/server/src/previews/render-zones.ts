// The full-resolution render of a photo's zones: the same `planSimulation` and stage rendering as
// `stipple simulate` and the web preview, on the stored original, every stage kept as a full-size
// JPEG (quality 92, no chroma subsampling: the dots stay crisp at 100 %) plus a screen-sized one.
// The stages render in the compute thread when one is given (the server's jobs: the event loop
// keeps answering requests), else here; each stage is encoded by sharp (off the main thread) as
// soon as it is reported, one at a time, while the next one renders.
import type { ClientHair, FollicleAnalysis, RgbImage, ZoneSummary, ZonesFile } from '@stipple/core';
import { computeTasks, type StageEvent } from '../compute/compute-tasks.js';
import type { ComputeThread } from '../compute/compute-thread.js';
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

export async function renderZones(
  photo: RawRgb,
  zones: ZonesFile,
  options: {
    analysis?: FollicleAnalysis;
    hair?: ClientHair;
    onProgress?: (percent: number) => Promise<void>;
    compute?: ComputeThread;
  } = {},
): Promise<RenderedZones> {
  const progress = options.onProgress ?? (() => Promise.resolve());
  const stages: RenderedStage[] = [];
  let healed: RgbImage | null = null;
  let encoding: Promise<void> = Promise.resolve();
  const onStage = ({ index, count, name, stage, image }: StageEvent) => {
    if (stage.look === 'healed' && stage.scarRetention !== 'poor') healed = image;
    encoding = encoding.then(async () => {
      const [full, preview] = await Promise.all([
        encodeStageJpeg(image),
        encodeJpegRendition(image, PREVIEW_LONG_EDGE),
      ]);
      stages[index] = {
        name,
        look: stage.look,
        afterSession: stage.afterSession,
        years: stage.look === 'faded' ? (stage.years ?? null) : null,
        scarRetention: stage.look === 'healed' ? (stage.scarRetention ?? 'expected') : null,
        width: image.width,
        height: image.height,
        full,
        preview,
      };
      // Planning is about a fifth of the work; each stage shares the rest.
      await progress(20 + Math.round((75 * (index + 1)) / count));
    });
  };
  const args = [photo, zones, options.analysis, options.hair] as const;
  let done: Awaited<ReturnType<typeof computeTasks.renderStages>>;
  try {
    done = options.compute
      ? await options.compute.run('renderStages', [...args], onStage)
      : computeTasks.renderStages(...args, onStage);
  } finally {
    // Whatever happened, no encoding is left running behind the caller's back.
    await encoding.catch(() => undefined);
  }
  await encoding;
  return {
    stages,
    impressions: done.impressions,
    healed: healed ?? photo,
    summary: done.summary,
    timingsMs: { plan: done.planMs, stages: done.stagesMs },
  };
}
