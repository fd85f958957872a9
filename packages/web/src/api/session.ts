import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { SessionInfo, StaffMember } from '@stipple/core';
import { useApi } from './ApiProvider.js';

export const sessionKey = ['session'] as const;

/** The signed-in session (null: nobody is signed in). Loaded once and kept until sign-in/out or a 401. */
export function useSession() {
  const api = useApi();
  return useQuery({
    queryKey: sessionKey,
    queryFn: () => api.getSession(),
    staleTime: Infinity,
    retry: false,
  });
}

/** The session of a page behind <RequireSession>: always present there. */
export function useSignedInSession(): SessionInfo {
  const { data } = useSession();
  if (!data) throw new Error('useSignedInSession() outside <RequireSession>');
  return data;
}

export function csrfTokenFrom(queryClient: QueryClient): string | null {
  return queryClient.getQueryData<SessionInfo | null>(sessionKey)?.csrfToken ?? null;
}

export function useSetSession() {
  const queryClient = useQueryClient();
  // A new (or no) identity starts from an empty cache: nothing one user loaded shows to the next.
  // The session first: a query that refetches once the cache is cleared must see the new identity.
  return (session: SessionInfo | null) => {
    queryClient.setQueryData(sessionKey, session);
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
  };
}

export function useUpdateSessionUser() {
  const queryClient = useQueryClient();
  return (user: StaffMember) =>
    queryClient.setQueryData<SessionInfo | null>(sessionKey, (s) => (s ? { ...s, user } : s));
}

/** Owners and artists see clinical content; front desk does not (docs/roles.md). */
export function useIsClinical(): boolean {
  return useSignedInSession().user.role !== 'front_desk';
}
