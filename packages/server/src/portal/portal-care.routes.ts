// The portal's care pages: the plan, the preview and its images, the aftercare checklist, and the
// download of the client's own data. Every route serves the signed-in client only.
import {
  AftercareTickRequest,
  Id,
  IsoDate,
  PortalAftercare,
  PortalPlan,
  PortalPreviews,
} from '@stipple/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendDocument } from '../documents/send-document.js';
import { portalOf } from '../http/auth.plugin.js';
import { IdParams, errorResponses } from '../http/route-schemas.js';
import type { PortalCareService, PortalImage } from './portal-care.service.js';
import type { PortalExportService } from './portal-export.service.js';

const StageParams = z.strictObject({ id: Id, name: z.string().regex(/^[a-z0-9.-]{1,40}$/) });
const DayParams = z.strictObject({ id: Id, date: IsoDate });

/** Health data: no browser or proxy keeps a copy; a page that holds the image may ask with its ETag. */
function sendImage(request: FastifyRequest, reply: FastifyReply, image: PortalImage) {
  void reply.headers({ 'cache-control': 'no-store', vary: 'Cookie', etag: image.etag });
  if (request.headers['if-none-match'] === image.etag) return reply.status(304).send();
  return reply.type('image/jpeg').send(image.data);
}

export const portalCareRoutes: FastifyPluginCallbackZod<{
  care: PortalCareService;
  exports: PortalExportService;
}> = (app, { care, exports }, done) => {
  const portal = { access: 'portal' } as const;

  app.get(
    '/api/portal/plan',
    {
      config: portal,
      schema: {
        tags: ['portal'],
        summary: "The client's plan in their language (null until the artist saved one)",
        response: { 200: PortalPlan, ...errorResponses },
      },
    },
    (request) => care.plan(portalOf(request).actor),
  );

  app.get(
    '/api/portal/previews',
    {
      config: portal,
      schema: {
        tags: ['portal'],
        summary: 'The newest finished preview of each of the client’s photos: a simulation, not a promise',
        response: { 200: PortalPreviews, ...errorResponses },
      },
    },
    (request) => care.previews(portalOf(request).actor),
  );

  app.get(
    '/api/portal/photos/:id/image',
    {
      config: portal,
      schema: {
        tags: ['portal'],
        summary: 'One of the client’s own photos (JPEG, ~1600 px)',
        params: IdParams,
      },
    },
    async (request, reply) =>
      sendImage(request, reply, await care.photoImage(portalOf(request).actor, request.params.id)),
  );

  app.get(
    '/api/portal/renders/:id/stages/:name',
    {
      config: portal,
      schema: {
        tags: ['portal'],
        summary: 'A stage of a preview of the client’s own photo (JPEG, ~1600 px)',
        params: StageParams,
      },
    },
    async (request, reply) =>
      sendImage(
        request,
        reply,
        await care.stageImage(portalOf(request).actor, request.params.id, request.params.name),
      ),
  );

  app.get(
    '/api/portal/aftercare',
    {
      config: portal,
      schema: {
        tags: ['portal'],
        summary: 'Each completed session’s aftercare, day by day, with the reminder emails it sends',
        response: { 200: PortalAftercare, ...errorResponses },
      },
    },
    (request) => care.aftercare(portalOf(request).actor),
  );

  app.put(
    '/api/portal/aftercare/:id/days/:date',
    {
      config: portal,
      schema: {
        tags: ['portal'],
        summary: 'Tick a day of a session’s aftercare off, or back on (not a day still to come: 409)',
        params: DayParams,
        body: AftercareTickRequest,
        response: { 200: PortalAftercare, ...errorResponses },
      },
    },
    (request) =>
      care.tick(portalOf(request).actor, request.params.id, request.params.date, request.body.done),
  );

  app.get(
    '/api/portal/export',
    {
      config: portal,
      schema: {
        tags: ['portal'],
        summary: 'Everything the studio holds about the client, as JSON (GDPR articles 15 and 20)',
      },
    },
    async (request, reply) => {
      const data = await exports.export(portalOf(request).actor);
      return sendDocument(reply, JSON.stringify(data, null, 2), {
        type: 'application/json; charset=utf-8',
        filename: `my-data-${data.exportedAt.slice(0, 10)}.json`,
      });
    },
  );
  done();
};
