import { Alert, Button, Card, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useApi } from '../../api/ApiProvider.js';
import { isApiRequestError } from '../../api/api-error.js';
import { describeError } from '../../api/describe-error.js';
import { useSetPortalSession } from '../../api/portal-session.js';
import { PublicLayout } from '../../components/public/PublicLayout.js';

/**
 * `/p/:token`: an emailed link. It is used up only when the client presses the button: mail
 * scanners that open every link in an email would otherwise spend it before the client does.
 */
export function PortalLinkPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const api = useApi();
  const navigate = useNavigate();
  const setPortalSession = useSetPortalSession();
  const preview = useQuery({
    queryKey: ['portal-link', token],
    queryFn: () => api.previewPortalLink(token),
    retry: false,
  });
  const open = useMutation({
    mutationFn: () => api.openPortalLink(token),
    onSuccess: (session) => {
      setPortalSession(session);
      const { landing } = session;
      void navigate(
        landing.page === 'intake' && landing.appointmentId
          ? `/portal/intake/${landing.appointmentId}`
          : '/portal',
        { replace: true },
      );
    },
  });
  const gone = (err: unknown) => isApiRequestError(err) && [400, 404, 410].includes(err.status);
  const failed = preview.error ?? open.error;

  return (
    <PublicLayout studio={preview.data ? { ...preview.data.studio, phone: '', languages: [] } : null}>
      <Card withBorder radius="lg" data-testid="portal-link">
        {preview.isPending && (
          <Center py="lg">
            <Loader aria-label={t('common.loading')} />
          </Center>
        )}
        {failed && (
          <Stack gap="sm">
            <Alert color={gone(failed) ? 'yellow' : 'red'} role="alert" data-testid="link-invalid">
              {gone(failed) ? t('portal.linkInvalid') : describeError(failed, t)}
            </Alert>
            {preview.data && (
              <Button component={Link} to={`/s/${preview.data.studio.slug}/portal`} variant="light">
                {t('portal.newLink')}
              </Button>
            )}
          </Stack>
        )}
        {preview.data && !open.isError && (
          <Stack gap="md">
            <Title order={1} size="h3">
              {t(`portal.linkTitle.${preview.data.purpose}`, { studio: preview.data.studio.name })}
            </Title>
            <Text size="sm">{t('portal.linkIntro')}</Text>
            <Button
              size="lg"
              leftSection={<IconLock size={18} aria-hidden />}
              loading={open.isPending}
              onClick={() => open.mutate()}
              data-testid="open-portal"
            >
              {t('portal.open')}
            </Button>
          </Stack>
        )}
      </Card>
    </PublicLayout>
  );
}
