// The client portal: appointments (move or cancel online within the studio's policy), the health
// questions before a consultation, and consents (sign; withdraw photo use or marketing). Every
// route serves the signed-in client only: an id of another client or studio is not found (404).
import {
  Id,
  Intake,
  IsoDate,
  PortalAppointment,
  PortalAppointments,
  PortalCancelRequest,
  PortalConsent,
  PortalConsents,
  PortalMoveRequest,
  SignConsentRequest,
  SlotList,
  SubmitIntakeRequest,
  Timestamp,
  WithdrawConsentRequest,
  WithdrawalEffect,
} from '@stipple/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { IntakeService } from '../intake/intake.service.js';
import { portalOf } from '../http/auth.plugin.js';
import { IdParams, errorResponses } from '../http/route-schemas.js';
import type { PortalAppointmentsService } from './portal-appointments.service.js';
import type { PortalConsentsService } from './portal-consents.service.js';

const PortalIntake = z.object({
  appointment: z.object({ id: Id, startsAt: Timestamp, endsAt: Timestamp, artistName: z.string() }),
  intake: Intake.nullable(),
});

export const portalRoutes: FastifyPluginCallbackZod<{
  appointments: PortalAppointmentsService;
  intake: IntakeService;
  consents: PortalConsentsService;
}> = (app, { appointments, intake, consents }, done) => {
  const portal = { access: 'portal' } as const;

  app.get(
    '/api/portal/appointments',
    {
      config: portal,
      schema: {
        tags: ['portal'],
        summary: "The client's coming and past appointments",
        response: { 200: PortalAppointments, ...errorResponses },
      },
    },
    (request) => appointments.list(portalOf(request).actor),
  );

  app.get(
    '/api/portal/appointments/:id/slots',
    {
      config: portal,
      schema: {
        tags: ['portal'],
        summary: 'Free times to move a consultation to (same artist and length), a week from `from`',
        params: IdParams,
        querystring: z.strictObject({ from: IsoDate }),
        response: { 200: SlotList.omit({ lastDay: true }), ...errorResponses },
      },
    },
    (request) => appointments.slotsForMove(portalOf(request).actor, request.params.id, request.query.from),
  );

  app.post(
    '/api/portal/appointments/:id/move',
    {
      config: portal,
      schema: {
        tags: ['portal'],
        summary:
          'Move a consultation to a free time, up to the cancellation notice (409 later: call the studio)',
        params: IdParams,
        body: PortalMoveRequest,
        response: { 200: PortalAppointment, ...errorResponses },
      },
    },
    (request) =>
      appointments.move(portalOf(request).actor, request.params.id, new Date(request.body.startsAt)),
  );

  app.post(
    '/api/portal/appointments/:id/cancel',
    {
      config: portal,
      schema: {
        tags: ['portal'],
        summary: 'Cancel a consultation, up to the cancellation notice (409 later: call the studio)',
        params: IdParams,
        body: PortalCancelRequest,
        response: { 200: PortalAppointment, ...errorResponses },
      },
    },
    (request) => appointments.cancel(portalOf(request).actor, request.params.id, request.body.reason),
  );

  app.get(
    '/api/portal/appointments/:id/intake',
    {
      config: portal,
      schema: {
        tags: ['portal'],
        summary: 'The health questions for a coming appointment, with the latest answers given',
        params: IdParams,
        response: { 200: PortalIntake, ...errorResponses },
      },
    },
    async (request) => {
      const { appointment, intake: latest } = await intake.forClient(
        portalOf(request).actor,
        request.params.id,
      );
      return {
        appointment: {
          ...appointment,
          startsAt: appointment.startsAt.toISOString(),
          endsAt: appointment.endsAt.toISOString(),
        },
        intake: latest,
      };
    },
  );

  app.put(
    '/api/portal/appointments/:id/intake',
    {
      config: portal,
      schema: {
        tags: ['portal'],
        summary: 'Answer the health questions; they count once the artist has accepted them',
        params: IdParams,
        body: SubmitIntakeRequest,
        response: { 200: Intake, ...errorResponses },
      },
    },
    (request) => intake.submit(portalOf(request).actor, request.params.id, request.body),
  );

  app.get(
    '/api/portal/consents',
    {
      config: portal,
      schema: {
        tags: ['portal'],
        summary: 'The consent texts to sign (current, in the client’s language) and what the client signed',
        response: { 200: PortalConsents, ...errorResponses },
      },
    },
    (request) => consents.list(portalOf(request).actor),
  );

  app.post(
    '/api/portal/consents',
    {
      config: portal,
      bodyLimit: 1024 * 1024,
      schema: {
        tags: ['portal'],
        summary: 'Sign a consent (drawn signature as a PNG data URL)',
        body: SignConsentRequest,
        response: { 201: PortalConsent, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await consents.sign(portalOf(request).actor, request.body, 'portal')),
  );

  app.post(
    '/api/portal/consents/:id/withdraw',
    {
      config: portal,
      schema: {
        tags: ['portal'],
        summary: 'Withdraw photo-use or marketing consent, at once; the answer says what it changed',
        params: IdParams,
        body: WithdrawConsentRequest,
        response: { 200: WithdrawalEffect, ...errorResponses },
      },
    },
    (request) => consents.withdraw(portalOf(request).actor, request.params.id, request.body.reason),
  );
  done();
};
