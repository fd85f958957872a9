// Gives back the time of an online booking whose emailed link was not opened in time (queued for
// the moment the link stops working).
import { z } from 'zod';
import type { JobDefinition } from '../jobs/job-queue.js';
import { BOOKING_EXPIRE_JOB, type BookingService } from './booking.service.js';

export const BookingExpirePayload = z.strictObject({ studioId: z.uuid(), bookingId: z.uuid() });
export type BookingExpirePayload = z.infer<typeof BookingExpirePayload>;

export function bookingExpireJob(bookings: BookingService): JobDefinition<BookingExpirePayload> {
  return {
    name: BOOKING_EXPIRE_JOB,
    payload: BookingExpirePayload,
    retryLimit: 5,
    retryDelaySeconds: 30,
    handler: (payload) => bookings.expire(payload.studioId, payload.bookingId),
  };
}
