// How the role walk makes the requests of the treatment record's and the studio's rows: sessions,
// aftercare, consents, inventory, staff, audit, outbox, the studio, bookings and intakes.
import type { SessionRecord } from '@stipple/core';
import { plainImage, signaturePng } from '../../test-support/images.js';
import { f, G, get, ok, owner, signed, studio, takeNumber, template, type Probe } from './roles-studio.js';

export function careProbes(): Record<string, Probe> {
  const c = () => f.client;
  return {
    'GET /api/clients/:id/sessions': { call: () => get(`/api/clients/${c()}/sessions`) },
    'GET /api/sessions/:id': { call: () => get(`/api/sessions/${f.session.id}`) },
    'GET /api/appointments/:id/plan': { call: () => get(`/api/appointments/${f.draftAppointment.id}/plan`) },
    'GET /api/appointments/:id/session': {
      call: () => get(`/api/appointments/${f.session.appointmentId}/session`),
    },
    'PUT /api/appointments/:id/session': {
      call: async () => {
        const now = await owner().get<SessionRecord>(`/api/appointments/${f.draftAppointment.id}/session`);
        return {
          method: 'PUT',
          path: `/api/appointments/${f.draftAppointment.id}/session`,
          body: { notes: 'Draft notes', ...(now.status === 200 ? { version: now.body.version } : {}) },
        };
      },
    },
    'GET /api/sessions/:id/aftercare': { call: () => get(`/api/sessions/${f.session.id}/aftercare`) },
    'GET /api/sessions/:id/aftercare.pdf': { call: () => get(`/api/sessions/${f.session.id}/aftercare.pdf`) },
    'GET /api/sessions/:id/aftercare.ics': { call: () => get(`/api/sessions/${f.session.id}/aftercare.ics`) },
    'GET /api/aftercare-templates': G('/api/aftercare-templates'),
    'POST /api/aftercare-templates': {
      call: () => ({
        method: 'POST',
        path: '/api/aftercare-templates',
        body: { language: 'en', name: 'Care', steps: [{ fromDay: 0, title: 'Keep dry' }] },
      }),
    },

    'GET /api/consent-templates': G('/api/consent-templates'),
    'POST /api/consent-templates': {
      call: () => ({
        method: 'POST',
        path: '/api/consent-templates',
        body: {
          kind: 'marketing',
          language: 'en',
          title: 'Offers',
          body: 'I agree to receive offers by email.',
        },
      }),
    },
    'GET /api/clients/:id/consents': { call: () => get(`/api/clients/${c()}/consents`) },
    'POST /api/clients/:id/consents (treatment)': {
      call: async () => ({
        method: 'POST',
        path: `/api/clients/${c()}/consents`,
        body: {
          templateId: template('treatment').id,
          signerName: 'Ana Silva',
          signature: await signaturePng(),
        },
      }),
    },
    'POST /api/clients/:id/consents (photo use or marketing)': {
      call: async () => ({
        method: 'POST',
        path: `/api/clients/${c()}/consents`,
        body: { templateId: template('photo').id, signerName: 'Ana Silva', signature: await signaturePng() },
      }),
    },
    'GET /api/consents/:id': { call: () => get(`/api/consents/${f.consent.id}`) },
    'GET /api/consents/:id/pdf': { call: () => get(`/api/consents/${f.consent.id}/pdf`) },
    'GET /api/consents/:id/signature': { call: () => get(`/api/consents/${f.consent.id}/signature`) },
    'POST /api/consents/:id/withdraw (treatment)': {
      call: async () => ({
        method: 'POST',
        path: `/api/consents/${(await signed('treatment')).id}/withdraw`,
        body: {},
      }),
    },
    'POST /api/consents/:id/withdraw (photo use or marketing)': {
      call: async () => ({
        method: 'POST',
        path: `/api/consents/${(await signed('photo')).id}/withdraw`,
        body: {},
      }),
    },

    'GET /api/inventory': G('/api/inventory'),
    'POST /api/inventory/products': {
      call: () => ({
        method: 'POST',
        path: '/api/inventory/products',
        body: { kind: 'pigment', name: 'Ink', manufacturer: 'Maker' },
      }),
    },
    'PATCH /api/inventory/products/:id': {
      call: () => ({
        method: 'PATCH',
        path: `/api/inventory/products/${f.product.id}`,
        body: { name: 'Renamed ink' },
      }),
    },
    'POST /api/inventory/products/:id/lots': {
      call: (r) => ({
        method: 'POST',
        path: `/api/inventory/products/${f.product.id}/lots`,
        body: { lotNumber: `LOT-${r}-${takeNumber()}`, expiresOn: '2030-01-01' },
      }),
    },
    'PATCH /api/inventory/lots/:id': {
      call: () => ({
        method: 'PATCH',
        path: `/api/inventory/lots/${f.lot}`,
        body: { openedOn: '2026-01-05' },
      }),
    },
    'GET /api/inventory/lots/:id/recall': { call: () => get(`/api/inventory/lots/${f.lot}/recall`) },

    'GET /api/staff': G('/api/staff'),
    'POST /api/staff/invitations': {
      call: (r) => ({
        method: 'POST',
        path: '/api/staff/invitations',
        body: { email: `new-${r}-${takeNumber()}@roles.example`, name: 'New Person', role: 'artist' },
      }),
    },
    'GET /api/staff/invitations': G('/api/staff/invitations'),
    'PATCH /api/staff/:id': {
      call: () => ({
        method: 'PATCH',
        path: `/api/staff/${studio.artist.id}`,
        body: { name: 'Artist of Roles Studio' },
      }),
    },
    'GET /api/audit': G('/api/audit'),
    'GET /api/outbox': G('/api/outbox'),
    'GET /api/photos/:id/scalp-map': G(`/api/photos/${f.photo.id}/scalp-map`),
    'GET /api/studio': G('/api/studio'),
    'PATCH /api/studio': {
      call: async () => {
        const now = await ok(owner().get<{ version: number; name: string }>('/api/studio'), 'studio');
        return { method: 'PATCH', path: '/api/studio', body: { version: now.version, name: now.name } };
      },
    },
    // A studio without a logo answers 404 to everyone alike; the rule is that every role may ask.
    'GET /api/studio/logo': {
      call: () => get('/api/studio/logo'),
      allowed: (r) => r.status === 200 || r.status === 404,
    },
    'PUT /api/studio/logo': {
      call: async () => ({
        method: 'PUT',
        path: '/api/studio/logo',
        rawBody: await plainImage('png'),
        contentType: 'image/png',
      }),
    },
    'DELETE /api/studio/logo': { call: () => ({ method: 'DELETE', path: '/api/studio/logo' }) },
    'GET /api/bookings': G('/api/bookings'),
    'GET /api/clients/:id/intakes': G(`/api/clients/${f.client}/intakes`),
  };
}
