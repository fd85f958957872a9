import { useEffect } from 'react';
import { Center, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import { useApi } from '../../api/ApiProvider.js';
import { isApiRequestError } from '../../api/api-error.js';
import { useSetSession } from '../../api/session.js';
import { formatPersonName } from '../../i18n/format.js';
import { ConsentSigner } from '../../components/portal/ConsentSigner.js';
import { PublicLayout } from '../../components/public/PublicLayout.js';

/**
 * `/kiosk/:token`: the studio tablet shows one document of one client to read and sign, in the
 * client's language, and nothing else; once signed it locks (the staff sign-in ended when the
 * kiosk was opened).
 */
export function KioskPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const api = useApi();
  const navigate = useNavigate();
  const setSession = useSetSession();
  // Nothing the staff member had loaded stays in this tab's memory.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => setSession(null), []);
  const view = useQuery({ queryKey: ['kiosk', token], queryFn: () => api.kioskView(token), retry: false });
  const lock = (signed: boolean) => void navigate('/kiosk/locked', { replace: true, state: { signed } });

  if (view.isError)
    return isApiRequestError(view.error) && view.error.status !== 0 ? (
      <Navigate to="/kiosk/locked" replace />
    ) : (
      <Center h="100dvh">
        <Text>{t('errors.network_error')}</Text>
      </Center>
    );
  if (!view.data)
    return (
      <Center h="100dvh">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  const v = view.data;
  const name = formatPersonName(v.client);
  return (
    <PublicLayout
      studio={{ name: v.studio.name, phone: '', logoUrl: v.studio.logoUrl, languages: [v.client.locale] }}
    >
      <Stack gap="md" data-testid="kiosk">
        <Stack gap={2}>
          <Title order={1} size="h3">
            {t('kiosk.title')}
          </Title>
          <Text c="dimmed" data-testid="kiosk-client">
            {t('kiosk.for', { name })}
          </Text>
        </Stack>
        <Text size="sm">{t('kiosk.intro')}</Text>
        <ConsentSigner
          template={v.document}
          signerName={name}
          optional={v.document.kind !== 'treatment'}
          sign={({ signerName, signature }) => api.kioskSign(token, { signerName, signature })}
          onSigned={() => lock(true)}
        />
      </Stack>
    </PublicLayout>
  );
}
