import type { ClientSummary, CreateClientRequest } from './client.schema.js';
import { foldForSearch, phoneDigits } from './search-text.js';

type Candidate = Pick<CreateClientRequest, 'givenName' | 'familyName' | 'dateOfBirth' | 'email' | 'phone'>;

/**
 * A phone number's last nine digits: the same number written nationally ("020 7946 0018") and
 * internationally ("+44 20 7946 0018") ends the same. Too short to tell a person apart: none.
 */
function phoneTail(phone: string | null | undefined): string | null {
  const digits = phone ? phoneDigits(phone) : '';
  return digits.length >= 7 ? digits.slice(-9) : null;
}

/** The searches of the client list that between them find every possible duplicate of a new client. */
export function duplicateSearches(candidate: Candidate): string[] {
  const searches = [`${candidate.givenName} ${candidate.familyName}`];
  if (candidate.email) searches.push(candidate.email);
  const tail = phoneTail(candidate.phone);
  if (tail) searches.push(tail);
  return searches;
}

/**
 * Clients on record who are likely the person about to be added a second time: the same email,
 * the same phone number, or the same name where the dates of birth do not tell them apart (one
 * is missing, or both are the same). The same name with another date of birth is another person.
 */
export function possibleDuplicates(
  candidate: Candidate,
  onRecord: readonly ClientSummary[],
): ClientSummary[] {
  const name = foldForSearch(`${candidate.givenName} ${candidate.familyName}`);
  const email = candidate.email?.trim().toLowerCase() || null;
  const phone = phoneTail(candidate.phone);
  const seen = new Set<string>();
  return onRecord.filter((other) => {
    if (seen.has(other.id)) return false;
    seen.add(other.id);
    if (email && other.email?.trim().toLowerCase() === email) return true;
    if (phone && phoneTail(other.phone) === phone) return true;
    if (foldForSearch(`${other.givenName} ${other.familyName}`) !== name) return false;
    return !candidate.dateOfBirth || !other.dateOfBirth || candidate.dateOfBirth === other.dateOfBirth;
  });
}
