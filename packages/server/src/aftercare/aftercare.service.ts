// Aftercare: templates per studio and language (day offsets and instructions; the owner writes
// new versions), each completed session's schedule, its printable sheet and its calendar file.
// The schedule belongs to the session record (it names the session's day and follows its
// treatment), so it is for owners and artists, like the session itself (docs/roles.md).
import type { BlobStore } from '../blobs/blob-store.js';
import { letterheadOf } from '../documents/letterhead.js';
import type {
  AftercareSchedule,
  AftercareStep,
  AftercareTemplate,
  CreateAftercareTemplateRequest,
} from '@stipple/core';
import { allDayCalendar } from '../appointments/ics.js';
import { audit } from '../audit/audit-trail.js';
import type { Actor } from '../auth/actor.js';
import { CLINICAL, OWNER, requireRole } from '../auth/roles.js';
import { clientRepository } from '../clients/client.repository.js';
import type { Database } from '../db/database.js';
import { notFound } from '../http/app-error.js';
import { sessionRepository } from '../sessions/session.repository.js';
import { studioRepository, type StudioRow } from '../studio/studio.repository.js';
import { formatName } from '../text/person-name.js';
import { aftercarePdf } from './aftercare-pdf.js';
import { aftercareRepository, type AftercareTemplateRow } from './aftercare.repository.js';

const toTemplate = (row: AftercareTemplateRow, current: boolean): AftercareTemplate => ({
  id: row.id,
  language: row.language,
  name: row.name,
  version: row.version,
  steps: row.steps as AftercareStep[],
  current,
  createdAt: row.createdAt.toISOString(),
});

export class AftercareService {
  constructor(private readonly deps: { db: Database; blobs: BlobStore }) {}

  async listTemplates(actor: Actor): Promise<{ items: AftercareTemplate[] }> {
    const rows = await this.deps.db.withStudio(actor.studioId, (tx) => aftercareRepository.listTemplates(tx));
    const newest = new Map<string, number>();
    for (const r of rows) newest.set(r.language, Math.max(newest.get(r.language) ?? 0, r.version));
    return { items: rows.map((r) => toTemplate(r, newest.get(r.language) === r.version)) };
  }

  async createTemplate(actor: Actor, request: CreateAftercareTemplateRequest): Promise<AftercareTemplate> {
    requireRole(actor, OWNER);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const row = await aftercareRepository.create(tx, {
        ...request,
        studioId: actor.studioId,
        createdBy: actor.userId,
      });
      await audit(tx, actor, 'aftercare_template.create', 'aftercare_template', row.id, {
        language: row.language,
        version: row.version,
      });
      return toTemplate(row, true);
    });
  }

  async schedule(
    actor: Actor,
    sessionId: string,
  ): Promise<AftercareSchedule & { clientName: string; studioName: string; studio: StudioRow }> {
    requireRole(actor, CLINICAL);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const [session] = await sessionRepository.view(tx, { id: sessionId });
      if (!session) throw notFound('sessionRecord');
      const items = await aftercareRepository.itemsOf(tx, sessionId);
      const client = await clientRepository.findById(tx, session.clientId);
      const studio = await studioRepository.findById(tx, actor.studioId);
      await audit(tx, actor, 'aftercare.read', 'session_record', sessionId, { clientId: session.clientId });
      return {
        sessionId,
        clientId: session.clientId,
        language: items[0]?.language ?? 'en',
        performedOn: session.performedOn,
        items: items.map((i) => ({
          id: i.id,
          fromDate: i.fromDate,
          untilDate: i.untilDate,
          title: i.title,
          instructions: i.instructions,
          remind: i.remind,
        })),
        clientName: client ? formatName(client) : '',
        studioName: studio!.name,
        studio: studio!,
      };
    });
  }

  async pdf(actor: Actor, sessionId: string): Promise<Buffer> {
    const s = await this.schedule(actor, sessionId);
    return aftercarePdf({
      schedule: s,
      clientName: s.clientName,
      studio: await letterheadOf(s.studio, this.deps.blobs),
    });
  }

  async ics(actor: Actor, sessionId: string): Promise<string> {
    const s = await this.schedule(actor, sessionId);
    return allDayCalendar(
      s.language === 'zh-CN' ? `${s.studioName} 护理` : `${s.studioName} aftercare`,
      s.items.map((i) => ({
        uid: `${i.id}@stipple`,
        title: i.title,
        from: i.fromDate,
        until: i.untilDate ?? i.fromDate,
        description: i.instructions,
      })),
    );
  }
}
