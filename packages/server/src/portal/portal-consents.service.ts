// Consent in the portal: the client reads the studio's current consent texts in their language and
// signs each one apart (treatment, photo use, marketing are separate purposes); they may withdraw
// photo use or marketing at any time, which takes effect at once: the gallery no longer shows
// their photos, offers waiting to go out are cancelled; the portal shows how many. A treatment
// consent is withdrawn by talking to the studio (a session must not be left half done).
import type {
  ConsentRecord,
  PortalConsent,
  PortalConsents,
  SignConsentRequest,
  WithdrawalEffect,
} from '@stipple/core';
import { auditRepository } from '../audit/audit.repository.js';
import { clientRepository } from '../clients/client.repository.js';
import { consentRepository } from '../consents/consent.repository.js';
import { toConsent, type ConsentService } from '../consents/consent.service.js';
import type { Database } from '../db/database.js';
import { outboxRepository } from '../outbox/outbox.repository.js';
import { docLocale } from '../documents/format.js';
import { photoRepository } from '../photos/photo.repository.js';
import type { PortalActor } from './portal-auth.service.js';
import { portalErrors } from './portal-errors.js';

export const toPortalConsent = (c: ConsentRecord): PortalConsent => ({
  id: c.id,
  kind: c.kind,
  title: c.title,
  templateVersion: c.templateVersion,
  signedAt: c.signedAt,
  status: c.status,
  withdrawnAt: c.withdrawnAt,
  validUntil: c.validUntil,
});

export class PortalConsentsService {
  constructor(private readonly deps: { db: Database; consents: ConsentService }) {}

  async list(p: PortalActor): Promise<PortalConsents> {
    return this.deps.db.withStudio(p.studioId, async (tx) => {
      const client = (await clientRepository.findById(tx, p.clientId))!;
      const language = docLocale(client.preferredLanguage);
      const templates = (await consentRepository.listTemplates(tx)).filter(
        (t) => t.current && t.language === language,
      );
      const signed = (await consentRepository.listByClient(tx, p.clientId)).map((r) =>
        toPortalConsent(toConsent(r)),
      );
      return {
        templates: templates.map((t) => ({
          id: t.id,
          kind: t.kind,
          title: t.title,
          body: t.body,
          version: t.version,
        })),
        signed,
      };
    });
  }

  /** The client signs from home (or on the studio's tablet): no witness is recorded. */
  async sign(p: PortalActor, request: SignConsentRequest, via: 'portal' | 'kiosk'): Promise<PortalConsent> {
    const record = await this.deps.consents.record(
      p.studioId,
      p.clientId,
      request,
      null,
      (tx, id, template) =>
        auditRepository.record(tx, {
          studioId: p.studioId,
          actorUserId: null,
          action: 'consent.sign',
          entityType: 'consent_record',
          entityId: id,
          details: { clientId: p.clientId, kind: template.kind, templateVersion: template.version, via },
        }),
    );
    return toPortalConsent(record);
  }

  async withdraw(p: PortalActor, consentId: string, reason: string): Promise<WithdrawalEffect> {
    return this.deps.db.withStudio(p.studioId, async (tx) => {
      const row = await consentRepository.findRecord(tx, consentId);
      if (!row || row.clientId !== p.clientId) throw portalErrors.notFound('consent');
      if (row.kind === 'treatment') throw portalErrors.consentNotWithdrawable();
      if (row.withdrawnAt) throw portalErrors.notChangeable();
      await consentRepository.withdraw(tx, { studioId: p.studioId, consentId, reason, recordedBy: null });
      const count =
        row.kind === 'photo'
          ? (await photoRepository.listByClient(tx, p.clientId)).length
          : await outboxRepository.cancelPendingPromotions(tx, p.clientId);
      await auditRepository.record(tx, {
        studioId: p.studioId,
        actorUserId: null,
        action: 'consent.withdraw',
        entityType: 'consent_record',
        entityId: consentId,
        details: { clientId: p.clientId, kind: row.kind, via: 'portal', affected: count },
      });
      const after = toPortalConsent(toConsent((await consentRepository.findRecord(tx, consentId))!));
      return { consent: after, kind: row.kind, count };
    });
  }
}
