// Consultations and plans: the assessment of a client (validated by the planner's own schema),
// the plan the shared rule set makes of it (the same `planTreatment` the CLI runs), and the
// artist's overrides with their reasons. Each save of a plan is a new, immutable version that
// keeps the rule output, the overrides, who made them and when. Clinical records: owners and
// artists only; every read and change is audited in the same transaction.
import {
  messageOfIssue,
  planTreatment,
  safeApplyPlanOverrides,
  Assessment,
  type AssessmentRecord,
  type Consultation,
  type ConsultationList,
  type ConsultationListItem,
  type ConsultationPage,
  type CreateConsultationRequest,
  type Plan,
  type PlanOverrideInput,
  type PlanVersion,
  type PlanVersionList,
  type PlanVersionSummary,
  type SavePlanRequest,
  type UpdateConsultationRequest,
} from '@stipple/core';
import { localTime } from '../appointments/studio-time.js';
import { audit } from '../audit/audit-trail.js';
import type { Actor } from '../auth/actor.js';
import { CLINICAL, requireRole } from '../auth/roles.js';
import { clientRepository } from '../clients/client.repository.js';
import type { Database, Tx } from '../db/database.js';
import { bodyField, conflict, invalid, notFound, stale } from '../http/app-error.js';
import { outcomeFactsFor } from '../outcomes/outcome.service.js';
import { staffRepository } from '../staff/staff.repository.js';
import { studioRepository } from '../studio/studio.repository.js';
import { formatName } from '../text/person-name.js';
import { consultationRepository, type ConsultationView, type PlanView } from './consultation.repository.js';

export const toPlanSummary = (row: PlanView): PlanVersionSummary => ({
  id: row.id,
  consultationId: row.consultationId,
  version: row.version,
  rulesVersion: row.rulesVersion,
  eligibility: row.eligibility,
  earliestStartDate: row.earliestStartDate,
  sessionsCount: row.sessionsCount,
  minIntervalDays: row.minIntervalDays,
  overrideCount: row.overrideCount,
  assessmentVersion: row.assessmentVersion,
  stale: row.assessmentVersion !== row.currentAssessmentVersion,
  createdBy: row.createdBy ? { id: row.createdBy, name: row.createdByName ?? '' } : null,
  createdAt: row.createdAt.toISOString(),
});

export const toPlanVersion = (row: PlanView): PlanVersion => ({
  ...toPlanSummary(row),
  clientId: row.clientId,
  plan: row.plan as unknown as Plan,
  assessment: row.assessment as unknown as AssessmentRecord,
});

export const toConsultation = (row: ConsultationView, latest: PlanView | undefined): Consultation => ({
  id: row.id,
  clientId: row.clientId,
  clientName: formatName(row),
  consultationDate: row.consultationDate,
  artist: { id: row.artistId, name: row.artistName },
  assessment: row.assessment as unknown as AssessmentRecord,
  version: row.version,
  latestPlan: latest ? toPlanSummary(latest) : null,
  createdBy: row.createdBy ? { id: row.createdBy, name: row.createdByName ?? '' } : null,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

const toListItem = (row: ConsultationView, latest: PlanView | undefined): ConsultationListItem => {
  const scars = (row.assessment as { scars?: unknown[] }).scars;
  return {
    id: row.id,
    clientId: row.clientId,
    clientName: formatName(row),
    consultationDate: row.consultationDate,
    artist: { id: row.artistId, name: row.artistName },
    scarCount: Array.isArray(scars) ? scars.length : null,
    latestPlan: latest ? toPlanSummary(latest) : null,
    updatedAt: row.updatedAt.toISOString(),
  };
};

/** JSON with sorted keys: two override values are the same when these strings are. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/** Top-level assessment fields that differ, by name only (never their values: health data). */
function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => canonical(before[k]) !== canonical(after[k])).sort();
}

/**
 * A consultation is recorded on the day it was held or later, never ahead: every waiting time in
 * the plan counts from its date, so a date in the future would shorten them all.
 */
async function checkNotFuture(tx: Tx, studioId: string, consultationDate: string): Promise<void> {
  const studio = await studioRepository.findById(tx, studioId);
  const today = localTime(new Date(), studio?.timeZone ?? 'UTC').date;
  if (consultationDate > today) throw invalid([bodyField('assessment.consultationDate', 'notInFuture')]);
}

export class ConsultationService {
  constructor(private readonly deps: { db: Database }) {}

  async create(actor: Actor, clientId: string, request: CreateConsultationRequest): Promise<Consultation> {
    requireRole(actor, CLINICAL);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      if (!(await clientRepository.findById(tx, clientId))) throw notFound('client');
      await this.checkConsultationDate(tx, actor, request.assessment.consultationDate);
      const artistId = await this.checkArtist(tx, request.artistId ?? actor.userId);
      await checkNotFuture(tx, actor.studioId, request.assessment.consultationDate);
      const created = await consultationRepository.create(tx, {
        studioId: actor.studioId,
        clientId,
        artistId,
        consultationDate: request.assessment.consultationDate,
        assessment: request.assessment,
        createdBy: actor.userId,
      });
      await audit(tx, actor, 'consultation.create', 'consultation', created.id, {
        clientId,
        fields: Object.keys(request.assessment).sort(),
        scars: request.assessment.scars?.length ?? null,
      });
      const row = (await consultationRepository.findById(tx, created.id))!;
      return toConsultation(row, undefined);
    });
  }

  async listByClient(actor: Actor, clientId: string): Promise<ConsultationList> {
    requireRole(actor, CLINICAL);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      if (!(await clientRepository.findById(tx, clientId))) throw notFound('client');
      const rows = await consultationRepository.listByClient(tx, clientId);
      const latest = await consultationRepository.latestPlans(
        tx,
        rows.map((r) => r.id),
      );
      await audit(tx, actor, 'consultation.list', 'client', clientId, {
        ids: rows.map((r) => r.id),
        count: rows.length,
      });
      return { items: rows.map((r) => toListItem(r, latest.get(r.id))) };
    });
  }

  async listRecent(actor: Actor, page: { page: number; pageSize: number }): Promise<ConsultationPage> {
    requireRole(actor, CLINICAL);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const { rows, total } = await consultationRepository.listRecent(tx, page);
      const latest = await consultationRepository.latestPlans(
        tx,
        rows.map((r) => r.id),
      );
      await audit(tx, actor, 'consultation.list', 'consultation', null, {
        ids: rows.map((r) => r.id),
        count: rows.length,
        total,
        page: page.page,
      });
      return { items: rows.map((r) => toListItem(r, latest.get(r.id))), total, ...page };
    });
  }

  async get(actor: Actor, id: string): Promise<Consultation> {
    requireRole(actor, CLINICAL);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const row = await consultationRepository.findById(tx, id);
      if (!row) throw notFound('consultation');
      await audit(tx, actor, 'consultation.read', 'consultation', id, { clientId: row.clientId });
      return toConsultation(row, await consultationRepository.latestPlan(tx, id));
    });
  }

  async update(actor: Actor, id: string, request: UpdateConsultationRequest): Promise<Consultation> {
    requireRole(actor, CLINICAL);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const current = await consultationRepository.findById(tx, id, { forUpdate: true });
      if (!current) throw notFound('consultation');
      if (request.version !== current.version) throw stale('version', current.version);
      await this.checkConsultationDate(tx, actor, request.assessment.consultationDate);
      const artistId = request.artistId ? await this.checkArtist(tx, request.artistId) : current.artistId;
      await checkNotFuture(tx, actor.studioId, request.assessment.consultationDate);
      const assessment = request.assessment as Record<string, unknown>;
      const fields = changedFields(current.assessment, assessment);
      if (fields.length === 0 && artistId === current.artistId)
        return toConsultation(current, await consultationRepository.latestPlan(tx, id));
      await consultationRepository.update(tx, current, {
        artistId,
        consultationDate: request.assessment.consultationDate,
        assessment,
      });
      await audit(tx, actor, 'consultation.update', 'consultation', id, {
        clientId: current.clientId,
        fields: artistId === current.artistId ? fields : ['artistId', ...fields].sort(),
        version: current.version + 1,
      });
      const row = (await consultationRepository.findById(tx, id))!;
      return toConsultation(row, await consultationRepository.latestPlan(tx, id));
    });
  }

  /**
   * "Make the plan" and "Save the plan": runs the rules on the stored assessment, applies the
   * overrides the request carries and stores the result as the next version. An override the
   * previous version already had (same path, value and reason) keeps its author and time.
   */
  async savePlan(actor: Actor, consultationId: string, request: SavePlanRequest): Promise<PlanVersion> {
    requireRole(actor, CLINICAL);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const consultation = await consultationRepository.findById(tx, consultationId, { forUpdate: true });
      if (!consultation) throw notFound('consultation');
      const latest = await consultationRepository.latestPlan(tx, consultationId);
      const latestVersion = latest?.version ?? 0;
      if (request.basedOnVersion !== latestVersion)
        throw conflict('stalePlan', { version: latestVersion }, [
          bodyField('basedOnVersion', 'stale', { version: latestVersion }),
        ]);

      // The planner reads what healed follow-ups measured, the client's own and the studio's.
      const assessment = Assessment.parse(consultation.assessment);
      const ruled = planTreatment(assessment, {
        outcomes: await outcomeFactsFor(tx, consultation.clientId, assessment),
      });
      const previous = new Map(
        ((latest?.plan as Plan | undefined)?.overrides ?? []).map((o) => [
          canonical({ path: o.path, value: o.value, reason: o.reason }),
          o,
        ]),
      );
      const me = await staffRepository.findById(tx, actor.userId);
      const now = new Date().toISOString();
      const overrides: PlanOverrideInput[] = request.overrides.map((o) => {
        const kept = previous.get(canonical({ path: o.path, value: o.value, reason: o.reason.trim() }));
        return kept
          ? { path: kept.path, value: kept.value, reason: kept.reason, by: kept.by, at: kept.at }
          : { ...o, by: { id: actor.userId, name: me?.name ?? 'Staff member' }, at: now };
      });
      const applied = safeApplyPlanOverrides(ruled, overrides);
      if (!applied.success) {
        throw invalid(
          applied.error.issues.map((issue) => {
            const { code, params } = messageOfIssue(issue);
            return bodyField(issue.path.join('.'), code, params);
          }),
        );
      }
      const plan = overrides.length ? applied.data : ruled;
      const row = await consultationRepository.insertPlan(tx, {
        studioId: actor.studioId,
        consultationId,
        clientId: consultation.clientId,
        version: latestVersion + 1,
        rulesVersion: plan.rulesVersion,
        assessmentVersion: consultation.version,
        assessment: consultation.assessment,
        plan: plan,
        eligibility: plan.eligibility,
        earliestStartDate: plan.earliestStartDate,
        sessionsCount: plan.sessions.count,
        minIntervalDays: plan.sessions.minIntervalDays,
        touchUpYears: plan.touchUpYears,
        overrideCount: plan.overrides.length,
        createdBy: actor.userId,
      });
      await audit(tx, actor, 'plan.save', 'treatment_plan', row.id, {
        consultationId,
        clientId: consultation.clientId,
        version: row.version,
        rulesVersion: row.rulesVersion,
        overrides: plan.overrides.map((o) => o.path),
      });
      return toPlanVersion((await consultationRepository.findPlan(tx, row.id))!);
    });
  }

  async listPlans(actor: Actor, consultationId: string): Promise<PlanVersionList> {
    requireRole(actor, CLINICAL);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const consultation = await consultationRepository.findById(tx, consultationId);
      if (!consultation) throw notFound('consultation');
      const rows = await consultationRepository.listPlans(tx, consultationId);
      await audit(tx, actor, 'plan.list', 'consultation', consultationId, {
        clientId: consultation.clientId,
        ids: rows.map((r) => r.id),
      });
      return { items: rows.map(toPlanSummary) };
    });
  }

  async getPlan(actor: Actor, id: string): Promise<PlanVersion> {
    requireRole(actor, CLINICAL);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const row = await consultationRepository.findPlan(tx, id);
      if (!row) throw notFound('plan');
      await audit(tx, actor, 'plan.read', 'treatment_plan', id, {
        consultationId: row.consultationId,
        clientId: row.clientId,
        version: row.version,
      });
      return toPlanVersion(row);
    });
  }

  /** A consultation records what was found on its day: that day has come (studio time). */
  private async checkConsultationDate(tx: Tx, actor: Actor, date: string): Promise<void> {
    const studio = (await studioRepository.findById(tx, actor.studioId))!;
    if (date > localTime(new Date(), studio.timeZone).date)
      throw invalid([bodyField('assessment.consultationDate', 'notInFuture')]);
  }

  /** The artist must be an active owner or artist of the studio (RLS hides everyone else). */
  private async checkArtist(tx: Tx, artistId: string): Promise<string> {
    const staff = await staffRepository.findById(tx, artistId);
    if (!staff || !staff.active || staff.role === 'front_desk')
      throw invalid([bodyField('artistId', 'notAnArtist')]);
    return staff.id;
  }
}
