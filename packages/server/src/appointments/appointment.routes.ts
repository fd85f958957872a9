// The calendar API: courses, appointments, history, working hours and calendar feeds. The feed
// address itself is public (calendar apps cannot sign in) and secret.
import {
  Appointment,
  AppointmentHistory,
  AppointmentList,
  AppointmentListQuery,
  BookableArtistList,
  CalendarFeed,
  CalendarFeedList,
  CancelAppointmentRequest,
  BookRemainingSessionsRequest,
  CourseList,
  CreateAppointmentRequest,
  CreateCalendarFeedRequest,
  CreateCourseRequest,
  MoveAppointmentRequest,
  RemainingSessionsProposal,
  RemainingSessionsProposalRequest,
  TreatmentCourse,
  WorkingHours,
} from '@stipple/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/auth.plugin.js';
import { notFound } from '../http/app-error.js';
import { requestLocale } from '../http/request-locale.js';
import { IdParams, errorResponses } from '../http/route-schemas.js';
import type { AppointmentService } from './appointment.service.js';
import type { RemainingSessionsService } from './remaining-sessions.service.js';

/** `:id` is the client's id. */
const ClientParams = IdParams;
const FeedParams = z.strictObject({
  file: z
    .string()
    .max(300)
    .regex(/^[A-Za-z0-9_-]+\.ics$/),
});

export const appointmentRoutes: FastifyPluginCallbackZod<{
  appointments: AppointmentService;
  remainingSessions: RemainingSessionsService;
}> = (app, { appointments, remainingSessions }, done) => {
  app.post(
    '/api/courses/:id/remaining-sessions/proposal',
    {
      schema: {
        tags: ['calendar'],
        summary:
          "Propose a day and time for each session of the course not booked yet: the plan's interval, the artist's working hours and other appointments, the first day the plan allows",
        params: IdParams,
        body: RemainingSessionsProposalRequest,
        response: { 200: RemainingSessionsProposal, ...errorResponses },
      },
    },
    async (request) =>
      remainingSessions.propose(actorOf(request), request.params.id, request.body, requestLocale(request)),
  );
  app.post(
    '/api/courses/:id/remaining-sessions',
    {
      schema: {
        tags: ['calendar'],
        summary:
          'Book the proposed sessions as shown, each under the rules of any booking, all or none (planOverrideReason books against the plan)',
        params: IdParams,
        body: BookRemainingSessionsRequest,
        response: { 201: AppointmentList, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await remainingSessions.book(
            actorOf(request),
            request.params.id,
            request.body,
            requestLocale(request),
          ),
        ),
  );
  app.get(
    '/api/clients/:id/courses',
    {
      schema: {
        tags: ['calendar'],
        summary: "A client's treatment courses",
        params: ClientParams,
        response: { 200: CourseList, ...errorResponses },
      },
    },
    async (request) => appointments.listCourses(actorOf(request), request.params.id, requestLocale(request)),
  );
  app.post(
    '/api/clients/:id/courses',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Start a treatment course (its sessions are numbered and kept minIntervalDays apart)',
        params: ClientParams,
        body: CreateCourseRequest,
        response: { 201: TreatmentCourse, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await appointments.createCourse(
            actorOf(request),
            request.params.id,
            request.body,
            requestLocale(request),
          ),
        ),
  );

  app.get(
    '/api/appointments',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Appointments overlapping [from, to), for the studio, one artist or one client',
        querystring: AppointmentListQuery,
        response: { 200: AppointmentList, ...errorResponses },
      },
    },
    async (request) => appointments.list(actorOf(request), request.query),
  );
  app.post(
    '/api/appointments',
    {
      schema: {
        tags: ['calendar'],
        summary:
          'Book: refused with 409 when the artist is busy; 422 outside working hours, closer than the minimum interval (unless intervalOverrideReason) or when the treatment plan says to wait, refer or not treat (unless planOverrideReason)',
        body: CreateAppointmentRequest,
        response: { 201: Appointment, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await appointments.create(actorOf(request), request.body, requestLocale(request))),
  );
  app.get(
    '/api/appointments/:id',
    {
      schema: {
        tags: ['calendar'],
        summary: 'One appointment',
        params: IdParams,
        response: { 200: Appointment, ...errorResponses },
      },
    },
    async (request) => appointments.get(actorOf(request), request.params.id),
  );
  app.post(
    '/api/appointments/:id/move',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Move to another time (or artist); the same rules as booking apply',
        params: IdParams,
        body: MoveAppointmentRequest,
        response: { 200: Appointment, ...errorResponses },
      },
    },
    async (request) =>
      appointments.move(actorOf(request), request.params.id, request.body, requestLocale(request)),
  );
  app.post(
    '/api/appointments/:id/cancel',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Cancel, with a reason (kept in the history); its pending reminder is withdrawn',
        params: IdParams,
        body: CancelAppointmentRequest,
        response: { 200: Appointment, ...errorResponses },
      },
    },
    async (request) => appointments.cancel(actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/appointments/:id/history',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Booked, moved, cancelled, completed: who and when',
        params: IdParams,
        response: { 200: AppointmentHistory, ...errorResponses },
      },
    },
    async (request) => appointments.history(actorOf(request), request.params.id),
  );

  app.get(
    '/api/calendar/artists',
    {
      schema: {
        tags: ['calendar'],
        summary: 'The artists (and owners) who can be booked',
        response: { 200: BookableArtistList, ...errorResponses },
      },
    },
    async (request) => appointments.artists(actorOf(request)),
  );

  app.get(
    '/api/staff/:id/working-hours',
    {
      schema: {
        tags: ['calendar'],
        summary: "A staff member's weekly hours and exceptions (minutes after midnight, studio time)",
        params: IdParams,
        response: { 200: WorkingHours, ...errorResponses },
      },
    },
    async (request) => appointments.getWorkingHours(actorOf(request), request.params.id),
  );
  app.put(
    '/api/staff/:id/working-hours',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Replace the working hours (your own, or anyone as owner)',
        params: IdParams,
        body: WorkingHours,
        response: { 200: WorkingHours, ...errorResponses },
      },
    },
    async (request) => appointments.setWorkingHours(actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/calendar-feeds',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Calendar feeds you may see (the secret address is only shown when created)',
        response: { 200: CalendarFeedList, ...errorResponses },
      },
    },
    async (request) => appointments.listFeeds(actorOf(request)),
  );
  app.post(
    '/api/calendar-feeds',
    {
      schema: {
        tags: ['calendar'],
        summary: "A secret .ics address for an artist's or a client's appointments (no health details)",
        body: CreateCalendarFeedRequest,
        response: { 201: CalendarFeed, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await appointments.createFeed(actorOf(request), request.body)),
  );
  app.post(
    '/api/calendar-feeds/:id/revoke',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Revoke a feed: its address stops working',
        params: IdParams,
        response: { 200: CalendarFeed, ...errorResponses },
      },
    },
    async (request) => appointments.revokeFeed(actorOf(request), request.params.id),
  );
  app.get(
    '/api/feeds/:file',
    {
      config: { access: 'public' },
      schema: {
        tags: ['calendar'],
        summary: 'The .ics feed behind a secret address',
        params: FeedParams,
        security: [],
      },
    },
    async (request, reply) => {
      const ics = await appointments.feedIcs(request.params.file.slice(0, -'.ics'.length));
      if (!ics) throw notFound('calendarFeed');
      return reply.type('text/calendar; charset=utf-8').send(ics);
    },
  );
  done();
};
