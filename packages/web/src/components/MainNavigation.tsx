import { Divider, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import {
  IconBuildingStore,
  IconCalendarCheck,
  IconCalendarEvent,
  IconClipboardText,
  IconFileCertificate,
  IconHistory,
  IconPhotoScan,
  IconReportAnalytics,
  IconUsers,
  IconUsersGroup,
  IconVaccineBottle,
  type Icon,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterNavLink, useLocation } from 'react-router';
import type { StaffRole } from '@stipple/core';

interface Area {
  key: string;
  icon: Icon;
  to?: string;
  /** Owners and artists only. */
  clinical?: boolean;
}

/** The whole product, in the order a client's journey runs; areas without `to` arrive in later releases. */
const AREAS: Area[] = [
  { key: 'clients', icon: IconUsers, to: '/clients' },
  { key: 'consultations', icon: IconClipboardText, to: '/consultations', clinical: true },
  { key: 'preview', icon: IconPhotoScan, to: '/preview', clinical: true },
  { key: 'calendar', icon: IconCalendarEvent, to: '/calendar' },
  { key: 'bookings', icon: IconCalendarCheck, to: '/bookings' },
  { key: 'sessions', icon: IconVaccineBottle, to: '/inventory', clinical: true },
  { key: 'consent', icon: IconFileCertificate, to: '/consent' },
  { key: 'reports', icon: IconReportAnalytics },
];

const OWNER_AREAS: Area[] = [
  { key: 'studioSettings', icon: IconBuildingStore, to: '/studio' },
  { key: 'staff', icon: IconUsersGroup, to: '/staff' },
  { key: 'audit', icon: IconHistory, to: '/audit' },
];

/** `onNavigate`: a tap on a destination closes the folded (burger) navigation. */
export function MainNavigation({ role, onNavigate }: { role: StaffRole; onNavigate?: () => void }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();

  const item = (area: Area) => {
    const Icon = area.icon;
    const icon = <Icon size={20} stroke={1.6} aria-hidden />;
    if (!area.to) {
      // Shown so the team sees where the product is going; not a link yet.
      return (
        <NavLink
          key={area.key}
          component="div"
          disabled
          aria-disabled="true"
          label={t(`nav.${area.key}`)}
          leftSection={icon}
          description={t('nav.coming')}
          data-testid={`nav-${area.key}`}
          className="stipple-nav-coming"
        />
      );
    }
    return (
      <NavLink
        key={area.key}
        component={RouterNavLink}
        to={area.to}
        label={t(`nav.${area.key}`)}
        leftSection={icon}
        active={pathname === area.to || pathname.startsWith(`${area.to}/`)}
        onClick={onNavigate}
        data-testid={`nav-${area.key}`}
      />
    );
  };

  return (
    <ScrollArea type="auto" h="100%">
      <Stack gap={2} component="nav">
        {AREAS.filter((a) => !a.clinical || role !== 'front_desk').map(item)}
        <Text size="xs" c="dimmed" px="sm" pt={4}>
          {t('nav.comingHint')}
        </Text>
        {role === 'owner' && (
          <>
            <Divider my="sm" />
            <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pb={4}>
              {t('nav.studioAdmin')}
            </Text>
            {OWNER_AREAS.map(item)}
          </>
        )}
      </Stack>
    </ScrollArea>
  );
}
