// Signing in the studio: a staff member opens the kiosk on the studio's tablet for one client and
// one consent text. That ends their own sign-in on the tablet, so the tablet holds nothing of the
// staff app: only a kiosk ticket, a random token bound to the client and the document, that
// shows that one text and takes one signature, for a short time. Once signed (or expired) the
// ticket is spent and the tablet is locked until a staff member signs in again. Opening, and
// signing, are audited; the signature is recorded as the client's own, without a witness.
import type { KioskTicket, KioskView, PortalConsent, SignConsentRequest } from '@stipple/core';
import { audit } from '../audit/audit-trail.js';
import { auditRepository } from '../audit/audit.repository.js';
import type { Actor } from '../auth/actor.js';
import { findUsableLink, issueLink, useLink } from '../auth/one-time-links.js';
import type { OneTimeLinkRow } from '../auth/one-time-link.repository.js';
import { CLINICAL, requireRole } from '../auth/roles.js';
import { signInSessionRepository } from '../auth/sign-in-session.repository.js';
import { clientRepository } from '../clients/client.repository.js';
import { consentRepository } from '../consents/consent.repository.js';
import type { ConsentService } from '../consents/consent.service.js';
import type { Database } from '../db/database.js';
import { docLocale } from '../documents/format.js';
import { bodyField, unprocessable } from '../http/app-error.js';
import { logoUrlOf } from '../portal/portal-auth.service.js';
import { toPortalConsent } from '../portal/portal-consents.service.js';
import { portalErrors } from '../portal/portal-errors.js';
import { studioRepository } from '../studio/studio.repository.js';

/** A kiosk ticket works this long: time to read a consent text and sign it. */
export const KIOSK_MINUTES = 20;

const unknownDocument = () =>
  unprocessable('unknown_template', 'kioskDocumentNotCurrent', {}, [
    bodyField('templateId', 'notCurrentConsentText'),
  ]);

export class KioskService {
  constructor(private readonly deps: { db: Database; consents: ConsentService }) {}

  /** Issues the ticket and ends the staff member's sign-in on this device. */
  async open(actor: Actor, request: { clientId: string; templateId: string }): Promise<KioskTicket> {
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const client = await clientRepository.findById(tx, request.clientId);
      if (!client || client.archivedAt) throw portalErrors.notFound('client');
      const template = (await consentRepository.listTemplates(tx)).find((t) => t.id === request.templateId);
      if (!template?.current) throw unknownDocument();
      if (template.kind === 'treatment') requireRole(actor, CLINICAL);
      const expiresAt = new Date(Date.now() + KIOSK_MINUTES * 60_000);
      const { token, link } = await issueLink(tx, {
        purpose: 'kiosk',
        studioId: actor.studioId,
        userId: actor.userId,
        clientId: client.id,
        subjectId: template.id,
        expiresAt,
      });
      await signInSessionRepository.delete(tx, actor.sessionId);
      await audit(tx, actor, 'kiosk.open', 'client', client.id, {
        ticket: link.id,
        templateId: template.id,
        kind: template.kind,
        version: template.version,
      });
      return { token, expiresAt: expiresAt.toISOString() };
    });
  }

  async view(token: string): Promise<KioskView> {
    const link = await this.usable(token);
    return this.deps.db.withStudio(link.studioId!, async (tx) => {
      const client = await clientRepository.findById(tx, link.clientId!);
      const studio = (await studioRepository.findById(tx, link.studioId!))!;
      const template = (await consentRepository.listTemplates(tx)).find((t) => t.id === link.subjectId);
      if (!client || client.archivedAt || !template?.current) throw portalErrors.linkInvalid();
      return {
        studio: { name: studio.name, logoUrl: logoUrlOf(studio) },
        client: {
          givenName: client.givenName,
          familyName: client.familyName,
          locale: docLocale(client.preferredLanguage),
        },
        document: {
          id: template.id,
          kind: template.kind,
          title: template.title,
          body: template.body,
          version: template.version,
        },
        expiresAt: link.expiresAt.toISOString(),
      };
    });
  }

  /** Records the signature and spends the ticket in one transaction: a second signature is refused. */
  async sign(token: string, body: Omit<SignConsentRequest, 'templateId'>): Promise<PortalConsent> {
    const link = await this.usable(token);
    const record = await this.deps.consents.record(
      link.studioId!,
      link.clientId!,
      { ...body, templateId: link.subjectId! },
      null,
      async (tx, id, template) => {
        if (!(await useLink(tx, link))) throw portalErrors.linkInvalid();
        await auditRepository.record(tx, {
          studioId: link.studioId!,
          actorUserId: null,
          action: 'consent.sign',
          entityType: 'consent_record',
          entityId: id,
          details: {
            clientId: link.clientId,
            kind: template.kind,
            templateVersion: template.version,
            via: 'kiosk',
            openedBy: link.userId,
            ticket: link.id,
          },
        });
      },
    );
    return toPortalConsent(record);
  }

  private async usable(token: string): Promise<OneTimeLinkRow> {
    const link = await findUsableLink(this.deps.db, token, ['kiosk']);
    if (!link?.studioId || !link.clientId || !link.subjectId) throw portalErrors.linkInvalid();
    return link;
  }
}
