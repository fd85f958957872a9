// The reminder email of an appointment, queued in the outbox for STIPPLE_REMINDER_HOURS_BEFORE
// before it (or at once when that moment has passed), in the client's language.
import type { ClientRow } from '../clients/client.repository.js';
import type { Config } from '../config.js';
import type { Tx } from '../db/database.js';
import { docLocale } from '../documents/format.js';
import { appointmentReminderText } from '../outbox/message-texts.js';
import { enqueue } from '../outbox/outbox.service.js';
import type { StudioRow } from '../studio/studio.repository.js';

export async function queueAppointmentReminder(
  tx: Tx,
  config: Pick<Config, 'reminderHoursBefore'>,
  studio: StudioRow,
  client: ClientRow,
  appointmentId: string,
  startsAt: Date,
): Promise<void> {
  const now = Date.now();
  if (startsAt.getTime() <= now) return;
  const sendAfter = new Date(Math.max(now, startsAt.getTime() - config.reminderHoursBefore * 3_600_000));
  const text = appointmentReminderText(docLocale(client.preferredLanguage), {
    givenName: client.givenName || client.familyName,
    studioName: studio.name,
    startsAt,
    timeZone: studio.timeZone,
  });
  await enqueue(tx, {
    studioId: studio.id,
    idempotencyKey: `appointment-reminder:${appointmentId}:${startsAt.toISOString()}`,
    kind: 'appointment_reminder',
    client,
    subject: text.subject,
    body: text.body,
    sendAfter,
    appointmentId,
  });
}
