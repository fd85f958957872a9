// Runs the photo analysis on the stored original, outside the request.
import { z } from 'zod';
import type { JobDefinition } from '../jobs/job-queue.js';
import { PHOTO_ANALYSIS_JOB, type PhotoAnalysisService } from './photo-analysis.service.js';

export const PhotoAnalysisPayload = z.strictObject({
  studioId: z.uuid(),
  analysisId: z.uuid(),
  /** A render waiting for this analysis (the artist corrected the scalp map). */
  thenRender: z.uuid().optional(),
});
export type PhotoAnalysisPayload = z.infer<typeof PhotoAnalysisPayload>;

export function photoAnalysisJob(analysis: PhotoAnalysisService): JobDefinition<PhotoAnalysisPayload> {
  return {
    name: PHOTO_ANALYSIS_JOB,
    payload: PhotoAnalysisPayload,
    retryLimit: 1,
    retryDelaySeconds: 10,
    handler: (payload) => analysis.run(payload.studioId, payload.analysisId, payload.thenRender),
  };
}
