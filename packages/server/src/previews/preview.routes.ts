// Zones drawn on a photo and their full-resolution renders. Clinical records: owners and
// artists; images are served only to them, never to shared caches.
import {
  PhotoAnalysisRecord,
  PhotoScalpMap,
  PhotoZones,
  PreviewList,
  PreviewRender,
  PreviewRenderList,
  RenderProgress,
  SaveZonesRequest,
} from '@stipple/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth.plugin.js';
import { IdParams, errorResponses } from '../http/route-schemas.js';
import type { PhotoAnalysisService } from './photo-analysis.service.js';
import type { PreviewService } from './preview.service.js';
import type { ScalpMapService } from './scalp-map.service.js';

const StageParams = z.strictObject({ id: z.uuid(), name: z.string().regex(/^[a-z0-9.-]{1,40}$/) });
const StageQuery = z.strictObject({ size: z.enum(['full', 'preview']).default('preview') });

export const previewRoutes: FastifyPluginCallbackZod<{
  previews: PreviewService;
  analysis: PhotoAnalysisService;
  scalpMaps: ScalpMapService;
}> = (app, { previews, analysis, scalpMaps }, done) => {
  app.get(
    '/api/photos/:id/scalp-map',
    {
      schema: {
        tags: ['previews'],
        summary:
          "The head and scalp map: the analysis's automatic map and the artist's correction (saved with the zones), each as run-length encoded classes",
        params: IdParams,
        response: { 200: PhotoScalpMap, ...errorResponses },
      },
    },
    async (request) => scalpMaps.get(actorOf(request), request.params.id),
  );

  app.get(
    '/api/photos/:id/analysis',
    {
      schema: {
        tags: ['previews'],
        summary:
          'The photo analysis: follicle density, scar suggestions (polygons with kind, area and confidence) and the follicles found; null before one was run',
        params: IdParams,
        response: { 200: PhotoAnalysisRecord.nullable(), ...errorResponses },
      },
    },
    async (request) => analysis.get(actorOf(request), request.params.id),
  );

  app.post(
    '/api/photos/:id/analysis',
    {
      schema: {
        tags: ['previews'],
        summary: "Run the photo analysis (a job) with the photo's current calibration",
        params: IdParams,
        response: { 202: PhotoAnalysisRecord, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await analysis.start(actorOf(request), request.params.id)),
  );

  app.get(
    '/api/previews',
    {
      schema: {
        tags: ['previews'],
        summary: 'Photos with zones drawn on them, most recently edited first',
        response: { 200: PreviewList, ...errorResponses },
      },
    },
    async (request) => previews.listRecent(actorOf(request)),
  );

  app.get(
    '/api/photos/:id/zones',
    {
      schema: {
        tags: ['previews'],
        summary: 'The zones drawn on a photo (a ZonesFile in its pixels) and the latest render of them',
        params: IdParams,
        response: { 200: PhotoZones, ...errorResponses },
      },
    },
    async (request) => previews.getZones(actorOf(request), request.params.id),
  );

  app.put(
    '/api/photos/:id/zones',
    {
      schema: {
        tags: ['previews'],
        summary:
          "Save the zones (send the version you read; 0 for the first), with the artist's corrected scalp map if any, and start the full-resolution render (after the analysis reruns when the map changed)",
        params: IdParams,
        body: SaveZonesRequest,
        response: { 200: PhotoZones, ...errorResponses },
      },
    },
    async (request) => previews.saveZones(actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/photos/:id/renders',
    {
      schema: {
        tags: ['previews'],
        summary: "A photo's renders, newest first",
        params: IdParams,
        response: { 200: PreviewRenderList, ...errorResponses },
      },
    },
    async (request) => previews.listRenders(actorOf(request), request.params.id),
  );

  app.get(
    '/api/renders/:id',
    {
      schema: {
        tags: ['previews'],
        summary: 'One render: its stages and the camouflage score of each scar zone',
        params: IdParams,
        response: { 200: PreviewRender, ...errorResponses },
      },
    },
    async (request) => previews.getRender(actorOf(request), request.params.id),
  );

  app.get(
    '/api/renders/:id/status',
    {
      schema: {
        tags: ['previews'],
        summary: 'Progress of a render (poll this while it runs)',
        params: IdParams,
        response: { 200: RenderProgress, ...errorResponses },
      },
    },
    async (request) => previews.renderStatus(actorOf(request), request.params.id),
  );

  app.get(
    '/api/renders/:id/stages/:name',
    {
      schema: {
        tags: ['previews'],
        summary: 'One stage image: full (PNG, the photo’s size) or preview (JPEG, ~1600 px)',
        params: StageParams,
        querystring: StageQuery,
      },
    },
    async (request, reply) => {
      const file = await previews.stageFile(
        actorOf(request),
        request.params.id,
        request.params.name,
        request.query.size,
      );
      void reply.headers({
        'cache-control': 'private, max-age=3600',
        vary: 'Cookie',
        etag: file.etag,
        'content-disposition': 'inline',
      });
      if (request.headers['if-none-match'] === file.etag) return reply.status(304).send();
      return reply.type(file.contentType).send(file.data);
    },
  );
  done();
};
