// The studio's public page: the studio, its free consultation times, booking one (with photos
// from the phone), the waitlist, and asking for a sign-in link to the portal. No sign-in; every
// answer about a person is the same whether or not they are known.
import {
  BookingPhotoQuery,
  BookingPhotoReceipt,
  BookingReceipt,
  CreateBookingRequest,
  Id,
  JoinWaitlistRequest,
  PortalSignInRequest,
  PublicStudio,
  SlotList,
  SlotQuery,
} from '@stipple/core';
import type { FastifyPluginCallbackZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { imageUploadScope } from '../http/image-upload.js';
import { errorResponses } from '../http/route-schemas.js';
import type { PortalAuthService } from '../portal/portal-auth.service.js';
import type { StudioService } from '../studio/studio.service.js';
import type { BookingService } from './booking.service.js';
import type { WaitlistService } from './waitlist.service.js';

const SlugParams = z.strictObject({ slug: z.string().min(1).max(60) });
const Accepted = z.object({ accepted: z.literal(true) });

export const publicRoutes: FastifyPluginCallbackZod<{
  bookings: BookingService;
  waitlist: WaitlistService;
  portal: PortalAuthService;
  studio: StudioService;
  maxBytes: number;
  spoolDir: string;
}> = (app, { bookings, waitlist, portal, studio, maxBytes, spoolDir }, done) => {
  const open = { access: 'public' } as const;

  app.get(
    '/api/public/studios/:slug',
    {
      config: open,
      schema: {
        tags: ['public'],
        summary:
          'The studio as its public page shows it: contact, artists, consultation types, booking policy',
        params: SlugParams,
        response: { 200: PublicStudio, ...errorResponses },
      },
    },
    (request) => bookings.publicStudio(request.params.slug),
  );

  app.get(
    '/api/public/studios/:slug/logo',
    { config: open, schema: { tags: ['public'], summary: 'The studio logo (PNG)', params: SlugParams } },
    async (request, reply) => {
      const s = await bookings.bySlug(request.params.slug);
      const logo = await studio.logo(s.id);
      void reply.headers({ 'cache-control': 'public, max-age=86400', etag: logo.etag });
      if (request.headers['if-none-match'] === logo.etag) return reply.status(304).send();
      return reply.type('image/png').send(logo.data);
    },
  );

  app.get(
    '/api/public/studios/:slug/slots',
    {
      config: open,
      schema: {
        tags: ['public'],
        summary:
          'Free consultation times (working hours less appointments, with the buffer, from the minimum notice to the booking horizon), as instants',
        params: SlugParams,
        querystring: SlotQuery,
        response: { 200: SlotList, ...errorResponses },
      },
    },
    (request) => bookings.slots(request.params.slug, request.query, request.ip),
  );

  app.post(
    '/api/public/studios/:slug/bookings',
    {
      config: open,
      schema: {
        tags: ['public'],
        summary:
          'Book a consultation: the time is held and a link is emailed to confirm it. The same answer whether or not the email is known; limited per address, email and studio (429)',
        params: SlugParams,
        body: CreateBookingRequest,
        response: { 202: BookingReceipt, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await bookings.create(request.params.slug, request.body, request.ip)),
  );

  imageUploadScope(app, { maxBytes, spoolDir }, (upload) => {
    upload.withTypeProvider<ZodTypeProvider>().post(
      '/api/public/bookings/:id/photos',
      {
        bodyLimit: maxBytes,
        config: open,
        schema: {
          tags: ['public'],
          summary:
            'Add a photo of the scalp to a booking just made (header x-upload-token from the booking answer): the same intake as studio photos (JPEG, PNG or WebP; HEIC refused with 415; metadata stripped)',
          params: z.strictObject({ id: Id }),
          querystring: BookingPhotoQuery,
          response: { 201: BookingPhotoReceipt, ...errorResponses },
        },
      },
      async (request, reply) => {
        const token = request.headers['x-upload-token'];
        return reply
          .status(201)
          .send(
            await bookings.addPhoto(
              request.params.id,
              Array.isArray(token) ? token[0] : token,
              request.query,
              request.headers['content-type'],
              request.body,
            ),
          );
      },
    );
  });

  app.post(
    '/api/public/studios/:slug/waitlist',
    {
      config: open,
      schema: {
        tags: ['public'],
        summary:
          'Join the waitlist for the days given; a link is emailed to confirm. The same answer for anyone',
        params: SlugParams,
        body: JoinWaitlistRequest,
        response: { 202: Accepted, ...errorResponses },
      },
    },
    async (request, reply) => {
      await waitlist.join(request.params.slug, request.body, request.ip);
      return reply.status(202).send({ accepted: true });
    },
  );

  app.post(
    '/api/public/studios/:slug/portal-link',
    {
      config: open,
      schema: {
        tags: ['public'],
        summary:
          'Ask for a sign-in link to the portal: emailed when the address belongs to a client of the studio; the same answer either way',
        params: SlugParams,
        body: PortalSignInRequest,
        response: { 202: Accepted, ...errorResponses },
      },
    },
    async (request, reply) => {
      await portal.requestSignIn(request.params.slug, request.body, request.ip);
      return reply.status(202).send({ accepted: true });
    },
  );
  done();
};
