// Comparable photos: align a follow-up to the earlier photo of its view (a job), correct it with
// point pairs, read the result and its images. Owners and artists only (clinical records).
import {
  AlignmentImageQuery,
  CorrectAlignmentRequest,
  PhotoAlignment,
  StartAlignmentRequest,
} from '@stipple/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth.plugin.js';
import { requestLocale } from '../http/request-locale.js';
import { IdParams, errorResponses } from '../http/route-schemas.js';
import { sendStoredImage } from '../http/send-stored-image.js';
import type { AlignmentService } from './alignment.service.js';

export const alignmentRoutes: FastifyPluginCallbackZod<{ alignments: AlignmentService }> = (
  app,
  { alignments },
  done,
) => {
  app.get(
    '/api/photos/:id/alignment',
    {
      schema: {
        tags: ['photos'],
        summary:
          'The alignment of a follow-up photo to the earlier photo of its view: the transform both ways (3×3 row-major, full-size pixels), its quality, method and whether the artist corrected it; null before one was started',
        params: IdParams,
        response: { 200: PhotoAlignment.nullable(), ...errorResponses },
      },
    },
    async (request) => alignments.get(actorOf(request), request.params.id, requestLocale(request)),
  );

  app.post(
    '/api/photos/:id/alignment',
    {
      schema: {
        tags: ['photos'],
        summary:
          'Align the photo (a job) to the given earlier photo, or to the last earlier photo of the same view',
        params: IdParams,
        body: StartAlignmentRequest.optional(),
        response: { 202: PhotoAlignment, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(202)
        .send(
          await alignments.start(
            actorOf(request),
            request.params.id,
            request.body ?? {},
            requestLocale(request),
          ),
        ),
  );

  app.put(
    '/api/photos/:id/alignment/points',
    {
      schema: {
        tags: ['photos'],
        summary:
          "Correct the alignment with the artist's point pairs (3: affine, 4 or more: homography); the images follow in a job",
        params: IdParams,
        body: CorrectAlignmentRequest,
        response: { 202: PhotoAlignment, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(202)
        .send(
          await alignments.correct(actorOf(request), request.params.id, request.body, requestLocale(request)),
        ),
  );

  app.get(
    '/api/photos/:id/alignment/image',
    {
      schema: {
        tags: ['photos'],
        summary:
          "The follow-up resampled into the earlier photo's frame (aligned, WebP with transparency) or the difference image (JPEG), at preview size",
        params: IdParams,
        querystring: AlignmentImageQuery,
      },
    },
    async (request, reply) =>
      sendStoredImage(
        request,
        reply,
        await alignments.image(actorOf(request), request.params.id, request.query.kind),
      ),
  );
  done();
};
