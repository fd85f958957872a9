// Consent: versioned templates per studio (treatment, photo use and marketing kept separate), a
// drawn signature stored as PNG in the blob store, immutable signed records that keep the exact
// text, withdrawal as a record of its own, and the client's PDF copy. Treatment consent is
// informed consent: owners and artists, who explain the treatment, take and withdraw it. Any
// role may take or record the withdrawal of photo-use and marketing consent (withdrawing must be
// as easy as giving) and list a client's consents; only the owner writes templates.
import type {
  ConsentKind,
  ConsentRecord,
  ConsentRecordList,
  ConsentTemplate,
  CreateConsentTemplateRequest,
  SignConsentRequest,
  WithdrawConsentRequest,
} from '@stipple/core';
import { audit } from '../audit/audit-trail.js';
import type { Actor } from '../auth/actor.js';
import { CLINICAL, OWNER, requireRole } from '../auth/roles.js';
import type { BlobStore } from '../blobs/blob-store.js';
import { clientRepository } from '../clients/client.repository.js';
import type { Database, Tx } from '../db/database.js';
import { bodyField, conflict, invalid, notFound, unprocessable } from '../http/app-error.js';
import { letterheadOf } from '../documents/letterhead.js';
import {
  SIGNATURE_MAX,
  SignatureTooLargeError,
  isBlankImage,
  isPng,
  normaliseSignature,
} from '../media/image-processing.js';
import { photoRepository } from '../photos/photo.repository.js';
import { studioRepository } from '../studio/studio.repository.js';
import { formatName } from '../text/person-name.js';
import { consentPdf } from './consent-pdf.js';
import { consentRepository, type ConsentRow, type TemplateRow } from './consent.repository.js';

export const toTemplate = (row: TemplateRow & { current?: boolean }): ConsentTemplate => ({
  id: row.id,
  kind: row.kind,
  language: row.language,
  version: row.version,
  title: row.title,
  body: row.body,
  validityMonths: row.validityMonths,
  current: row.current ?? true,
  createdAt: row.createdAt.toISOString(),
});

export const toConsent = (row: ConsentRow, now = new Date()): ConsentRecord => ({
  id: row.id,
  clientId: row.clientId,
  templateId: row.templateId,
  kind: row.kind,
  language: row.language,
  templateVersion: row.templateVersion,
  title: row.title,
  body: row.body,
  signerName: row.signerName,
  signedAt: row.signedAt.toISOString(),
  witnessedBy: row.witnessedBy ? { id: row.witnessedBy, name: row.witnessName ?? '' } : null,
  validUntil: row.validUntil?.toISOString() ?? null,
  withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
  withdrawalReason: row.withdrawnAt ? row.withdrawalReason : null,
  status: row.withdrawnAt ? 'withdrawn' : row.validUntil && row.validUntil <= now ? 'expired' : 'active',
});

/** The signature re-encoded without metadata; 422 naming the field when it is too large. */
async function storedSignature(png: Buffer): Promise<Buffer> {
  try {
    return await normaliseSignature(png);
  } catch (err) {
    if (err instanceof SignatureTooLargeError) {
      const size = { maxWidth: SIGNATURE_MAX.width, maxHeight: SIGNATURE_MAX.height };
      throw unprocessable(
        'signature_too_large',
        'signatureImageTooLarge',
        { width: err.width, height: err.height, ...size },
        [bodyField('signature', 'signatureTooManyPixels', size)],
      );
    }
    throw invalid([bodyField('signature', 'signatureUnreadable')]);
  }
}

function addMonths(at: Date, months: number): Date {
  const d = new Date(at);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

export class ConsentService {
  constructor(private readonly deps: { db: Database; blobs: BlobStore }) {}

  async listTemplates(actor: Actor): Promise<{ items: ConsentTemplate[] }> {
    const rows = await this.deps.db.withStudio(actor.studioId, (tx) => consentRepository.listTemplates(tx));
    return { items: rows.map(toTemplate) };
  }

  /** A new version of the template for its kind and language (versions are never edited). */
  async createTemplate(actor: Actor, request: CreateConsentTemplateRequest): Promise<ConsentTemplate> {
    requireRole(actor, OWNER);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const row = await createTemplateVersion(tx, actor.studioId, actor.userId, request);
      await audit(tx, actor, 'consent_template.create', 'consent_template', row.id, {
        kind: row.kind,
        language: row.language,
        version: row.version,
      });
      return toTemplate(row);
    });
  }

  async list(actor: Actor, clientId: string): Promise<ConsentRecordList> {
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      if (!(await clientRepository.findById(tx, clientId))) throw notFound('client');
      const rows = await consentRepository.listByClient(tx, clientId);
      await audit(tx, actor, 'consent.list', 'client', clientId, { ids: rows.map((r) => r.id) });
      return { items: rows.map((r) => toConsent(r)) };
    });
  }

  async sign(actor: Actor, clientId: string, request: SignConsentRequest): Promise<ConsentRecord> {
    return this.record(
      actor.studioId,
      clientId,
      request,
      actor.userId,
      (tx, id, template) =>
        audit(tx, actor, 'consent.sign', 'consent_record', id, {
          clientId,
          kind: template.kind,
          templateVersion: template.version,
        }),
      (template) => {
        if (template.kind === 'treatment') requireRole(actor, CLINICAL);
      },
    );
  }

  /**
   * Records a signature: the drawn PNG in the blob store, the exact text signed, a witness when
   * signed in the studio (null when the client signed from home or on the kiosk alone).
   * `recorded` writes the audit entry in the same transaction.
   */
  async record(
    studioId: string,
    clientId: string,
    request: SignConsentRequest,
    witnessedBy: string | null,
    recorded: (tx: Tx, id: string, template: TemplateRow) => Promise<void>,
    mayTake: (template: TemplateRow) => void = () => {},
  ): Promise<ConsentRecord> {
    const uploaded = Buffer.from(request.signature.slice(request.signature.indexOf(',') + 1), 'base64');
    if (!(await isPng(uploaded))) throw invalid([bodyField('signature', 'signatureUnreadable')]);
    const png = await storedSignature(uploaded);
    if (await isBlankImage(png)) throw invalid([bodyField('signature', 'signatureEmpty')]);

    const { db, blobs } = this.deps;
    // Checked before the signature is stored, so a refused request leaves no file behind.
    await db.withStudio(studioId, async (tx) => {
      if (!(await clientRepository.findById(tx, clientId))) throw notFound('client');
      const template = await this.currentTemplate(tx, request.templateId);
      mayTake(template);
    });
    const stored = await blobs.put(png);
    try {
      return await db.withStudio(studioId, async (tx) => {
        const template = await this.currentTemplate(tx, request.templateId);
        const signedAt = new Date();
        const id = await consentRepository.createRecord(tx, {
          studioId,
          clientId,
          templateId: template.id,
          kind: template.kind,
          language: template.language,
          templateVersion: template.version,
          title: template.title,
          body: template.body,
          signerName: request.signerName,
          signatureSha256: stored.sha256,
          signedAt,
          validUntil: template.validityMonths ? addMonths(signedAt, template.validityMonths) : null,
          witnessedBy,
        });
        await recorded(tx, id, template);
        return toConsent((await consentRepository.findRecord(tx, id))!);
      });
    } catch (err) {
      if (stored.created) {
        // System: the same PNG could (in theory) be another studio's signature.
        const used = await db.asSystem((tx) => photoRepository.blobInUse(tx, stored.sha256));
        if (!used) await blobs.remove(stored.sha256);
      }
      throw err;
    }
  }

  async withdraw(actor: Actor, id: string, request: WithdrawConsentRequest): Promise<ConsentRecord> {
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const row = await consentRepository.findRecord(tx, id);
      if (!row) throw notFound('consent');
      if (row.kind === 'treatment') requireRole(actor, CLINICAL);
      if (row.withdrawnAt) throw conflict('consentWithdrawn');
      await consentRepository.withdraw(tx, {
        studioId: actor.studioId,
        consentId: id,
        reason: request.reason,
        recordedBy: actor.userId,
      });
      await audit(tx, actor, 'consent.withdraw', 'consent_record', id, {
        clientId: row.clientId,
        kind: row.kind,
      });
      return toConsent((await consentRepository.findRecord(tx, id))!);
    });
  }

  async get(actor: Actor, id: string): Promise<ConsentRecord> {
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const row = await consentRepository.findRecord(tx, id);
      if (!row) throw notFound('consent');
      await audit(tx, actor, 'consent.read', 'consent_record', id, { clientId: row.clientId });
      return toConsent(row);
    });
  }

  async pdf(actor: Actor, id: string): Promise<{ pdf: Buffer; filename: string }> {
    const { consent, clientName, studio, signatureSha256 } = await this.deps.db.withStudio(
      actor.studioId,
      async (tx) => {
        const row = await consentRepository.findRecord(tx, id);
        if (!row) throw notFound('consent');
        const c = await clientRepository.findById(tx, row.clientId);
        const s = await studioRepository.findById(tx, actor.studioId);
        await audit(tx, actor, 'consent.read', 'consent_record', id, {
          clientId: row.clientId,
          format: 'pdf',
        });
        return {
          consent: toConsent(row),
          clientName: c ? formatName(c) : '',
          studio: s!,
          signatureSha256: row.signatureSha256,
        };
      },
    );
    const pdf = await consentPdf({
      consent,
      clientName,
      studio: await letterheadOf(studio, this.deps.blobs),
      timeZone: studio.timeZone,
      signaturePng: await this.deps.blobs.get(signatureSha256),
    });
    return { pdf, filename: `consent-${consent.kind}-${consent.signedAt.slice(0, 10)}.pdf` };
  }

  async signature(actor: Actor, id: string): Promise<Buffer> {
    const sha = await this.deps.db.withStudio(actor.studioId, async (tx) => {
      const row = await consentRepository.findRecord(tx, id);
      if (!row) throw notFound('consent');
      await audit(tx, actor, 'consent.read', 'consent_record', id, {
        clientId: row.clientId,
        format: 'signature',
      });
      return row.signatureSha256;
    });
    return this.deps.blobs.get(sha);
  }

  private async currentTemplate(tx: Tx, templateId: string): Promise<TemplateRow> {
    const template = await consentRepository.findTemplate(tx, templateId);
    if (!template)
      throw unprocessable('unknown_template', 'unknownTemplate', {}, [
        bodyField('templateId', 'notAConsentTemplate'),
      ]);
    const latest = await consentRepository.latestVersion(tx, template.kind, template.language);
    if (template.version !== latest)
      throw conflict('newerConsent', { latest }, [
        bodyField('templateId', 'olderConsentVersion', { version: template.version, latest }),
      ]);
    return template;
  }
}

/** Inserts the next version of a template (also used to seed the demo studio). */
export async function createTemplateVersion(
  tx: Tx,
  studioId: string,
  createdBy: string | null,
  request: {
    kind: ConsentKind;
    language: 'en' | 'zh-CN';
    title: string;
    body: string;
    validityMonths: number | null;
  },
): Promise<TemplateRow> {
  const version = (await consentRepository.latestVersion(tx, request.kind, request.language)) + 1;
  return consentRepository.createTemplate(tx, { ...request, studioId, version, createdBy });
}
