import { z } from 'zod';
import {
  Id,
  Intake,
  PortalAppointment,
  PortalAppointments,
  PortalConsent,
  PortalConsents,
  Slot,
  Timestamp,
  WithdrawalEffect,
  type SignConsentRequest,
  type SubmitIntakeInput,
} from '@stipple/core';
import type { ApiClient } from './api-client.js';

const enc = encodeURIComponent;
export const PortalIntake = z.object({
  appointment: z.object({ id: Id, startsAt: Timestamp, endsAt: Timestamp, artistName: z.string() }),
  intake: Intake.nullable(),
});
const MoveSlots = z.object({ timeZone: z.string(), slots: z.array(Slot) });

/** The signed-in client's portal (the portal cookie and its CSRF token). */
export function portalEndpoints(api: ApiClient) {
  return {
    portalAppointments: () => api.get('/api/portal/appointments', { schema: PortalAppointments }),
    portalMoveSlots: (id: string, from: string) =>
      api.get(`/api/portal/appointments/${enc(id)}/slots`, { schema: MoveSlots, query: { from } }),
    portalMove: (id: string, startsAt: string) =>
      api.post(`/api/portal/appointments/${enc(id)}/move`, { startsAt }, { schema: PortalAppointment }),
    portalCancel: (id: string, reason: string) =>
      api.post(`/api/portal/appointments/${enc(id)}/cancel`, { reason }, { schema: PortalAppointment }),
    portalIntake: (appointmentId: string) =>
      api.get(`/api/portal/appointments/${enc(appointmentId)}/intake`, { schema: PortalIntake }),
    submitIntake: (appointmentId: string, body: SubmitIntakeInput) =>
      api.put(`/api/portal/appointments/${enc(appointmentId)}/intake`, body, { schema: Intake }),
    portalConsents: () => api.get('/api/portal/consents', { schema: PortalConsents }),
    portalSign: (body: SignConsentRequest) =>
      api.post('/api/portal/consents', body, { schema: PortalConsent }),
    portalWithdraw: (id: string, reason: string) =>
      api.post(`/api/portal/consents/${enc(id)}/withdraw`, { reason }, { schema: WithdrawalEffect }),
  };
}
