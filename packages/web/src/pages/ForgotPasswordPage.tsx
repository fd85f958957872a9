import { Alert, Anchor, Button, Center, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconInfoCircle, IconMailCheck } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RequestPasswordResetRequest } from '@stipple/core';
import { useApi } from '../api/ApiProvider.js';
import { isApiRequestError } from '../api/api-error.js';
import { describeError } from '../api/describe-error.js';
import { serverFieldErrors, validateWithSchema } from '../forms/schema-form.js';
import { PublicPage } from '../components/PublicPage.js';

/**
 * `/forgot-password`: asks for a one-time reset link by email. The answer is the same whether
 * or not the address has an account. Without email set up on the server, it says whom to ask.
 */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const api = useApi();
  const availability = useQuery({
    queryKey: ['password-reset-availability'],
    queryFn: () => api.passwordResetAvailability(),
  });
  const form = useForm({
    initialValues: { email: '' },
    validate: validateWithSchema(RequestPasswordResetRequest, (v: { email: string }) => v, t),
  });
  const request = useMutation({
    mutationFn: (values: { email: string }) =>
      api.requestPasswordReset(RequestPasswordResetRequest.parse(values)),
    onError: (err) => form.setErrors(serverFieldErrors(err, t)),
  });
  const error = request.error;

  return (
    <PublicPage width={440}>
      <Stack gap="lg">
        <Title order={1} size="h3">
          {t('passwordReset.requestTitle')}
        </Title>
        {availability.isPending && (
          <Center py="md">
            <Loader aria-label={t('common.loading')} />
          </Center>
        )}
        {availability.data?.byEmail === false && (
          <Alert color="blue" icon={<IconInfoCircle aria-hidden />} data-testid="reset-unavailable">
            {t('passwordReset.unavailable')}
          </Alert>
        )}
        {request.isSuccess ? (
          <Alert color="teal" icon={<IconMailCheck aria-hidden />} data-testid="reset-requested">
            {t('passwordReset.requested', { email: form.getValues().email })}
          </Alert>
        ) : (
          availability.data?.byEmail && (
            <form noValidate onSubmit={form.onSubmit((values) => request.mutate(values))}>
              <Stack gap="md">
                <Text size="sm">{t('passwordReset.requestIntro')}</Text>
                {error && Object.keys(serverFieldErrors(error, t)).length === 0 && (
                  <Alert color="red" role="alert">
                    {isApiRequestError(error) && error.code === 'rate_limited'
                      ? t('passwordReset.tooMany')
                      : describeError(error, t)}
                  </Alert>
                )}
                <TextInput
                  label={t('signIn.email')}
                  type="email"
                  autoComplete="username"
                  inputMode="email"
                  autoCapitalize="none"
                  autoCorrect="off"
                  required
                  data-testid="reset-email"
                  {...form.getInputProps('email')}
                />
                <Button
                  type="submit"
                  size="lg"
                  fullWidth
                  loading={request.isPending}
                  data-testid="reset-request"
                >
                  {t('passwordReset.send')}
                </Button>
              </Stack>
            </form>
          )
        )}
        <Anchor component={Link} to="/sign-in" size="sm">
          {t('passwordReset.backToSignIn')}
        </Anchor>
      </Stack>
    </PublicPage>
  );
}
