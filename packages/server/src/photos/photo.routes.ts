// Photos: the upload takes the image itself as the request body (content-type image/jpeg,
// image/png or image/webp) with the view, date and file name in the query string; the bytes are
// served only to signed-in owners and artists of the studio, never to shared caches.
import { Gallery, Photo, PhotoList, PhotoUploadQuery, UpdatePhotoRequest } from '@stipple/core';
import type { FastifyPluginCallbackZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth.plugin.js';
import { imageUploadScope } from '../http/image-upload.js';
import { IdParams, errorResponses } from '../http/route-schemas.js';
import { sendStoredImage } from '../http/send-stored-image.js';
import type { PhotoService } from './photo.service.js';
import { isSpooledUpload } from './upload-spool.js';

const FileQuery = z.strictObject({ size: z.enum(['original', 'preview', 'thumb']).default('preview') });

export const photoRoutes: FastifyPluginCallbackZod<{
  photos: PhotoService;
  maxBytes: number;
  spoolDir: string;
}> = (app, { photos, maxBytes, spoolDir }, done) => {
  imageUploadScope(app, { maxBytes, spoolDir }, (upload) => {
    upload.withTypeProvider<ZodTypeProvider>().post(
      '/api/clients/:id/photos',
      {
        bodyLimit: maxBytes,
        schema: {
          tags: ['photos'],
          summary:
            'Upload a photo of a client: the image file as the body (JPEG, PNG or WebP; HEIC is refused with 415), view and date in the query',
          params: IdParams,
          querystring: PhotoUploadQuery,
          response: { 201: Photo, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await photos.upload(
              actorOf(request),
              request.params.id,
              request.query,
              request.headers['content-type'],
              isSpooledUpload(request.body) ? request.body : undefined,
            ),
          ),
    );
  });

  app.get(
    '/api/clients/:id/photos',
    {
      schema: {
        tags: ['photos'],
        summary: "A client's photos (owners and artists)",
        params: IdParams,
        response: { 200: PhotoList, ...errorResponses },
      },
    },
    async (request) => photos.list(actorOf(request), request.params.id),
  );

  app.get(
    '/api/photos/gallery',
    {
      schema: {
        tags: ['photos'],
        summary: 'The studio gallery: photos of clients with an active photo-use consent only',
        response: { 200: Gallery, ...errorResponses },
      },
    },
    async (request) => photos.gallery(actorOf(request)),
  );

  app.get(
    '/api/photos/:id',
    {
      schema: {
        tags: ['photos'],
        summary: 'One photo',
        params: IdParams,
        response: { 200: Photo, ...errorResponses },
      },
    },
    async (request) => photos.get(actorOf(request), request.params.id),
  );

  app.patch(
    '/api/photos/:id',
    {
      schema: {
        tags: ['photos'],
        summary:
          'Change the view or date, or set the calibration (px per mm, or two ruler points and their mm)',
        params: IdParams,
        body: UpdatePhotoRequest,
        response: { 200: Photo, ...errorResponses },
      },
    },
    async (request) => photos.update(actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/photos/:id/file',
    {
      schema: {
        tags: ['photos'],
        summary: 'The image: original (oriented, no metadata), preview (~1600 px) or thumb (~320 px)',
        params: IdParams,
        querystring: FileQuery,
      },
    },
    async (request, reply) =>
      sendStoredImage(
        request,
        reply,
        await photos.file(actorOf(request), request.params.id, request.query.size),
      ),
  );
  done();
};
