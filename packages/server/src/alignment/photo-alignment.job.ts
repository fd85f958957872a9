// Aligns a follow-up photo to the earlier one outside the request (registration of full-size
// originals takes seconds).
import { z } from 'zod';
import type { JobDefinition } from '../jobs/job-queue.js';
import { PHOTO_ALIGNMENT_JOB, type AlignmentService } from './alignment.service.js';

export const PhotoAlignmentPayload = z.strictObject({
  studioId: z.uuid(),
  alignmentId: z.uuid(),
  /** The row's version when queued: a newer start or correction makes this run write nothing. */
  version: z.int().min(1),
});
export type PhotoAlignmentPayload = z.infer<typeof PhotoAlignmentPayload>;

export function photoAlignmentJob(alignments: AlignmentService): JobDefinition<PhotoAlignmentPayload> {
  return {
    name: PHOTO_ALIGNMENT_JOB,
    payload: PhotoAlignmentPayload,
    retryLimit: 1,
    retryDelaySeconds: 10,
    handler: (payload) => alignments.run(payload.studioId, payload.alignmentId, payload.version),
  };
}
