// The client's own data as one JSON file (GDPR art. 15, access, and art. 20, portability): their
// record, appointments, screening answers, consents, consultations with every plan version,
// session records with their aftercare and ticked days, photos and previews, and the messages the
// studio sent them. Photos and renders are listed with their size and SHA-256 and a link the
// portal serves while the client is signed in, not embedded: a file of a few hundred kilobytes
// opens anywhere, where embedded images would make it tens of megabytes. Each download is audited.
import type { Plan } from '@stipple/core';
import { aftercareRepository } from '../aftercare/aftercare.repository.js';
import { appointmentRepository } from '../appointments/appointment.repository.js';
import { toAppointment } from '../appointments/appointment.service.js';
import { auditRepository } from '../audit/audit.repository.js';
import { clientRepository } from '../clients/client.repository.js';
import { toClient } from '../clients/client.service.js';
import { consentRepository } from '../consents/consent.repository.js';
import { toConsent } from '../consents/consent.service.js';
import { consultationRepository } from '../consultations/consultation.repository.js';
import type { Database } from '../db/database.js';
import { intakeRepository } from '../intake/intake.repository.js';
import { photoRepository } from '../photos/photo.repository.js';
import { previewRepository, type StoredStage } from '../previews/preview.repository.js';
import { sessionRepository } from '../sessions/session.repository.js';
import { toSessionRecord } from '../sessions/session.service.js';
import { studioRepository } from '../studio/studio.repository.js';
import type { PortalActor } from './portal-auth.service.js';
import { portalCareRepository } from './portal-care.repository.js';

export const EXPORT_FORMAT = 'stipple.client-data/1';

export type ClientExport = Awaited<ReturnType<PortalExportService['export']>>;

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

export class PortalExportService {
  constructor(private readonly deps: { db: Database }) {}

  async export(p: PortalActor) {
    return this.deps.db.withStudio(p.studioId, async (tx) => {
      const client = (await clientRepository.findById(tx, p.clientId))!;
      const studio = (await studioRepository.findById(tx, p.studioId))!;
      const appointments = await appointmentRepository.list(tx, {
        from: new Date(0),
        to: new Date('9999-12-31T00:00:00Z'),
        clientId: p.clientId,
        includeCancelled: true,
      });
      const consultations = await consultationRepository.listByClient(tx, p.clientId);
      const sessions = await sessionRepository.view(tx, { clientId: p.clientId });
      const sessionIds = sessions.map((s) => s.id);
      const materials = await sessionRepository.materialsOf(tx, sessionIds);
      const sessionPhotos = await photoRepository.listBySessions(tx, sessionIds);
      const ticked = await portalCareRepository.tickedDays(tx, p.clientId, sessionIds);
      const photos = await photoRepository.listByClient(tx, p.clientId);
      const renders = await previewRepository.latestDoneRenders(
        tx,
        photos.map((ph) => ph.id),
      );

      const data = {
        format: EXPORT_FORMAT,
        exportedAt: new Date().toISOString(),
        studio: { name: studio.name, address: studio.address, phone: studio.phone, email: studio.email },
        client: toClient(client),
        appointments: appointments.map((a) => {
          const { clientId: _c, clientName: _n, ...rest } = toAppointment(a);
          return rest;
        }),
        screening: (await intakeRepository.listByClient(tx, p.clientId)).map((i) => ({
          id: i.id,
          appointmentId: i.appointmentId,
          answers: i.screening,
          notes: i.notes,
          status: i.status,
          submittedAt: iso(i.submittedAt),
          reviewedAt: iso(i.reviewedAt),
          reviewedBy: i.reviewerName,
        })),
        consents: (await consentRepository.listByClient(tx, p.clientId)).map((r) => toConsent(r)),
        consultations: await Promise.all(
          consultations.map(async (c) => ({
            id: c.id,
            date: c.consultationDate,
            artist: c.artistName,
            assessment: c.assessment,
            plans: (await consultationRepository.listPlans(tx, c.id)).map((plan) => ({
              version: plan.version,
              savedAt: iso(plan.createdAt),
              savedBy: plan.createdByName,
              plan: plan.plan as Plan,
            })),
          })),
        ),
        sessions: await Promise.all(
          sessions.map(async (s) => ({
            ...toSessionRecord(
              s,
              materials.filter((m) => m.sessionId === s.id),
              sessionPhotos.filter((ph) => ph.sessionId === s.id),
            ),
            aftercare: (await aftercareRepository.itemsOf(tx, s.id)).map((i) => ({
              from: i.fromDate,
              until: i.untilDate,
              title: i.title,
              instructions: i.instructions,
              reminder: i.remind,
            })),
            aftercareDaysTicked: ticked.filter((t) => t.sessionId === s.id).map((t) => t.day),
          })),
        ),
        photos: photos.map((ph) => ({
          id: ph.id,
          view: ph.view,
          takenOn: ph.takenOn,
          width: ph.width,
          height: ph.height,
          bytes: ph.bytes,
          sha256: ph.sha256,
          sessionId: ph.sessionId,
          url: `/api/portal/photos/${ph.id}/image`,
        })),
        previews: renders.map((r) => ({
          id: r.id,
          photoId: r.photoId,
          renderedAt: iso(r.finishedAt),
          note: 'A simulation on your photo, not a promise of the result',
          stages: (r.stages as StoredStage[]).map((st) => ({
            name: st.name,
            look: st.look,
            afterSession: st.afterSession,
            years: st.years,
            scarRetention: st.scarRetention ?? null,
            url: `/api/portal/renders/${r.id}/stages/${st.name}`,
          })),
        })),
        messages: (await portalCareRepository.messagesTo(tx, p.clientId)).map((m) => ({
          ...m,
          sendAfter: iso(m.sendAfter),
          sentAt: iso(m.sentAt),
        })),
      };
      await auditRepository.record(tx, {
        studioId: p.studioId,
        actorUserId: null,
        action: 'portal.export',
        entityType: 'client',
        entityId: p.clientId,
        details: {
          appointments: data.appointments.length,
          consents: data.consents.length,
          sessions: data.sessions.length,
          photos: data.photos.length,
        },
      });
      return data;
    });
  }
}
