// The studio tablet's kiosk: staff open it for one client and one consent text (which signs them
// out on the tablet); the tablet then reads and signs that text with the ticket alone.
import { KioskSignRequest, KioskTicket, KioskView, OpenKioskRequest, PortalConsent } from '@stipple/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.js';
import { actorOf, clearSessionCookie } from '../http/auth.plugin.js';
import { errorResponses } from '../http/route-schemas.js';
import type { KioskService } from './kiosk.service.js';

const TokenParams = z.strictObject({ token: z.string().min(20).max(200) });

export const kioskRoutes: FastifyPluginCallbackZod<{ kiosk: KioskService; config: Config }> = (
  app,
  { kiosk, config },
  done,
) => {
  app.post(
    '/api/kiosk',
    {
      schema: {
        tags: ['kiosk'],
        summary:
          'Open the kiosk on this device for one client and one consent text; ends the staff sign-in here',
        body: OpenKioskRequest,
        response: { 201: KioskTicket, ...errorResponses },
      },
    },
    async (request, reply) => {
      const ticket = await kiosk.open(actorOf(request), request.body);
      clearSessionCookie(reply, config);
      return reply.status(201).send(ticket);
    },
  );

  app.get(
    '/api/kiosk/:token',
    {
      config: { access: 'public' },
      schema: {
        tags: ['kiosk'],
        summary: 'The one document a kiosk ticket shows (410 once signed or expired)',
        params: TokenParams,
        response: { 200: KioskView, ...errorResponses },
      },
    },
    (request) => kiosk.view(request.params.token),
  );

  app.post(
    '/api/kiosk/:token/sign',
    {
      config: { access: 'public' },
      bodyLimit: 1024 * 1024,
      schema: {
        tags: ['kiosk'],
        summary: 'Sign the ticket’s document (drawn signature as a PNG data URL); works once',
        params: TokenParams,
        body: KioskSignRequest,
        response: { 201: PortalConsent, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await kiosk.sign(request.params.token, request.body)),
  );
  done();
};
