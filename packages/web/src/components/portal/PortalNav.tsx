import { useEffect } from 'react';
import { Button, Group, ScrollArea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router';

const PAGES = [
  { to: '/portal', key: 'home' },
  { to: '/portal/plan', key: 'plan' },
  { to: '/portal/preview', key: 'preview' },
  { to: '/portal/aftercare', key: 'aftercare' },
  { to: '/portal/data', key: 'data' },
] as const;

/** The portal's own pages, one row that scrolls sideways on a phone. */
export function PortalNav() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  // On a phone the row scrolls: the page shown keeps its button in view.
  useEffect(() => {
    document
      .querySelector('[data-portal-nav] [data-active="true"]')
      ?.scrollIntoView({ block: 'nearest', inline: 'center' });
  }, [pathname]);
  return (
    <ScrollArea type="never" offsetScrollbars={false}>
      <Group gap={6} wrap="nowrap" component="nav" aria-label={t('portalCare.navLabel')} data-portal-nav>
        {PAGES.map((p) => {
          const isActive = p.to === '/portal' ? pathname === '/portal' : pathname.startsWith(p.to);
          return (
            <Button
              key={p.key}
              component={NavLink}
              to={p.to}
              end
              size="compact-md"
              radius="xl"
              variant={isActive ? 'filled' : 'default'}
              aria-current={isActive ? 'page' : undefined}
              data-active={isActive}
              style={{ flexShrink: 0, minHeight: 44 }}
              data-testid={`portal-nav-${p.key}`}
            >
              {t(`portalCare.nav.${p.key}`)}
            </Button>
          );
        })}
      </Group>
    </ScrollArea>
  );
}
