// Who a visitor is. A visitor who books twice is one client, not two: an online booking joins an
// existing client when that client's email was proved before (they opened a link sent to it) AND
// the name matches (accents, case and spacing aside). Two people who share an email address (a
// couple, a parent and child) have different names, so they stay two clients; and an email
// nobody has proved yet joins nobody: the booking makes a new client, which the studio can see.
// The booking only counts once the visitor opens the link sent to that email, so someone typing
// another person's address gets nothing: the link goes to the address's owner.
import { foldForSearch } from '@stipple/core';
import { clientRepository, type ClientRow } from '../clients/client.repository.js';
import type { Tx } from '../db/database.js';

export interface Visitor {
  givenName: string;
  familyName: string;
  email: string;
}

const folded = (s: string) => foldForSearch(s).replace(/\s+/g, ' ').trim();

export function sameName(
  a: Pick<Visitor, 'givenName' | 'familyName'>,
  b: Pick<Visitor, 'givenName' | 'familyName'>,
): boolean {
  return folded(a.familyName) === folded(b.familyName) && folded(a.givenName) === folded(b.givenName);
}

/** The existing client this visitor is, or null (then a new client is made). */
export async function matchClient(tx: Tx, visitor: Visitor): Promise<ClientRow | null> {
  const candidates = await clientRepository.findVerifiedByEmail(tx, visitor.email);
  return candidates.find((c) => sameName(c, visitor)) ?? null;
}
