// What the portal shows of the client's care: the plan in plain words (the newest saved plan of
// their newest consultation, in their language through the same translation the consultation
// report uses), their preview (the newest finished render of each photo: healed, and with scars
// the poor end of what scar tissue keeps), and each completed session's aftercare as a day-by-day
// checklist with the reminder emails it sends. Everything is the signed-in client's own: an id of
// anyone else's is not found.
import {
  SCAR_RETENTION,
  localisePlan,
  SCAR_RETENTION_POOR,
  pxPerMmOf,
  type Assessment,
  type Plan,
  type PortalAftercare,
  type PortalPlan,
  type PortalPreviews,
  type ZonesFile,
} from '@stipple/core';
import { aftercareRepository } from '../aftercare/aftercare.repository.js';
import { localTime } from '../appointments/studio-time.js';
import type { BlobStore } from '../blobs/blob-store.js';
import { clientRepository } from '../clients/client.repository.js';
import { consultationRepository } from '../consultations/consultation.repository.js';
import type { Database } from '../db/database.js';
import { docLocale } from '../documents/format.js';
import { AppError } from '../http/app-error.js';
import { photoRepository } from '../photos/photo.repository.js';
import { previewRepository, type StoredStage } from '../previews/preview.repository.js';
import { sessionRepository } from '../sessions/session.repository.js';
import { studioRepository } from '../studio/studio.repository.js';
import { aftercareDays, mayTick } from './aftercare-days.js';
import type { PortalActor } from './portal-auth.service.js';
import { portalCareRepository } from './portal-care.repository.js';
import { portalErrors } from './portal-errors.js';
import { planSessions } from './plan-sessions.js';

export interface PortalImage {
  data: Buffer;
  etag: string;
}

/** A scar's close-up shows this much of the skin round it, as the consultation report's does. */
const SCAR_MARGIN_MM = 6;

/** The polygon's bounds with a margin, as shares of the image, kept inside it. */
export function closeUpBox(
  polygon: readonly (readonly [number, number])[],
  margin: number,
  image: { width: number; height: number },
) {
  const xs = polygon.map((p) => p[0]);
  const ys = polygon.map((p) => p[1]);
  const left = Math.max(0, Math.min(...xs) - margin);
  const top = Math.max(0, Math.min(...ys) - margin);
  const right = Math.min(image.width, Math.max(...xs) + margin);
  const bottom = Math.min(image.height, Math.max(...ys) + margin);
  return {
    left: left / image.width,
    top: top / image.height,
    width: (right - left) / image.width,
    height: (bottom - top) / image.height,
  };
}

const healedOf = (stages: StoredStage[]) =>
  stages.find((s) => s.look === 'healed' && s.scarRetention !== 'poor');
const poorOf = (stages: StoredStage[]) => stages.find((s) => s.scarRetention === 'poor');

export class PortalCareService {
  constructor(private readonly deps: { db: Database; blobs: BlobStore }) {}

  async plan(p: PortalActor): Promise<PortalPlan> {
    return this.deps.db.withStudio(p.studioId, async (tx) => {
      const client = (await clientRepository.findById(tx, p.clientId))!;
      const [newest] = await consultationRepository.listByClient(tx, p.clientId);
      const saved = newest ? await consultationRepository.latestPlan(tx, newest.id) : undefined;
      if (!newest || !saved) return { plan: null };
      const plan = localisePlan(
        saved.plan as Plan,
        saved.assessment as unknown as Assessment,
        docLocale(client.preferredLanguage),
      );
      const said = (xs: { text: string }[]) => xs.map((x) => ({ text: x.text }));
      return {
        plan: {
          consultationDate: newest.consultationDate,
          artistName: newest.artistName,
          version: saved.version,
          savedAt: saved.createdAt.toISOString(),
          eligibility: plan.eligibility,
          earliestStartDate: plan.earliestStartDate,
          reasons: said(plan.reasons),
          waiting: plan.waitingPeriods.map((w) => ({ text: w.text, until: w.until })),
          preTreatments: said(plan.preTreatments),
          sessionCount: plan.sessions.count,
          minIntervalDays: plan.sessions.minIntervalDays,
          hoursPerSession: plan.sessions.hoursPerSession,
          sessions: planSessions(plan),
          expectations: plan.expectedCamouflage.map((c) => ({
            text: c.text,
            scar: c.scar,
            percent: c.percent,
            qualifier: c.qualifier,
          })),
          touchUpYears: plan.touchUpYears,
          cautions: said(plan.cautions),
        },
      };
    });
  }

  async previews(p: PortalActor): Promise<PortalPreviews> {
    return this.deps.db.withStudio(p.studioId, async (tx) => {
      const photos = await photoRepository.listByClient(tx, p.clientId);
      const renders = await previewRepository.latestDoneRenders(
        tx,
        photos.map((ph) => ph.id),
      );
      const items: PortalPreviews['items'] = [];
      for (const render of renders) {
        const photo = photos.find((ph) => ph.id === render.photoId);
        const stages = render.stages as StoredStage[];
        const healed = healedOf(stages);
        if (!photo || render.clientId !== p.clientId || !healed) continue;
        const poor = poorOf(stages);
        const zones = render.zones as ZonesFile;
        items.push({
          photoId: photo.id,
          view: photo.view,
          takenOn: photo.takenOn,
          renderId: render.id,
          renderedAt: (render.finishedAt ?? render.createdAt).toISOString(),
          sessions: healed.afterSession,
          aspect: healed.width / healed.height,
          healed: healed.name,
          poorScars: poor?.name ?? null,
          scars: zones.zones.flatMap((z) => {
            if (z.kind !== 'scar') return [];
            const texture = z.texture ?? 'flat';
            const retention = z.retention ?? SCAR_RETENTION[texture];
            return [
              {
                texture,
                retentionPercent: Math.round(retention * 100),
                poorRetentionPercent: Math.round(
                  ((retention * SCAR_RETENTION_POOR[texture]) / SCAR_RETENTION[texture]) * 100,
                ),
                box: closeUpBox(z.polygon, SCAR_MARGIN_MM * pxPerMmOf(zones.calibration), healed),
              },
            ];
          }),
        });
      }
      return { items: items.sort((a, b) => b.renderedAt.localeCompare(a.renderedAt)) };
    });
  }

  /** The screen-sized rendition of one of the client's own photos. */
  async photoImage(p: PortalActor, photoId: string): Promise<PortalImage> {
    const row = await this.deps.db.withStudio(p.studioId, (tx) => photoRepository.findById(tx, photoId));
    if (!row || row.clientId !== p.clientId) throw portalErrors.notFound('photo');
    const sha = row.previewSha256 ?? row.sha256;
    return { data: await this.deps.blobs.get(sha), etag: `"${sha}"` };
  }

  /** The screen-sized image of a stage of a render of the client's own photo. */
  async stageImage(p: PortalActor, renderId: string, name: string): Promise<PortalImage> {
    const row = await this.deps.db.withStudio(p.studioId, (tx) => previewRepository.findRender(tx, renderId));
    if (!row || row.clientId !== p.clientId || row.status !== 'done') throw portalErrors.notFound('render');
    const stage = (row.stages as StoredStage[]).find((s) => s.name === name);
    if (!stage) throw portalErrors.notFound('render');
    return { data: await this.deps.blobs.get(stage.previewSha256), etag: `"${stage.previewSha256}"` };
  }

  async aftercare(p: PortalActor): Promise<PortalAftercare> {
    return this.deps.db.withStudio(p.studioId, async (tx) => {
      const client = (await clientRepository.findById(tx, p.clientId))!;
      const studio = (await studioRepository.findById(tx, p.studioId))!;
      const sessions = (await sessionRepository.view(tx, { clientId: p.clientId })).filter(
        (s) => s.status === 'completed',
      );
      const ids = sessions.map((s) => s.id);
      const ticked = await portalCareRepository.tickedDays(tx, p.clientId, ids);
      const messages = await portalCareRepository.aftercareMessages(tx, p.clientId, ids);
      const out: PortalAftercare['sessions'] = [];
      for (const s of [...sessions].reverse()) {
        const items = await aftercareRepository.itemsOf(tx, s.id);
        if (items.length === 0) continue;
        const { days, later } = aftercareDays(
          s.performedOn,
          items,
          new Set(ticked.filter((t) => t.sessionId === s.id).map((t) => t.day)),
        );
        out.push({
          sessionId: s.id,
          sessionNumber: s.sessionNumber,
          performedOn: s.performedOn,
          artistName: s.artistName,
          language: items[0]!.language,
          days,
          later: later.map((i) => ({ date: i.fromDate, title: i.title, instructions: i.instructions })),
          reminders: messages
            .filter((m) => m.sessionId === s.id)
            .map((m) => ({
              subject: m.subject,
              sendAfter: m.sendAfter.toISOString(),
              status: m.status,
              sentAt: m.sentAt?.toISOString() ?? null,
            })),
          reminderAddress: client.email,
        });
      }
      return { today: localTime(new Date(), studio.timeZone).date, sessions: out };
    });
  }

  /** Ticks a day of a session's checklist off (or back on); not a day that has not come yet. */
  async tick(p: PortalActor, sessionId: string, date: string, done: boolean): Promise<PortalAftercare> {
    await this.deps.db.withStudio(p.studioId, async (tx) => {
      const [session] = await sessionRepository.view(tx, { id: sessionId });
      if (!session || session.clientId !== p.clientId || session.status !== 'completed')
        throw portalErrors.notFound('sessionRecord');
      const studio = (await studioRepository.findById(tx, p.studioId))!;
      const items = await aftercareRepository.itemsOf(tx, sessionId);
      const { days } = aftercareDays(session.performedOn, items, new Set());
      const verdict = mayTick(days, date, localTime(new Date(), studio.timeZone).date);
      if (verdict === 'unknown') throw portalErrors.notFound('aftercareDay');
      if (verdict === 'future') throw new AppError(409, 'aftercare_day_ahead', 'aftercareDayAhead');
      if (done)
        await portalCareRepository.tick(tx, {
          studioId: p.studioId,
          clientId: p.clientId,
          sessionId,
          day: date,
        });
      else await portalCareRepository.untick(tx, p.clientId, sessionId, date);
    });
    return this.aftercare(p);
  }
}
