// Aftercare templates and each session's schedule, sheet (PDF) and calendar file (.ics).
import {
  AftercareSchedule,
  AftercareTemplate,
  AftercareTemplateList,
  CreateAftercareTemplateRequest,
} from '@stipple/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth.plugin.js';
import { IdParams, errorResponses } from '../http/route-schemas.js';
import { sendDocument } from '../documents/send-document.js';
import type { AftercareService } from './aftercare.service.js';

export const aftercareRoutes: FastifyPluginCallbackZod<{ aftercare: AftercareService }> = (
  app,
  { aftercare },
  done,
) => {
  app.get(
    '/api/aftercare-templates',
    {
      schema: {
        tags: ['aftercare'],
        summary: 'Aftercare templates, every version per language',
        response: { 200: AftercareTemplateList, ...errorResponses },
      },
    },
    async (request) => aftercare.listTemplates(actorOf(request)),
  );
  app.post(
    '/api/aftercare-templates',
    {
      schema: {
        tags: ['aftercare'],
        summary: 'Publish a new version of the aftercare template for a language (owner)',
        body: CreateAftercareTemplateRequest,
        response: { 201: AftercareTemplate, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await aftercare.createTemplate(actorOf(request), request.body)),
  );
  app.get(
    '/api/sessions/:id/aftercare',
    {
      schema: {
        tags: ['aftercare'],
        summary: "A completed session's aftercare schedule",
        params: IdParams,
        response: { 200: AftercareSchedule, ...errorResponses },
      },
    },
    async (request) => {
      const {
        clientName: _c,
        studioName: _s,
        ...schedule
      } = await aftercare.schedule(actorOf(request), request.params.id);
      return schedule;
    },
  );
  app.get(
    '/api/sessions/:id/aftercare.pdf',
    { schema: { tags: ['aftercare'], summary: 'The printable aftercare sheet', params: IdParams } },
    async (request, reply) =>
      sendDocument(reply, await aftercare.pdf(actorOf(request), request.params.id), {
        type: 'application/pdf',
        filename: 'aftercare.pdf',
      }),
  );
  app.get(
    '/api/sessions/:id/aftercare.ics',
    { schema: { tags: ['aftercare'], summary: 'The aftercare steps as calendar entries', params: IdParams } },
    async (request, reply) =>
      sendDocument(reply, await aftercare.ics(actorOf(request), request.params.id), {
        type: 'text/calendar; charset=utf-8',
        filename: 'aftercare.ics',
      }),
  );
  done();
};
