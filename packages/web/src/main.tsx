import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import './touch.css';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient } from '@tanstack/react-query';
import { createApiClient } from './api/api-client.js';
import { stippleApi } from './api/stipple-api.js';
import { csrfTokenFrom, sessionKey } from './api/session.js';
import { portalCsrfFrom } from './api/portal-session.js';
import { createI18n } from './i18n/i18n.js';
import { initialLocale } from './i18n/locale.js';
import { setLeaveReason } from './api/leave-reason.js';
import { App } from './App.js';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      // A 4xx will not heal by asking again; a dropped connection might.
      retry: (count, err) => count < 2 && (err as { status?: number }).status === 0,
    },
  },
});

const locale = initialLocale(storage(), navigator.languages ?? [navigator.language]);
document.documentElement.lang = locale;
const i18n = createI18n(locale);

const api = stippleApi(
  createApiClient({
    getCsrfToken: (path) =>
      path.startsWith('/api/portal/') ? portalCsrfFrom(queryClient) : csrfTokenFrom(queryClient),
    getLocale: () => i18n.language,
    onUnauthorized: () => {
      // The session ended (expired, signed out elsewhere, account deactivated): back to sign-in.
      if (queryClient.getQueryData(sessionKey)) setLeaveReason('sessionEnded');
      queryClient.setQueryData(sessionKey, null);
    },
  }),
);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App api={api} queryClient={queryClient} i18n={i18n} />
  </StrictMode>,
);
