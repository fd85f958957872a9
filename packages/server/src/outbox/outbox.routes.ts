// The outbox, for the owner: every reminder with its state.
import { OutboxListQuery, OutboxPage } from '@stipple/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth.plugin.js';
import { errorResponses } from '../http/route-schemas.js';
import type { OutboxService } from './outbox.service.js';

export const outboxRoutes: FastifyPluginCallbackZod<{ outbox: OutboxService }> = (app, { outbox }, done) => {
  app.get(
    '/api/outbox',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['outbox'],
        summary: 'Reminders and recalls: waiting, sent, failed or skipped (owner)',
        querystring: OutboxListQuery,
        response: { 200: OutboxPage, ...errorResponses },
      },
    },
    async (request) => outbox.list(actorOf(request), request.query),
  );
  done();
};
