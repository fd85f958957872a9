// Outcomes measured on healed follow-up photos, and the studio's retention learnt from them.
import { RecordOutcomeRequest, SessionOutcome, SessionOutcomeList, StudioRetention } from '@stipple/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth.plugin.js';
import { IdParams, errorResponses } from '../http/route-schemas.js';
import type { OutcomeService } from './outcome.service.js';

export const outcomeRoutes: FastifyPluginCallbackZod<{ outcomes: OutcomeService }> = (
  app,
  { outcomes },
  done,
) => {
  app.post(
    '/api/photos/:id/outcome',
    {
      schema: {
        tags: ['outcomes'],
        summary:
          'Measure a healed follow-up photo against the preview of the earlier photo of the same view, zone by zone, and record it (owners and artists)',
        params: IdParams,
        body: RecordOutcomeRequest,
        response: { 200: SessionOutcome, ...errorResponses },
      },
    },
    async (request) => outcomes.record(actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/clients/:id/outcomes',
    {
      schema: {
        tags: ['outcomes'],
        summary: "A client's measured outcomes, newest follow-up first (owners and artists)",
        params: IdParams,
        response: { 200: SessionOutcomeList, ...errorResponses },
      },
    },
    async (request) => outcomes.listByClient(actorOf(request), request.params.id),
  );
  app.get(
    '/api/outcomes/retention',
    {
      schema: {
        tags: ['outcomes'],
        summary:
          "The studio's measured retention per scar texture and skin type, with its cases, beside the defaults (owners and artists)",
        response: { 200: StudioRetention, ...errorResponses },
      },
    },
    async (request) => outcomes.studioRetention(actorOf(request)),
  );
  done();
};
