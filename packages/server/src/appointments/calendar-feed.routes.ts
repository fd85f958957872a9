// Calendar feeds: making, listing and revoking secret .ics addresses, and the feed itself, which
// is public (calendar apps cannot sign in) and found only by its secret.
import { CalendarFeed, CalendarFeedList, CreateCalendarFeedRequest } from '@stipple/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth.plugin.js';
import { notFound } from '../http/app-error.js';
import { IdParams, errorResponses } from '../http/route-schemas.js';
import type { CalendarFeedService } from './calendar-feed.service.js';

const FeedParams = z.strictObject({
  file: z
    .string()
    .max(300)
    .regex(/^[A-Za-z0-9_-]+\.ics$/),
});

export const calendarFeedRoutes: FastifyPluginCallbackZod<{ feeds: CalendarFeedService }> = (
  app,
  { feeds },
  done,
) => {
  app.get(
    '/api/calendar-feeds',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Calendar feeds you may see (the secret address is only shown when created)',
        response: { 200: CalendarFeedList, ...errorResponses },
      },
    },
    async (request) => feeds.list(actorOf(request)),
  );
  app.post(
    '/api/calendar-feeds',
    {
      schema: {
        tags: ['calendar'],
        summary: "A secret .ics address for an artist's or a client's appointments (no health details)",
        body: CreateCalendarFeedRequest,
        response: { 201: CalendarFeed, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await feeds.create(actorOf(request), request.body)),
  );
  app.post(
    '/api/calendar-feeds/:id/revoke',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Revoke a feed: its address stops working',
        params: IdParams,
        response: { 200: CalendarFeed, ...errorResponses },
      },
    },
    async (request) => feeds.revoke(actorOf(request), request.params.id),
  );
  app.get(
    '/api/feeds/:file',
    {
      config: { access: 'public' },
      schema: {
        tags: ['calendar'],
        summary: 'The .ics feed behind a secret address',
        params: FeedParams,
        security: [],
      },
    },
    async (request, reply) => {
      const ics = await feeds.ics(request.params.file.slice(0, -'.ics'.length));
      if (!ics) throw notFound('calendarFeed');
      return reply.type('text/calendar; charset=utf-8').send(ics);
    },
  );
  done();
};
