// The refusals of online booking, each with a stable code and its catalogue message, in one place.
import { AppError, bodyField, notFound, type FieldError } from '../http/app-error.js';

export const bookingErrors = {
  unknownStudio: () => new AppError(404, 'not_found', 'noSuchStudio'),
  closed: () => new AppError(403, 'booking_closed', 'bookingClosed'),
  unknownType: () =>
    new AppError(422, 'unknown_consultation_type', 'unknownConsultationType', {}, [
      bodyField('type', 'notConsultationType'),
    ]),
  slotUnavailable: (where: 'body' | 'query' = 'body') =>
    new AppError(409, 'slot_unavailable', 'slotUnavailable', {}, [
      { in: where, field: 'startsAt', code: 'notFreeTime' } satisfies FieldError,
    ]),
  uploadClosed: () =>
    new AppError(403, 'upload_closed', 'uploadClosed', {}, [
      { in: 'headers', field: 'x-upload-token', code: 'uploadTokenInvalid' },
    ]),
  tooManyPhotos: (max: number) =>
    new AppError(409, 'too_many_photos', 'tooManyBookingPhotos', { max }, [
      bodyField('body', 'photoOverLimit', { number: max + 1, max }),
    ]),
  notFound: () => notFound('booking'),
  notPending: (status: string) => new AppError(409, 'booking_not_pending', 'bookingNotPending', { status }),
  pastDay: () =>
    new AppError(422, 'validation_failed', 'firstDayInPast', {}, [bodyField('fromDate', 'notInPast')]),
};
