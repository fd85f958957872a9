// Opening an emailed link (which signs the client in to the portal), the portal session, and
// signing out.
import { PortalLinkPreview, PortalSessionInfo } from '@stipple/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.js';
import { clearPortalCookie, portalOf, setPortalCookie } from '../http/auth.plugin.js';
import { NoContent, errorResponses } from '../http/route-schemas.js';
import type { PortalAuthService } from './portal-auth.service.js';

const TokenParams = z.strictObject({ token: z.string().min(20).max(200) });

export const portalAuthRoutes: FastifyPluginCallbackZod<{ portal: PortalAuthService; config: Config }> = (
  app,
  { portal, config },
  done,
) => {
  app.get(
    '/api/portal/links/:token',
    {
      config: { access: 'public' },
      schema: {
        tags: ['portal'],
        summary: 'Which studio an emailed link belongs to (410 when expired or used); does not use it up',
        params: TokenParams,
        response: { 200: PortalLinkPreview, ...errorResponses },
      },
    },
    (request) => portal.preview(request.params.token),
  );

  app.post(
    '/api/portal/links/:token',
    {
      config: { access: 'public' },
      schema: {
        tags: ['portal'],
        summary:
          'Use an emailed link: it works once, before it expires, and signs in its own client only (410 otherwise); sets the portal cookie',
        params: TokenParams,
        response: { 200: PortalSessionInfo, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { token, info } = await portal.open(request.params.token);
      setPortalCookie(reply, config, token, new Date(info.expiresAt));
      return info;
    },
  );

  app.get(
    '/api/portal/session',
    {
      config: { access: 'portal' },
      schema: {
        tags: ['portal'],
        summary: 'The signed-in client and their studio',
        response: { 200: PortalSessionInfo, ...errorResponses },
      },
    },
    (request) => {
      const s = portalOf(request);
      return portal.info(s.actor, s.csrfToken, s.expiresAt);
    },
  );

  app.post(
    '/api/portal/sign-out',
    {
      config: { access: 'portal' },
      schema: {
        tags: ['portal'],
        summary: 'Sign out of the portal',
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await portal.signOut(portalOf(request).actor);
      clearPortalCookie(reply, config);
      return reply.status(204).send(null);
    },
  );
  done();
};
