// Consultations, their assessment and plan versions, and the consultation report. Clinical
// records: owners and artists; another studio's consultation is simply not found (404).
import {
  Consultation,
  ConsultationList,
  ConsultationPage,
  ConsultationPageQuery,
  CreateConsultationRequest,
  PlanVersion,
  PlanVersionList,
  SavePlanRequest,
  UpdateConsultationRequest,
} from '@stipple/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth.plugin.js';
import { IdParams, errorResponses } from '../http/route-schemas.js';
import { sendDocument } from '../documents/send-document.js';
import type { ConsultationReportService } from './consultation-report.service.js';
import type { ConsultationService } from './consultation.service.js';

/** `:id` is the client's id. */
const ClientParams = IdParams;

export const consultationRoutes: FastifyPluginCallbackZod<{
  consultations: ConsultationService;
  reports: ConsultationReportService;
}> = (app, { consultations, reports }, done) => {
  app.get(
    '/api/consultations',
    {
      schema: {
        tags: ['consultations'],
        summary: "The studio's consultations, newest first, with each one's latest plan",
        querystring: ConsultationPageQuery,
        response: { 200: ConsultationPage, ...errorResponses },
      },
    },
    async (request) => consultations.listRecent(actorOf(request), request.query),
  );

  app.get(
    '/api/clients/:id/consultations',
    {
      schema: {
        tags: ['consultations'],
        summary: "A client's consultations, newest first",
        params: ClientParams,
        response: { 200: ConsultationList, ...errorResponses },
      },
    },
    async (request) => consultations.listByClient(actorOf(request), request.params.id),
  );

  app.post(
    '/api/clients/:id/consultations',
    {
      schema: {
        tags: ['consultations'],
        summary:
          'Start a consultation: the assessment (at least its consultationDate) and the artist (you by default)',
        params: ClientParams,
        body: CreateConsultationRequest,
        response: { 201: Consultation, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await consultations.create(actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/consultations/:id',
    {
      schema: {
        tags: ['consultations'],
        summary: 'One consultation with its assessment and the summary of its latest plan',
        params: IdParams,
        response: { 200: Consultation, ...errorResponses },
      },
    },
    async (request) => consultations.get(actorOf(request), request.params.id),
  );

  app.put(
    '/api/consultations/:id',
    {
      schema: {
        tags: ['consultations'],
        summary:
          'Save the assessment (the whole of it) and the artist; send the version you read to get 409 if someone saved in between',
        params: IdParams,
        body: UpdateConsultationRequest,
        response: { 200: Consultation, ...errorResponses },
      },
    },
    async (request) => consultations.update(actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/consultations/:id/plans',
    {
      schema: {
        tags: ['consultations'],
        summary: 'Every saved version of the plan, newest first',
        params: IdParams,
        response: { 200: PlanVersionList, ...errorResponses },
      },
    },
    async (request) => consultations.listPlans(actorOf(request), request.params.id),
  );

  app.post(
    '/api/consultations/:id/plans',
    {
      schema: {
        tags: ['consultations'],
        summary:
          'Make (or save) the plan: the rules run on the stored assessment, the overrides are applied, and the result is stored as a new version',
        params: IdParams,
        body: SavePlanRequest,
        response: { 201: PlanVersion, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await consultations.savePlan(actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/api/plans/:id',
    {
      schema: {
        tags: ['consultations'],
        summary: 'One saved plan version: rule output, overrides (who, when, why) and the effective plan',
        params: IdParams,
        response: { 200: PlanVersion, ...errorResponses },
      },
    },
    async (request) => consultations.getPlan(actorOf(request), request.params.id),
  );

  app.get(
    '/api/consultations/:id/report.pdf',
    {
      schema: {
        tags: ['consultations'],
        summary:
          "The consultation report (PDF, in the client's language when English or Chinese): assessment, photos and previews, the plan with its reasons, expectations and aftercare",
        params: IdParams,
      },
    },
    async (request, reply) => {
      const { pdf, filename, fallback } = await reports.report(actorOf(request), request.params.id);
      return sendDocument(reply, pdf, { type: 'application/pdf', filename, fallback });
    },
  );
  done();
};
