// The demo studio's treatment records: consent and aftercare templates, a pigment with a current
// and an expired lot, needles, working hours for the owner and the artist, a treatment course
// and a few appointments in the coming weeks (with their reminders in the outbox).
import type { Tx } from '../db/database.js';
import { aftercareRepository } from '../aftercare/aftercare.repository.js';
import { appointmentRepository } from '../appointments/appointment.repository.js';
import { addDays, localTime, studioInstant } from '../appointments/studio-time.js';
import type { ClientRow } from '../clients/client.repository.js';
import { createTemplateVersion } from '../consents/consent.service.js';
import { seedDemoConsultation } from '../consultations/demo-consultation.js';
import { docLocale } from '../documents/format.js';
import { inventoryRepository } from '../inventory/inventory.repository.js';
import { appointmentReminderText } from '../outbox/message-texts.js';
import { enqueue } from '../outbox/outbox.service.js';
import { AFTERCARE_TEMPLATES, CONSENT_TEMPLATES } from './demo-content.js';

const HOUR = 60;

/** Seeds the templates every studio starts with (consent and aftercare, English and Chinese). */
export async function seedTemplates(tx: Tx, studioId: string, ownerId: string | null): Promise<void> {
  for (const t of CONSENT_TEMPLATES) await createTemplateVersion(tx, studioId, ownerId, t);
  for (const t of AFTERCARE_TEMPLATES)
    await aftercareRepository.create(tx, {
      studioId,
      language: t.language,
      name: t.name,
      steps: t.steps,
      createdBy: ownerId,
    });
}

export async function seedDemoRecords(
  tx: Tx,
  p: {
    studioId: string;
    studioName: string;
    timeZone: string;
    ownerId: string;
    artistId: string;
    clients: ClientRow[];
    now?: Date;
  },
): Promise<void> {
  const now = p.now ?? new Date();
  await seedTemplates(tx, p.studioId, p.ownerId);

  const today = localTime(now, p.timeZone).date;
  const pigment = await inventoryRepository.createProduct(tx, {
    studioId: p.studioId,
    kind: 'pigment',
    name: 'Demo Carbon Black SMP',
    manufacturer: 'Demo Pigments Ltd, Unit 4, Example Park, Leeds LS1 1AA, UK',
    shade: 'Shade 30 (medium grey when diluted)',
    ingredients: 'Aqua, Carbon Black (CI 77266), Glycerin, Hamamelis Virginiana Water, Isopropyl Alcohol',
    warnings: 'For tattoo and permanent make-up use only. Contains no nickel or chromium above REACH limits.',
  });
  await inventoryRepository.createLot(tx, {
    studioId: p.studioId,
    productId: pigment.id,
    lotNumber: 'CB-2404-17',
    manufacturedOn: addDays(today, -700),
    expiresOn: addDays(today, -20),
    receivedOn: addDays(today, -650),
    openedOn: addDays(today, -400),
  });
  await inventoryRepository.createLot(tx, {
    studioId: p.studioId,
    productId: pigment.id,
    lotNumber: 'CB-2609-03',
    manufacturedOn: addDays(today, -60),
    expiresOn: addDays(today, 700),
    receivedOn: addDays(today, -30),
  });
  for (const [config, diameter, lotNumber] of [
    ['1RL', 0.2, 'N1-0620'],
    ['3RL', 0.25, 'N3-0821'],
  ] as const) {
    const needle = await inventoryRepository.createProduct(tx, {
      studioId: p.studioId,
      kind: 'needle',
      name: `Cartridge ${config} ${diameter.toFixed(2)} mm`,
      manufacturer: 'Demo Needles GmbH, Musterstraße 1, 10115 Berlin, Germany',
      needleConfiguration: config,
      needleDiameterMm: diameter,
    });
    await inventoryRepository.createLot(tx, {
      studioId: p.studioId,
      productId: needle.id,
      lotNumber,
      expiresOn: addDays(today, 900),
      receivedOn: addDays(today, -20),
    });
  }

  // Monday to Saturday, 09:00 to 19:00.
  const weekly = [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: 9 * HOUR, end: 19 * HOUR }));
  for (const staffId of [p.ownerId, p.artistId])
    await appointmentRepository.replaceWorkingHours(tx, p.studioId, staffId, weekly, []);

  /** The `n`-th working day (Mon–Sat) from today, at `minute` studio time. */
  const workday = (n: number, minute: number): Date => {
    let date = today;
    let left = n;
    while (left > 0) {
      date = addDays(date, 1);
      if (new Date(`${date}T12:00:00Z`).getUTCDay() !== 0) left -= 1;
    }
    return studioInstant(date, minute, p.timeZone);
  };

  const [jose, wang, oliver] = p.clients;
  const consultation = await seedDemoConsultation(tx, {
    studioId: p.studioId,
    clientId: jose!.id,
    artistId: p.artistId,
    dateOfBirth: jose!.dateOfBirth,
    today,
  });
  // The course follows the consultation's plan: its sessions, its interval and its decision.
  const course = await appointmentRepository.createCourse(tx, {
    studioId: p.studioId,
    clientId: jose!.id,
    consultationId: consultation.consultationId,
    title: 'FUE donor scar camouflage',
    minIntervalDays: consultation.minIntervalDays,
    plannedSessions: consultation.sessions,
    createdBy: p.ownerId,
  });
  const bookings: {
    client: ClientRow;
    kind: 'consultation' | 'session';
    at: Date;
    minutes: number;
    courseId: string | null;
  }[] = [
    { client: oliver!, kind: 'consultation', at: workday(1, 10 * HOUR), minutes: 60, courseId: null },
    { client: wang!, kind: 'consultation', at: workday(2, 15 * HOUR), minutes: 60, courseId: null },
    { client: jose!, kind: 'session', at: workday(3, 11 * HOUR), minutes: 240, courseId: course.id },
    { client: jose!, kind: 'session', at: workday(18, 11 * HOUR), minutes: 240, courseId: course.id },
  ];
  for (const b of bookings) {
    const row = await appointmentRepository.create(tx, {
      studioId: p.studioId,
      clientId: b.client.id,
      artistId: p.artistId,
      kind: b.kind,
      courseId: b.courseId,
      startsAt: b.at,
      endsAt: new Date(b.at.getTime() + b.minutes * 60_000),
      createdBy: p.ownerId,
    });
    await appointmentRepository.addEvent(tx, {
      studioId: p.studioId,
      appointmentId: row.id,
      action: 'booked',
      actorUserId: p.ownerId,
      toStartsAt: b.at,
      toArtistId: p.artistId,
    });
    const text = appointmentReminderText(docLocale(b.client.preferredLanguage), {
      givenName: b.client.givenName,
      studioName: p.studioName,
      startsAt: b.at,
      timeZone: p.timeZone,
    });
    await enqueue(tx, {
      studioId: p.studioId,
      idempotencyKey: `appointment-reminder:${row.id}:${b.at.toISOString()}`,
      kind: 'appointment_reminder',
      client: b.client,
      subject: text.subject,
      body: text.body,
      sendAfter: new Date(Math.max(now.getTime(), b.at.getTime() - 24 * 3_600_000)),
      appointmentId: row.id,
    });
  }
}
