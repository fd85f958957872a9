// What the treatment plan says about one session appointment: whether it may take place on its
// day, and the targets for that session, zone by zone (density, shade, dot size, needle), so
// that the artist records the session beside what was planned. Owners and artists only.
import { planGate, type Plan, type SessionPlan, type SessionTarget, type UiLocale } from '@stipple/core';
import { appointmentRepository } from '../appointments/appointment.repository.js';
import { decisionOf, governingPlan, toCoursePlan } from '../appointments/course-plan.js';
import { localTime } from '../appointments/studio-time.js';
import { audit } from '../audit/audit-trail.js';
import type { Actor } from '../auth/actor.js';
import { CLINICAL, requireRole } from '../auth/roles.js';
import type { Database } from '../db/database.js';
import { notFound } from '../http/app-error.js';
import { studioRepository } from '../studio/studio.repository.js';

/** The targets of the plan's session `n` (1-based); a course longer than the plan keeps the last. */
export function sessionTargets(plan: Plan, n: number): { planSession: number; targets: SessionTarget[] } {
  const planSession = Math.max(1, Math.min(n, plan.sessions.count));
  return {
    planSession,
    targets: plan.zones.map((zone, i) => {
      const s = zone.sessions[Math.min(planSession, zone.sessions.length) - 1]!;
      return {
        zone: i,
        kind: zone.kind,
        scars: zone.scars,
        targetDensityPerCm2: zone.targetDensityPerCm2,
        densityPercent: s.densityPercent,
        shadeNumber: s.shadeNumber,
        dotSizeMm: zone.dotSizeMm,
        needle: zone.needle,
        needleDiameterMm: zone.needleDiameterMm,
      };
    }),
  };
}

export class SessionPlanService {
  constructor(private readonly deps: { db: Database }) {}

  async forAppointment(actor: Actor, appointmentId: string, locale: UiLocale): Promise<SessionPlan> {
    requireRole(actor, CLINICAL);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const appt = await appointmentRepository.view(tx, appointmentId);
      if (!appt) throw notFound('appointment');
      const studio = (await studioRepository.findById(tx, actor.studioId))!;
      const date = localTime(appt.startsAt, studio.timeZone).date;
      const course = appt.courseId ? await appointmentRepository.findCourse(tx, appt.courseId) : undefined;
      const row = course && appt.kind !== 'consultation' ? await governingPlan(tx, course) : undefined;
      const base = {
        sessionNumber: appt.sessionNumber,
        date,
        overrideReason: appt.planOverrideReason,
      };
      if (!row) return { ...base, plan: null, planSession: null, targets: [], allowed: true };
      await audit(tx, actor, 'plan.read', 'treatment_plan', row.id, {
        clientId: appt.clientId,
        appointmentId,
      });
      const plan = row.plan as unknown as Plan;
      // A touch-up renews the finished look: the plan's last session.
      const { planSession, targets } = sessionTargets(plan, appt.sessionNumber ?? plan.sessions.count);
      return {
        ...base,
        plan: toCoursePlan(row, locale),
        planSession,
        targets,
        allowed: planGate(decisionOf(row), date).open || appt.planOverrideReason !== null,
      };
    });
  }
}
