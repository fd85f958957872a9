// How the role walk makes the requests of the records' rows: own account, clients, consultations,
// photos, alignment, zones and renders.
import type { Client, Consultation, PhotoZones } from '@stipple/core';
import { TEST_PASSWORD } from '../../test-support/fixtures.js';
import { plainImage } from '../../test-support/images.js';
import {
  alignedByPoints,
  f,
  G,
  get,
  NEW_PASSWORD,
  NOTES,
  ok,
  owner,
  SHIFT_PAIRS,
  type Probe,
} from './roles-studio.js';

export function recordProbes(): Record<string, Probe> {
  const c = () => f.client;
  return {
    'GET /api/auth/session': G('/api/auth/session'),
    'POST /api/auth/logout-everywhere': {
      call: () => ({ method: 'POST', path: '/api/auth/logout-everywhere' }),
    },
    'PATCH /api/me/preferences': {
      call: () => ({ method: 'PATCH', path: '/api/me/preferences', body: { locale: 'en' } }),
    },
    'POST /api/me/password': {
      call: () => ({
        method: 'POST',
        path: '/api/me/password',
        body: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
      }),
      undo: (api) =>
        api.post('/api/me/password', { currentPassword: NEW_PASSWORD, newPassword: TEST_PASSWORD }),
    },
    'GET /api/clients': G('/api/clients'),
    'POST /api/clients': {
      call: (r) => ({ method: 'POST', path: '/api/clients', body: { familyName: `New by ${r}` } }),
    },
    'POST /api/clients (with clinical notes)': {
      call: (r) => ({
        method: 'POST',
        path: '/api/clients',
        body: { familyName: `Noted by ${r}`, notes: NOTES },
      }),
    },
    'GET /api/clients/:id': { call: () => ({ method: 'GET', path: `/api/clients/${c()}` }) },
    'GET /api/clients/:id (clinical notes)': {
      call: () => ({ method: 'GET', path: `/api/clients/${c()}` }),
      allowed: (res) => res.status === 200 && (res.body as Client).notes === NOTES,
      refused: (res) => res.status === 200 && (res.body as Client).notes === null,
    },
    'PATCH /api/clients/:id': {
      call: () => ({ method: 'PATCH', path: `/api/clients/${c()}`, body: { phone: '+44 20 7946 0000' } }),
    },
    'PATCH /api/clients/:id (clinical notes)': {
      call: () => ({ method: 'PATCH', path: `/api/clients/${c()}`, body: { notes: NOTES } }),
    },
    'POST /api/clients/:id/archive': {
      call: () => ({ method: 'POST', path: `/api/clients/${c()}/archive` }),
    },
    'POST /api/clients/:id/restore': {
      call: () => ({ method: 'POST', path: `/api/clients/${c()}/restore` }),
    },

    'GET /api/consultations': G('/api/consultations'),
    'GET /api/clients/:id/consultations': { call: () => get(`/api/clients/${c()}/consultations`) },
    'POST /api/clients/:id/consultations': {
      call: () => ({
        method: 'POST',
        path: `/api/clients/${c()}/consultations`,
        body: { assessment: { consultationDate: new Date().toISOString().slice(0, 10) } },
      }),
    },
    'GET /api/consultations/:id': { call: () => get(`/api/consultations/${f.consultation.id}`) },
    'PUT /api/consultations/:id': {
      call: async () => {
        const now = await ok(owner().get<Consultation>(`/api/consultations/${f.consultation.id}`), 'read');
        return {
          method: 'PUT',
          path: `/api/consultations/${now.id}`,
          body: { assessment: { ...now.assessment, notes: `edit ${now.version}` }, version: now.version },
        };
      },
    },
    'GET /api/consultations/:id/plans': { call: () => get(`/api/consultations/${f.consultation.id}/plans`) },
    'POST /api/consultations/:id/plans': {
      call: async () => {
        const now = await ok(owner().get<Consultation>(`/api/consultations/${f.consultation.id}`), 'read');
        return {
          method: 'POST',
          path: `/api/consultations/${now.id}/plans`,
          body: { basedOnVersion: now.latestPlan?.version ?? 0, overrides: [] },
        };
      },
    },
    'GET /api/plans/:id': { call: () => get(`/api/plans/${f.consultation.latestPlan!.id}`) },
    'GET /api/consultations/:id/report.pdf': {
      call: () => get(`/api/consultations/${f.consultation.id}/report.pdf`),
    },

    'POST /api/clients/:id/photos': {
      call: async () => ({
        method: 'POST',
        path: `/api/clients/${c()}/photos?view=top&takenOn=2026-11-02`,
        rawBody: await plainImage('jpeg', 160, 120),
        contentType: 'image/jpeg',
      }),
    },
    'GET /api/clients/:id/photos': { call: () => get(`/api/clients/${c()}/photos`) },
    'GET /api/photos/gallery': G('/api/photos/gallery'),
    'GET /api/photos/:id': { call: () => get(`/api/photos/${f.photo.id}`) },
    'PATCH /api/photos/:id': {
      call: () => ({ method: 'PATCH', path: `/api/photos/${f.photo.id}`, body: { view: 'top' } }),
    },
    'GET /api/photos/:id/file': { call: () => get(`/api/photos/${f.photo.id}/file`) },
    'GET /api/photos/:id/analysis': { call: () => get(`/api/photos/${f.photo.id}/analysis`) },
    'POST /api/photos/:id/analysis': {
      call: () => ({ method: 'POST', path: `/api/photos/${f.photo.id}/analysis` }),
    },
    'GET /api/photos/:id/alignment': { call: () => get(`/api/photos/${f.followUp.id}/alignment`) },
    'POST /api/photos/:id/alignment': {
      call: () => ({ method: 'POST', path: `/api/photos/${f.followUp.id}/alignment`, body: {} }),
    },
    'PUT /api/photos/:id/alignment/points': {
      call: () => ({
        method: 'PUT',
        path: `/api/photos/${f.followUp.id}/alignment/points`,
        body: { pairs: SHIFT_PAIRS },
      }),
    },
    'GET /api/photos/:id/alignment/image': {
      call: async () => {
        await alignedByPoints();
        return get(`/api/photos/${f.followUp.id}/alignment/image?kind=difference`);
      },
    },
    'GET /api/previews': G('/api/previews'),
    'GET /api/photos/:id/zones': { call: () => get(`/api/photos/${f.photo.id}/zones`) },
    'PUT /api/photos/:id/zones': {
      call: async () => {
        const now = await ok(owner().get<PhotoZones>(`/api/photos/${f.photo.id}/zones`), 'zones');
        return {
          method: 'PUT',
          path: `/api/photos/${f.photo.id}/zones`,
          body: { zones: now.zones, version: now.version },
        };
      },
    },
    'GET /api/photos/:id/renders': { call: () => get(`/api/photos/${f.photo.id}/renders`) },
    'GET /api/renders/:id': { call: () => get(`/api/renders/${f.render.id}`) },
    'GET /api/renders/:id/status': { call: () => get(`/api/renders/${f.render.id}/status`) },
    'GET /api/renders/:id/stages/:name': { call: () => get(`/api/renders/${f.render.id}/stages/healed`) },
  };
}
