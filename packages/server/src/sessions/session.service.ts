// The chart of a treatment session: zones, needle and pigment lots (with dilution), duration,
// notes, adverse events, before/after photos. Saving is one transaction: the record, its lots,
// its photos and, when completed, the appointment's status, the aftercare schedule and every
// reminder in the outbox appear together or not at all. Completing needs a valid signed
// treatment consent; an expired lot cannot be recorded. Owners and artists only.
import type {
  AftercareStep,
  SaveSessionRequest,
  SessionRecord,
  SessionRecordList,
  UiLocale,
} from '@stipple/core';
import { scheduleFromSteps } from '@stipple/core';
import { setTimeout as sleep } from 'node:timers/promises';
import { aftercareRepository } from '../aftercare/aftercare.repository.js';
import { appointmentRepository, type AppointmentRow } from '../appointments/appointment.repository.js';
import { checkPlanGate } from '../appointments/booking-rules.js';
import { addYears, localTime, studioInstant } from '../appointments/studio-time.js';
import { audit } from '../audit/audit-trail.js';
import type { Actor } from '../auth/actor.js';
import { CLINICAL, requireRole } from '../auth/roles.js';
import { clientRepository, type ClientRow } from '../clients/client.repository.js';
import { consentRepository } from '../consents/consent.repository.js';
import type { Database, Tx } from '../db/database.js';
import { docLocale } from '../documents/format.js';
import { bodyField, conflict, notFound, stale, unprocessable } from '../http/app-error.js';
import { inventoryRepository } from '../inventory/inventory.repository.js';
import { aftercareText, touchUpRecallText } from '../outbox/message-texts.js';
import { outboxRepository } from '../outbox/outbox.repository.js';
import { enqueue } from '../outbox/outbox.service.js';
import { photoRepository } from '../photos/photo.repository.js';
import { studioRepository, type StudioRow } from '../studio/studio.repository.js';
import { sessionRepository, type MaterialView, type SessionView } from './session.repository.js';

/** Aftercare reminders go out at 09:00 studio time on the step's first day; recalls at 10:00. */
const AFTERCARE_MINUTE = 9 * 60;
const RECALL_MINUTE = 10 * 60;

export function toSessionRecord(
  row: SessionView,
  materials: MaterialView[],
  photos: { id: string; sessionRole: 'before' | 'after' | null }[],
): SessionRecord {
  return {
    id: row.id,
    appointmentId: row.appointmentId,
    clientId: row.clientId,
    courseId: row.courseId,
    artistId: row.artistId,
    artistName: row.artistName,
    sessionNumber: row.sessionNumber,
    performedOn: row.performedOn,
    zones: row.zones as SessionRecord['zones'],
    materials: materials.map((m) => ({
      lotId: m.lotId,
      productId: m.product.id,
      kind: m.product.kind,
      productName: m.product.name,
      manufacturer: m.product.manufacturer,
      shade: m.product.shade,
      needleConfiguration: m.product.needleConfiguration,
      needleDiameterMm: m.product.needleDiameterMm,
      lotNumber: m.lotNumber,
      expiresOn: m.expiresOn,
      dilution: m.dilution,
    })),
    durationMinutes: row.durationMinutes,
    notes: row.notes,
    adverseEvents: row.adverseEvents,
    beforePhotoIds: photos.filter((p) => p.sessionRole === 'before').map((p) => p.id),
    afterPhotoIds: photos.filter((p) => p.sessionRole === 'after').map((p) => p.id),
    status: row.status,
    completedAt: row.completedAt?.toISOString() ?? null,
    consentId: row.consentId,
    planOverride:
      row.planOverrideReason && row.planOverrideBy && row.planOverrideAt
        ? {
            reason: row.planOverrideReason,
            by: { id: row.planOverrideBy, name: row.planOverrideByName ?? '' },
            at: row.planOverrideAt.toISOString(),
          }
        : null,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export class SessionService {
  constructor(
    private readonly deps: {
      db: Database;
      testSaveDelayMs: number;
      log?: { warn(obj: object, msg: string): void };
    },
  ) {}

  async listByClient(actor: Actor, clientId: string): Promise<SessionRecordList> {
    requireRole(actor, CLINICAL);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      if (!(await clientRepository.findById(tx, clientId))) throw notFound('client');
      const rows = await sessionRepository.view(tx, { clientId });
      await audit(tx, actor, 'session.list', 'client', clientId, { ids: rows.map((r) => r.id) });
      return { items: await this.assemble(tx, rows) };
    });
  }

  async get(actor: Actor, id: string): Promise<SessionRecord> {
    requireRole(actor, CLINICAL);
    return this.deps.db.withStudio(actor.studioId, (tx) => this.read(tx, actor, id));
  }

  async getByAppointment(actor: Actor, appointmentId: string): Promise<SessionRecord> {
    requireRole(actor, CLINICAL);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      if (!(await appointmentRepository.findById(tx, appointmentId))) throw notFound('appointment');
      const found = await sessionRepository.findByAppointment(tx, appointmentId);
      if (!found) throw notFound('sessionRecord');
      return this.read(tx, actor, found.id);
    });
  }

  /** One session record, audited as read. */
  private async read(tx: Tx, actor: Actor, id: string): Promise<SessionRecord> {
    const [row] = await sessionRepository.view(tx, { id });
    if (!row) throw notFound('sessionRecord');
    await audit(tx, actor, 'session.read', 'session_record', id, { clientId: row.clientId });
    return (await this.assemble(tx, [row]))[0]!;
  }

  /** Creates or updates the session record of an appointment, and completes it when asked. */
  async save(
    actor: Actor,
    appointmentId: string,
    request: SaveSessionRequest,
    locale: UiLocale,
  ): Promise<SessionRecord> {
    requireRole(actor, CLINICAL);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const appt = await appointmentRepository.findById(tx, appointmentId, { forUpdate: true });
      if (!appt) throw notFound('appointment');
      if (appt.kind === 'consultation') throw conflict('consultationHasNoRecord');
      if (appt.status === 'cancelled') throw conflict('appointmentCancelled');
      if (appt.status === 'no_show') throw conflict('appointmentWasNoShow');
      const studio = (await studioRepository.findById(tx, actor.studioId))!;
      const client = (await clientRepository.findById(tx, appt.clientId))!;
      const existing = await sessionRepository.findByAppointment(tx, appointmentId, { forUpdate: true });
      if (existing?.status === 'completed') throw conflict('sessionCompleted');
      if (existing && request.version !== undefined && request.version !== existing.version)
        throw stale('version', existing.version);
      const performedOn = request.performedOn ?? localTime(appt.startsAt, studio.timeZone).date;
      const pigmentLots = await this.checkMaterials(tx, request, performedOn);
      await this.checkPhotos(tx, request, appt.clientId);

      const fields = {
        performedOn,
        zones: request.zones,
        durationMinutes: request.durationMinutes,
        notes: request.notes,
        adverseEvents: request.adverseEvents,
      };
      let sessionId: string;
      if (existing) {
        sessionId = existing.id;
        await sessionRepository.update(tx, sessionId, fields);
      } else {
        sessionId = (
          await sessionRepository.create(tx, {
            ...fields,
            studioId: actor.studioId,
            appointmentId,
            clientId: appt.clientId,
            courseId: appt.courseId,
            artistId: appt.artistId,
            createdBy: actor.userId,
          })
        ).id;
      }
      await sessionRepository.replaceMaterials(tx, actor.studioId, sessionId, request.materials);
      await photoRepository.setSessionPhotos(tx, sessionId, request.beforePhotoIds, request.afterPhotoIds);
      await audit(tx, actor, 'session.save', 'session_record', sessionId, {
        clientId: appt.clientId,
        appointmentId,
        lots: request.materials.map((m) => m.lotId),
        photos: request.beforePhotoIds.length + request.afterPhotoIds.length,
      });

      if (request.complete) {
        const planOverride = await this.checkCompletion(tx, studio, appt, performedOn, request, locale);
        // A completed session is what a lot recall searches: without the pigment's lot it could
        // never be found again, so the record is not complete until one is named.
        if (pigmentLots === 0)
          throw unprocessable('pigment_lot_required', 'pigmentLotRequired', {}, [
            bodyField('materials', 'needsPigmentLot'),
          ]);
        await this.complete(tx, actor, studio, client, appt, sessionId, performedOn);
        if (planOverride) {
          await sessionRepository.update(tx, sessionId, {
            planOverrideReason: planOverride,
            planOverrideBy: actor.userId,
            planOverrideAt: new Date(),
          });
          await audit(tx, actor, 'session.plan_override', 'session_record', sessionId, {
            clientId: appt.clientId,
            appointmentId,
            reasonGiven: true,
          });
        }
      }

      // Test-only (STIPPLE_TEST_SESSION_SAVE_DELAY_MS): holds the open transaction so that a test
      // can kill the process in the middle of a save. Zero in production.
      if (this.deps.testSaveDelayMs > 0) {
        this.deps.log?.warn(
          { sessionId, ms: this.deps.testSaveDelayMs },
          'test hook: holding the session save open',
        );
        await sleep(this.deps.testSaveDelayMs);
      }

      const [row] = await sessionRepository.view(tx, { id: sessionId });
      return (await this.assemble(tx, [row!]))[0]!;
    });
  }

  private async complete(
    tx: Tx,
    actor: Actor,
    studio: StudioRow,
    client: ClientRow,
    appt: { id: string; courseId: string | null; startsAt: Date },
    sessionId: string,
    performedOn: string,
  ): Promise<void> {
    const consentId = await consentRepository.activeConsent(tx, client.id, 'treatment', new Date());
    if (!consentId)
      throw unprocessable('consent_required', 'consentRequired', {}, [bodyField('complete', 'needsConsent')]);
    await sessionRepository.update(tx, sessionId, {
      status: 'completed',
      completedAt: new Date(),
      consentId,
    });
    await appointmentRepository.update(tx, appt.id, { status: 'completed' });
    await appointmentRepository.addEvent(tx, {
      studioId: studio.id,
      appointmentId: appt.id,
      action: 'completed',
      actorUserId: actor.userId,
      fromStartsAt: appt.startsAt,
    });
    // A completed session's pending appointment reminder is moot.
    await outboxRepository.cancelPending(tx, { appointmentId: appt.id, kind: 'appointment_reminder' });

    const locale = docLocale(client.preferredLanguage);
    const template =
      (await aftercareRepository.current(tx, locale)) ?? (await aftercareRepository.current(tx, 'en'));
    const language = template?.language ?? 'en';
    const steps = (template?.steps ?? []) as AftercareStep[];
    const items = scheduleFromSteps(performedOn, steps);
    await aftercareRepository.replaceItems(
      tx,
      sessionId,
      items.map((i) => ({
        studioId: studio.id,
        sessionId,
        position: i.index,
        language,
        fromDate: i.fromDate,
        untilDate: i.untilDate,
        title: i.title,
        instructions: i.instructions,
        remind: i.remind,
      })),
    );
    const now = Date.now();
    const givenName = client.givenName || client.familyName;
    for (const item of items.filter((i) => i.remind)) {
      const at = studioInstant(item.fromDate, AFTERCARE_MINUTE, studio.timeZone);
      const text = aftercareText(locale, { givenName, studioName: studio.name, ...item });
      await enqueue(tx, {
        studioId: studio.id,
        idempotencyKey: `aftercare:${sessionId}:${item.index}`,
        kind: 'aftercare',
        client,
        subject: text.subject,
        body: text.body,
        sendAfter: new Date(Math.max(now, at.getTime())),
        sessionId,
      });
    }

    if (appt.courseId) {
      const course = (await appointmentRepository.findCourse(tx, appt.courseId))!;
      // One recall per treatment: the latest completed session's replaces earlier ones.
      for (const earlier of await sessionRepository.idsOfCourse(tx, course.id))
        await outboxRepository.cancelPending(tx, { sessionId: earlier, kind: 'touch_up_recall' });
      const text = touchUpRecallText(locale, {
        givenName,
        studioName: studio.name,
        years: course.touchUpYears,
      });
      await enqueue(tx, {
        studioId: studio.id,
        idempotencyKey: `touch-up-recall:${sessionId}`,
        kind: 'touch_up_recall',
        client,
        subject: text.subject,
        body: text.body,
        sendAfter: studioInstant(addYears(performedOn, course.touchUpYears), RECALL_MINUTE, studio.timeZone),
        sessionId,
      });
    }
    await audit(tx, actor, 'session.complete', 'session_record', sessionId, {
      clientId: client.id,
      consentId,
      aftercareSteps: items.length,
    });
  }

  /**
   * A session is completed on or after its day, never before (the calendar would show as done
   * what has not happened), and only when the treatment plan allows it that day, or the artist
   * says why it goes ahead (here, or when booking it). Returns a reason given here, to record.
   */
  private async checkCompletion(
    tx: Tx,
    studio: StudioRow,
    appt: AppointmentRow,
    performedOn: string,
    request: SaveSessionRequest,
    locale: UiLocale,
  ): Promise<string | null> {
    const today = localTime(new Date(), studio.timeZone).date;
    const day = localTime(appt.startsAt, studio.timeZone).date;
    if (day > today || performedOn > today) {
      const date = day > performedOn ? day : performedOn;
      // Blame the date the artist typed, else the completion itself.
      const field = request.performedOn !== undefined && performedOn > today ? 'performedOn' : 'complete';
      throw unprocessable('session_in_future', 'sessionInFuture', { date }, [
        bodyField(field, 'notYet', { date }),
      ]);
    }
    if (!appt.courseId) return null;
    const course = (await appointmentRepository.findCourse(tx, appt.courseId))!;
    const given = request.planOverrideReason;
    const allowed = await checkPlanGate(
      tx,
      course,
      performedOn,
      given ?? appt.planOverrideReason ?? undefined,
      'complete',
      locale,
    );
    return allowed && given ? given : null;
  }

  /** Checks the lots named and returns how many of them are pigments. */
  private async checkMaterials(tx: Tx, request: SaveSessionRequest, performedOn: string): Promise<number> {
    const lots = await inventoryRepository.findLots(
      tx,
      request.materials.map((m) => m.lotId),
    );
    const seen = new Set<string>();
    request.materials.forEach((m, i) => {
      const field = `materials.${i}.lotId`;
      const lot = lots.find((l) => l.id === m.lotId);
      if (!lot) throw unprocessable('unknown_lot', 'unknownLot', {}, [bodyField(field, 'notALot')]);
      if (seen.has(m.lotId))
        throw unprocessable('duplicate_lot', 'duplicateLot', {}, [bodyField(field, 'listedTwice')]);
      seen.add(m.lotId);
      if (lot.expiresOn < performedOn)
        throw unprocessable(
          'expired_lot',
          'expiredLot',
          { lot: lot.lotNumber, product: lot.product.name, expired: lot.expiresOn, date: performedOn },
          [bodyField(field, 'lotExpired', { expired: lot.expiresOn, date: performedOn })],
        );
      if (m.dilution && lot.product.kind !== 'pigment')
        throw unprocessable('dilution_not_pigment', 'dilutionNotPigment', {}, [
          bodyField(`materials.${i}.dilution`, 'pigmentsOnly'),
        ]);
    });
    return request.materials.filter((m) => lots.find((l) => l.id === m.lotId)?.product.kind === 'pigment')
      .length;
  }

  private async checkPhotos(tx: Tx, request: SaveSessionRequest, clientId: string): Promise<void> {
    const ids = [...request.beforePhotoIds, ...request.afterPhotoIds];
    const photos = await photoRepository.findByIds(tx, ids);
    const check = (list: string[], name: 'beforePhotoIds' | 'afterPhotoIds') =>
      list.forEach((id, i) => {
        const p = photos.find((x) => x.id === id);
        if (!p || p.clientId !== clientId)
          throw unprocessable('unknown_photo', 'unknownPhoto', {}, [
            bodyField(`${name}.${i}`, 'notClientsPhoto'),
          ]);
      });
    check(request.beforePhotoIds, 'beforePhotoIds');
    check(request.afterPhotoIds, 'afterPhotoIds');
    if (new Set(ids).size !== ids.length)
      throw unprocessable('duplicate_photo', 'duplicatePhoto', {}, [
        bodyField('afterPhotoIds', 'listedTwice'),
      ]);
  }

  private async assemble(tx: Tx, rows: SessionView[]): Promise<SessionRecord[]> {
    const ids = rows.map((r) => r.id);
    const materials = await sessionRepository.materialsOf(tx, ids);
    const photos = await photoRepository.listBySessions(tx, ids);
    return rows.map((r) =>
      toSessionRecord(
        r,
        materials.filter((m) => m.sessionId === r.id),
        photos.filter((p) => p.sessionId === r.id),
      ),
    );
  }
}
