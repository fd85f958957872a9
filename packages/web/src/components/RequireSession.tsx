import { useEffect, useRef, type ReactNode } from 'react';
import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../api/session.js';
import { describeError } from '../api/describe-error.js';
import { applyLocale } from '../i18n/use-ui-locale.js';
import { leaveReason } from '../api/leave-reason.js';

/** Shows its children only to a signed-in user; everyone else goes to sign-in and comes back after. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  useAccountLocale();

  if (session.isPending) return <FullPageLoader />;
  if (session.isError) {
    return (
      <Center h="100dvh" p="md">
        <Stack maw={480}>
          <Alert color="red" title={t('app.name')}>
            {describeError(session.error, t)}
          </Alert>
          <Button onClick={() => void session.refetch()}>{t('common.retry')}</Button>
        </Stack>
      </Center>
    );
  }
  if (!session.data) {
    // After signing out, start afresh; otherwise come back here after signing in.
    const next = location.pathname + location.search;
    const to =
      leaveReason() === 'signedOut' || next === '/'
        ? '/sign-in'
        : `/sign-in?next=${encodeURIComponent(next)}`;
    return <Navigate to={to} replace />;
  }
  return children;
}

/** Owner-only screens: others see a plain "no permission" note rather than a broken page. */
export function RequireOwner({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  if (session.data?.user.role !== 'owner') {
    return (
      <Alert color="yellow" m="md">
        {t('errors.forbidden')}
      </Alert>
    );
  }
  return children;
}

export function FullPageLoader() {
  const { t } = useTranslation();
  return (
    <Center h="100dvh">
      <Loader aria-label={t('common.loading')} />
    </Center>
  );
}

/** When a session starts, the account's language wins over this device's last choice. */
function useAccountLocale() {
  const { data } = useSession();
  const { i18n } = useTranslation();
  const appliedFor = useRef<string | null>(null);
  useEffect(() => {
    if (!data) {
      appliedFor.current = null;
      return;
    }
    if (appliedFor.current === data.csrfToken) return;
    appliedFor.current = data.csrfToken;
    if (data.user.locale !== i18n.language) applyLocale(i18n, data.user.locale);
  }, [data, i18n]);
}

/** Clinical screens (session charts, inventory): owners and artists. */
export function RequireClinical({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  if (!session.data || session.data.user.role === 'front_desk') {
    return (
      <Alert color="yellow" m="md">
        {t('errors.clinicalOnly')}
      </Alert>
    );
  }
  return children;
}
