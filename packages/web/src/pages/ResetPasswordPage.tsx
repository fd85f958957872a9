import { Alert, Anchor, Button, Center, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useApi } from '../api/ApiProvider.js';
import { isApiRequestError } from '../api/api-error.js';
import { describeError } from '../api/describe-error.js';
import { setLeaveReason } from '../api/leave-reason.js';
import { serverFieldErrors } from '../forms/schema-form.js';
import { formatDateTime } from '../i18n/format.js';
import { useLocale } from '../i18n/use-ui-locale.js';
import {
  NewPasswordFields,
  newPasswordErrors,
  type NewPasswordValues,
} from '../components/NewPasswordFields.js';
import { PublicPage } from '../components/PublicPage.js';

/** `/reset-password/:token`: the page behind the emailed link; sets a new password, then sign in. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { token = '' } = useParams();
  const api = useApi();
  const navigate = useNavigate();
  const preview = useQuery({
    queryKey: ['password-reset', token],
    queryFn: () => api.previewPasswordReset(token),
    retry: false,
  });
  const form = useForm<NewPasswordValues>({
    initialValues: { password: '', confirm: '' },
    validate: (values) => newPasswordErrors(values, t),
  });
  const complete = useMutation({
    mutationFn: (values: NewPasswordValues) =>
      api.completePasswordReset({ token, password: values.password }),
    onSuccess: () => {
      setLeaveReason('passwordReset');
      void navigate('/sign-in', { replace: true });
    },
    onError: (err) => form.setErrors(serverFieldErrors(err, t)),
  });

  const linkDead = (err: unknown) => isApiRequestError(err) && [400, 404, 410].includes(err.status);
  const failure =
    complete.error && Object.keys(serverFieldErrors(complete.error, t)).length === 0 ? complete.error : null;

  return (
    <PublicPage>
      <Stack gap="lg">
        <Title order={1} size="h3">
          {t('passwordReset.resetTitle')}
        </Title>
        {preview.isPending && (
          <Center py="xl">
            <Loader aria-label={t('common.loading')} />
          </Center>
        )}
        {(preview.isError || (failure && linkDead(failure))) && (
          <Alert color="yellow" role="alert" data-testid="reset-link-invalid">
            {linkDead(preview.error ?? failure)
              ? t('passwordReset.linkInvalid')
              : describeError(preview.error, t)}{' '}
            <Anchor component={Link} to="/forgot-password">
              {t('passwordReset.askAgain')}
            </Anchor>
          </Alert>
        )}
        {preview.data && !(failure && linkDead(failure)) && (
          <form noValidate onSubmit={form.onSubmit((values) => complete.mutate(values))}>
            <Stack gap="md">
              <Text>
                {t('passwordReset.resetIntro', {
                  name: preview.data.name,
                  studio: preview.data.studioName,
                  until: formatDateTime(preview.data.expiresAt, locale),
                })}
              </Text>
              {failure && (
                <Alert color="red" role="alert">
                  {describeError(failure, t)}
                </Alert>
              )}
              <TextInput
                label={t('signIn.email')}
                value={preview.data.email}
                readOnly
                autoComplete="username"
              />
              <NewPasswordFields
                form={form}
                personal={[preview.data.name, preview.data.email, preview.data.studioName]}
              />
              <Button
                type="submit"
                size="lg"
                fullWidth
                loading={complete.isPending}
                data-testid="reset-submit"
              >
                {t('passwordReset.setPassword')}
              </Button>
            </Stack>
          </form>
        )}
      </Stack>
    </PublicPage>
  );
}
