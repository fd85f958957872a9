import { useState } from 'react';
import {
  ActionIcon,
  Alert,
  Button,
  CopyButton,
  Group,
  Modal,
  Select,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { InviteStaffRequest, STAFF_ROLES, type StaffInvitation, type StaffRole } from '@stipple/core';
import { useApi } from '../api/ApiProvider.js';
import { describeError } from '../api/describe-error.js';
import { absoluteAcceptUrl } from '../api/links.js';
import { serverFieldErrors, validateWithSchema } from '../forms/schema-form.js';
import { formatDateTime } from '../i18n/format.js';
import { useUnsavedChanges } from './UnsavedChanges.js';
import { useLocale } from '../i18n/use-ui-locale.js';
import { StickyActions } from './StickyActions.js';

interface InviteValues {
  email: string;
  name: string;
  role: StaffRole;
}

export function InviteStaffModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useApi();
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<StaffInvitation | null>(null);

  const form = useForm<InviteValues>({
    initialValues: { email: '', name: '', role: 'artist' },
    validate: validateWithSchema(InviteStaffRequest, (v: InviteValues) => v, t),
    validateInputOnBlur: true,
  });

  const invite = useMutation({
    mutationFn: (values: InviteValues) => api.inviteStaff(InviteStaffRequest.parse(values)),
    onSuccess: (inv) => {
      setCreated(inv);
      void queryClient.invalidateQueries({ queryKey: ['invitations'] });
    },
    onError: (err) => form.setErrors(serverFieldErrors(err, t)),
  });

  const close = () => {
    form.reset();
    invite.reset();
    setCreated(null);
    onClose();
  };
  // Once the invitation exists the link is shown and nothing is left to lose.
  const unsaved = useUnsavedChanges(opened && !created && form.isDirty());
  const requestClose = () => unsaved.confirmDiscard(close);

  const link = created?.acceptUrl ? absoluteAcceptUrl(created.acceptUrl, window.location.origin) : null;
  const generalError = invite.error && Object.keys(serverFieldErrors(invite.error, t)).length === 0;

  return (
    <Modal
      opened={opened}
      onClose={requestClose}
      title={created ? t('staff.inviteCreatedTitle') : t('staff.inviteTitle')}
    >
      {created ? (
        <Stack gap="lg" data-testid="invitation-created">
          <Text>
            {t('staff.inviteCreatedBody', {
              name: created.name,
              when: formatDateTime(created.expiresAt, locale),
            })}
          </Text>
          {link && (
            <Group gap="xs" wrap="nowrap" align="flex-end">
              <TextInput
                style={{ flex: 1 }}
                label={t('staff.acceptLink')}
                value={link}
                readOnly
                onFocus={(e) => e.currentTarget.select()}
                data-testid="accept-url"
              />
              <CopyButton value={link}>
                {({ copied, copy }) => (
                  <Tooltip label={copied ? t('common.copied') : t('common.copy')} withArrow>
                    <ActionIcon
                      size={44}
                      variant={copied ? 'filled' : 'light'}
                      color={copied ? 'teal' : undefined}
                      onClick={copy}
                      aria-label={copied ? t('common.copied') : t('common.copy')}
                    >
                      {copied ? <IconCheck size={20} aria-hidden /> : <IconCopy size={20} aria-hidden />}
                    </ActionIcon>
                  </Tooltip>
                )}
              </CopyButton>
            </Group>
          )}
          <StickyActions dialog>
            <Group justify="flex-end">
              <Button onClick={close}>{t('staff.done')}</Button>
            </Group>
          </StickyActions>
        </Stack>
      ) : (
        <form
          noValidate
          onSubmit={form.onSubmit((values) => invite.mutate(values))}
          data-testid="invite-form"
        >
          <Stack gap="md">
            {generalError && (
              <Alert color="red" role="alert">
                {describeError(invite.error, t)}
              </Alert>
            )}
            <TextInput
              label={t('staff.name')}
              withAsterisk
              data-testid="invite-name"
              {...form.getInputProps('name')}
            />
            <TextInput
              label={t('staff.email')}
              type="email"
              inputMode="email"
              autoCapitalize="none"
              withAsterisk
              data-testid="invite-email"
              {...form.getInputProps('email')}
            />
            <Select
              label={t('staff.role')}
              data={STAFF_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
              data-testid="invite-role"
              {...form.getInputProps('role')}
            />
            <StickyActions dialog>
              <Group justify="flex-end" gap="sm" mt="sm">
                <Button variant="default" onClick={requestClose}>
                  {t('common.cancel')}
                </Button>
                <Button type="submit" loading={invite.isPending} data-testid="invite-submit">
                  {t('staff.inviteSubmit')}
                </Button>
              </Group>
            </StickyActions>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
