// One-time links, the one mechanism behind every emailed link: a staff member's password reset,
// a studio sign-up invitation, and the client's links into the portal (booking confirmation,
// sign-in, intake). A link is a random token; the database keeps its hash, its purpose, its
// subject (the staff member or client, and the booking or appointment), when it expires and
// whether it was used. A link is usable only for its own purpose, before it expires, once.
import type { Database, Tx } from '../db/database.js';
import type { OneTimeLinkPurpose } from '../db/schema.js';
import { oneTimeLinkRepository, type OneTimeLinkRow } from './one-time-link.repository.js';
import { hashToken, newToken } from './tokens.js';

/** Tokens are 32 random bytes in base64url (43 characters); anything else is refused unread. */
export const LINK_TOKEN = /^[A-Za-z0-9_-]{20,200}$/;

export interface LinkSpec {
  purpose: OneTimeLinkPurpose;
  studioId: string | null;
  userId?: string;
  clientId?: string;
  subjectId?: string;
  email?: string;
  /** When the link stops working. */
  expiresAt: Date;
}

/** Makes a link in the caller's transaction; the token goes into the email and nowhere else. */
export async function issueLink(tx: Tx, spec: LinkSpec): Promise<{ token: string; link: OneTimeLinkRow }> {
  const token = newToken();
  const link = await oneTimeLinkRepository.create(tx, {
    studioId: spec.studioId,
    purpose: spec.purpose,
    userId: spec.userId ?? null,
    clientId: spec.clientId ?? null,
    subjectId: spec.subjectId ?? null,
    email: spec.email ?? null,
    tokenHash: hashToken(token),
    expiresAt: spec.expiresAt,
  });
  return { token, link };
}

/**
 * The link behind `token` when it is one of `purposes`, unused and not expired; otherwise null.
 * It is not used up here: the caller does that (`useLink`) in the transaction of what it opens.
 */
export async function findUsableLink(
  db: Database,
  token: string,
  purposes: readonly OneTimeLinkPurpose[],
  now = new Date(),
): Promise<OneTimeLinkRow | null> {
  if (!LINK_TOKEN.test(token)) return null;
  // System: the token is what names the studio (a sign-up invitation has none).
  const link = await db.asSystem((tx) => oneTimeLinkRepository.findByTokenHash(tx, hashToken(token)));
  if (!link || !purposes.includes(link.purpose)) return null;
  if (link.usedAt || link.expiresAt.getTime() <= now.getTime()) return null;
  return link;
}

/** Uses the link up; false when someone used it first (the caller then refuses). */
export const useLink = (tx: Tx, link: Pick<OneTimeLinkRow, 'id'>): Promise<boolean> =>
  oneTimeLinkRepository.markUsed(tx, link.id);
