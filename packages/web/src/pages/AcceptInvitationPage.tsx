import { Alert, Button, Center, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useApi } from '../api/ApiProvider.js';
import { useSetSession } from '../api/session.js';
import { isApiRequestError } from '../api/api-error.js';
import { describeError } from '../api/describe-error.js';
import { serverFieldErrors } from '../forms/schema-form.js';
import {
  NewPasswordFields,
  newPasswordErrors,
  type NewPasswordValues as Values,
} from '../components/NewPasswordFields.js';
import { PublicPage } from '../components/PublicPage.js';
import { useLocale } from '../i18n/use-ui-locale.js';

/** `/invite/:token`: a new staff member sets a password and is signed in. */
export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { token = '' } = useParams();
  const api = useApi();
  const setSession = useSetSession();
  const navigate = useNavigate();

  const invitation = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => api.getInvitation(token),
    retry: false,
  });

  const form = useForm<Values>({
    initialValues: { password: '', confirm: '' },
    validate: (values) => newPasswordErrors(values, t),
  });

  const accept = useMutation({
    mutationFn: (values: Values) => api.acceptInvitation({ token, password: values.password, locale }),
    onSuccess: (session) => {
      setSession(session);
      void navigate('/clients', { replace: true });
    },
    onError: (err) => form.setErrors(serverFieldErrors(err, t)),
  });

  const invalid =
    invitation.isError &&
    isApiRequestError(invitation.error) &&
    [400, 404, 410].includes(invitation.error.status);
  const acceptError =
    accept.error && Object.keys(serverFieldErrors(accept.error, t)).length === 0 ? accept.error : null;

  return (
    <PublicPage>
      {invitation.isPending && (
        <Center py="xl">
          <Loader aria-label={t('common.loading')} />
        </Center>
      )}
      {invitation.isError && (
        <Alert color={invalid ? 'yellow' : 'red'} role="alert" data-testid="invitation-invalid">
          {invalid ? t('invite.invalid') : describeError(invitation.error, t)}
        </Alert>
      )}
      {invitation.data && (
        <Stack gap="lg">
          <Stack gap={4}>
            <Text c="indigo.8" fw={700}>
              {t('app.name')}
            </Text>
            <Title order={1} size="h2">
              {t('invite.title', { studio: invitation.data.studioName })}
            </Title>
          </Stack>
          <Text>
            {t('invite.intro', { name: invitation.data.name, role: t(`roles.${invitation.data.role}`) })}
          </Text>
          {acceptError && (
            <Alert color="red" role="alert">
              {isApiRequestError(acceptError) && [404, 410].includes(acceptError.status)
                ? t('invite.invalid')
                : describeError(acceptError, t)}
            </Alert>
          )}
          <form noValidate onSubmit={form.onSubmit((values) => accept.mutate(values))}>
            <Stack gap="md">
              <TextInput
                label={t('invite.email')}
                value={invitation.data.email}
                readOnly
                autoComplete="username"
              />
              <NewPasswordFields
                form={form}
                personal={[invitation.data.name, invitation.data.email, invitation.data.studioName]}
              />
              <Button
                type="submit"
                size="lg"
                fullWidth
                loading={accept.isPending}
                data-testid="accept-submit"
              >
                {t('invite.submit')}
              </Button>
            </Stack>
          </form>
        </Stack>
      )}
    </PublicPage>
  );
}
