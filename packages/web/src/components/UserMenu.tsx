import { Avatar, Button, Menu, Text } from '@mantine/core';
import { IconKey, IconLogout } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../api/ApiProvider.js';
import { useSetSession, useSignedInSession } from '../api/session.js';
import { setLeaveReason } from '../api/leave-reason.js';

export function UserMenu() {
  const { t } = useTranslation();
  const api = useApi();
  const session = useSignedInSession();
  const setSession = useSetSession();
  const { user } = session;

  const signOut = async () => {
    try {
      await api.logout();
    } finally {
      // Even if the server could not be told, this device forgets the session;
      // <RequireSession> then shows the sign-in page.
      setLeaveReason('signedOut');
      setSession(null);
    }
  };

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          px="xs"
          aria-label={t('shell.userMenu')}
          data-testid="user-menu"
          leftSection={
            <Avatar size={32} color="indigo" radius="xl">
              {user.name.trim().slice(0, 1).toUpperCase()}
            </Avatar>
          }
        >
          <Text span size="sm" fw={500} visibleFrom="sm" maw={160} truncate="end">
            {user.name}
          </Text>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          {t('shell.signedInAs', { name: user.name })} · {t(`roles.${user.role}`)}
        </Menu.Label>
        <Menu.Item
          component={Link}
          to="/account"
          leftSection={<IconKey size={18} aria-hidden />}
          data-testid="open-account"
        >
          {t('account.menu')}
        </Menu.Item>
        <Menu.Item
          leftSection={<IconLogout size={18} aria-hidden />}
          onClick={() => void signOut()}
          data-testid="sign-out"
        >
          {t('shell.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
