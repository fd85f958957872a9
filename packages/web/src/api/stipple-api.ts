import { z } from 'zod';
import {
  AuditPage,
  Client,
  ClientListPage,
  SessionInfo,
  StaffInvitation,
  StaffMember,
  StaffRole,
  type AcceptInvitationRequest,
  type AuditAction,
  type ClientListQuery,
  type CreateClientRequest,
  type InviteStaffRequest,
  type LoginRequest,
  type UiLocale,
  type UpdateClientRequest,
  type UpdateStaffRequest,
} from '@stipple/core';
import type { ApiClient } from './api-client.js';
import { isApiRequestError } from './api-error.js';

/** What the public invitation page learns about an invitation before the password is set. */
export const InvitationPreview = z.object({
  email: z.string(),
  name: z.string(),
  role: StaffRole,
  studioName: z.string(),
});
export type InvitationPreview = z.infer<typeof InvitationPreview>;

const StaffList = z.object({ items: z.array(StaffMember) });
const InvitationList = z.object({ items: z.array(StaffInvitation) });

export interface AuditQuery {
  page: number;
  pageSize: number;
  action?: AuditAction | undefined;
}

const enc = encodeURIComponent;

/** Every endpoint of the API contract the web app uses, typed by the shared schemas. */
export function stippleApi(api: ApiClient) {
  return {
    /** The current session, or null when nobody is signed in. */
    async getSession(): Promise<SessionInfo | null> {
      try {
        return await api.get('/api/auth/session', { schema: SessionInfo, unauthorizedIsExpected: true });
      } catch (err) {
        if (isApiRequestError(err) && err.status === 401) return null;
        throw err;
      }
    },
    login: (body: LoginRequest) =>
      api.post('/api/auth/login', body, { schema: SessionInfo, unauthorizedIsExpected: true }),
    logout: () => api.post('/api/auth/logout', undefined, { unauthorizedIsExpected: true }),
    setMyLocale: (locale: UiLocale) => api.patch('/api/me/preferences', { locale }, { schema: StaffMember }),

    getInvitation: (token: string) =>
      api.get(`/api/invitations/${enc(token)}`, { schema: InvitationPreview, unauthorizedIsExpected: true }),
    acceptInvitation: (body: AcceptInvitationRequest) =>
      api.post('/api/auth/accept-invitation', body, { schema: SessionInfo, unauthorizedIsExpected: true }),

    listStaff: () => api.get('/api/staff', { schema: StaffList }),
    inviteStaff: (body: InviteStaffRequest) =>
      api.post('/api/staff/invitations', body, { schema: StaffInvitation }),
    listInvitations: () => api.get('/api/staff/invitations', { schema: InvitationList }),
    updateStaff: (id: string, body: UpdateStaffRequest) =>
      api.patch(`/api/staff/${enc(id)}`, body, { schema: StaffMember }),

    listClients: (query: Partial<ClientListQuery>) =>
      api.get('/api/clients', { schema: ClientListPage, query: { ...query } }),
    createClient: (body: CreateClientRequest) => api.post('/api/clients', body, { schema: Client }),
    getClient: (id: string) => api.get(`/api/clients/${enc(id)}`, { schema: Client }),
    updateClient: (id: string, body: UpdateClientRequest) =>
      api.patch(`/api/clients/${enc(id)}`, body, { schema: Client }),
    archiveClient: (id: string) => api.post(`/api/clients/${enc(id)}/archive`, undefined, { schema: Client }),
    restoreClient: (id: string) => api.post(`/api/clients/${enc(id)}/restore`, undefined, { schema: Client }),

    listAudit: (query: AuditQuery) => api.get('/api/audit', { schema: AuditPage, query: { ...query } }),
  };
}

export type StippleApi = ReturnType<typeof stippleApi>;
