// The client's screening answers from home as the artist reviews them.
import { Intake, IntakeList } from '@stipple/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth.plugin.js';
import { IdParams, errorResponses } from '../http/route-schemas.js';
import type { IntakeService } from './intake.service.js';

export const intakeRoutes: FastifyPluginCallbackZod<{ intake: IntakeService }> = (app, { intake }, done) => {
  app.get(
    '/api/clients/:id/intakes',
    {
      schema: {
        tags: ['intake'],
        summary:
          "A client's screening answers from home, newest first, each with what changed (owners and artists)",
        params: IdParams,
        response: { 200: IntakeList, ...errorResponses },
      },
    },
    (request) => intake.listForClient(actorOf(request), request.params.id),
  );

  app.post(
    '/api/intakes/:id/accept',
    {
      schema: {
        tags: ['intake'],
        summary:
          "Accept the answers: they become the screening of the consultation on the appointment's day (made when there is none)",
        params: IdParams,
        response: { 200: Intake, ...errorResponses },
      },
    },
    (request) => intake.accept(actorOf(request), request.params.id),
  );
  done();
};
