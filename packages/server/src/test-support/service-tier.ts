// Service tests on the database tier (the way immich's "medium" tests are): the services wired as
// the server wires them, on real repositories and a private database of the current leg, with a
// blob folder of their own, but without HTTP or the job queue. A studio's members come as actors,
// what the auth plugin makes of their sign-in, so a test calls a service's methods directly.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateAppointmentRequest,
  CreateCourseRequest,
  CreateLotRequest,
  CreateProductRequest,
  type Appointment,
  type StaffRole,
} from '@stipple/core';
import { pino } from 'pino';
import type { Actor } from '../auth/actor.js';
import { FolderBlobStore } from '../blobs/folder-blob-store.js';
import type { Database } from '../db/database.js';
import { AppError } from '../http/app-error.js';
import { createServices, type Services } from '../services.js';
import { createStudioFixture, type FixtureMember, type FixtureStudio } from './fixtures.js';
import { createTestDatabase, type TestDatabase } from './test-db.js';
import { testConfig } from './test-server.js';
import { WEEKDAY_HOURS } from './treatment-fixtures.js';

export interface ServiceTier {
  db: Database;
  services: Services;
  close(): Promise<void>;
}

export async function startServiceTier(): Promise<ServiceTier> {
  const testDb: TestDatabase = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'stipple-services-'));
  const config = testConfig({
    STIPPLE_DATA_DIR: dataDir,
    ...(testDb.url ? { DATABASE_URL: testDb.url } : {}),
  });
  const services = createServices({
    db: testDb.db,
    config,
    log: pino({ level: 'silent' }),
    blobs: new FolderBlobStore(join(dataDir, 'blobs')),
  });
  return {
    db: testDb.db,
    services,
    close: async () => {
      await services.compute.close();
      await testDb.dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface StudioActors {
  studio: FixtureStudio;
  owner: Actor;
  artist: Actor;
  desk: Actor;
}

/** A fixture member as the services see a signed-in request of theirs. */
export function actorOf(studio: FixtureStudio, member: FixtureMember, role: StaffRole): Actor {
  // The services under test never read the sign-in session (only signing out does).
  return { userId: member.id, studioId: studio.id, role, sessionId: randomUUID() };
}

/** A new studio (the signed-in fixture's) with its owner, artist and front desk as actors. */
export async function studioActors(db: Database, name: string): Promise<StudioActors> {
  const studio = await createStudioFixture(db, name);
  return {
    studio,
    owner: actorOf(studio, studio.owner, 'owner'),
    artist: actorOf(studio, studio.artist, 'artist'),
    desk: actorOf(studio, studio.desk, 'front_desk'),
  };
}

/**
 * The tier and two studios named from `label` ("<label> Studio" and "<label> Elsewhere", the
 * second for isolation checks), what every service test starts from.
 */
export async function tierWithTwoStudios(
  label: string,
): Promise<{ tier: ServiceTier; s: StudioActors; other: StudioActors }> {
  const tier = await startServiceTier();
  return {
    tier,
    s: await studioActors(tier.db, `${label} Studio`),
    other: await studioActors(tier.db, `${label} Elsewhere`),
  };
}

/** Working hours for the studio's owner and artist, so that sessions can be booked with either. */
export async function openForSessions(services: Services, s: StudioActors): Promise<void> {
  for (const member of [s.studio.owner, s.studio.artist])
    await services.workingHours.set(s.owner, member.id, WEEKDAY_HOURS);
}

/** A pigment lot of the studio that has not expired (made by `actor`, an owner, if there is none): a session is completed with one (lot recalls). */
export async function pigmentLot(services: Services, actor: Actor): Promise<string> {
  const current = (await services.inventory.list(actor)).items
    .filter((p) => p.kind === 'pigment')
    .flatMap((p) => p.lots)
    .find((l) => !l.expired);
  if (current) return current.id;
  const product = await services.inventory.createProduct(
    actor,
    CreateProductRequest.parse({ kind: 'pigment', name: 'Carbon', manufacturer: 'Maker' }),
  );
  return (
    await services.inventory.createLot(
      actor,
      product.id,
      CreateLotRequest.parse({ lotNumber: 'CB-TEST', expiresOn: '2030-01-01' }),
    )
  ).id;
}

/** A treatment course of its own for the client and a three-hour session in it, booked by `actor`. */
export async function bookSession(
  services: Services,
  actor: Actor,
  booking: { clientId: string; artistId: string; startsAt: string },
): Promise<Appointment> {
  const course = await services.courses.create(
    actor,
    booking.clientId,
    CreateCourseRequest.parse({ title: 'Scar camouflage' }),
    'en',
  );
  return services.appointments.create(
    actor,
    CreateAppointmentRequest.parse({
      ...booking,
      kind: 'session',
      courseId: course.id,
      durationMinutes: 180,
    }),
    'en',
  );
}

/** What a refused call threw, as the error handler would answer it (status, code, fields). */
export async function refusal(call: Promise<unknown>): Promise<{
  status: number;
  code: string;
  fields: { field: string; code: string }[];
}> {
  try {
    await call;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return {
      status: err.statusCode,
      code: err.code,
      fields: (err.fields ?? []).map((f) => ({ field: f.field, code: f.code })),
    };
  }
  throw new Error('expected the call to be refused, and it went through');
}
