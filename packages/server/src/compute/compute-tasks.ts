// The CPU-heavy steps of the jobs (registration, analysis, camouflage and fill scores, the stages
// of a full render): functions of plain data, so that they run in the compute thread
// (`compute.worker.ts`) while the server's event loop keeps answering requests. Each task takes
// and returns what structured cloning carries (numbers, strings, plain objects, typed arrays).
// Large pixels cross in shared memory (`shared-pixels.ts`) or not at all: the analysis and the
// registration take the stored photos' bytes and decode them here, with sharp.
import {
  analyzePhoto,
  assessAlignment,
  camouflageScore,
  compareCamouflage,
  decodeScalpMap,
  differenceImage,
  mapFromMask,
  planSimulation,
  registerPhotos,
  segmentScalp,
  StageRenderer,
  warpToEarlier,
  type AnalyzeOptions,
  type CamouflageComparison,
  type ClientHair,
  type FollicleAnalysis,
  type Matrix3,
  type PhotoAnalysis,
  type PhotoPixels,
  type RgbImage,
  type ScalpMap,
  type ZonesFile,
} from '@stipple/core';
import { decodeRgb, type RawRgb } from '../media/image-processing.js';
import { fillMatches } from '../previews/fill-matches.js';
import { inSharedMemory, sharedCopy, type Shared } from './shared-pixels.js';

type AnalysisImage = Parameters<typeof analyzePhoto>[0];

/** One rendered stage, as the render task reports it while it goes on. */
export interface StageEvent {
  index: number;
  count: number;
  name: string;
  stage: {
    look: 'fresh' | 'healed' | 'faded';
    afterSession: number;
    years?: number;
    scarRetention?: 'expected' | 'poor';
  };
  image: RgbImage;
}

/** What the render task returns once every stage was reported. */
export interface RenderedStagesSummary {
  impressions: number;
  summary: ReturnType<typeof planSimulation>['summary'];
  planMs: number;
  stagesMs: number;
}

function compareInsideMap(
  before: AnalysisImage,
  after: AnalysisImage,
  zones: { id: string; polygon: [number, number][] }[],
  pxPerMm: number,
  analysis: PhotoAnalysis,
): CamouflageComparison[] {
  const map = decodeScalpMap(analysis.scalpMap, 'corrected');
  const margin = CAMOUFLAGE_MARGIN_MM * pxPerMm;
  const xs = zones.flatMap((z) => z.polygon.map((p) => p[0]));
  const ys = zones.flatMap((z) => z.polygon.map((p) => p[1]));
  const x0 = Math.max(0, Math.floor(Math.min(...xs) - margin));
  const y0 = Math.max(0, Math.floor(Math.min(...ys) - margin));
  const x1 = Math.min(after.width, Math.ceil(Math.max(...xs) + margin));
  const y1 = Math.min(after.height, Math.ceil(Math.max(...ys) + margin));
  const afterAnalysis = analyzePhoto(after, {
    calibration: { pxPerMm },
    roi: { x: x0, y: y0, w: x1 - x0, h: y1 - y0 },
    scalpMap: map,
  });
  const b = camouflageScore(before, zones, { pxPerMm, analysis });
  const a = camouflageScore(after, zones, { pxPerMm, analysis: afterAnalysis });
  return b.map((zb, i) => ({
    id: zb.id,
    before: zb,
    after: a[i]!,
    deltaE00Reduction: Math.round((zb.deltaE00 - a[i]!.deltaE00) * 100) / 100,
  }));
}

/**
 * The artist's correction as a map of the photo, with the automatic map it was drawn over (the
 * correction takes the hair coverage from it). The labels are classes (0-3) at the map's size;
 * `mapFromMask` resamples them if a newer segmentation chose another map size since.
 */
function correctedMaps(
  image: AnalysisImage,
  labels: { width: number; height: number; data: Uint8Array },
  pxPerMm: number | null,
): { automatic: ScalpMap; corrected: ScalpMap } {
  const automatic = segmentScalp(image, { pxPerMm });
  const corrected = mapFromMask(labels, image, automatic, 'scalpMap');
  return { automatic, corrected: { ...corrected, source: 'corrected' } };
}

function decodedPair(earlier: Uint8Array, later: Uint8Array): Promise<[PhotoPixels, PhotoPixels]> {
  return Promise.all([decodeRgb(earlier), decodeRgb(later)]);
}

/** The two photos' sizes as decoded (turned upright), for the caller's smaller renditions. */
function sizesOf(earlier: PhotoPixels, later: PhotoPixels) {
  return {
    earlier: { width: earlier.width, height: earlier.height },
    later: { width: later.width, height: later.height },
  };
}

/** Round the scars the score compares a ring (5 mm, 1 mm off the zone): this margin holds it. */
const CAMOUFLAGE_MARGIN_MM = 8;

export const computeTasks = {
  /** The follow-up registered on the earlier photo, both decoded here from their stored bytes. */
  registerPhotos: async (earlier: Uint8Array, later: Uint8Array) => {
    const [e, l] = await decodedPair(earlier, later);
    return { registration: registerPhotos(e, l), sizes: sizesOf(e, l) };
  },

  /** How well a transform the artist placed by points lines up the two stored photos. */
  assessAlignment: async (earlier: Uint8Array, later: Uint8Array, laterFromEarlier: Matrix3) => {
    const [e, l] = await decodedPair(earlier, later);
    return { quality: assessAlignment(e, l, laterFromEarlier), sizes: sizesOf(e, l) };
  },

  /** The follow-up warped into the earlier photo's frame, and the difference of the two. */
  alignedDifference: (earlier: PhotoPixels, later: PhotoPixels, onSmall: Matrix3) => {
    const aligned = warpToEarlier(later, onSmall, earlier.width, earlier.height);
    return { aligned, difference: differenceImage(earlier, aligned) };
  },

  /**
   * The whole photo analysis of a stored photo, decoded here (its pixels, 36 MB for 12 MP, never
   * cross between threads: serializing them held the event loop 0.2-0.3 s), inside the artist's
   * corrected map when the photo has one (`correction`, drawn over the automatic map, which is made
   * again here and returned for the job to store); the stage timings are this thread's clock.
   */
  analyzePhoto: async (
    encoded: Uint8Array,
    options: Omit<AnalyzeOptions, 'clock' | 'scalpMap'>,
    correction: {
      labels: { width: number; height: number; data: Uint8Array };
      pxPerMm: number | null;
    } | null,
  ): Promise<{ result: PhotoAnalysis; automatic: ScalpMap | null }> => {
    const image = await decodeRgb(encoded);
    const maps = correction ? correctedMaps(image, correction.labels, correction.pxPerMm) : null;
    const result = analyzePhoto(image, {
      ...options,
      ...(maps ? { scalpMap: maps.corrected } : {}),
      clock: performance,
    });
    return { result, automatic: maps?.automatic ?? null };
  },

  /**
   * A stored photo decoded into shared memory, for a render that sends it to this thread several
   * times (stages, fill scores, camouflage). The copy into shared memory is made here: on the
   * event loop it held every request for 0.15-0.19 s for a 12-megapixel photo.
   */
  decodeShared: async (encoded: Uint8Array): Promise<Shared<RawRgb>> =>
    inSharedMemory(await decodeRgb(encoded)),

  /**
   * The camouflage of each scar zone, inside the artist's corrected map when the stored analysis
   * has one that covers the photo, else with the score's own automatic map.
   */
  camouflage: (
    before: AnalysisImage,
    after: AnalysisImage,
    zones: { id: string; polygon: [number, number][] }[],
    pxPerMm: number,
    correctedAnalysis: PhotoAnalysis | null,
  ): CamouflageComparison[] =>
    correctedAnalysis?.scalpMap &&
    correctedAnalysis.scalpMap.width * correctedAnalysis.scalpMap.factor >=
      before.width - correctedAnalysis.scalpMap.factor
      ? compareInsideMap(before, after, zones, pxPerMm, correctedAnalysis)
      : compareCamouflage(before, after, zones, { pxPerMm }),

  fillMatches: (...args: Parameters<typeof fillMatches>) => fillMatches(...args),

  /**
   * Plans the impressions and renders every stage at the photo's size, reporting each stage as it
   * is done (the caller encodes it while the next one renders).
   */
  renderStages: (
    photo: RgbImage,
    zones: ZonesFile,
    analysis: FollicleAnalysis | undefined,
    hair: ClientHair | undefined,
    report: (event: StageEvent) => void,
  ): RenderedStagesSummary => {
    let t = performance.now();
    const sim = planSimulation(zones, photo, analysis, hair ? { hair } : {});
    const planMs = Math.round(performance.now() - t);
    t = performance.now();
    const renderer = new StageRenderer(photo, 1);
    for (const [index, { name, stage }] of sim.stages.entries()) {
      const image = renderer.render(sim.impressions, stage);
      // The renderer reuses its output buffer: the report carries a copy of its own, in shared
      // memory, so that the healed stage goes back to this thread for the scores without a copy.
      report({
        index,
        count: sim.stages.length,
        name,
        stage,
        image: { ...image, data: sharedCopy(image.data) },
      });
    }
    const impressions = sim.summary.reduce(
      (n, z) => n + z.impressionsPerSession.reduce((a, b) => a + b, 0),
      0,
    );
    return { impressions, summary: sim.summary, planMs, stagesMs: Math.round(performance.now() - t) };
  },
};

export type ComputeTasks = typeof computeTasks;
export type ComputeTaskName = keyof ComputeTasks;
