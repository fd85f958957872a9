import type { AppointmentStatus } from '@stipple/core';

/** One colour per appointment status, the same in the calendar, the client record and the modal. */
export const statusColor = (status: AppointmentStatus): string =>
  ({ requested: 'yellow', booked: 'indigo', completed: 'teal', cancelled: 'gray', no_show: 'red' })[status];
