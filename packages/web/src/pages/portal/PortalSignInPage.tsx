import { Alert, Box, Button, Card, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconMail } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useParams } from 'react-router';
import { PortalSignInRequest } from '@stipple/core';
import { useApi } from '../../api/ApiProvider.js';
import { describeError } from '../../api/describe-error.js';
import { usePortalSession } from '../../api/portal-session.js';
import { serverFieldErrors, validateWithSchema } from '../../forms/schema-form.js';
import { useLocale } from '../../i18n/use-ui-locale.js';
import { PublicLayout } from '../../components/public/PublicLayout.js';

/** `/s/:slug/portal`: a client asks for a sign-in link to their page (no password). */
export function PortalSignInPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const api = useApi();
  const locale = useLocale();
  const session = usePortalSession();
  const studio = useQuery({
    queryKey: ['public-studio', slug],
    queryFn: () => api.publicStudio(slug),
    retry: false,
  });
  const toRequest = (v: { email: string; website: string }) => ({ ...v, locale });
  const form = useForm({
    initialValues: { email: '', website: '' },
    validate: validateWithSchema(PortalSignInRequest, toRequest, t),
  });
  const ask = useMutation({
    mutationFn: (v: { email: string; website: string }) => api.requestPortalLink(slug, toRequest(v)),
    onError: (err) => form.setErrors(serverFieldErrors(err, t)),
  });

  if (session.data && session.data.studio.slug === slug) return <Navigate to="/portal" replace />;
  return (
    <PublicLayout studio={studio.data ?? null}>
      <Card withBorder radius="lg">
        <Stack gap="md">
          <Title order={1} size="h3">
            {t('portal.signInTitle')}
          </Title>
          <Text size="sm">{t('portal.signInIntro')}</Text>
          {ask.isSuccess ? (
            <Alert color="teal" icon={<IconMail aria-hidden />} data-testid="portal-link-sent">
              {t('portal.linkSent', { email: form.getValues().email })}
            </Alert>
          ) : (
            <form noValidate onSubmit={form.onSubmit((v) => ask.mutate(v))}>
              <Stack gap="md">
                <TextInput
                  label={t('public.email')}
                  type="email"
                  inputMode="email"
                  autoComplete="email"
                  autoCapitalize="none"
                  data-testid="portal-email"
                  {...form.getInputProps('email')}
                />
                <Box
                  aria-hidden
                  style={{ position: 'absolute', left: -10_000, width: 1, height: 1, overflow: 'hidden' }}
                >
                  <label>
                    Website
                    <input tabIndex={-1} autoComplete="off" {...form.getInputProps('website')} />
                  </label>
                </Box>
                {ask.isError && !Object.keys(serverFieldErrors(ask.error, t)).length && (
                  <Alert color="red" role="alert">
                    {describeError(ask.error, t)}
                  </Alert>
                )}
                <Button type="submit" size="lg" loading={ask.isPending} data-testid="portal-send-link">
                  {t('portal.sendLink')}
                </Button>
              </Stack>
            </form>
          )}
        </Stack>
      </Card>
    </PublicLayout>
  );
}
