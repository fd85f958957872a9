import { Booking, BookingList, Intake, IntakeList, type BookingStatus } from '@stipple/core';
import type { ApiClient } from './api-client.js';

const enc = encodeURIComponent;

/** The studio's side of online bookings and of the health answers clients send from home. */
export function bookingDeskEndpoints(api: ApiClient) {
  return {
    bookings: (query: { status?: BookingStatus; clientId?: string }) =>
      api.get('/api/bookings', { schema: BookingList, query: { ...query } }),
    confirmBooking: (id: string) =>
      api.post(`/api/bookings/${enc(id)}/confirm`, undefined, { schema: Booking }),
    declineBooking: (id: string, reason: string) =>
      api.post(`/api/bookings/${enc(id)}/decline`, { reason }, { schema: Booking }),
    clientIntakes: (clientId: string) =>
      api.get(`/api/clients/${enc(clientId)}/intakes`, { schema: IntakeList }),
    acceptIntake: (id: string) => api.post(`/api/intakes/${enc(id)}/accept`, undefined, { schema: Intake }),
  };
}
