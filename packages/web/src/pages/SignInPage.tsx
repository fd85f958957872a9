import { useState } from 'react';
import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconInfoCircle } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { LoginRequest } from '@stipple/core';
import { useApi } from '../api/ApiProvider.js';
import { useSession, useSetSession } from '../api/session.js';
import { clearLeaveReason, leaveReason } from '../api/leave-reason.js';
import { isApiRequestError } from '../api/api-error.js';
import { describeError } from '../api/describe-error.js';
import { safeNextPath } from '../api/links.js';
import { serverFieldErrors, validateWithSchema } from '../forms/schema-form.js';
import { PublicPage } from '../components/PublicPage.js';
import { FullPageLoader } from '../components/RequireSession.js';

export function SignInPage() {
  const { t } = useTranslation();
  const api = useApi();
  const session = useSession();
  const setSession = useSetSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const [reason] = useState(leaveReason);

  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: validateWithSchema(LoginRequest, (v: { email: string; password: string }) => v, t),
  });

  const login = useMutation({
    mutationFn: (values: { email: string; password: string }) => api.login(LoginRequest.parse(values)),
    onSuccess: (info) => {
      clearLeaveReason();
      setSession(info);
      void navigate(next, { replace: true });
    },
    onError: (err) => form.setErrors(serverFieldErrors(err, t)),
  });

  const setup = useQuery({ queryKey: ['setup'], queryFn: () => api.setupStatus() });

  if (session.isPending) return <FullPageLoader />;
  // A fresh installation has no studio to sign in to: the setup creates it.
  if (setup.data && !setup.data.studioExists) return <Navigate to="/setup" replace />;
  if (session.data && !login.isPending) return <Navigate to={next} replace />;

  const error = login.error;
  const errorText =
    isApiRequestError(error) && error.code === 'invalid_credentials'
      ? t('signIn.invalidCredentials')
      : isApiRequestError(error) && error.code === 'rate_limited'
        ? t('signIn.rateLimited')
        : error
          ? describeError(error, t)
          : null;

  return (
    <PublicPage width={440}>
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={1} size="h2" c="indigo.8">
            {t('app.name')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('app.tagline')}
          </Text>
        </Stack>
        <Title order={2} size="h3">
          {t('signIn.title')}
        </Title>
        {reason === 'sessionEnded' && !error && (
          <Alert color="blue" icon={<IconInfoCircle aria-hidden />}>
            {t('signIn.sessionEnded')}
          </Alert>
        )}
        {reason === 'signedOut' && !error && (
          <Alert color="gray" icon={<IconInfoCircle aria-hidden />}>
            {t('signIn.signedOut')}
          </Alert>
        )}
        {reason === 'signedOutEverywhere' && !error && (
          <Alert color="gray" icon={<IconInfoCircle aria-hidden />}>
            {t('signIn.signedOutEverywhere')}
          </Alert>
        )}
        {reason === 'passwordReset' && !error && (
          <Alert color="teal" icon={<IconInfoCircle aria-hidden />} data-testid="password-was-reset">
            {t('signIn.passwordReset')}
          </Alert>
        )}
        {errorText && (
          <Alert color="red" icon={<IconAlertCircle aria-hidden />} role="alert" data-testid="sign-in-error">
            {errorText}
          </Alert>
        )}
        <form noValidate onSubmit={form.onSubmit((values) => login.mutate(values))}>
          <Stack gap="md">
            <TextInput
              label={t('signIn.email')}
              type="email"
              autoComplete="username"
              inputMode="email"
              autoCapitalize="none"
              autoCorrect="off"
              required
              {...form.getInputProps('email')}
            />
            <PasswordInput
              label={t('signIn.password')}
              autoComplete="current-password"
              required
              {...form.getInputProps('password')}
            />
            <Button type="submit" size="lg" fullWidth loading={login.isPending}>
              {t('signIn.submit')}
            </Button>
            <Anchor
              component={Link}
              to="/forgot-password"
              size="sm"
              ta="center"
              data-testid="forgot-password"
            >
              {t('signIn.forgotPassword')}
            </Anchor>
          </Stack>
        </form>
      </Stack>
    </PublicPage>
  );
}
