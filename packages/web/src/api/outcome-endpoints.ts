import {
  GalleryPair,
  PublicGallery,
  SessionOutcome,
  SessionOutcomeList,
  StaffGalleryPairList,
  StudioRetention,
  type AddGalleryPairRequest,
  type RecordOutcomeRequest,
} from '@stipple/core';
import type { ApiClient } from './api-client.js';

const enc = encodeURIComponent;

/** Links to the pictures of a before-and-after pair (the browser sends the session cookie). */
export const galleryLinks = {
  staff: (id: string, side: 'before' | 'after') => `/api/gallery-pairs/${enc(id)}/${side}`,
  public: (slug: string, id: string, side: 'before' | 'after') =>
    `/api/public/studios/${enc(slug)}/gallery/${enc(id)}/${side}`,
};

/** Outcomes measured on follow-up photos, the studio's retention, and the before-and-after gallery. */
export function outcomeEndpoints(api: ApiClient) {
  return {
    recordOutcome: (photoId: string, body: RecordOutcomeRequest) =>
      api.post(`/api/photos/${enc(photoId)}/outcome`, body, { schema: SessionOutcome }),
    listOutcomes: (clientId: string) =>
      api.get(`/api/clients/${enc(clientId)}/outcomes`, { schema: SessionOutcomeList }),
    studioRetention: () => api.get('/api/outcomes/retention', { schema: StudioRetention }),
    addGalleryPair: (clientId: string, body: AddGalleryPairRequest) =>
      api.post(`/api/clients/${enc(clientId)}/gallery-pairs`, body, { schema: GalleryPair }),
    listGalleryPairs: () => api.get('/api/gallery-pairs', { schema: StaffGalleryPairList }),
    removeGalleryPair: (id: string) => api.request('DELETE', `/api/gallery-pairs/${enc(id)}`),
    publicGallery: (slug: string) =>
      api.get(`/api/public/studios/${enc(slug)}/gallery`, {
        schema: PublicGallery,
        unauthorizedIsExpected: true,
      }),
  };
}
