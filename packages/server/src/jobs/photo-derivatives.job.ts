// Makes a photo's preview and thumbnail after the upload, outside the request.
import { z } from 'zod';
import { PHOTO_DERIVATIVES_JOB, type PhotoService } from '../photos/photo.service.js';
import type { JobDefinition } from './job-queue.js';

export const PhotoDerivativesPayload = z.strictObject({ studioId: z.uuid(), photoId: z.uuid() });
export type PhotoDerivativesPayload = z.infer<typeof PhotoDerivativesPayload>;

export function photoDerivativesJob(photos: PhotoService): JobDefinition<PhotoDerivativesPayload> {
  return {
    name: PHOTO_DERIVATIVES_JOB,
    payload: PhotoDerivativesPayload,
    retryLimit: 3,
    retryDelaySeconds: 5,
    handler: (payload) => photos.makeDerivatives(payload.studioId, payload.photoId),
  };
}
