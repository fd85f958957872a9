import { useState } from 'react';
import { Alert, Button, Group, Modal, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconLogout } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/ApiProvider.js';
import { describeError } from '../api/describe-error.js';
import { setLeaveReason } from '../api/leave-reason.js';
import { useSetSession, useSignedInSession } from '../api/session.js';
import { serverFieldErrors } from '../forms/schema-form.js';
import { formatDateTime } from '../i18n/format.js';
import { useLocale } from '../i18n/use-ui-locale.js';
import {
  NewPasswordFields,
  newPasswordErrors,
  type NewPasswordValues,
} from '../components/NewPasswordFields.js';
import { useUnsavedChanges } from '../components/UnsavedChanges.js';

interface PasswordValues extends NewPasswordValues {
  current: string;
}

/** `/account`: your password and your sign-ins (here and on every other device). */
export function AccountPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useApi();
  const session = useSignedInSession();
  const setSession = useSetSession();
  const [confirming, setConfirming] = useState(false);

  const form = useForm<PasswordValues>({
    initialValues: { current: '', password: '', confirm: '' },
    validate: (values) => ({
      ...(values.current ? {} : { current: t('validation.required') }),
      ...newPasswordErrors(values, t),
    }),
  });
  const unsaved = useUnsavedChanges(form.isDirty());
  const change = useMutation({
    mutationFn: (values: PasswordValues) =>
      api.changePassword({ currentPassword: values.current, newPassword: values.password }),
    onSuccess: () => {
      unsaved.saved();
      form.reset();
      notifications.show({ color: 'teal', message: t('account.passwordChanged') });
    },
    onError: (err) => {
      const fields = serverFieldErrors(err, t);
      form.setErrors({
        ...(fields.currentPassword ? { current: fields.currentPassword } : {}),
        ...(fields.newPassword ? { password: fields.newPassword } : {}),
      });
    },
  });
  const changeFailure =
    change.error && Object.keys(serverFieldErrors(change.error, t)).length === 0 ? change.error : null;

  const everywhere = useMutation({
    mutationFn: () => api.logoutEverywhere(),
    onSuccess: () => {
      setLeaveReason('signedOutEverywhere');
      setSession(null);
    },
  });

  return (
    <Stack gap="lg" maw={640}>
      <Title order={1} size="h2">
        {t('account.title')}
      </Title>
      <Paper withBorder radius="md" p="lg">
        <form
          noValidate
          onSubmit={form.onSubmit((values) => change.mutate(values))}
          data-testid="change-password-form"
        >
          <Stack gap="md">
            <Title order={2} size="h4">
              {t('account.passwordTitle')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('account.passwordIntro')}
            </Text>
            {changeFailure && (
              <Alert color="red" role="alert">
                {describeError(changeFailure, t)}
              </Alert>
            )}
            <PasswordInput
              label={t('account.currentPassword')}
              autoComplete="current-password"
              withAsterisk
              data-testid="current-password"
              {...form.getInputProps('current')}
            />
            <NewPasswordFields
              form={form}
              personal={[session.user.name, session.user.email, session.studio.name]}
            />
            <Group justify="flex-end">
              <Button type="submit" loading={change.isPending} data-testid="change-password-submit">
                {t('account.changePassword')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      <Paper withBorder radius="md" p="lg">
        <Stack gap="md">
          <Title order={2} size="h4">
            {t('account.signInsTitle')}
          </Title>
          <Text size="sm">
            {t('account.sessionEnds', {
              when: formatDateTime(session.expiresAt, locale),
              latest: formatDateTime(session.endsAtLatest, locale),
            })}
          </Text>
          <Text size="sm" c="dimmed">
            {t('account.everywhereIntro')}
          </Text>
          <Group>
            <Button
              color="red"
              variant="light"
              leftSection={<IconLogout size={18} aria-hidden />}
              onClick={() => setConfirming(true)}
              data-testid="sign-out-everywhere"
            >
              {t('account.signOutEverywhere')}
            </Button>
          </Group>
        </Stack>
      </Paper>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('account.signOutEverywhere')}>
        <Stack gap="lg">
          <Text>{t('account.everywhereConfirm')}</Text>
          {everywhere.error && (
            <Alert color="red" role="alert">
              {describeError(everywhere.error, t)}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={everywhere.isPending}
              onClick={() => everywhere.mutate()}
              data-testid="confirm-sign-out-everywhere"
            >
              {t('account.signOutEverywhere')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
