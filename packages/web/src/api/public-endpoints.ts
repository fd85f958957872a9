import { z } from 'zod';
import {
  BookingPhotoReceipt,
  BookingReceipt,
  PortalLinkPreview,
  PortalSessionInfo,
  PublicStudio,
  SlotList,
  type CreateBookingInput,
  type JoinWaitlistInput,
  type PortalSignInRequest,
  type PhotoView,
} from '@stipple/core';
import type { ApiClient } from './api-client.js';
import { isApiRequestError } from './api-error.js';

const enc = encodeURIComponent;
const Accepted = z.object({ accepted: z.literal(true) });

/** The studio's public page and the ways into the client portal (no staff session involved). */
export function publicEndpoints(api: ApiClient) {
  const quiet = { unauthorizedIsExpected: true } as const;
  return {
    publicStudio: (slug: string) =>
      api.get(`/api/public/studios/${enc(slug)}`, { schema: PublicStudio, ...quiet }),
    publicSlots: (
      slug: string,
      query: { type: string; from: string; days: number; artistId?: string | undefined },
    ) =>
      api.get(`/api/public/studios/${enc(slug)}/slots`, { schema: SlotList, query: { ...query }, ...quiet }),
    createBooking: (slug: string, body: CreateBookingInput) =>
      api.post(`/api/public/studios/${enc(slug)}/bookings`, body, { schema: BookingReceipt, ...quiet }),
    uploadBookingPhoto: (bookingId: string, uploadToken: string, file: File, view: PhotoView) =>
      api.post(`/api/public/bookings/${enc(bookingId)}/photos`, undefined, {
        schema: BookingPhotoReceipt,
        file,
        query: { view, filename: file.name },
        headers: { 'x-upload-token': uploadToken },
        ...quiet,
      }),
    joinWaitlist: (slug: string, body: JoinWaitlistInput) =>
      api.post(`/api/public/studios/${enc(slug)}/waitlist`, body, { schema: Accepted, ...quiet }),
    requestPortalLink: (slug: string, body: Omit<PortalSignInRequest, 'website'> & { website?: string }) =>
      api.post(`/api/public/studios/${enc(slug)}/portal-link`, body, { schema: Accepted, ...quiet }),
    previewPortalLink: (token: string) =>
      api.get(`/api/portal/links/${enc(token)}`, { schema: PortalLinkPreview, ...quiet }),
    openPortalLink: (token: string) =>
      api.post(`/api/portal/links/${enc(token)}`, undefined, { schema: PortalSessionInfo, ...quiet }),
    /** The signed-in client, or null. */
    async portalSession(): Promise<PortalSessionInfo | null> {
      try {
        return await api.get('/api/portal/session', { schema: PortalSessionInfo, ...quiet });
      } catch (err) {
        if (isApiRequestError(err) && err.status === 401) return null;
        throw err;
      }
    },
    portalSignOut: () => api.post('/api/portal/sign-out', undefined, quiet),
  };
}
