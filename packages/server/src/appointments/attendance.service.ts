// Whether the client came and what they paid ahead: no-shows and deposits, as the desk records
// them. Every role may record both (the desk is where clients pay and are missed); each change is
// an event in the appointment's history and an audit entry. No payment provider is wired: a
// payment is recorded by hand, and a provider would call `recordDeposit` from its webhook.
import type { Appointment, MarkNoShowRequest, RecordDepositRequest, UndoNoShowRequest } from '@stipple/core';
import { audit } from '../audit/audit-trail.js';
import type { Actor } from '../auth/actor.js';
import type { Database, Tx } from '../db/database.js';
import { bodyField, conflict, notFound, stale } from '../http/app-error.js';
import { outboxRepository } from '../outbox/outbox.repository.js';
import { studioRepository } from '../studio/studio.repository.js';
import { appointmentRepository, type AppointmentRow } from './appointment.repository.js';
import { requireBooked, toAppointment } from './appointment.service.js';
import { depositPatch } from './deposit-columns.js';

export class AttendanceService {
  constructor(private readonly deps: { db: Database; now?: () => Date }) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** The client did not come: only once the appointment has begun, never over a session record. */
  async markNoShow(actor: Actor, id: string, request: MarkNoShowRequest): Promise<Appointment> {
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const current = await this.lockVersion(tx, id, request.version);
      requireBooked(current, 'version');
      if (current.startsAt.getTime() > this.now().getTime()) throw conflict('noShowBeforeStart');
      const view = (await appointmentRepository.view(tx, id))!;
      if (view.hasSessionRecord) throw conflict('noShowOverSession');
      await appointmentRepository.update(tx, id, { status: 'no_show' });
      await appointmentRepository.addEvent(tx, {
        studioId: actor.studioId,
        appointmentId: id,
        action: 'no_show',
        actorUserId: actor.userId,
        reason: request.note || null,
      });
      // Reminders and follow-ups of a visit that did not happen are not sent.
      await outboxRepository.cancelPending(tx, { appointmentId: id });
      await audit(tx, actor, 'appointment.no_show', 'appointment', id, { clientId: current.clientId });
      return toAppointment((await appointmentRepository.view(tx, id))!);
    });
  }

  /** A no-show marked by mistake: back to booked, the reason kept in the history. */
  async undoNoShow(actor: Actor, id: string, request: UndoNoShowRequest): Promise<Appointment> {
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const current = await this.lockVersion(tx, id, request.version);
      if (current.status !== 'no_show') throw conflict('notNoShow', {}, [bodyField('version', 'notNoShow')]);
      await appointmentRepository.update(tx, id, { status: 'booked' });
      await appointmentRepository.addEvent(tx, {
        studioId: actor.studioId,
        appointmentId: id,
        action: 'no_show_undone',
        actorUserId: actor.userId,
        reason: request.reason,
      });
      await audit(tx, actor, 'appointment.no_show_undo', 'appointment', id, { clientId: current.clientId });
      return toAppointment((await appointmentRepository.view(tx, id))!);
    });
  }

  /** Asked, paid (cash, the studio's terminal, a transfer) or waived; a paid one changes with a reason. */
  async recordDeposit(actor: Actor, id: string, request: RecordDepositRequest): Promise<Appointment> {
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const current = await this.lockVersion(tx, id, request.version);
      if (current.depositStatus === 'paid' && !request.reason)
        throw conflict('depositPaidNeedsReason', {}, [bodyField('reason', 'depositPaidNeedsReason')]);
      const studio = (await studioRepository.findById(tx, actor.studioId))!;
      const patch = depositPatch(request, studio.currency, this.now());
      await appointmentRepository.update(tx, id, patch);
      await appointmentRepository.addEvent(tx, {
        studioId: actor.studioId,
        appointmentId: id,
        action: `deposit_${request.status}`,
        actorUserId: actor.userId,
        reason: patch.depositReason ?? null,
        depositAmountMinor: patch.depositAmountMinor ?? null,
        depositMethod: patch.depositMethod ?? null,
        depositReference: patch.depositReference ?? null,
      });
      await audit(tx, actor, 'appointment.deposit', 'appointment', id, {
        clientId: current.clientId,
        status: request.status,
      });
      return toAppointment((await appointmentRepository.view(tx, id))!);
    });
  }

  private async lockVersion(tx: Tx, id: string, version: number): Promise<AppointmentRow> {
    const current = await appointmentRepository.findById(tx, id, { forUpdate: true });
    if (!current) throw notFound('appointment');
    if (current.version !== version) throw stale('version', current.version);
    return current;
  }
}
