import { z } from 'zod';
import {
  Consultation,
  RenderProgress,
  InvitationPreview,
  ConsultationList,
  ConsultationPage,
  PhotoAlignment,
  PhotoAnalysisRecord,
  PhotoScalpMap,
  PhotoZones,
  PlanVersion,
  PlanVersionList,
  PreviewList,
  PreviewRender,
  PreviewRenderList,
  type CreateConsultationInput,
  type SavePlanInput,
  type SaveZonesInput,
  type UpdateConsultationInput,
  AftercareSchedule,
  AftercareTemplateList,
  Appointment,
  AppointmentHistory,
  AppointmentList,
  BookableArtistList,
  CalendarFeed,
  CalendarFeedList,
  WorkingHours,
  AftercareTemplate,
  type CreateAftercareTemplateRequest,
  ConsentRecord,
  ConsentRecordList,
  ConsentTemplate,
  ConsentTemplateList,
  CourseList,
  Gallery,
  InventoryList,
  InventoryLot,
  InventoryProduct,
  OutboxPage,
  Photo,
  PhotoList,
  RecallReport,
  RemainingSessionsProposal,
  SessionPlan,
  SessionRecord,
  SessionRecordList,
  TreatmentCourse,
  type BookRemainingSessionsRequest,
  type CreateAppointmentRequest,
  type CreateConsentTemplateRequest,
  type CreateCourseRequest,
  type CreateLotRequest,
  type CreateProductRequest,
  type MoveAppointmentRequest,
  type RecordDepositRequest,
  type OutboxStatus,
  type PhotoView,
  type RemainingSessionsProposalRequest,
  type SaveSessionRequest,
  type SignConsentRequest,
  type UpdateLotRequest,
  type UpdatePhotoRequest,
  AuditPage,
  Client,
  ClientListPage,
  SessionInfo,
  StaffInvitation,
  StaffMember,
  type AcceptInvitationRequest,
  type ChangePasswordRequest,
  type CompletePasswordResetRequest,
  PasswordResetAvailability,
  PasswordResetPreview,
  type RequestPasswordResetRequest,
  type AuditAction,
  type ClientListQuery,
  type CreateClientRequest,
  type InviteStaffRequest,
  type LoginRequest,
  type UiLocale,
  type UpdateClientRequest,
  type UpdateStaffRequest,
  SetupStatus,
  StudioSettings,
  type CreateStudioInput,
  type UpdateStudioRequest,
} from '@stipple/core';
import type { CorrectAlignmentRequest } from '@stipple/core';
import type { ApiClient } from './api-client.js';
import { isApiRequestError } from './api-error.js';
import { publicEndpoints } from './public-endpoints.js';
import { outcomeEndpoints } from './outcome-endpoints.js';
import { portalEndpoints } from './portal-endpoints.js';
import { portalCareEndpoints } from './portal-care-endpoints.js';
import { bookingDeskEndpoints } from './booking-desk-endpoints.js';

const StaffList = z.object({ items: z.array(StaffMember) });
const InvitationList = z.object({ items: z.array(StaffInvitation) });

export interface AuditQuery {
  page: number;
  pageSize: number;
  action?: AuditAction | undefined;
}

const enc = encodeURIComponent;

/** Links the browser opens itself (downloads and images): the session cookie goes along. */
export const fileLinks = {
  photo: (id: string, size: 'thumb' | 'preview' | 'original') => `/api/photos/${enc(id)}/file?size=${size}`,
  alignmentImage: (photoId: string, kind: 'aligned' | 'difference', version: string) =>
    `/api/photos/${enc(photoId)}/alignment/image?kind=${kind}&version=${enc(version)}`,
  consentPdf: (id: string) => `/api/consents/${enc(id)}/pdf`,
  aftercarePdf: (sessionId: string) => `/api/sessions/${enc(sessionId)}/aftercare.pdf`,
  aftercareIcs: (sessionId: string) => `/api/sessions/${enc(sessionId)}/aftercare.ics`,
  consultationReport: (id: string) => `/api/consultations/${enc(id)}/report.pdf`,
  studioLogo: (sha256: string) => `/api/studio/logo?v=${enc(sha256.slice(0, 12))}`,
  renderStage: (renderId: string, name: string, size: 'preview' | 'full' = 'preview') =>
    `/api/renders/${enc(renderId)}/stages/${enc(name)}?size=${size}`,
};

/** Every endpoint of the API contract the web app uses, typed by the shared schemas. */
export function stippleApi(api: ApiClient) {
  return {
    ...publicEndpoints(api),
    ...portalEndpoints(api),
    ...portalCareEndpoints(api),
    ...bookingDeskEndpoints(api),
    ...outcomeEndpoints(api),
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
    changePassword: (body: ChangePasswordRequest) => api.post('/api/me/password', body),
    logoutEverywhere: () => api.post('/api/auth/logout-everywhere'),
    passwordResetAvailability: () =>
      api.get('/api/auth/password-reset', {
        schema: PasswordResetAvailability,
        unauthorizedIsExpected: true,
      }),
    requestPasswordReset: (body: RequestPasswordResetRequest) =>
      api.post('/api/auth/password-reset', body, { unauthorizedIsExpected: true }),
    previewPasswordReset: (token: string) =>
      api.get(`/api/password-resets/${enc(token)}`, {
        schema: PasswordResetPreview,
        unauthorizedIsExpected: true,
      }),
    completePasswordReset: (body: CompletePasswordResetRequest) =>
      api.post('/api/auth/password-reset/complete', body, { unauthorizedIsExpected: true }),

    getInvitation: (token: string) =>
      api.get(`/api/invitations/${enc(token)}`, { schema: InvitationPreview, unauthorizedIsExpected: true }),
    acceptInvitation: (body: AcceptInvitationRequest) =>
      api.post('/api/auth/accept-invitation', body, { schema: SessionInfo, unauthorizedIsExpected: true }),

    // Studio setup and settings
    setupStatus: () => api.get('/api/setup', { schema: SetupStatus, unauthorizedIsExpected: true }),
    createStudio: (body: CreateStudioInput) =>
      api.post('/api/setup', body, { schema: SessionInfo, unauthorizedIsExpected: true }),
    getStudio: () => api.get('/api/studio', { schema: StudioSettings }),
    updateStudio: (body: UpdateStudioRequest) => api.patch('/api/studio', body, { schema: StudioSettings }),
    uploadLogo: (file: File) => api.put('/api/studio/logo', undefined, { schema: StudioSettings, file }),
    removeLogo: () => api.request('DELETE', '/api/studio/logo', { schema: StudioSettings }),

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

    // Calendar
    listArtists: () => api.get('/api/calendar/artists', { schema: BookableArtistList }),
    listAppointments: (query: { from: string; to: string; artistId?: string; clientId?: string }) =>
      api.get('/api/appointments', { schema: AppointmentList, query: { ...query } }),
    bookAppointment: (body: Partial<CreateAppointmentRequest>) =>
      api.post('/api/appointments', body, { schema: Appointment }),
    moveAppointment: (id: string, body: Partial<MoveAppointmentRequest>) =>
      api.post(`/api/appointments/${enc(id)}/move`, body, { schema: Appointment }),
    cancelAppointment: (id: string, body: { reason: string; version: number }) =>
      api.post(`/api/appointments/${enc(id)}/cancel`, body, { schema: Appointment }),
    markNoShow: (id: string, body: { note: string; version: number }) =>
      api.post(`/api/appointments/${enc(id)}/no-show`, body, { schema: Appointment }),
    undoNoShow: (id: string, body: { reason: string; version: number }) =>
      api.post(`/api/appointments/${enc(id)}/no-show/undo`, body, { schema: Appointment }),
    recordDeposit: (id: string, body: RecordDepositRequest) =>
      api.post(`/api/appointments/${enc(id)}/deposit`, body, { schema: Appointment }),
    appointmentHistory: (id: string) =>
      api.get(`/api/appointments/${enc(id)}/history`, { schema: AppointmentHistory }),
    listCourses: (clientId: string) =>
      api.get(`/api/clients/${enc(clientId)}/courses`, { schema: CourseList }),
    createCourse: (clientId: string, body: Partial<CreateCourseRequest>) =>
      api.post(`/api/clients/${enc(clientId)}/courses`, body, { schema: TreatmentCourse }),
    createCalendarFeed: (body: { kind: 'artist' | 'client'; subjectId: string }) =>
      api.post('/api/calendar-feeds', body, { schema: CalendarFeed }),
    listCalendarFeeds: () => api.get('/api/calendar-feeds', { schema: CalendarFeedList }),
    revokeCalendarFeed: (id: string) =>
      api.post(`/api/calendar-feeds/${enc(id)}/revoke`, undefined, { schema: CalendarFeed }),
    getWorkingHours: (staffId: string) =>
      api.get(`/api/staff/${enc(staffId)}/working-hours`, { schema: WorkingHours }),
    setWorkingHours: (staffId: string, body: WorkingHours) =>
      api.put(`/api/staff/${enc(staffId)}/working-hours`, body, { schema: WorkingHours }),

    // Photos
    listPhotos: (clientId: string) => api.get(`/api/clients/${enc(clientId)}/photos`, { schema: PhotoList }),
    uploadPhoto: (clientId: string, file: File, query: { view: PhotoView; takenOn: string }) =>
      api.post(`/api/clients/${enc(clientId)}/photos`, undefined, {
        schema: Photo,
        file,
        query: { ...query, filename: file.name },
      }),
    updatePhoto: (id: string, body: UpdatePhotoRequest) =>
      api.patch(`/api/photos/${enc(id)}`, body, { schema: Photo }),
    gallery: () => api.get('/api/photos/gallery', { schema: Gallery }),

    // Sessions
    listSessions: (clientId: string) =>
      api.get(`/api/clients/${enc(clientId)}/sessions`, { schema: SessionRecordList }),
    getAppointment: (id: string) => api.get(`/api/appointments/${enc(id)}`, { schema: Appointment }),
    getSessionOfAppointment: async (appointmentId: string): Promise<SessionRecord | null> => {
      try {
        return await api.get(`/api/appointments/${enc(appointmentId)}/session`, { schema: SessionRecord });
      } catch (err) {
        // No record yet (rather than no such appointment): the server names what it did not find.
        const entity = isApiRequestError(err) ? err.params.entity : undefined;
        if (
          isApiRequestError(err) &&
          err.status === 404 &&
          typeof entity === 'object' &&
          't' in entity &&
          entity.t === 'entity.sessionRecord'
        )
          return null;
        throw err;
      }
    },
    saveSession: (appointmentId: string, body: Partial<SaveSessionRequest>) =>
      api.put(`/api/appointments/${enc(appointmentId)}/session`, body, { schema: SessionRecord }),
    sessionPlan: (appointmentId: string) =>
      api.get(`/api/appointments/${enc(appointmentId)}/plan`, { schema: SessionPlan }),
    proposeRemainingSessions: (courseId: string, body: RemainingSessionsProposalRequest) =>
      api.post(`/api/courses/${enc(courseId)}/remaining-sessions/proposal`, body, {
        schema: RemainingSessionsProposal,
      }),
    bookRemainingSessions: (courseId: string, body: BookRemainingSessionsRequest) =>
      api.post(`/api/courses/${enc(courseId)}/remaining-sessions`, body, { schema: AppointmentList }),
    aftercare: (sessionId: string) =>
      api.get(`/api/sessions/${enc(sessionId)}/aftercare`, { schema: AftercareSchedule }),

    // Inventory
    inventory: () => api.get('/api/inventory', { schema: InventoryList }),
    createProduct: (body: Partial<CreateProductRequest>) =>
      api.post('/api/inventory/products', body, { schema: InventoryProduct }),
    createLot: (productId: string, body: Partial<CreateLotRequest>) =>
      api.post(`/api/inventory/products/${enc(productId)}/lots`, body, { schema: InventoryLot }),
    updateLot: (id: string, body: UpdateLotRequest) =>
      api.patch(`/api/inventory/lots/${enc(id)}`, body, { schema: InventoryLot }),
    recall: (lotId: string) => api.get(`/api/inventory/lots/${enc(lotId)}/recall`, { schema: RecallReport }),

    // Consent, aftercare templates, outbox
    consentTemplates: () => api.get('/api/consent-templates', { schema: ConsentTemplateList }),
    createConsentTemplate: (body: CreateConsentTemplateRequest) =>
      api.post('/api/consent-templates', body, { schema: ConsentTemplate }),
    listConsents: (clientId: string) =>
      api.get(`/api/clients/${enc(clientId)}/consents`, { schema: ConsentRecordList }),
    signConsent: (clientId: string, body: SignConsentRequest) =>
      api.post(`/api/clients/${enc(clientId)}/consents`, body, { schema: ConsentRecord }),
    withdrawConsent: (id: string, reason: string) =>
      api.post(`/api/consents/${enc(id)}/withdraw`, { reason }, { schema: ConsentRecord }),
    aftercareTemplates: () => api.get('/api/aftercare-templates', { schema: AftercareTemplateList }),
    createAftercareTemplate: (body: CreateAftercareTemplateRequest) =>
      api.post('/api/aftercare-templates', body, { schema: AftercareTemplate }),
    outbox: (query: { status?: OutboxStatus | undefined; page: number; pageSize: number }) =>
      api.get('/api/outbox', { schema: OutboxPage, query: { ...query } }),

    // Consultations and plans
    listConsultations: (query: { page: number; pageSize: number }) =>
      api.get('/api/consultations', { schema: ConsultationPage, query: { ...query } }),
    listClientConsultations: (clientId: string) =>
      api.get(`/api/clients/${enc(clientId)}/consultations`, { schema: ConsultationList }),
    createConsultation: (clientId: string, body: CreateConsultationInput) =>
      api.post(`/api/clients/${enc(clientId)}/consultations`, body, { schema: Consultation }),
    getConsultation: (id: string) => api.get(`/api/consultations/${enc(id)}`, { schema: Consultation }),
    updateConsultation: (id: string, body: UpdateConsultationInput) =>
      api.put(`/api/consultations/${enc(id)}`, body, { schema: Consultation }),
    listPlans: (consultationId: string) =>
      api.get(`/api/consultations/${enc(consultationId)}/plans`, { schema: PlanVersionList }),
    savePlan: (consultationId: string, body: SavePlanInput) =>
      api.post(`/api/consultations/${enc(consultationId)}/plans`, body, { schema: PlanVersion }),
    getPlan: (id: string) => api.get(`/api/plans/${enc(id)}`, { schema: PlanVersion }),

    // Zones and previews
    listPreviews: () => api.get('/api/previews', { schema: PreviewList }),
    getPhoto: (id: string) => api.get(`/api/photos/${enc(id)}`, { schema: Photo }),
    getZones: (photoId: string) => api.get(`/api/photos/${enc(photoId)}/zones`, { schema: PhotoZones }),
    saveZones: (photoId: string, body: SaveZonesInput) =>
      api.put(`/api/photos/${enc(photoId)}/zones`, body, { schema: PhotoZones }),
    listRenders: (photoId: string) =>
      api.get(`/api/photos/${enc(photoId)}/renders`, { schema: PreviewRenderList }),
    getRender: (id: string) => api.get(`/api/renders/${enc(id)}`, { schema: PreviewRender }),
    renderProgress: (id: string) => api.get(`/api/renders/${enc(id)}/status`, { schema: RenderProgress }),
    getAlignment: (photoId: string) =>
      api.get(`/api/photos/${enc(photoId)}/alignment`, { schema: PhotoAlignment.nullable() }),
    startAlignment: (photoId: string) =>
      api.post(`/api/photos/${enc(photoId)}/alignment`, {}, { schema: PhotoAlignment }),
    correctAlignment: (photoId: string, body: CorrectAlignmentRequest) =>
      api.put(`/api/photos/${enc(photoId)}/alignment/points`, body, { schema: PhotoAlignment }),
    getAnalysis: (photoId: string) =>
      api.get(`/api/photos/${enc(photoId)}/analysis`, { schema: PhotoAnalysisRecord.nullable() }),
    getScalpMap: (photoId: string) =>
      api.get(`/api/photos/${enc(photoId)}/scalp-map`, { schema: PhotoScalpMap }),
    startAnalysis: (photoId: string) =>
      api.post(`/api/photos/${enc(photoId)}/analysis`, undefined, { schema: PhotoAnalysisRecord }),
  };
}

export type StippleApi = ReturnType<typeof stippleApi>;
