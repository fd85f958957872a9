// Creating a studio from the setup page: whether it may be done now, and doing it (which signs
// the new owner in).
import { CreateStudioRequest, SessionInfo, SetupStatus } from '@stipple/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import type { Config } from '../config.js';
import { setSessionCookie } from '../http/auth.plugin.js';
import { errorResponses } from '../http/route-schemas.js';
import type { SetupService } from './setup.service.js';

export const setupRoutes: FastifyPluginCallbackZod<{ setup: SetupService; config: Config }> = (
  app,
  { setup, config },
  done,
) => {
  app.get(
    '/api/setup',
    {
      config: { access: 'public' },
      schema: {
        tags: ['setup'],
        summary: 'Whether a studio exists and whether a new one may be created (STIPPLE_SIGNUP)',
        response: { 200: SetupStatus, ...errorResponses },
      },
    },
    () => setup.status(),
  );

  app.post(
    '/api/setup',
    {
      config: { access: 'public' },
      schema: {
        tags: ['setup'],
        summary:
          'Create a studio and its owner account, and sign the owner in. The first studio of an installation always; others as STIPPLE_SIGNUP allows (403 otherwise). 10 attempts per address per hour',
        body: CreateStudioRequest,
        response: { 201: SessionInfo, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { token, info } = await setup.create(request.body, {
        userAgent: request.headers['user-agent'],
        ip: request.ip,
      });
      setSessionCookie(reply, config, token, new Date(info.expiresAt));
      return reply.status(201).send(info);
    },
  );
  done();
};
