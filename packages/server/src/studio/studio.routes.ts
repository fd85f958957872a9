// The studio settings (every member reads them, the owner changes them) and its logo.
import { StudioSettings, UpdateStudioRequest } from '@stipple/core';
import type { FastifyPluginCallbackZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth.plugin.js';
import { imageUploadScope } from '../http/image-upload.js';
import { errorResponses } from '../http/route-schemas.js';
import type { StudioService } from './studio.service.js';

export const studioRoutes: FastifyPluginCallbackZod<{
  studio: StudioService;
  maxBytes: number;
  spoolDir: string;
}> = (app, { studio, maxBytes, spoolDir }, done) => {
  app.get(
    '/api/studio',
    {
      schema: {
        tags: ['studio'],
        summary:
          'The studio settings: contact details, time zone, languages, consultation types, booking policy',
        response: { 200: StudioSettings, ...errorResponses },
      },
    },
    (request) => studio.get(actorOf(request)),
  );

  app.patch(
    '/api/studio',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['studio'],
        summary: 'Change the studio settings (owner); send the version you read (409 when stale)',
        body: UpdateStudioRequest,
        response: { 200: StudioSettings, ...errorResponses },
      },
    },
    (request) => studio.update(actorOf(request), request.body),
  );

  imageUploadScope(app, { maxBytes, spoolDir }, (upload) => {
    upload.withTypeProvider<ZodTypeProvider>().put(
      '/api/studio/logo',
      {
        bodyLimit: maxBytes,
        config: { access: 'owner' },
        schema: {
          tags: ['studio'],
          summary:
            'Set the logo (owner): the image file as the body (JPEG, PNG or WebP; HEIC refused with 415), kept as a PNG of at most 800×400',
          response: { 200: StudioSettings, ...errorResponses },
        },
      },
      (request) => studio.setLogo(actorOf(request), request.headers['content-type'], request.body),
    );
  });

  app.delete(
    '/api/studio/logo',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['studio'],
        summary: 'Remove the logo (owner)',
        response: { 200: StudioSettings, ...errorResponses },
      },
    },
    (request) => studio.removeLogo(actorOf(request)),
  );

  app.get(
    '/api/studio/logo',
    {
      schema: { tags: ['studio'], summary: 'The logo (PNG)' },
    },
    async (request, reply) => {
      const logo = await studio.logo(actorOf(request).studioId);
      void reply.headers({ 'cache-control': 'private, max-age=300', etag: logo.etag });
      if (request.headers['if-none-match'] === logo.etag) return reply.status(304).send();
      return reply.type('image/png').send(logo.data);
    },
  );
  done();
};
