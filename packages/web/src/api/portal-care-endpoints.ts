import {
  KioskTicket,
  KioskView,
  PortalAftercare,
  PortalConsent,
  PortalPlan,
  PortalPreviews,
  type SignConsentRequest,
} from '@stipple/core';
import type { ApiClient } from './api-client.js';

const enc = encodeURIComponent;

/** Portal images and the data download: plain links (the portal cookie goes with them). */
export const portalLinks = {
  photo: (photoId: string) => `/api/portal/photos/${enc(photoId)}/image`,
  stage: (renderId: string, name: string) => `/api/portal/renders/${enc(renderId)}/stages/${enc(name)}`,
  export: '/api/portal/export',
};

/** The portal's care pages (plan, preview, aftercare) and the studio tablet's kiosk. */
export function portalCareEndpoints(api: ApiClient) {
  return {
    portalPlan: () => api.get('/api/portal/plan', { schema: PortalPlan }),
    portalPreviews: () => api.get('/api/portal/previews', { schema: PortalPreviews }),
    portalAftercare: () => api.get('/api/portal/aftercare', { schema: PortalAftercare }),
    portalTick: (sessionId: string, date: string, done: boolean) =>
      api.put(
        `/api/portal/aftercare/${enc(sessionId)}/days/${enc(date)}`,
        { done },
        { schema: PortalAftercare },
      ),
    openKiosk: (clientId: string, templateId: string) =>
      api.post('/api/kiosk', { clientId, templateId }, { schema: KioskTicket }),
    kioskView: (token: string) => api.get(`/api/kiosk/${enc(token)}`, { schema: KioskView }),
    kioskSign: (token: string, body: Omit<SignConsentRequest, 'templateId'>) =>
      api.post(`/api/kiosk/${enc(token)}/sign`, body, { schema: PortalConsent }),
  };
}
