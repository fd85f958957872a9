import { AppShell, Burger, Group, Text, Title, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { useSignedInSession } from '../api/session.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { MainNavigation } from './MainNavigation.js';
import { UserMenu } from './UserMenu.js';

/**
 * The studio's frame: header (studio, language, account) and the navigation of the whole product.
 * Under the `md` breakpoint (iPad portrait) the navigation folds behind a burger.
 */
export function AppLayout() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const [navOpen, nav] = useDisclosure(false);

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 272, breakpoint: 'md', collapsed: { mobile: !navOpen } }}
      padding={{ base: 'sm', sm: 'md', lg: 'lg' }}
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger
              opened={navOpen}
              onClick={nav.toggle}
              hiddenFrom="md"
              aria-label={t('nav.toggle')}
              data-testid="nav-burger"
            />
            <Tooltip label={t('app.tagline')} openDelay={500}>
              <Title order={1} size="h4" c="indigo.8" style={{ whiteSpace: 'nowrap' }}>
                {t('app.name')}
              </Title>
            </Tooltip>
            <Text
              c="dimmed"
              fw={500}
              truncate="end"
              visibleFrom="xs"
              data-testid="studio-name"
              style={{ minWidth: 0 }}
            >
              {session.studio.name}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <LanguageSwitch compact />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t('nav.main')}>
        <MainNavigation role={session.user.role} onNavigate={nav.close} />
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
