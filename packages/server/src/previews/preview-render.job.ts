// Renders a photo's zones at full resolution after a save, outside the request.
import { z } from 'zod';
import type { JobDefinition } from '../jobs/job-queue.js';
import { PREVIEW_RENDER_JOB, type PreviewService } from './preview.service.js';

export const PreviewRenderPayload = z.strictObject({ studioId: z.uuid(), renderId: z.uuid() });
export type PreviewRenderPayload = z.infer<typeof PreviewRenderPayload>;

export function previewRenderJob(previews: PreviewService): JobDefinition<PreviewRenderPayload> {
  return {
    name: PREVIEW_RENDER_JOB,
    payload: PreviewRenderPayload,
    // The render is deterministic: a failure is recorded on the render row, not retried for ever.
    retryLimit: 1,
    retryDelaySeconds: 10,
    handler: (payload) => previews.runRender(payload.studioId, payload.renderId),
  };
}
