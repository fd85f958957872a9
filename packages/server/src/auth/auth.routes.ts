// Sign-in, the current session, sign-out, and accepting an invitation (which signs in).
import { AcceptInvitationRequest, LoginRequest, SessionInfo, StaffRole } from '@stipple/core';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.js';
import { rateLimited, unauthenticated } from '../http/app-error.js';
import { clearSessionCookie, setSessionCookie } from '../http/auth.plugin.js';
import { NoContent, errorResponses } from '../http/route-schemas.js';
import type { StaffService } from '../staff/staff.service.js';
import type { AuthService } from './auth.service.js';

export interface LoginLimits {
  /** Attempts per email from one address per window (default 10 per 15 minutes). */
  perEmail: number;
  /** Attempts from one address across all emails per window (default 100). */
  perAddress: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perEmail: 10, perAddress: 100, windowMs: 15 * 60_000 };

const InvitationPreview = z.object({
  email: z.string(),
  name: z.string(),
  role: StaffRole,
  studioName: z.string(),
});

export const authRoutes: FastifyPluginCallbackZod<{
  auth: AuthService;
  staff: StaffService;
  config: Config;
  loginLimits: LoginLimits;
}> = (app, { auth, staff, config, loginLimits }, done) => {
  const emailOf = (req: FastifyRequest) => (req.body as { email?: string } | undefined)?.email ?? '';
  const perEmail = app.createRateLimit({
    max: loginLimits.perEmail,
    timeWindow: loginLimits.windowMs,
    keyGenerator: (req) => `login:${req.ip}:${emailOf(req)}`,
  });
  const perAddress = app.createRateLimit({
    max: loginLimits.perAddress,
    timeWindow: loginLimits.windowMs,
    keyGenerator: (req) => `login:${req.ip}`,
  });

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie',
        body: LoginRequest,
        response: { 200: SessionInfo, ...errorResponses },
      },
    },
    async (request, reply) => {
      for (const limiter of [perAddress, perEmail]) {
        const verdict = await limiter(request);
        if (!verdict.isAllowed && verdict.isExceeded) throw rateLimited(Math.max(1, verdict.ttlInSeconds));
      }
      const { token, info } = await auth.login(request.body.email, request.body.password, {
        userAgent: request.headers['user-agent'],
      });
      setSessionCookie(reply, config, token, new Date(info.expiresAt));
      return info;
    },
  );

  app.get(
    '/api/auth/session',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in session',
        response: { 200: SessionInfo, ...errorResponses },
      },
    },
    (request) => {
      if (!request.sessionInfo) throw unauthenticated();
      return request.sessionInfo;
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'optional' },
      schema: {
        tags: ['auth'],
        summary: 'Sign out (ends the session)',
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      if (request.actor) await auth.logout(request.actor);
      clearSessionCookie(reply, config);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/accept-invitation',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Accept a staff invitation: sets the password and signs in',
        body: AcceptInvitationRequest,
        response: { 201: SessionInfo, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { token, info } = await staff.acceptInvitation(request.body, {
        userAgent: request.headers['user-agent'],
      });
      setSessionCookie(reply, config, token, new Date(info.expiresAt));
      return reply.status(201).send(info);
    },
  );

  app.get(
    '/api/invitations/:token',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'What an invitation link is for (public, for the accept page)',
        params: z.strictObject({ token: z.string().min(20).max(200) }),
        response: { 200: InvitationPreview, ...errorResponses },
      },
    },
    async (request) => staff.previewInvitation(request.params.token),
  );
  done();
};
