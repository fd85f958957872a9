// Client records. Every read and change writes an audit entry in the same transaction, so a
// record can never be seen or changed without the log knowing. Every role keeps the contact
// details; the clinical notes are for owners and artists (front desk reads them as null and may
// not write them). docs/roles.md has the whole table.
import type {
  Client,
  ClientListPage,
  ClientListQuery,
  ClientSummary,
  CreateClientRequest,
  UpdateClientRequest,
} from '@stipple/core';
import { DATE_OF_BIRTH_IN_FUTURE } from '@stipple/core';
import type { Database } from '../db/database.js';
import { audit } from '../audit/audit-trail.js';
import type { Actor } from '../auth/actor.js';
import { AppError, bodyField, invalid, notFound, stale } from '../http/app-error.js';
import { isClinical } from '../auth/roles.js';
import { clientRepository, type ClientFields, type ClientRow } from './client.repository.js';

const FIELDS = [
  'givenName',
  'familyName',
  'dateOfBirth',
  'email',
  'phone',
  'preferredLanguage',
  'notes',
] as const satisfies readonly (keyof ClientFields)[];

/** A client as `actor` may see it: without the clinical notes unless the role may read them. */
export const clientFor = (actor: Actor, row: ClientRow): Client => {
  const client = toClient(row);
  return isClinical(actor) ? client : { ...client, notes: null };
};

/** Core checks the shape of a date of birth; the day it may not pass is today's (UTC), known here. */
function checkBorn(dateOfBirth: string | null | undefined): void {
  if (dateOfBirth && dateOfBirth > new Date().toISOString().slice(0, 10))
    throw invalid([bodyField('dateOfBirth', DATE_OF_BIRTH_IN_FUTURE)]);
}

const refuseNotes = () =>
  new AppError(403, 'forbidden', 'clinicalNotesOnly', {}, [bodyField('notes', 'clinicalOnly')]);

export const toClient = (row: ClientRow): Client => ({
  id: row.id,
  studioId: row.studioId,
  givenName: row.givenName,
  familyName: row.familyName,
  dateOfBirth: row.dateOfBirth,
  email: row.email,
  phone: row.phone,
  preferredLanguage: row.preferredLanguage,
  notes: row.notes,
  archivedAt: row.archivedAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  version: row.version,
});

const toSummary = (row: ClientRow): ClientSummary => ({
  id: row.id,
  givenName: row.givenName,
  familyName: row.familyName,
  dateOfBirth: row.dateOfBirth,
  email: row.email,
  phone: row.phone,
  archivedAt: row.archivedAt?.toISOString() ?? null,
  updatedAt: row.updatedAt.toISOString(),
});

export class ClientService {
  constructor(private readonly deps: { db: Database }) {}

  async list(actor: Actor, query: ClientListQuery): Promise<ClientListPage> {
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const { rows, total } = await clientRepository.list(tx, query);
      // The search words themselves may be a client's name: only whether there was a search is kept.
      await audit(tx, actor, 'client.list', 'client', null, {
        ids: rows.map((r) => r.id),
        count: rows.length,
        total,
        page: query.page,
        pageSize: query.pageSize,
        archived: query.archived,
        searched: Boolean(query.q),
      });
      return { items: rows.map(toSummary), total, page: query.page, pageSize: query.pageSize };
    });
  }

  async get(actor: Actor, id: string): Promise<Client> {
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const row = await clientRepository.findById(tx, id);
      if (!row) throw notFound('client');
      await audit(tx, actor, 'client.read', 'client', id);
      return clientFor(actor, row);
    });
  }

  async create(actor: Actor, request: CreateClientRequest): Promise<Client> {
    if (request.notes && !isClinical(actor)) throw refuseNotes();
    checkBorn(request.dateOfBirth);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const row = await clientRepository.create(tx, actor.studioId, request, actor.userId);
      await audit(tx, actor, 'client.create', 'client', row.id, {
        fields: FIELDS.filter((f) => request[f] !== null && request[f] !== ''),
      });
      return clientFor(actor, row);
    });
  }

  async update(actor: Actor, id: string, request: UpdateClientRequest): Promise<Client> {
    if (request.notes !== undefined && !isClinical(actor)) throw refuseNotes();
    checkBorn(request.dateOfBirth);
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const current = await clientRepository.findById(tx, id, { forUpdate: true });
      if (!current) throw notFound('client');
      if (request.version !== undefined && request.version !== current.version) {
        throw stale('version', current.version);
      }
      const patch: Partial<ClientFields> = {};
      for (const f of FIELDS) {
        const value = request[f];
        if (value !== undefined && value !== current[f]) Object.assign(patch, { [f]: value });
      }
      const changed = Object.keys(patch);
      if (changed.length === 0) return clientFor(actor, current);
      const row = await clientRepository.update(tx, current, patch);
      await audit(tx, actor, 'client.update', 'client', id, { fields: changed, version: row.version });
      return clientFor(actor, row);
    });
  }

  async setArchived(actor: Actor, id: string, archived: boolean): Promise<Client> {
    return this.deps.db.withStudio(actor.studioId, async (tx) => {
      const current = await clientRepository.findById(tx, id, { forUpdate: true });
      if (!current) throw notFound('client');
      // Archiving an archived client (or restoring an active one) changes nothing and logs nothing.
      if (Boolean(current.archivedAt) === archived) return clientFor(actor, current);
      const row = await clientRepository.setArchived(tx, current, archived);
      await audit(tx, actor, archived ? 'client.archive' : 'client.restore', 'client', id, {
        version: row.version,
      });
      return clientFor(actor, row);
    });
  }
}
