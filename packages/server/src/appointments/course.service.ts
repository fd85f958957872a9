// Treatment courses: a client's treatment, whose sessions are numbered and kept the plan's interval
// apart. A course takes its values from the plan that governs it (the named consultation's, else
// the client's latest), else the defaults; only owners and artists set another interval.
import type { CreateCourseRequest, TreatmentCourse, UiLocale } from '@stipple/core';
import { DEFAULT_MIN_INTERVAL_DAYS, DEFAULT_PLANNED_SESSIONS, DEFAULT_TOUCH_UP_YEARS } from '@stipple/core';
import { audit } from '../audit/audit-trail.js';
import type { Actor } from '../auth/actor.js';
import { isClinical } from '../auth/roles.js';
import { clientRepository } from '../clients/client.repository.js';
import { consultationRepository } from '../consultations/consultation.repository.js';
import type { Database, Tx } from '../db/database.js';
import { bodyField, forbidden, notFound, unprocessable } from '../http/app-error.js';
import { appointmentRepository, type CourseRow } from './appointment.repository.js';
import { governingPlan, toCoursePlan } from './course-plan.js';

export async function toCourse(tx: Tx, row: CourseRow, locale: UiLocale): Promise<TreatmentCourse> {
  const plan = await governingPlan(tx, row);
  return {
    id: row.id,
    clientId: row.clientId,
    consultationId: row.consultationId,
    title: row.title,
    minIntervalDays: row.minIntervalDays,
    plannedSessions: row.plannedSessions,
    touchUpYears: row.touchUpYears,
    plan: plan ? toCoursePlan(plan, locale) : null,
    createdAt: row.createdAt.toISOString(),
  };
}

export class CourseService {
  constructor(private readonly deps: { db: Database }) {}

  async create(
    actor: Actor,
    clientId: string,
    request: CreateCourseRequest,
    locale: UiLocale,
  ): Promise<TreatmentCourse> {
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      if (!(await clientRepository.findById(tx, clientId))) throw notFound('client');
      // The plan that governs the course: the named consultation's, else the client's latest.
      let consultationId: string | null = null;
      if (request.consultationId) {
        const named = await consultationRepository.findById(tx, request.consultationId);
        if (!named || named.clientId !== clientId)
          throw unprocessable('unknown_consultation', 'notFound', { entity: { t: 'entity.consultation' } }, [
            bodyField('consultationId', 'notClientsConsultation'),
          ]);
        consultationId = named.id;
      }
      const plan = consultationId
        ? await consultationRepository.latestPlan(tx, consultationId)
        : await consultationRepository.latestPlanOfClient(tx, clientId);
      consultationId ??= plan?.consultationId ?? null;
      // Values left out come from that plan, else the defaults.
      const defaults = {
        minIntervalDays: plan?.minIntervalDays ?? DEFAULT_MIN_INTERVAL_DAYS,
        plannedSessions: plan?.sessionsCount ?? DEFAULT_PLANNED_SESSIONS,
        touchUpYears: plan
          ? Math.min(10, Math.max(1, Math.round(plan.touchUpYears)))
          : DEFAULT_TOUCH_UP_YEARS,
      };
      const values = {
        minIntervalDays: request.minIntervalDays ?? defaults.minIntervalDays,
        plannedSessions: request.plannedSessions ?? defaults.plannedSessions,
        touchUpYears: request.touchUpYears ?? defaults.touchUpYears,
      };
      // The interval is a clinical setting: front desk opens courses with the plan's or default values only.
      if (
        !isClinical(actor) &&
        (values.minIntervalDays !== defaults.minIntervalDays || values.touchUpYears !== defaults.touchUpYears)
      )
        throw forbidden('clinicalOnlyInterval');
      const row = await appointmentRepository.createCourse(tx, {
        title: request.title,
        ...values,
        clientId,
        consultationId,
        studioId: actor.studioId,
        createdBy: actor.userId,
      });
      await audit(tx, actor, 'course.create', 'treatment_course', row.id, { clientId, consultationId });
      return toCourse(tx, row, locale);
    });
  }

  async list(actor: Actor, clientId: string, locale: UiLocale): Promise<{ items: TreatmentCourse[] }> {
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      if (!(await clientRepository.findById(tx, clientId))) throw notFound('client');
      const rows = await appointmentRepository.listCourses(tx, clientId);
      const items: TreatmentCourse[] = [];
      for (const row of rows) items.push(await toCourse(tx, row, locale));
      return { items };
    });
  }

  // ---- appointments ----
}
