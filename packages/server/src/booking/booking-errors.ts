// The refusals of online booking, each with a stable code and its English text, in one place (the
// shared catalogue of server messages will take them over as they are).
import { AppError } from '../http/app-error.js';

export const bookingErrors = {
  unknownStudio: () => new AppError(404, 'not_found', 'No such studio'),
  closed: () =>
    new AppError(
      403,
      'booking_closed',
      'This studio takes no bookings online at the moment; please call the studio',
    ),
  unknownType: () =>
    new AppError(422, 'unknown_consultation_type', 'This studio offers no such consultation', [
      { in: 'body', field: 'type', message: 'is not a consultation type of this studio' },
    ]),
  slotUnavailable: (where: 'body' | 'query' = 'body') =>
    new AppError(409, 'slot_unavailable', 'That time is no longer free; please choose another', [
      { in: where, field: 'startsAt', message: 'is not a free time of this studio' },
    ]),
  uploadClosed: () =>
    new AppError(
      403,
      'upload_closed',
      'Photos can no longer be added to this booking here; bring them to the consultation',
      [{ in: 'headers', field: 'x-upload-token', message: 'is missing, wrong or expired' }],
    ),
  tooManyPhotos: (max: number) =>
    new AppError(409, 'too_many_photos', `A booking takes at most ${max} photos`, [
      { in: 'body', field: 'body', message: `would be photo number ${max + 1}; at most ${max}` },
    ]),
  notFound: () => new AppError(404, 'not_found', 'Booking not found'),
  notPending: (status: string) =>
    new AppError(409, 'booking_not_pending', `This booking is ${status}, not waiting for confirmation`),
  pastDay: () =>
    new AppError(422, 'validation_failed', 'The first day must not be in the past', [
      { in: 'body', field: 'fromDate', message: 'must not be in the past' },
    ]),
};
