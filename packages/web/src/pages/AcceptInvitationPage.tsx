import {
  Alert,
  Box,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { AcceptInvitationRequest } from '@stipple/core';
import { useApi } from '../api/ApiProvider.js';
import { useSetSession } from '../api/session.js';
import { isApiRequestError } from '../api/api-error.js';
import { describeError } from '../api/describe-error.js';
import { serverFieldErrors, validateWithSchema } from '../forms/schema-form.js';
import { personalInputs } from '../forms/password-strength.js';
import { LanguageSwitch } from '../components/LanguageSwitch.js';
import { PasswordStrengthMeter } from '../components/PasswordStrengthMeter.js';

interface Values {
  password: string;
  confirm: string;
}

/** `/invite/:token`: a new staff member sets a password and is signed in. */
export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const api = useApi();
  const setSession = useSetSession();
  const navigate = useNavigate();

  const invitation = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => api.getInvitation(token),
    retry: false,
  });

  const validatePassword = validateWithSchema(
    AcceptInvitationRequest,
    (v: Values) => ({ token, password: v.password }),
    t,
  );
  const form = useForm<Values>({
    initialValues: { password: '', confirm: '' },
    validate: (values) => {
      const errors: Record<string, string> = { ...validatePassword(values) };
      delete errors.token;
      if (!errors.password && values.confirm !== values.password) errors.confirm = t('invite.mismatch');
      return errors;
    },
  });

  const accept = useMutation({
    mutationFn: (values: Values) => api.acceptInvitation({ token, password: values.password }),
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
    <Box mih="100dvh" bg="gray.0">
      <Group justify="flex-end" p="md">
        <LanguageSwitch />
      </Group>
      <Center px="md" pb="xl">
        <Paper withBorder shadow="sm" radius="lg" p={{ base: 'lg', sm: 'xl' }} w="100%" maw={480}>
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
                  <PasswordInput
                    label={t('invite.password')}
                    autoComplete="new-password"
                    withAsterisk
                    data-testid="invite-password"
                    {...form.getInputProps('password')}
                  />
                  <PasswordStrengthMeter
                    password={form.values.password}
                    userInputs={personalInputs(
                      invitation.data.name,
                      invitation.data.email,
                      invitation.data.studioName,
                    )}
                  />
                  <PasswordInput
                    label={t('invite.confirm')}
                    autoComplete="new-password"
                    withAsterisk
                    data-testid="invite-confirm"
                    {...form.getInputProps('confirm')}
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
        </Paper>
      </Center>
    </Box>
  );
}
