// The before-and-after gallery: staff add and take out pairs; the studio's public page shows the
// pairs whose photo-use consent is active, without naming the client.
import { AddGalleryPairRequest, GalleryPair, PublicGallery, StaffGalleryPairList } from '@stipple/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { BookingService } from '../booking/booking.service.js';
import { actorOf } from '../http/auth.plugin.js';
import { IdParams, NoContent, errorResponses } from '../http/route-schemas.js';
import type { GalleryService } from './gallery.service.js';

const SideParams = z.strictObject({ id: z.uuid(), side: z.enum(['before', 'after']) });
const SlugParams = z.strictObject({ slug: z.string().min(1).max(60) });
const PublicSideParams = SlugParams.extend({ id: z.uuid(), side: z.enum(['before', 'after']) });

export const galleryRoutes: FastifyPluginCallbackZod<{
  gallery: GalleryService;
  bookings: BookingService;
}> = (app, { gallery, bookings }, done) => {
  app.post(
    '/api/clients/:id/gallery-pairs',
    {
      schema: {
        tags: ['gallery'],
        summary:
          "Put a before-and-after pair of the client's photos in the studio's gallery: needs the client's active photo-use consent (owners and artists)",
        params: IdParams,
        body: AddGalleryPairRequest,
        response: { 200: GalleryPair, ...errorResponses },
      },
    },
    async (request) => gallery.add(actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/gallery-pairs',
    {
      schema: {
        tags: ['gallery'],
        summary: 'The before-and-after pairs the gallery shows now (owners and artists)',
        response: { 200: StaffGalleryPairList, ...errorResponses },
      },
    },
    async (request) => gallery.list(actorOf(request)),
  );
  app.delete(
    '/api/gallery-pairs/:id',
    {
      schema: {
        tags: ['gallery'],
        summary: 'Take a pair out of the gallery (owners and artists)',
        params: IdParams,
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await gallery.remove(actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/gallery-pairs/:id/:side',
    {
      schema: {
        tags: ['gallery'],
        summary: 'One side of a pair: the stored original, cropped only, watermarked (JPEG)',
        params: SideParams,
      },
    },
    async (request, reply) => {
      const jpeg = await gallery.image(actorOf(request), request.params.id, request.params.side);
      return reply.type('image/jpeg').header('cache-control', 'no-store').send(jpeg);
    },
  );
  const open = { access: 'public' } as const;
  app.get(
    '/api/public/studios/:slug/gallery',
    {
      config: open,
      schema: {
        tags: ['public'],
        summary: "The studio's before-and-after pairs with the clients' photo-use consent (no client named)",
        params: SlugParams,
        response: { 200: PublicGallery, ...errorResponses },
      },
    },
    async (request) => gallery.publicGallery((await bookings.bySlug(request.params.slug)).id),
  );
  app.get(
    '/api/public/studios/:slug/gallery/:id/:side',
    {
      config: open,
      schema: {
        tags: ['public'],
        summary: 'One side of a public pair (JPEG, watermarked)',
        params: PublicSideParams,
      },
    },
    async (request, reply) => {
      const studio = await bookings.bySlug(request.params.slug);
      const jpeg = await gallery.publicImage(studio.id, request.params.id, request.params.side);
      // Never cached: a withdrawal must take the picture off at once.
      return reply.type('image/jpeg').header('cache-control', 'no-store').send(jpeg);
    },
  );
  done();
};
