// Working hours: anyone reads an artist's; each sets their own, the owner anyone's.
import { WorkingHours } from '@stipple/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth.plugin.js';
import { IdParams, errorResponses } from '../http/route-schemas.js';
import type { WorkingHoursService } from './working-hours.service.js';

export const workingHoursRoutes: FastifyPluginCallbackZod<{ workingHours: WorkingHoursService }> = (
  app,
  { workingHours },
  done,
) => {
  app.get(
    '/api/staff/:id/working-hours',
    {
      schema: {
        tags: ['calendar'],
        summary: "A staff member's weekly hours and exceptions (minutes after midnight, studio time)",
        params: IdParams,
        response: { 200: WorkingHours, ...errorResponses },
      },
    },
    async (request) => workingHours.get(actorOf(request), request.params.id),
  );
  app.put(
    '/api/staff/:id/working-hours',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Replace the working hours (your own, or anyone as owner)',
        params: IdParams,
        body: WorkingHours,
        response: { 200: WorkingHours, ...errorResponses },
      },
    },
    async (request) => workingHours.set(actorOf(request), request.params.id, request.body),
  );

  done();
};
