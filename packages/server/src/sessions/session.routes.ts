// Session records: one per session appointment.
import { SaveSessionRequest, SessionPlan, SessionRecord, SessionRecordList } from '@stipple/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth.plugin.js';
import { requestLocale } from '../http/request-locale.js';
import { IdParams, errorResponses } from '../http/route-schemas.js';
import type { SessionPlanService } from './session-plan.service.js';
import type { SessionService } from './session.service.js';

/** `:id` is the client's id. */
const ClientParams = IdParams;

export const sessionRoutes: FastifyPluginCallbackZod<{
  sessions: SessionService;
  sessionPlans: SessionPlanService;
}> = (app, { sessions, sessionPlans }, done) => {
  app.get(
    '/api/appointments/:id/plan',
    {
      schema: {
        tags: ['sessions'],
        summary:
          "What the treatment plan says about a session appointment: whether it may take place on its day, and that session's targets per zone (owners and artists)",
        params: IdParams,
        response: { 200: SessionPlan, ...errorResponses },
      },
    },
    async (request) =>
      sessionPlans.forAppointment(actorOf(request), request.params.id, requestLocale(request)),
  );
  app.get(
    '/api/clients/:id/sessions',
    {
      schema: {
        tags: ['sessions'],
        summary: "A client's session records (owners and artists)",
        params: ClientParams,
        response: { 200: SessionRecordList, ...errorResponses },
      },
    },
    async (request) => sessions.listByClient(actorOf(request), request.params.id),
  );
  app.get(
    '/api/sessions/:id',
    {
      schema: {
        tags: ['sessions'],
        summary: 'One session record',
        params: IdParams,
        response: { 200: SessionRecord, ...errorResponses },
      },
    },
    async (request) => sessions.get(actorOf(request), request.params.id),
  );
  app.get(
    '/api/appointments/:id/session',
    {
      schema: {
        tags: ['sessions'],
        summary: 'The session record of a session appointment (404 until it is first saved)',
        params: IdParams,
        response: { 200: SessionRecord, ...errorResponses },
      },
    },
    async (request) => sessions.getByAppointment(actorOf(request), request.params.id),
  );
  app.put(
    '/api/appointments/:id/session',
    {
      schema: {
        tags: ['sessions'],
        summary:
          'Save the session record; complete: true also completes it (needs a valid treatment consent) and schedules aftercare and reminders',
        params: IdParams,
        body: SaveSessionRequest,
        response: { 200: SessionRecord, ...errorResponses },
      },
    },
    async (request) =>
      sessions.save(actorOf(request), request.params.id, request.body, requestLocale(request)),
  );
  done();
};
