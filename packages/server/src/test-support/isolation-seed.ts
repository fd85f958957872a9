// Two studios' worth of rows in every table that has a studio, written straight into the database
// as the system (table owner), for the row-level security test: each studio gets its staff, a
// client and everything a client's record can hold, from photos to consents, sessions and bookings.
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/database.js';
import {
  booking,
  bookingPhoto,
  intakeResponse,
  portalSession,
  waitlistEntry,
  aftercareCheck,
  aftercareItem,
  aftercareTemplate,
  appointment,
  appointmentEvent,
  auditEntry,
  authSession,
  calendarFeed,
  client,
  consentRecord,
  galleryPair,
  sessionOutcome,
  consentTemplate,
  consentWithdrawal,
  consultation,
  oneTimeLink,
  outboxMessage,
  photo,
  photoAlignment,
  photoAnalysis,
  photoZones,
  previewRender,
  product,
  productLot,
  sessionMaterial,
  sessionRecord,
  staffInvitation,
  staffUser,
  studio,
  treatmentCourse,
  treatmentPlan,
  workingHours,
  workingHoursException,
} from '../db/schema.js';
import { uniqueSlugFor } from '../studio/studio.repository.js';

/** A studio and its records in every studio table; returns the studio's id. */
export async function seedStudio(tx: Tx, name: string, prefix: string): Promise<string> {
  const [s] = await tx
    .insert(studio)
    .values({ name, slug: uniqueSlugFor(name) })
    .returning();
  const studioId = s!.id;
  const [u] = await tx
    .insert(staffUser)
    .values({
      studioId,
      email: `${prefix}@example.com`,
      name: `${name} owner`,
      role: 'owner',
      passwordHash: 'x',
    })
    .returning();
  await tx.insert(authSession).values({
    studioId,
    userId: u!.id,
    tokenHash: `${prefix}-token`,
    csrfToken: 'c',
    expiresAt: new Date(Date.now() + 3_600_000),
  });
  await tx.insert(staffInvitation).values({
    studioId,
    email: `${prefix}-new@example.com`,
    name: 'New',
    role: 'artist',
    tokenHash: `${prefix}-invite`,
    expiresAt: new Date(Date.now() + 3_600_000),
  });
  await tx.insert(client).values([
    { studioId, familyName: `${name} client 1` },
    { studioId, familyName: `${name} client 2` },
  ]);
  await tx.insert(auditEntry).values({ studioId, action: 'client.create', entityType: 'client' });
  await seedTreatmentRecords(tx, studioId, u!.id, prefix);
  await seedGoLiveRecords(tx, studioId, u!.id, prefix);
  return studioId;
}

/** One row in every table of the studio's public side: links, bookings, intake, portal. */
async function seedGoLiveRecords(tx: Tx, studioId: string, userId: string, prefix: string): Promise<void> {
  const [c] = await tx
    .select()
    .from(client)
    .where(sql`${client.studioId} = ${studioId}`)
    .limit(1);
  await tx.insert(oneTimeLink).values([
    {
      studioId,
      purpose: 'password_reset',
      userId,
      tokenHash: `${prefix}-reset`,
      expiresAt: new Date(Date.now() + 3_600_000),
    },
    {
      studioId,
      purpose: 'portal_sign_in',
      clientId: c!.id,
      tokenHash: `${prefix}-portal`,
      expiresAt: new Date(Date.now() + 3_600_000),
    },
  ]);
  const [a] = await tx
    .insert(appointment)
    .values({
      studioId,
      clientId: c!.id,
      artistId: userId,
      kind: 'consultation',
      status: 'requested',
      startsAt: new Date('2026-02-02T10:00:00Z'),
      endsAt: new Date('2026-02-02T10:45:00Z'),
    })
    .returning();
  const later = new Date(Date.now() + 3_600_000);
  const [b] = await tx
    .insert(booking)
    .values({
      studioId,
      clientId: c!.id,
      appointmentId: a!.id,
      consultationType: 'consultation',
      familyName: `${prefix} visitor`,
      email: `${prefix}@visitor.example`,
      locale: 'en',
      verifyBy: later,
      uploadTokenHash: `${prefix}-upload`,
      uploadUntil: later,
    })
    .returning();
  const [ph] = await tx
    .select()
    .from(photo)
    .where(sql`${photo.studioId} = ${studioId}`)
    .limit(1);
  await tx.insert(bookingPhoto).values({ studioId, bookingId: b!.id, photoId: ph!.id });
  await tx.insert(waitlistEntry).values({
    studioId,
    clientId: c!.id,
    consultationType: 'consultation',
    fromDate: '2026-02-02',
    untilDate: '2026-02-09',
    locale: 'en',
  });
  await tx.insert(portalSession).values({
    studioId,
    clientId: c!.id,
    tokenHash: `${prefix}-portal-session`,
    csrfToken: `${prefix}-csrf`,
    expiresAt: later,
  });
  await tx.insert(intakeResponse).values({
    studioId,
    clientId: c!.id,
    appointmentId: a!.id,
    screening: { diabetes: false },
  });
}

/** One row in every treatment-records table, so each one's policy is exercised. */
async function seedTreatmentRecords(tx: Tx, studioId: string, userId: string, prefix: string): Promise<void> {
  const [c] = await tx
    .insert(client)
    .values({ studioId, familyName: `${prefix} treated`, email: `${prefix}@c.example` })
    .returning();
  const sha = prefix
    .repeat(64)
    .slice(0, 64)
    .replace(/[^0-9a-f]/g, 'a');
  const [ph] = await tx
    .insert(photo)
    .values({
      studioId,
      clientId: c!.id,
      view: 'top',
      takenOn: '2026-01-05',
      contentType: 'image/jpeg',
      sha256: sha,
      bytes: 10,
      width: 1,
      height: 1,
    })
    .returning();
  await seedConsultationRecords(tx, studioId, userId, c!.id, ph!.id);
  const [followUp] = await tx
    .insert(photo)
    .values({ ...ph!, id: undefined, takenOn: '2026-03-05', createdAt: undefined })
    .returning();
  await tx.insert(photoAlignment).values({
    studioId,
    clientId: c!.id,
    photoId: followUp!.id,
    referencePhotoId: ph!.id,
  });
  const [course] = await tx
    .insert(treatmentCourse)
    .values({ studioId, clientId: c!.id, title: 'Course' })
    .returning();
  const [a] = await tx
    .insert(appointment)
    .values({
      studioId,
      clientId: c!.id,
      artistId: userId,
      kind: 'session',
      courseId: course!.id,
      startsAt: new Date('2026-01-05T10:00:00Z'),
      endsAt: new Date('2026-01-05T12:00:00Z'),
    })
    .returning();
  await tx.insert(appointmentEvent).values({ studioId, appointmentId: a!.id, action: 'booked' });
  await tx
    .insert(workingHours)
    .values({ studioId, staffId: userId, weekday: 1, startMinute: 540, endMinute: 1080 });
  await tx
    .insert(workingHoursException)
    .values({ studioId, staffId: userId, day: '2026-01-06', reason: 'off' });
  await tx
    .insert(calendarFeed)
    .values({ studioId, kind: 'artist', subjectId: userId, tokenHash: `${prefix}-feed` });
  const [p] = await tx
    .insert(product)
    .values({ studioId, kind: 'pigment', name: 'Ink', manufacturer: 'M' })
    .returning();
  const [lot] = await tx
    .insert(productLot)
    .values({ studioId, productId: p!.id, lotNumber: 'L1', expiresOn: '2030-01-01' })
    .returning();
  const [s] = await tx
    .insert(sessionRecord)
    .values({ studioId, appointmentId: a!.id, clientId: c!.id, artistId: userId, performedOn: '2026-01-05' })
    .returning();
  await tx.insert(sessionMaterial).values({ studioId, sessionId: s!.id, lotId: lot!.id });
  const [t] = await tx
    .insert(consentTemplate)
    .values({
      studioId,
      kind: 'treatment',
      language: 'en',
      version: 1,
      title: 'T',
      body: 'Body of the consent text',
    })
    .returning();
  const [cr] = await tx
    .insert(consentRecord)
    .values({
      studioId,
      clientId: c!.id,
      templateId: t!.id,
      kind: 'treatment',
      language: 'en',
      templateVersion: 1,
      title: 'T',
      body: 'Body of the consent text',
      signerName: 'Signer',
      signatureSha256: sha,
    })
    .returning();
  await tx.insert(consentWithdrawal).values({ studioId, consentId: cr!.id, reason: 'changed mind' });
  await tx.insert(sessionOutcome).values({
    studioId,
    clientId: c!.id,
    photoId: ph!.id,
    earlierPhotoId: ph!.id,
    afterSession: 1,
    transform: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    densityMeasured: false,
    zones: [],
  });
  await tx.insert(galleryPair).values({
    studioId,
    clientId: c!.id,
    beforePhotoId: ph!.id,
    afterPhotoId: ph!.id,
    consentId: cr!.id,
    crop: { x: 0, y: 0, w: 16, h: 16 },
  });
  await tx.insert(aftercareTemplate).values({ studioId, language: 'en', name: 'A', version: 1, steps: [] });
  await tx.insert(aftercareItem).values({
    studioId,
    sessionId: s!.id,
    position: 0,
    language: 'en',
    fromDate: '2026-01-05',
    title: 'Dry',
  });
  await tx.insert(aftercareCheck).values({ studioId, clientId: c!.id, sessionId: s!.id, day: '2026-01-05' });
  await tx.insert(outboxMessage).values({
    studioId,
    idempotencyKey: `${prefix}-msg`,
    kind: 'aftercare',
    clientId: c!.id,
    toAddress: `${prefix}@c.example`,
    subject: 'S',
    bodyText: 'B',
    sendAfter: new Date(),
    messageId: `<${prefix}@x>`,
  });
}

/** One row in every consultation and preview table. */
async function seedConsultationRecords(
  tx: Tx,
  studioId: string,
  userId: string,
  clientId: string,
  photoId: string,
): Promise<void> {
  const assessment = { consultationDate: '2026-01-05' };
  const [k] = await tx
    .insert(consultation)
    .values({ studioId, clientId, artistId: userId, consultationDate: '2026-01-05', assessment })
    .returning();
  await tx.insert(treatmentPlan).values({
    studioId,
    consultationId: k!.id,
    clientId,
    version: 1,
    rulesVersion: 'test',
    assessmentVersion: 1,
    assessment,
    plan: {},
    eligibility: 'eligible',
    sessionsCount: 3,
    minIntervalDays: 14,
    touchUpYears: 4,
  });
  const zones = { calibration: { pxPerMm: 10 }, zones: [] };
  await tx.insert(photoZones).values({ studioId, photoId, clientId, zones });
  await tx.insert(previewRender).values({ studioId, photoId, clientId, zonesVersion: 1, zones });
  await tx.insert(photoAnalysis).values({ studioId, photoId, clientId });
}
