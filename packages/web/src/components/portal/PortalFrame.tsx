import type { ReactNode } from 'react';
import { Alert, Button, Center, Group, Loader, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { PortalSessionInfo } from '@stipple/core';
import { useApi } from '../../api/ApiProvider.js';
import { usePortalSession, useSetPortalSession } from '../../api/portal-session.js';
import { formatPersonName } from '../../i18n/format.js';
import { PublicLayout } from '../public/PublicLayout.js';
import { PortalNav } from './PortalNav.js';

/** The signed-in client's frame: the studio's head, their name and sign-out; nothing of the staff app. */
export function PortalFrame({ children }: { children: (session: PortalSessionInfo) => ReactNode }) {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const session = usePortalSession();
  const setSession = useSetPortalSession();
  const signOut = useMutation({
    mutationFn: () => api.portalSignOut(),
    onSettled: () => {
      const slug = session.data?.studio.slug;
      setSession(null);
      void navigate(slug ? `/s/${slug}` : '/', { replace: true });
    },
  });
  const s = session.data;
  return (
    <PublicLayout studio={s ? { ...s.studio, languages: ['en', 'zh-CN'] } : null}>
      {session.isPending && (
        <Center py="xl">
          <Loader aria-label={t('common.loading')} />
        </Center>
      )}
      {!session.isPending && !s && (
        <Alert color="yellow" role="alert" data-testid="portal-signed-out">
          {t('portal.notSignedIn')}
        </Alert>
      )}
      {s && (
        <>
          <Group justify="space-between" wrap="nowrap">
            <Text fw={600} data-testid="portal-client">
              {t('portal.hello', { name: formatPersonName(s.client) })}
            </Text>
            <Button variant="subtle" size="compact-sm" onClick={() => signOut.mutate()}>
              {t('portal.signOut')}
            </Button>
          </Group>
          <PortalNav />
          {children(s)}
        </>
      )}
    </PublicLayout>
  );
}
