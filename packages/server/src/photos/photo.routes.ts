// Photos: the upload takes the image itself as the request body (content-type image/jpeg,
// image/png or image/webp) with the view, date and file name in the query string; the bytes are
// served only to signed-in owners and artists of the studio, never to shared caches.
import { Gallery, Photo, PhotoList, PhotoUploadQuery, UpdatePhotoRequest } from '@stipple/core';
import type { FastifyPluginCallbackZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { rm } from 'node:fs/promises';
import { errorCodes } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../http/auth.plugin.js';
import { IdParams, errorResponses } from '../http/route-schemas.js';
import type { PhotoService } from './photo.service.js';
import { isSpooledUpload, spoolUpload } from './upload-spool.js';

const FileQuery = z.strictObject({ size: z.enum(['original', 'preview', 'thumb']).default('preview') });

export const photoRoutes: FastifyPluginCallbackZod<{
  photos: PhotoService;
  maxBytes: number;
  spoolDir: string;
}> = (app, { photos, maxBytes, spoolDir }, done) => {
  // Any body type reaches the upload (and only the upload: a scope of its own), so that HEIC, GIF or
  // a mislabelled file get an answer that says what to send instead of a generic 415. The body is
  // spooled to a private file as it arrives, and the file goes when the answer has been sent.
  app.register((upload, _opts, next) => {
    upload.addContentTypeParser('*', (request, payload, parsed) => {
      const declared = Number(request.headers['content-length']);
      if (declared > maxBytes) {
        parsed(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE(), undefined);
        return;
      }
      spoolUpload(payload, spoolDir, maxBytes).then(
        (spooled) => parsed(null, spooled),
        (err: Error) => parsed(err, undefined),
      );
    });
    upload.addHook('onResponse', async (request) => {
      if (isSpooledUpload(request.body)) await rm(request.body.path, { force: true });
    });
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
    next();
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
    async (request, reply) => {
      const file = await photos.file(actorOf(request), request.params.id, request.query.size);
      // Health data: only this browser may keep it, and it asks again (304 by ETag) after an hour;
      // the original standing in for a rendition not made yet is asked for again every time, or the
      // browser would keep the full-size image under the rendition's address for that hour.
      void reply.headers({
        'cache-control': file.standIn ? 'private, no-cache' : 'private, max-age=3600',
        vary: 'Cookie',
        etag: file.etag,
        'content-disposition': 'inline',
      });
      if (request.headers['if-none-match'] === file.etag) return reply.status(304).send();
      const { stream, bytes } = await file.open();
      return reply.type(file.contentType).header('content-length', bytes).send(stream);
    },
  );
  done();
};
