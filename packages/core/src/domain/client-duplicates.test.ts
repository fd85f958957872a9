import { describe, expect, it } from 'vitest';
import type { ClientSummary } from './client.schema.js';
import { duplicateSearches, possibleDuplicates } from './client-duplicates.js';

const onRecord = (id: string, fields: Partial<ClientSummary>): ClientSummary => ({
  id,
  givenName: 'José',
  familyName: 'Núñez',
  dateOfBirth: null,
  email: null,
  phone: null,
  archivedAt: null,
  updatedAt: '2026-12-01T10:00:00.000Z',
  ...fields,
});
const jose = { givenName: 'jose', familyName: 'NUNEZ', dateOfBirth: '1981-03-02', email: null, phone: null };

describe('possibleDuplicates', () => {
  it('finds the same name, written with or without accents and capitals, unless the dates of birth differ', () => {
    const same = onRecord('a', { dateOfBirth: '1981-03-02' });
    const noDate = onRecord('b', {});
    const other = onRecord('c', { dateOfBirth: '1990-07-15' });
    expect(possibleDuplicates(jose, [same, noDate, other]).map((c) => c.id)).toEqual(['a', 'b']);
    expect(possibleDuplicates({ ...jose, dateOfBirth: null }, [other]).map((c) => c.id)).toEqual(['c']);
  });

  it('finds the same email or phone number under another name, the phone written either way', () => {
    const byEmail = onRecord('e', { givenName: 'Pepe', email: 'Jose.Nunez@Example.com' });
    const byPhone = onRecord('p', { givenName: 'Pepe', phone: '+44 20 7946 0018' });
    const candidate = { ...jose, givenName: 'J.', email: 'jose.nunez@example.com', phone: '020 7946 0018' };
    expect(possibleDuplicates(candidate, [byEmail, byPhone, byEmail]).map((c) => c.id)).toEqual(['e', 'p']);
  });

  it('does not match on a few digits, nor another person of the same family', () => {
    const short = onRecord('s', { givenName: 'Ana', phone: '112' });
    expect(possibleDuplicates({ ...jose, givenName: 'Rui', phone: '112' }, [short])).toEqual([]);
  });
});

describe('duplicateSearches', () => {
  it('searches the name, the email and the last nine digits of the phone', () => {
    expect(duplicateSearches({ ...jose, email: 'jose@example.com', phone: '+44 (0)20 7946 0018' })).toEqual([
      'jose NUNEZ',
      'jose@example.com',
      '079460018',
    ]);
    expect(duplicateSearches({ ...jose, phone: '112' })).toEqual(['jose NUNEZ']);
  });
});
