// The medical screening from home. Before a consultation the client answers the same questions
// the artist asks in the studio (in their language, with plain explanations in the portal); the
// answers count only once the artist accepted them: then they become the screening of the
// consultation for that appointment (made if there is none yet), and the plan reads them. The
// artist sees what changed against what the studio had before.
import {
  Screening,
  type Intake,
  type IntakeChange,
  type IntakeList,
  type SubmitIntakeRequest,
} from '@stipple/core';
import { audit } from '../audit/audit-trail.js';
import { auditRepository } from '../audit/audit.repository.js';
import type { Actor } from '../auth/actor.js';
import { CLINICAL, requireRole } from '../auth/roles.js';
import { appointmentRepository } from '../appointments/appointment.repository.js';
import { localTime } from '../appointments/studio-time.js';
import { clientRepository } from '../clients/client.repository.js';
import { consultationRepository } from '../consultations/consultation.repository.js';
import type { Database, Tx } from '../db/database.js';
import { AppError, notFound } from '../http/app-error.js';
import type { PortalActor } from '../portal/portal-auth.service.js';
import { portalErrors } from '../portal/portal-errors.js';
import { studioRepository } from '../studio/studio.repository.js';
import { intakeRepository, type IntakeRow, type IntakeView } from './intake.repository.js';

type Answers = Record<string, unknown>;
const QUESTION_ORDER = Object.keys(Screening.shape);
const scalar = (v: unknown): IntakeChange['before'] =>
  v === undefined || v === null
    ? null
    : typeof v === 'object'
      ? JSON.stringify(v)
      : (v as boolean | number | string);

/** The answers that differ between what the studio had and the new submission, in question order. */
export function screeningChanges(before: Answers | null, after: Answers): IntakeChange[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  return QUESTION_ORDER.filter((k) => keys.has(k))
    .filter((k) => scalar(before?.[k]) !== scalar(after[k]))
    .map((field) => ({ field, before: scalar(before?.[field]), after: scalar(after[field]) }));
}

const intakeErrors = {
  notPending: (status: string) => new AppError(409, 'intake_not_pending', 'intakeNotNew', { status }),
};

export class IntakeService {
  constructor(private readonly deps: { db: Database }) {}

  /** What the client sees: the appointment and their latest answers for it. */
  async forClient(
    p: PortalActor,
    appointmentId: string,
  ): Promise<{
    appointment: { id: string; startsAt: Date; endsAt: Date; artistName: string };
    intake: Intake | null;
  }> {
    return this.deps.db.withStudio(p.studioId, async (tx) => {
      const appointment = await this.upcomingOf(tx, p, appointmentId);
      const latest = await intakeRepository.latestForAppointment(tx, appointmentId);
      return {
        appointment: {
          id: appointment.id,
          startsAt: appointment.startsAt,
          endsAt: appointment.endsAt,
          artistName: appointment.artistName,
        },
        intake: latest ? await this.toIntake(tx, { ...latest, reviewerName: null }) : null,
      };
    });
  }

  async submit(p: PortalActor, appointmentId: string, request: SubmitIntakeRequest): Promise<Intake> {
    return this.deps.db.withStudio(p.studioId, async (tx) => {
      await this.upcomingOf(tx, p, appointmentId);
      await intakeRepository.supersedePending(tx, appointmentId);
      const row = await intakeRepository.create(tx, {
        studioId: p.studioId,
        clientId: p.clientId,
        appointmentId,
        screening: request.screening,
        notes: request.notes,
      });
      await auditRepository.record(tx, {
        studioId: p.studioId,
        actorUserId: null,
        action: 'intake.submit',
        entityType: 'intake_response',
        entityId: row.id,
        details: { clientId: p.clientId, appointmentId, answers: Object.keys(request.screening).length },
      });
      return this.toIntake(tx, { ...row, reviewerName: null });
    });
  }

  async listForClient(actor: Actor, clientId: string): Promise<IntakeList> {
    requireRole(actor, CLINICAL);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      if (!(await clientRepository.findById(tx, clientId))) throw notFound('client');
      const rows = await intakeRepository.listByClient(tx, clientId);
      await audit(tx, actor, 'intake.read', 'client', clientId, { ids: rows.map((r) => r.id) });
      const items: Intake[] = [];
      for (const r of rows) items.push(await this.toIntake(tx, r));
      return { items };
    });
  }

  /**
   * The artist accepts the answers: they become the screening of the consultation on the
   * appointment's day (a new consultation when there is none), and count from then on.
   */
  async accept(actor: Actor, id: string): Promise<Intake> {
    requireRole(actor, CLINICAL);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const row = await intakeRepository.findById(tx, id, { forUpdate: true });
      if (!row) throw notFound('screeningAnswers');
      if (row.status !== 'submitted') throw intakeErrors.notPending(row.status);
      const appointment = (await appointmentRepository.findById(tx, row.appointmentId))!;
      const studio = (await studioRepository.findById(tx, actor.studioId))!;
      const day = localTime(appointment.startsAt, studio.timeZone).date;
      const existing = (await consultationRepository.listByClient(tx, row.clientId)).find(
        (c) => c.consultationDate === day,
      );
      let consultationId: string;
      if (existing) {
        const current = (await consultationRepository.findById(tx, existing.id, { forUpdate: true }))!;
        await consultationRepository.update(tx, current, {
          artistId: current.artistId,
          consultationDate: current.consultationDate,
          assessment: { ...current.assessment, screening: row.screening },
        });
        consultationId = current.id;
        await audit(tx, actor, 'consultation.update', 'consultation', current.id, {
          clientId: row.clientId,
          fields: ['screening'],
          version: current.version + 1,
          fromIntake: row.id,
        });
      } else {
        const created = await consultationRepository.create(tx, {
          studioId: actor.studioId,
          clientId: row.clientId,
          artistId: appointment.artistId,
          consultationDate: day,
          assessment: { consultationDate: day, screening: row.screening },
          createdBy: actor.userId,
        });
        consultationId = created.id;
        await audit(tx, actor, 'consultation.create', 'consultation', created.id, {
          clientId: row.clientId,
          fields: ['consultationDate', 'screening'],
          fromIntake: row.id,
        });
      }
      await intakeRepository.markAccepted(tx, id, actor.userId, consultationId);
      await audit(tx, actor, 'intake.accept', 'intake_response', id, {
        clientId: row.clientId,
        consultationId,
      });
      const [view] = (await intakeRepository.listByClient(tx, row.clientId)).filter((r) => r.id === id);
      return this.toIntake(tx, view!);
    });
  }

  /** Whether the client has not answered yet for this appointment (their confirmation then carries the link). */
  async needsIntake(tx: Tx, _clientId: string, appointmentId: string): Promise<boolean> {
    return !(await intakeRepository.latestForAppointment(tx, appointmentId));
  }

  private async upcomingOf(tx: Tx, p: PortalActor, appointmentId: string) {
    const appointment = await appointmentRepository.view(tx, appointmentId);
    // Another client's appointment, or one of another studio, is simply not there.
    if (!appointment || appointment.clientId !== p.clientId) throw portalErrors.notFound('appointment');
    if (!['requested', 'booked'].includes(appointment.status) || appointment.endsAt.getTime() < Date.now())
      throw portalErrors.notChangeable();
    return appointment;
  }

  /** What the studio had before this submission: the last accepted answers, or the consultation's screening. */
  private async baseline(tx: Tx, row: IntakeRow): Promise<Answers | null> {
    const accepted = (await intakeRepository.listByClient(tx, row.clientId)).find(
      (r) => r.status === 'accepted' && r.id !== row.id && r.submittedAt < row.submittedAt,
    );
    if (accepted) return accepted.screening;
    const consultations = await consultationRepository.listByClient(tx, row.clientId);
    const withScreening = consultations
      .filter((c) => c.id !== row.consultationId)
      .map((c) => c.assessment.screening as Answers | undefined)
      .find(Boolean);
    return withScreening ?? null;
  }

  private async toIntake(tx: Tx, row: IntakeView): Promise<Intake> {
    const before = await this.baseline(tx, row);
    return {
      id: row.id,
      clientId: row.clientId,
      appointmentId: row.appointmentId,
      status: row.status,
      screening: row.screening,
      notes: row.notes,
      submittedAt: row.submittedAt.toISOString(),
      reviewedAt: row.reviewedAt?.toISOString() ?? null,
      reviewedBy: row.reviewedBy ? { id: row.reviewedBy, name: row.reviewerName ?? '' } : null,
      consultationId: row.consultationId,
      changes: screeningChanges(before, row.screening),
      hadEarlier: before !== null,
    };
  }
}
