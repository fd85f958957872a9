import { UI_LOCALES, type Client, type CreateClientRequest, type UpdateClientRequest } from '@stipple/core';

/** What the client form edits: text inputs hold strings, an empty date is null. */
export interface ClientFormValues {
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  email: string;
  phone: string;
  preferredLanguage: string;
  notes: string;
}

export function emptyClientForm(preferredLanguage: string): ClientFormValues {
  return {
    givenName: '',
    familyName: '',
    dateOfBirth: null,
    email: '',
    phone: '',
    preferredLanguage,
    notes: '',
  };
}

export function clientToFormValues(client: Client): ClientFormValues {
  return {
    givenName: client.givenName,
    familyName: client.familyName,
    dateOfBirth: client.dateOfBirth,
    email: client.email ?? '',
    phone: client.phone ?? '',
    preferredLanguage: client.preferredLanguage,
    // Front desk reads no clinical notes (null): the form leaves them alone.
    notes: client.notes ?? '',
  };
}

const blankToNull = (s: string) => (s.trim() === '' ? null : s.trim());

/** The request body for a new client (before the shared schema trims and checks it). */
export function formValuesToCreateRequest(
  values: ClientFormValues,
): Record<keyof CreateClientRequest, unknown> {
  return {
    givenName: values.givenName,
    familyName: values.familyName,
    dateOfBirth: values.dateOfBirth || null,
    email: blankToNull(values.email),
    phone: blankToNull(values.phone),
    preferredLanguage: values.preferredLanguage,
    notes: values.notes,
  };
}

/**
 * Only the fields that differ from the record as loaded, plus its `version`, so that the server
 * refuses the save (409) if someone else saved in between, and the audit log names what changed.
 */
export function formValuesToUpdateRequest(values: ClientFormValues, original: Client): UpdateClientRequest {
  const next = formValuesToCreateRequest(values);
  const before = formValuesToCreateRequest(clientToFormValues(original));
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof typeof next)[]) {
    const a = typeof next[key] === 'string' ? next[key].trim() : next[key];
    const b = typeof before[key] === 'string' ? before[key].trim() : before[key];
    if (a !== b) changes[key] = next[key];
  }
  return { ...changes, version: original.version };
}

/**
 * Languages offered for a client: those the documents (report, consent, aftercare, emails) are
 * printed in. A record from before that holds another tag keeps it, and it is shown too.
 */
export const CLIENT_LANGUAGES = UI_LOCALES;
