// Consent templates, signing, withdrawal, the PDF copy and the signature image.
import {
  ConsentRecord,
  ConsentRecordList,
  ConsentTemplate,
  ConsentTemplateList,
  CreateConsentTemplateRequest,
  SignConsentRequest,
  WithdrawConsentRequest,
} from '@stipple/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth.plugin.js';
import { IdParams, errorResponses } from '../http/route-schemas.js';
import { sendDocument } from '../documents/send-document.js';
import type { ConsentService } from './consent.service.js';

/** `:id` is the client's id. */
const ClientParams = IdParams;

export const consentRoutes: FastifyPluginCallbackZod<{ consents: ConsentService }> = (
  app,
  { consents },
  done,
) => {
  app.get(
    '/api/consent-templates',
    {
      schema: {
        tags: ['consent'],
        summary: 'Consent templates, every version (current: the one new signatures use)',
        response: { 200: ConsentTemplateList, ...errorResponses },
      },
    },
    async (request) => consents.listTemplates(actorOf(request)),
  );
  app.post(
    '/api/consent-templates',
    {
      schema: {
        tags: ['consent'],
        summary: 'Publish a new version of a consent template (owner)',
        body: CreateConsentTemplateRequest,
        response: { 201: ConsentTemplate, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await consents.createTemplate(actorOf(request), request.body)),
  );
  app.get(
    '/api/clients/:id/consents',
    {
      schema: {
        tags: ['consent'],
        summary: "A client's signed consents with their status",
        params: ClientParams,
        response: { 200: ConsentRecordList, ...errorResponses },
      },
    },
    async (request) => consents.list(actorOf(request), request.params.id),
  );
  app.post(
    '/api/clients/:id/consents',
    {
      schema: {
        tags: ['consent'],
        summary: 'Record a consent signed on screen (the drawn signature as a PNG data URL)',
        params: ClientParams,
        body: SignConsentRequest,
        response: { 201: ConsentRecord, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await consents.sign(actorOf(request), request.params.id, request.body)),
  );
  app.get(
    '/api/consents/:id',
    {
      schema: {
        tags: ['consent'],
        summary: 'One signed consent',
        params: IdParams,
        response: { 200: ConsentRecord, ...errorResponses },
      },
    },
    async (request) => consents.get(actorOf(request), request.params.id),
  );
  app.post(
    '/api/consents/:id/withdraw',
    {
      schema: {
        tags: ['consent'],
        summary:
          'Record that the client withdrew this consent (photo-use withdrawal hides photos from galleries)',
        params: IdParams,
        body: WithdrawConsentRequest,
        response: { 200: ConsentRecord, ...errorResponses },
      },
    },
    async (request) => consents.withdraw(actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/consents/:id/pdf',
    { schema: { tags: ['consent'], summary: "The client's PDF copy", params: IdParams } },
    async (request, reply) => {
      const { pdf, filename } = await consents.pdf(actorOf(request), request.params.id);
      return sendDocument(reply, pdf, { type: 'application/pdf', filename });
    },
  );
  app.get(
    '/api/consents/:id/signature',
    { schema: { tags: ['consent'], summary: 'The drawn signature (PNG)', params: IdParams } },
    async (request, reply) => {
      return reply.type('image/png').send(await consents.signature(actorOf(request), request.params.id));
    },
  );
  done();
};
