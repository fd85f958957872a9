// The calendar: treatment courses, appointments (consultations, numbered sessions, touch-ups),
// moves and cancellations with their history. Working hours, feeds, no-shows and deposits have
// services of their own beside it.
// Every role books and sees the calendar; the rules a booking keeps (booking-rules.ts) may be
// set aside only by an owner or artist, with a reason that the booking and its history keep.
import type {
  Appointment,
  BookableArtist,
  AppointmentEvent,
  AppointmentList,
  AppointmentListQuery,
  CancelAppointmentRequest,
  CreateAppointmentRequest,
  MoveAppointmentRequest,
  UiLocale,
} from '@stipple/core';
import { audit } from '../audit/audit-trail.js';
import type { Actor } from '../auth/actor.js';
import { isClinical } from '../auth/roles.js';
import { clientRepository } from '../clients/client.repository.js';
import type { Config } from '../config.js';
import type { Database, Tx } from '../db/database.js';
import {
  AppError,
  bodyField,
  conflict,
  forbidden,
  notFound,
  stale,
  unprocessable,
  type FieldError,
} from '../http/app-error.js';
import { outboxRepository } from '../outbox/outbox.repository.js';
import { staffRepository } from '../staff/staff.repository.js';
import { studioRepository } from '../studio/studio.repository.js';
import { formatName } from '../text/person-name.js';
import {
  appointmentRepository,
  type AppointmentRow,
  type AppointmentView,
} from './appointment.repository.js';
import { checkSlot, translateOverlap, type SlotOverrides } from './booking-rules.js';
import { queueAppointmentReminder } from './reminders.js';

const MINUTE = 60_000;
/** Appointments still to come: booked, or held for an online booking. */
const LIVE = new Set<AppointmentRow['status']>(['booked', 'requested']);

const queryTo = (code: FieldError['code'], params?: FieldError['params']): FieldError => ({
  in: 'query',
  field: 'to',
  code,
  ...(params ? { params } : {}),
});

export const toAppointment = (row: AppointmentView): Appointment => ({
  id: row.id,
  clientId: row.clientId,
  clientName: formatName(row),
  artistId: row.artistId,
  artistName: row.artistName,
  kind: row.kind,
  courseId: row.courseId,
  sessionNumber: row.sessionNumber,
  startsAt: row.startsAt.toISOString(),
  endsAt: row.endsAt.toISOString(),
  status: row.status,
  notes: row.notes,
  intervalOverrideReason: row.intervalOverrideReason,
  planOverrideReason: row.planOverrideReason,
  hasSessionRecord: row.hasSessionRecord,
  deposit: {
    status: row.depositStatus,
    amountMinor: row.depositAmountMinor,
    currency: row.depositCurrency,
    method: row.depositMethod,
    reference: row.depositReference,
    reason: row.depositReason,
    recordedAt: row.depositRecordedAt?.toISOString() ?? null,
  },
  version: row.version,
});

const NOT_LIVE_CODE = {
  completed: 'appointmentWasCompleted',
  cancelled: 'appointmentWasCancelled',
  no_show: 'appointmentWasNoShow',
} as const;

/** A booked appointment can be moved, cancelled or missed; a completed, cancelled or missed one cannot. */
export function requireBooked(row: AppointmentRow, fieldName: string): void {
  if (LIVE.has(row.status)) return;
  const code = NOT_LIVE_CODE[row.status as keyof typeof NOT_LIVE_CODE];
  throw conflict(code, {}, [bodyField(fieldName, code)]);
}

/** Setting aside the interval or the plan is a clinical decision. */
function requireOverrideRight(
  actor: Actor,
  request: { intervalOverrideReason?: string; planOverrideReason?: string },
) {
  if ((request.intervalOverrideReason || request.planOverrideReason) && !isClinical(actor))
    throw forbidden('clinicalOnlyOverride');
}

/** Told when an appointment is cancelled, in its transaction (the waitlist hears of freed times). */
export type FreedHook = (tx: Tx, appointment: AppointmentRow) => Promise<void>;

export class AppointmentService {
  private freed: FreedHook = () => Promise.resolve();

  constructor(
    private readonly deps: { db: Database; config: Pick<Config, 'publicUrl' | 'reminderHoursBefore'> },
  ) {}

  onFreed(hook: FreedHook): void {
    this.freed = hook;
  }

  async list(actor: Actor, query: AppointmentListQuery): Promise<AppointmentList> {
    const from = new Date(query.from);
    const to = new Date(query.to);
    if (to <= from) throw new AppError(400, 'validation_failed', 'rangeInverted', {}, [queryTo('afterFrom')]);
    // A studio's calendar is read a week or a month at a time; one client's history may span years.
    const maxDays = query.clientId ? 20 * 366 : 400;
    if (to.getTime() - from.getTime() > maxDays * 86_400_000)
      throw new AppError(400, 'validation_failed', 'rangeTooLong', { days: maxDays }, [
        queryTo('atMostDaysAfterFrom', { days: maxDays }),
      ]);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const rows = await appointmentRepository.list(tx, {
        from,
        to,
        artistId: query.artistId,
        clientId: query.clientId,
        includeCancelled: query.includeCancelled === 'true',
      });
      await audit(tx, actor, 'appointment.list', 'appointment', null, {
        count: rows.length,
        clientId: query.clientId,
        artistId: query.artistId,
      });
      return { items: rows.map(toAppointment) };
    });
  }

  async create(actor: Actor, request: CreateAppointmentRequest, locale: UiLocale): Promise<Appointment> {
    requireOverrideRight(actor, request);
    return translateOverlap(
      () => this.deps.db.withStudio(actor.studioId, (tx) => this.book(tx, actor, request, locale)),
      () => this.artistName(actor, request.artistId),
    );
  }

  /** One booking inside a transaction (also each session of "book the remaining sessions"). */
  async book(
    tx: Tx,
    actor: Actor,
    request: CreateAppointmentRequest,
    locale: UiLocale,
  ): Promise<Appointment> {
    const startsAt = new Date(request.startsAt);
    const endsAt = new Date(startsAt.getTime() + request.durationMinutes * MINUTE);
    const studio = (await studioRepository.findById(tx, actor.studioId))!;
    const client = await clientRepository.findById(tx, request.clientId);
    if (!client || client.archivedAt)
      throw unprocessable('unknown_client', 'unknownClient', {}, [bodyField('clientId', 'notActiveClient')]);
    const overrides = await checkSlot(tx, {
      studio,
      artistId: request.artistId,
      clientId: request.clientId,
      kind: request.kind,
      courseId: request.courseId,
      startsAt,
      endsAt,
      exceptId: null,
      intervalOverrideReason: request.intervalOverrideReason,
      planOverrideReason: request.planOverrideReason,
      locale,
    });
    const row = await appointmentRepository.create(tx, {
      studioId: actor.studioId,
      clientId: request.clientId,
      artistId: request.artistId,
      kind: request.kind,
      courseId: request.courseId,
      startsAt,
      endsAt,
      notes: request.notes,
      intervalOverrideReason: overrides.interval,
      planOverrideReason: overrides.plan,
      createdBy: actor.userId,
    });
    await appointmentRepository.addEvent(tx, {
      studioId: actor.studioId,
      appointmentId: row.id,
      action: 'booked',
      actorUserId: actor.userId,
      toStartsAt: startsAt,
      toArtistId: request.artistId,
      intervalOverrideReason: overrides.interval,
      planOverrideReason: overrides.plan,
    });
    await queueAppointmentReminder(tx, this.deps.config, studio, client, row.id, startsAt);
    await audit(tx, actor, 'appointment.create', 'appointment', row.id, {
      clientId: request.clientId,
      kind: request.kind,
      intervalOverride: Boolean(overrides.interval),
      planOverride: Boolean(overrides.plan),
    });
    await this.auditPlanOverride(tx, actor, row.id, request.clientId, overrides);
    return toAppointment((await appointmentRepository.view(tx, row.id))!);
  }

  async move(
    actor: Actor,
    id: string,
    request: MoveAppointmentRequest,
    locale: UiLocale,
  ): Promise<Appointment> {
    requireOverrideRight(actor, request);
    let artistId = request.artistId;
    return translateOverlap(
      () =>
        this.deps.db.withStudio(actor.studioId, async (tx) => {
          const current = await appointmentRepository.findById(tx, id, { forUpdate: true });
          if (!current) throw notFound('appointment');
          if (current.version !== request.version) throw stale('version', current.version);
          requireBooked(current, 'startsAt');
          const studio = (await studioRepository.findById(tx, actor.studioId))!;
          const startsAt = new Date(request.startsAt);
          const duration =
            request.durationMinutes ?? (current.endsAt.getTime() - current.startsAt.getTime()) / MINUTE;
          const endsAt = new Date(startsAt.getTime() + duration * MINUTE);
          artistId = request.artistId ?? current.artistId;
          const overrides = await checkSlot(tx, {
            studio,
            artistId,
            clientId: current.clientId,
            kind: current.kind,
            courseId: current.courseId,
            startsAt,
            endsAt,
            exceptId: id,
            intervalOverrideReason: request.intervalOverrideReason,
            planOverrideReason: request.planOverrideReason,
            locale,
          });
          await appointmentRepository.update(tx, id, {
            startsAt,
            endsAt,
            artistId,
            intervalOverrideReason: overrides.interval,
            planOverrideReason: overrides.plan,
          });
          await appointmentRepository.addEvent(tx, {
            studioId: actor.studioId,
            appointmentId: id,
            action: 'moved',
            actorUserId: actor.userId,
            fromStartsAt: current.startsAt,
            toStartsAt: startsAt,
            fromArtistId: current.artistId,
            toArtistId: artistId,
            reason: request.reason || null,
            intervalOverrideReason: overrides.interval,
            planOverrideReason: overrides.plan,
          });
          await outboxRepository.cancelPending(tx, { appointmentId: id, kind: 'appointment_reminder' });
          const client = (await clientRepository.findById(tx, current.clientId))!;
          await queueAppointmentReminder(tx, this.deps.config, studio, client, id, startsAt);
          await audit(tx, actor, 'appointment.move', 'appointment', id, {
            clientId: current.clientId,
            intervalOverride: Boolean(overrides.interval),
            planOverride: Boolean(overrides.plan),
          });
          await this.auditPlanOverride(tx, actor, id, current.clientId, overrides);
          return toAppointment((await appointmentRepository.view(tx, id))!);
        }),
      () => this.artistName(actor, artistId),
    );
  }

  async cancel(actor: Actor, id: string, request: CancelAppointmentRequest): Promise<Appointment> {
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const current = await appointmentRepository.findById(tx, id, { forUpdate: true });
      if (!current) throw notFound('appointment');
      if (current.version !== request.version) throw stale('version', current.version);
      requireBooked(current, 'version');
      await appointmentRepository.update(tx, id, { status: 'cancelled' });
      await appointmentRepository.addEvent(tx, {
        studioId: actor.studioId,
        appointmentId: id,
        action: 'cancelled',
        actorUserId: actor.userId,
        fromStartsAt: current.startsAt,
        reason: request.reason,
      });
      await outboxRepository.cancelPending(tx, { appointmentId: id });
      await this.freed(tx, current);
      await audit(tx, actor, 'appointment.cancel', 'appointment', id, { clientId: current.clientId });
      return toAppointment((await appointmentRepository.view(tx, id))!);
    });
  }

  async get(actor: Actor, id: string): Promise<Appointment> {
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const row = await appointmentRepository.view(tx, id);
      if (!row) throw notFound('appointment');
      await audit(tx, actor, 'appointment.read', 'appointment', id, { clientId: row.clientId });
      return toAppointment(row);
    });
  }

  async history(actor: Actor, id: string): Promise<{ items: AppointmentEvent[] }> {
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const row = await appointmentRepository.findById(tx, id);
      if (!row) throw notFound('appointment');
      const events = await appointmentRepository.history(tx, id);
      await audit(tx, actor, 'appointment.read', 'appointment', id, {
        clientId: row.clientId,
        history: true,
      });
      return {
        items: events.map(({ event: e, actorName }) => ({
          id: e.id,
          action: e.action,
          at: e.at.toISOString(),
          actor: e.actorUserId ? { id: e.actorUserId, name: actorName ?? '' } : null,
          fromStartsAt: e.fromStartsAt?.toISOString() ?? null,
          toStartsAt: e.toStartsAt?.toISOString() ?? null,
          fromArtistId: e.fromArtistId,
          toArtistId: e.toArtistId,
          reason: e.reason,
          intervalOverrideReason: e.intervalOverrideReason,
          planOverrideReason: e.planOverrideReason,
          depositAmountMinor: e.depositAmountMinor,
          depositMethod: e.depositMethod,
          depositReference: e.depositReference,
        })),
      };
    });
  }

  async artists(actor: Actor): Promise<{ items: BookableArtist[] }> {
    const rows = await this.deps.db.withStudio(actor.studioId, (tx) => staffRepository.list(tx));
    return {
      items: rows
        .filter((r) => r.active && r.role !== 'front_desk')
        .map((r) => ({ id: r.id, name: r.name, role: r.role as 'owner' | 'artist' })),
    };
  }

  /** A session booked against the plan: its own audit entry, so the log lists every such decision. */
  private async auditPlanOverride(
    tx: Tx,
    actor: Actor,
    appointmentId: string,
    clientId: string,
    overrides: SlotOverrides,
  ): Promise<void> {
    if (!overrides.plan) return;
    await audit(tx, actor, 'appointment.plan_override', 'appointment', appointmentId, {
      clientId,
      reasonGiven: true,
    });
  }

  private async artistName(actor: Actor, artistId: string | undefined): Promise<string> {
    if (!artistId) return '';
    const row = await this.deps.db.withStudio(actor.studioId, (tx) => staffRepository.findById(tx, artistId));
    return row?.name ?? '';
  }
}
