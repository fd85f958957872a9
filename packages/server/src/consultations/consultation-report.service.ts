// The consultation report: gathers the consultation, its latest saved plan, the client's photos
// with their newest healed render, and writes the PDF in the client's language (English or
// Chinese; other languages get English). Reading it is audited like reading the consultation.
import {
  SCAR_RETENTION,
  SCAR_RETENTION_POOR,
  localisePlan,
  pxPerMmOf,
  type Assessment,
  type Plan,
  type ZonesFile,
} from '@stipple/core';
import { letterheadOf } from '../documents/letterhead.js';
import { audit } from '../audit/audit-trail.js';
import type { Actor } from '../auth/actor.js';
import { CLINICAL, requireRole } from '../auth/roles.js';
import type { BlobStore } from '../blobs/blob-store.js';
import { clientRepository } from '../clients/client.repository.js';
import type { Database } from '../db/database.js';
import { docLocale } from '../documents/format.js';
import { documentFilename } from '../documents/send-document.js';
import { notFound } from '../http/app-error.js';
import { photoRepository } from '../photos/photo.repository.js';
import { previewRepository, type StoredStage } from '../previews/preview.repository.js';
import { studioRepository } from '../studio/studio.repository.js';
import { formatName } from '../text/person-name.js';
import { cropJpeg, PREVIEW_LONG_EDGE } from '../media/image-processing.js';
import { scoresOf } from '../previews/preview.service.js';
import {
  consultationReportPdf,
  type ReportPreview,
  type ReportScarRange,
} from './consultation-report-pdf.js';
import { consultationRepository } from './consultation.repository.js';
import { REPORT_LABELS } from './report-labels.js';

/** Photos taken this many days either side of the consultation count as its photos. */
const PHOTO_WINDOW_DAYS = 30;

export class ConsultationReportService {
  constructor(private readonly deps: { db: Database; blobs: BlobStore }) {}

  async report(
    actor: Actor,
    consultationId: string,
  ): Promise<{ pdf: Buffer; filename: string; fallback: string }> {
    requireRole(actor, CLINICAL);
    const data = await this.deps.db.withStudio(actor.studioId, async (tx) => {
      const consultation = await consultationRepository.findById(tx, consultationId);
      if (!consultation) throw notFound('consultation');
      const client = (await clientRepository.findById(tx, consultation.clientId))!;
      const studio = (await studioRepository.findById(tx, actor.studioId))!;
      const plan = await consultationRepository.latestPlan(tx, consultationId);
      const photos = await photoRepository.listByClient(tx, consultation.clientId);
      const renders = await previewRepository.latestDoneRenders(
        tx,
        photos.map((p) => p.id),
      );
      await audit(tx, actor, 'consultation.report', 'consultation', consultationId, {
        clientId: consultation.clientId,
        planVersion: plan?.version ?? null,
        photos: photos.length,
      });
      return { consultation, client, studio, plan, photos, renders };
    });
    const { consultation, client, studio, plan, photos, renders } = data;
    const locale = docLocale(client.preferredLanguage);

    // One photo per view: the newest with a healed render, else the newest near the consultation.
    const renderOf = new Map(renders.map((r) => [r.photoId, r]));
    const near = (takenOn: string) =>
      Math.abs(Date.parse(takenOn) - Date.parse(consultation.consultationDate)) <=
      PHOTO_WINDOW_DAYS * 86_400_000;
    const byView = new Map<string, (typeof photos)[number]>();
    for (const p of [...photos].reverse()) {
      const chosen = byView.get(p.view);
      const better = renderOf.has(p.id) && (!chosen || !renderOf.has(chosen.id));
      if ((!chosen && (renderOf.has(p.id) || near(p.takenOn))) || better) byView.set(p.view, p);
    }
    const previews: ReportPreview[] = [];
    for (const p of byView.values()) {
      const render = renderOf.get(p.id);
      const healed = (render?.stages as StoredStage[] | undefined)?.find((s) => s.look === 'healed');
      previews.push({
        view: p.view,
        takenOn: p.takenOn,
        photo: await this.deps.blobs.get(p.previewSha256 ?? p.sha256),
        healed: healed ? await this.deps.blobs.get(healed.previewSha256) : null,
        camouflage: render ? scoresOf(render).scars : null,
        scars: render ? await this.scarRanges(render) : [],
      });
    }

    const savedPlan = plan?.plan as Plan | undefined;
    const pdf = await consultationReportPdf({
      locale,
      studio: await letterheadOf(studio, this.deps.blobs),
      timeZone: studio.timeZone,
      clientName: formatName(client),
      consultationDate: consultation.consultationDate,
      artistName: consultation.artistName,
      assessment: consultation.assessment as unknown as Assessment,
      plan:
        plan && savedPlan
          ? {
              version: plan.version,
              savedAt: plan.createdAt,
              savedBy: plan.createdByName,
              plan: localisePlan(savedPlan, plan.assessment as unknown as Assessment, locale),
            }
          : null,
      previews,
      pricePerSession: null,
      generatedAt: new Date(),
    });
    const filename = documentFilename(
      [REPORT_LABELS[locale].filename, formatName(client), consultation.consultationDate],
      'pdf',
    );
    // Browsers take the name above; the rare one that reads only ASCII gets the date.
    return { pdf, filename, fallback: `consultation-${consultation.consultationDate}.pdf` };
  }

  /** Each scar of a render healed as expected and at the poor end, cropped round it from the screen renditions. */
  private async scarRanges(render: { stages: unknown; zones: unknown }): Promise<ReportScarRange[]> {
    const stages = render.stages as StoredStage[];
    const expected = stages.find((st) => st.look === 'healed' && st.scarRetention !== 'poor');
    const poor = stages.find((st) => st.scarRetention === 'poor');
    if (!expected || !poor) return [];
    const zones = render.zones as ZonesFile;
    const scale = Math.min(1, PREVIEW_LONG_EDGE / Math.max(expected.width, expected.height));
    const margin = 6 * pxPerMmOf(zones.calibration);
    const [expectedJpeg, poorJpeg] = await Promise.all([
      this.deps.blobs.get(expected.previewSha256),
      this.deps.blobs.get(poor.previewSha256),
    ]);
    const out: ReportScarRange[] = [];
    for (const zone of zones.zones) {
      if (zone.kind !== 'scar') continue;
      const xs = zone.polygon.map((p) => p[0]);
      const ys = zone.polygon.map((p) => p[1]);
      const rect = {
        left: Math.max(0, Math.floor((Math.min(...xs) - margin) * scale)),
        top: Math.max(0, Math.floor((Math.min(...ys) - margin) * scale)),
        right: Math.min(Math.round(expected.width * scale), Math.ceil((Math.max(...xs) + margin) * scale)),
        bottom: Math.min(Math.round(expected.height * scale), Math.ceil((Math.max(...ys) + margin) * scale)),
      };
      if (rect.right - rect.left < 8 || rect.bottom - rect.top < 8) continue;
      const texture = zone.texture ?? 'flat';
      const retention = zone.retention ?? SCAR_RETENTION[texture];
      out.push({
        zoneId: zone.id,
        texture,
        expected: await cropJpeg(expectedJpeg, rect),
        poor: await cropJpeg(poorJpeg, rect),
        retention,
        poorRetention: (retention * SCAR_RETENTION_POOR[texture]) / SCAR_RETENTION[texture],
      });
    }
    return out;
  }
}
