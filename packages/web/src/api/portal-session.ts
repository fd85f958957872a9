import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { PortalSessionInfo } from '@stipple/core';
import { useApi } from './ApiProvider.js';

export const portalSessionKey = ['portal-session'] as const;

/** The client signed in to the portal (null: nobody), kept until sign-out or a 401. */
export function usePortalSession() {
  const api = useApi();
  return useQuery({
    queryKey: portalSessionKey,
    queryFn: () => api.portalSession(),
    staleTime: Infinity,
    retry: false,
  });
}

export function portalCsrfFrom(queryClient: QueryClient): string | null {
  return queryClient.getQueryData<PortalSessionInfo | null>(portalSessionKey)?.csrfToken ?? null;
}

/** A new (or no) client: the portal's cached data of anyone before goes. */
export function useSetPortalSession() {
  const queryClient = useQueryClient();
  return (session: PortalSessionInfo | null) => {
    queryClient.setQueryData(portalSessionKey, session);
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] === 'portal' });
  };
}
