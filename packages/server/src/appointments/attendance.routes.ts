// No-shows and deposits on an appointment: every role records them at the desk.
import { Appointment, MarkNoShowRequest, RecordDepositRequest, UndoNoShowRequest } from '@stipple/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth.plugin.js';
import { IdParams, errorResponses } from '../http/route-schemas.js';
import type { AttendanceService } from './attendance.service.js';

export const attendanceRoutes: FastifyPluginCallbackZod<{ attendance: AttendanceService }> = (
  app,
  { attendance },
  done,
) => {
  app.post(
    '/api/appointments/:id/no-show',
    {
      schema: {
        tags: ['calendar'],
        summary:
          'The client did not come (once the appointment has begun, never over a session record); its pending messages are withdrawn',
        params: IdParams,
        body: MarkNoShowRequest,
        response: { 200: Appointment, ...errorResponses },
      },
    },
    async (request) => attendance.markNoShow(actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/appointments/:id/no-show/undo',
    {
      schema: {
        tags: ['calendar'],
        summary: 'A no-show marked by mistake: back to booked, with the reason',
        params: IdParams,
        body: UndoNoShowRequest,
        response: { 200: Appointment, ...errorResponses },
      },
    },
    async (request) => attendance.undoNoShow(actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/appointments/:id/deposit',
    {
      schema: {
        tags: ['calendar'],
        summary:
          "Record the deposit: required (an amount, or the studio's rule), paid by hand (cash, the studio's card terminal, a transfer) or waived with a reason",
        params: IdParams,
        body: RecordDepositRequest,
        response: { 200: Appointment, ...errorResponses },
      },
    },
    async (request) => attendance.recordDeposit(actorOf(request), request.params.id, request.body),
  );
  done();
};
