import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconUserPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { STAFF_ROLES, type StaffMember, type UpdateStaffRequest } from '@stipple/core';
import { useApi } from '../api/ApiProvider.js';
import { isApiRequestError } from '../api/api-error.js';
import { describeError } from '../api/describe-error.js';
import { useSignedInSession, useUpdateSessionUser } from '../api/session.js';
import { formatDateTime } from '../i18n/format.js';
import { useLocale } from '../i18n/use-ui-locale.js';
import { InviteStaffModal } from '../components/InviteStaffModal.js';
import { WorkingHoursModal } from '../components/WorkingHoursModal.js';
import { DataTable } from '../components/DataTable.js';

export function StaffPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useApi();
  const session = useSignedInSession();
  const updateSessionUser = useUpdateSessionUser();
  const queryClient = useQueryClient();
  const [inviteOpen, invite] = useDisclosure(false);
  const [deactivating, setDeactivating] = useState<StaffMember | null>(null);
  const [hoursOf, setHoursOf] = useState<StaffMember | null>(null);

  const staff = useQuery({ queryKey: ['staff'], queryFn: () => api.listStaff() });
  const invitations = useQuery({ queryKey: ['invitations'], queryFn: () => api.listInvitations() });

  const update = useMutation({
    mutationFn: ({ member, change }: { member: StaffMember; change: UpdateStaffRequest }) =>
      api.updateStaff(member.id, change),
    onSuccess: (updated, { change }) => {
      void queryClient.invalidateQueries({ queryKey: ['staff'] });
      if (updated.id === session.user.id) updateSessionUser(updated);
      setDeactivating(null);
      const message =
        change.role !== undefined
          ? t('staff.roleChanged', { name: updated.name, role: t(`roles.${updated.role}`) })
          : t(updated.active ? 'staff.reactivated' : 'staff.deactivated', { name: updated.name });
      notifications.show({ color: 'teal', message });
    },
    onError: (err) => {
      void queryClient.invalidateQueries({ queryKey: ['staff'] });
      const message =
        isApiRequestError(err) && err.status === 409 ? t('staff.lastOwner') : describeError(err, t);
      notifications.show({ color: 'red', message });
    },
  });

  const roleOptions = STAFF_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }));

  return (
    <Stack gap="lg">
      <Group justify="space-between" gap="sm">
        <Title order={2}>{t('staff.title')}</Title>
        <Button
          leftSection={<IconUserPlus size={18} aria-hidden />}
          onClick={invite.open}
          data-testid="invite-staff"
        >
          {t('staff.invite')}
        </Button>
      </Group>

      {staff.isPending && (
        <Center py="xl">
          <Loader aria-label={t('common.loading')} />
        </Center>
      )}
      {staff.isError && (
        <Alert color="red" title={t('staff.loadFailed')} role="alert">
          {describeError(staff.error, t)}
        </Alert>
      )}
      {staff.data && (
        <DataTable
          framed
          minWidth={760}
          testId="staff-table"
          headers={[t('staff.name'), t('staff.email'), t('staff.role'), t('staff.status'), null]}
        >
          {staff.data.items.map((m) => (
            <Table.Tr key={m.id} data-testid="staff-row">
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Text fw={600}>{m.name}</Text>
                  {m.id === session.user.id && (
                    <Badge size="sm" variant="light">
                      {t('staff.you')}
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{m.email}</Table.Td>
              <Table.Td miw={170}>
                <Select
                  aria-label={t('staff.changeRole', { name: m.name })}
                  data-testid={`staff-role-${m.email}`}
                  data={roleOptions}
                  value={m.role}
                  allowDeselect={false}
                  disabled={update.isPending}
                  onChange={(role) => {
                    if (role && role !== m.role) update.mutate({ member: m, change: { role: role } });
                  }}
                  comboboxProps={{ withinPortal: true }}
                />
              </Table.Td>
              <Table.Td>
                <Badge color={m.active ? 'teal' : 'gray'} variant="light">
                  {m.active ? t('staff.active') : t('staff.inactive')}
                </Badge>
              </Table.Td>
              <Table.Td ta="right">
                <Group gap="xs" justify="flex-end" wrap="wrap">
                  {m.role !== 'front_desk' && (
                    <Button
                      variant="subtle"
                      onClick={() => setHoursOf(m)}
                      data-testid={`staff-hours-${m.email}`}
                    >
                      {t('workingHours.button')}
                    </Button>
                  )}
                  {/* Nobody deactivates themselves: another owner does. */}
                  {m.id === session.user.id ? null : m.active ? (
                    <Button variant="subtle" color="red" onClick={() => setDeactivating(m)}>
                      {t('staff.deactivate')}
                    </Button>
                  ) : (
                    <Button
                      variant="subtle"
                      loading={update.isPending && update.variables.member.id === m.id}
                      onClick={() => update.mutate({ member: m, change: { active: true } })}
                    >
                      {t('staff.reactivate')}
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}

      <Title order={3} size="h4">
        {t('staff.pendingTitle')}
      </Title>
      {invitations.isError && (
        <Alert color="red" role="alert">
          {describeError(invitations.error, t)}
        </Alert>
      )}
      {invitations.data && invitations.data.items.length === 0 && (
        <Text c="dimmed">{t('staff.pendingEmpty')}</Text>
      )}
      {invitations.data && invitations.data.items.length > 0 && (
        <DataTable
          framed
          minWidth={560}
          testId="invitation-table"
          headers={[t('staff.name'), t('staff.email'), t('staff.role'), t('staff.expires')]}
        >
          {invitations.data.items.map((inv) => (
            <Table.Tr key={inv.id} data-testid="invitation-row">
              <Table.Td>{inv.name}</Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{inv.email}</Table.Td>
              <Table.Td>{t(`roles.${inv.role}`)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(inv.expiresAt, locale)}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}

      <InviteStaffModal opened={inviteOpen} onClose={invite.close} />
      {/* The staff page is the owner's: the owner edits anyone's hours. */}
      <WorkingHoursModal staff={hoursOf} canEdit onClose={() => setHoursOf(null)} />

      <Modal
        opened={deactivating !== null}
        onClose={() => setDeactivating(null)}
        title={deactivating ? t('staff.deactivateTitle', { name: deactivating.name }) : ''}
        size="md"
      >
        <Stack gap="lg">
          <Text>{deactivating ? t('staff.deactivateBody', { name: deactivating.name }) : ''}</Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setDeactivating(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={update.isPending}
              onClick={() =>
                deactivating && update.mutate({ member: deactivating, change: { active: false } })
              }
            >
              {t('staff.deactivate')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
