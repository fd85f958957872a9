import { describe, expect, it } from 'vitest';
import { CreateClientRequest, UpdateClientRequest, type Client } from '@stipple/core';
import {
  clientToFormValues,
  emptyClientForm,
  formValuesToCreateRequest,
  formValuesToUpdateRequest,
} from './client-form.js';

const client: Client = {
  id: '0f5b8d8e-5b0e-4c39-9d4b-2f4b6a1f0d11',
  studioId: '7b0a7c2e-3f7e-4c4b-8f0b-1c2d3e4f5a6b',
  givenName: 'José',
  familyName: 'Núñez',
  dateOfBirth: '1984-06-02',
  email: 'jose@example.com',
  phone: null,
  preferredLanguage: 'es',
  notes: '',
  archivedAt: null,
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
  version: 3,
};

describe('client form values', () => {
  it('turns blank optional fields into null, which the shared schema accepts', () => {
    const values = { ...emptyClientForm('en'), familyName: 'Núñez', email: '  ', phone: '' };
    const body = CreateClientRequest.parse(formValuesToCreateRequest(values));
    expect(body).toMatchObject({ familyName: 'Núñez', email: null, phone: null, dateOfBirth: null });
  });

  it('sends only what changed, with the version it was read at', () => {
    const values = { ...clientToFormValues(client), phone: '+34 600 123 456', notes: 'Prefers mornings' };
    const body = formValuesToUpdateRequest(values, client);
    expect(body).toEqual({ phone: '+34 600 123 456', notes: 'Prefers mornings', version: 3 });
    expect(UpdateClientRequest.safeParse(body).success).toBe(true);
  });

  it('counts clearing a field as a change to null', () => {
    const values = { ...clientToFormValues(client), email: '', dateOfBirth: null };
    expect(formValuesToUpdateRequest(values, client)).toEqual({ email: null, dateOfBirth: null, version: 3 });
  });

  it('ignores whitespace-only differences', () => {
    const values = { ...clientToFormValues(client), givenName: ' José ' };
    expect(formValuesToUpdateRequest(values, client)).toEqual({ version: 3 });
  });
});
