/** Where to go after sign-in: only paths inside this app, never an open redirect to another site. */
export function safeNextPath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/clients';
  return next;
}

/**
 * The invitation's accept link as a full address. The server sends a path unless the studio
 * configured its public address (STIPPLE_PUBLIC_URL); a path is completed with the address the
 * owner is using now, which is one the new staff member's device can reach too.
 */
export function absoluteAcceptUrl(acceptUrl: string, origin: string): string {
  return new URL(acceptUrl, origin).href;
}
