// The audit log, for the owner.
import { AuditListQuery, AuditPage } from '@stipple/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth.plugin.js';
import { errorResponses } from '../http/route-schemas.js';
import type { AuditService } from './audit.service.js';

export const auditRoutes: FastifyPluginCallbackZod<{ audit: AuditService }> = (app, { audit }, done) => {
  app.get(
    '/api/audit',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['audit'],
        summary: 'Who saw or changed what, newest first',
        querystring: AuditListQuery,
        response: { 200: AuditPage, ...errorResponses },
      },
    },
    async (request) => audit.list(actorOf(request), request.query),
  );
  done();
};
