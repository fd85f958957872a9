// Online bookings at the studio's desk: list, read, confirm, decline.
import { Booking, BookingList, BookingListQuery, DeclineBookingRequest } from '@stipple/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth.plugin.js';
import { IdParams, errorResponses } from '../http/route-schemas.js';
import type { BookingDeskService } from './booking-desk.service.js';

export const bookingRoutes: FastifyPluginCallbackZod<{ desk: BookingDeskService }> = (
  app,
  { desk },
  done,
) => {
  app.get(
    '/api/bookings',
    {
      schema: {
        tags: ['bookings'],
        summary: 'Online bookings whose email was confirmed (by status, or of one client)',
        querystring: BookingListQuery,
        response: { 200: BookingList, ...errorResponses },
      },
    },
    (request) => desk.list(actorOf(request), request.query),
  );

  app.get(
    '/api/bookings/:id',
    {
      schema: {
        tags: ['bookings'],
        summary: 'One online booking, with what the visitor entered and their photos',
        params: IdParams,
        response: { 200: Booking, ...errorResponses },
      },
    },
    (request) => desk.get(actorOf(request), request.params.id),
  );

  app.post(
    '/api/bookings/:id/confirm',
    {
      schema: {
        tags: ['bookings'],
        summary: 'Confirm a requested booking: the client gets the calendar file and the intake link',
        params: IdParams,
        response: { 200: Booking, ...errorResponses },
      },
    },
    (request) => desk.confirm(actorOf(request), request.params.id),
  );

  app.post(
    '/api/bookings/:id/decline',
    {
      schema: {
        tags: ['bookings'],
        summary: 'Decline a requested booking with a reason: the time is freed and offered to the waitlist',
        params: IdParams,
        body: DeclineBookingRequest,
        response: { 200: Booking, ...errorResponses },
      },
    },
    (request) => desk.decline(actorOf(request), request.params.id, request.body.reason),
  );
  done();
};
