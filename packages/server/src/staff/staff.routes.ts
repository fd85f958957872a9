// Staff management (owner only) and each member's own preferences.
import {
  InviteStaffRequest,
  StaffInvitation,
  StaffMember,
  UpdateMyPreferencesRequest,
  UpdateStaffRequest,
} from '@stipple/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth.plugin.js';
import { IdParams, errorResponses } from '../http/route-schemas.js';
import type { StaffService } from './staff.service.js';

export const staffRoutes: FastifyPluginCallbackZod<{ staff: StaffService }> = (app, { staff }, done) => {
  app.get(
    '/api/staff',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['staff'],
        summary: "The studio's staff",
        response: { 200: z.object({ items: z.array(StaffMember) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await staff.list(actorOf(request)) }),
  );

  app.post(
    '/api/staff/invitations',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['staff'],
        summary: 'Invite a staff member; the answer holds the one-time link (valid 7 days)',
        body: InviteStaffRequest,
        response: { 201: StaffInvitation, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await staff.invite(actorOf(request), request.body)),
  );

  app.get(
    '/api/staff/invitations',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['staff'],
        summary: 'Pending invitations',
        response: { 200: z.object({ items: z.array(StaffInvitation) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await staff.listInvitations(actorOf(request)) }),
  );

  app.patch(
    '/api/staff/:id',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['staff'],
        summary: 'Change a role, name or deactivate (deactivation ends their sessions)',
        params: IdParams,
        body: UpdateStaffRequest,
        response: { 200: StaffMember, ...errorResponses },
      },
    },
    async (request) => staff.update(actorOf(request), request.params.id, request.body),
  );

  app.patch(
    '/api/me/preferences',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['staff'],
        summary: 'Your own preferences (language of the screens)',
        body: UpdateMyPreferencesRequest,
        response: { 200: StaffMember, ...errorResponses },
      },
    },
    async (request) => staff.updatePreferences(actorOf(request), request.body.locale),
  );
  done();
};
