// Sign-in, the current session, sign-out (here or everywhere), password change and reset, and
// accepting an invitation (which signs in).
import {
  AcceptInvitationRequest,
  ChangePasswordRequest,
  CompletePasswordResetRequest,
  LoginRequest,
  PasswordResetAvailability,
  PasswordResetPreview,
  RequestPasswordResetRequest,
  SessionInfo,
  InvitationPreview,
} from '@stipple/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.js';
import { unauthenticated } from '../http/app-error.js';
import { actorOf, clearSessionCookie, setSessionCookie } from '../http/auth.plugin.js';
import { NoContent, errorResponses } from '../http/route-schemas.js';
import type { StaffService } from '../staff/staff.service.js';
import type { AuthService } from './auth.service.js';
import type { PasswordService } from './password.service.js';

const TokenParams = z.strictObject({ token: z.string().min(20).max(200) });

export const authRoutes: FastifyPluginCallbackZod<{
  auth: AuthService;
  passwords: PasswordService;
  staff: StaffService;
  config: Config;
}> = (app, { auth, passwords, staff, config }, done) => {
  app.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary:
          'Sign in; sets the session cookie. Repeated failures answer 429 with Retry-After (per account and address, per account, per address)',
        body: LoginRequest,
        response: { 200: SessionInfo, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { token, info } = await auth.login(request.body.email, request.body.password, {
        userAgent: request.headers['user-agent'],
        ip: request.ip,
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
        ip: request.ip,
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
        params: TokenParams,
        response: { 200: InvitationPreview, ...errorResponses },
      },
    },
    async (request) => staff.previewInvitation(request.params.token),
  );
  app.post(
    '/api/auth/logout-everywhere',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['auth'],
        summary: 'Sign out on every device (every session of yours ends, this one too)',
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await auth.logoutEverywhere(actorOf(request));
      clearSessionCookie(reply, config);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/me/password',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['auth'],
        summary: 'Change your password (with the current one); your other sessions end',
        body: ChangePasswordRequest,
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await passwords.change(actorOf(request), request.body, request.ip);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/password-reset',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Whether this server can email password reset links',
        response: { 200: PasswordResetAvailability, ...errorResponses },
      },
    },
    () => ({ byEmail: passwords.resetByEmailAvailable }),
  );

  app.post(
    '/api/auth/password-reset',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary:
          'Email a one-time reset link (valid 30 minutes) if the address has an account; answers 202 either way',
        body: RequestPasswordResetRequest,
        response: { 202: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await passwords.requestReset(request.body.email, request.ip);
      return reply.status(202).send(null);
    },
  );

  app.get(
    '/api/password-resets/:token',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Who a reset link is for (public, for the reset page); 410 when expired or used',
        params: TokenParams,
        response: { 200: PasswordResetPreview, ...errorResponses },
      },
    },
    async (request) => passwords.previewReset(request.params.token),
  );

  app.post(
    '/api/auth/password-reset/complete',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Set a new password with a reset link; every session of the account ends',
        body: CompletePasswordResetRequest,
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await passwords.completeReset(request.body);
      return reply.status(204).send(null);
    },
  );
  done();
};
