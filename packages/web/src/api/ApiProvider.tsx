import { createContext, useContext, type ReactNode } from 'react';
import type { StippleApi } from './stipple-api.js';

const ApiContext = createContext<StippleApi | null>(null);

export function ApiProvider({ api, children }: { api: StippleApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): StippleApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() outside <ApiProvider>');
  return api;
}
