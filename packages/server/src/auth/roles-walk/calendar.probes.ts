// How the role walk makes the requests of the calendar's rows: appointments, courses, remaining
// sessions, working hours and calendar feeds.
import type { Appointment, RemainingSessionsProposal } from '@stipple/core';
import { WEEKDAY_HOURS } from '../../test-support/treatment-fixtures.js';
import {
  booked,
  f,
  feedOf,
  G,
  get,
  member,
  nextSlot,
  ok,
  owner,
  pastBooked,
  someoneElse,
  studio,
  type Probe,
} from './roles-studio.js';

export function calendarProbes(): Record<string, Probe> {
  const c = () => f.client;
  return {
    'GET /api/appointments': {
      call: () =>
        get(
          `/api/appointments?from=${new Date(Date.now() - 30 * 86_400_000).toISOString()}&to=${new Date(Date.now() + 60 * 86_400_000).toISOString()}`,
        ),
    },
    'POST /api/appointments': {
      call: () => ({
        method: 'POST',
        path: '/api/appointments',
        body: {
          clientId: c(),
          artistId: studio.artist.id,
          kind: 'consultation',
          startsAt: nextSlot(),
          durationMinutes: 30,
        },
      }),
    },
    'GET /api/appointments/:id': { call: () => get(`/api/appointments/${f.draftAppointment.id}`) },
    'POST /api/appointments/:id/move': {
      call: async () => {
        const a = await booked();
        return {
          method: 'POST',
          path: `/api/appointments/${a.id}/move`,
          body: { startsAt: nextSlot(), version: a.version },
        };
      },
    },
    'POST /api/appointments/:id/cancel': {
      call: async () => {
        const a = await booked();
        return {
          method: 'POST',
          path: `/api/appointments/${a.id}/cancel`,
          body: { reason: 'Client is unwell', version: a.version },
        };
      },
    },
    'POST /api/appointments/:id/no-show': {
      call: async () => {
        const a = await pastBooked();
        return { method: 'POST', path: `/api/appointments/${a.id}/no-show`, body: { version: a.version } };
      },
    },
    'POST /api/appointments/:id/no-show/undo': {
      call: async () => {
        const past = await pastBooked();
        const a = await ok(
          owner().post<Appointment>(`/api/appointments/${past.id}/no-show`, { version: past.version }),
          'no-show',
        );
        return {
          method: 'POST',
          path: `/api/appointments/${a.id}/no-show/undo`,
          body: { reason: 'Came in late, after all', version: a.version },
        };
      },
    },
    'POST /api/appointments/:id/deposit': {
      call: async () => {
        const a = await booked();
        return {
          method: 'POST',
          path: `/api/appointments/${a.id}/deposit`,
          body: { status: 'paid', amountMinor: 2000, method: 'cash', version: a.version },
        };
      },
    },
    'GET /api/appointments/:id/history': {
      call: () => get(`/api/appointments/${f.draftAppointment.id}/history`),
    },
    'GET /api/calendar/artists': G('/api/calendar/artists'),
    'GET /api/clients/:id/courses': { call: () => get(`/api/clients/${c()}/courses`) },
    'POST /api/clients/:id/courses': {
      call: () => ({ method: 'POST', path: `/api/clients/${c()}/courses`, body: { title: 'Hairline' } }),
    },
    'POST /api/clients/:id/courses (another interval)': {
      call: () => ({
        method: 'POST',
        path: `/api/clients/${c()}/courses`,
        body: { title: 'Scar', minIntervalDays: 300 },
      }),
    },
    'POST /api/courses/:id/remaining-sessions/proposal': {
      call: () => ({
        method: 'POST',
        path: `/api/courses/${f.course}/remaining-sessions/proposal`,
        body: { artistId: studio.artist.id, durationMinutes: 60 },
      }),
    },
    'POST /api/courses/:id/remaining-sessions': {
      call: async (r) => {
        // A course of its own for each role, so that each finds sessions left to book.
        const course = await ok(
          owner().post<{ id: string }>(`/api/clients/${c()}/courses`, { title: `Remaining, ${r}` }),
          'course',
        );
        const body = { artistId: studio.artist.id, durationMinutes: 60 };
        const proposal = await ok(
          owner().post<RemainingSessionsProposal>(
            `/api/courses/${course.id}/remaining-sessions/proposal`,
            body,
          ),
          'proposal',
        );
        return {
          method: 'POST',
          path: `/api/courses/${course.id}/remaining-sessions`,
          body: { ...body, startsAt: [proposal.sessions[0]!.startsAt] },
        };
      },
    },
    'GET /api/staff/:id/working-hours': { call: () => get(`/api/staff/${studio.artist.id}/working-hours`) },
    'PUT /api/staff/:id/working-hours (own)': {
      call: (r) => ({
        method: 'PUT',
        path: `/api/staff/${member(studio, r).id}/working-hours`,
        body: WEEKDAY_HOURS,
      }),
    },
    'PUT /api/staff/:id/working-hours (another member)': {
      call: (r) => ({
        method: 'PUT',
        path: `/api/staff/${someoneElse(r).id}/working-hours`,
        body: WEEKDAY_HOURS,
      }),
    },
    'GET /api/calendar-feeds': G('/api/calendar-feeds'),
    'POST /api/calendar-feeds (a client)': {
      call: () => ({ method: 'POST', path: '/api/calendar-feeds', body: { kind: 'client', subjectId: c() } }),
    },
    'POST /api/calendar-feeds (own calendar)': {
      call: (r) => ({
        method: 'POST',
        path: '/api/calendar-feeds',
        body: { kind: 'artist', subjectId: member(studio, r).id },
      }),
    },
    'POST /api/calendar-feeds (another artist)': {
      call: (r) => ({
        method: 'POST',
        path: '/api/calendar-feeds',
        body: { kind: 'artist', subjectId: someoneElse(r).id },
      }),
    },
    'POST /api/calendar-feeds/:id/revoke': {
      call: async () => {
        const feed = await feedOf({ kind: 'client', subjectId: c() });
        return { method: 'POST', path: `/api/calendar-feeds/${feed.id}/revoke` };
      },
    },
    "POST /api/calendar-feeds/:id/revoke (another artist's)": {
      call: async (r) => {
        const feed = await feedOf({ kind: 'artist', subjectId: someoneElse(r).id });
        return { method: 'POST', path: `/api/calendar-feeds/${feed.id}/revoke` };
      },
    },
  };
}
