import { Button, Center, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCircleCheck, IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';

/** `/kiosk/locked`: after signing (or with a spent ticket) the tablet waits for a staff sign-in. */
export function KioskLockedPage() {
  const { t } = useTranslation();
  const signed = (useLocation().state as { signed?: boolean } | null)?.signed === true;
  return (
    <Center mih="100dvh" bg="gray.0" p="md">
      <Paper withBorder radius="lg" p="xl" maw={520} w="100%" data-testid="kiosk-locked">
        <Stack align="center" gap="md">
          <ThemeIcon size={72} radius="xl" color={signed ? 'teal' : 'gray'} variant="light">
            {signed ? <IconCircleCheck size={44} aria-hidden /> : <IconLock size={44} aria-hidden />}
          </ThemeIcon>
          {signed && (
            <Title order={1} size="h3" ta="center" data-testid="kiosk-thanks">
              {t('kiosk.thanks')}
            </Title>
          )}
          <Text ta="center" size="lg">
            {t('kiosk.locked')}
          </Text>
          <Button
            component={Link}
            to="/sign-in"
            replace
            variant="default"
            leftSection={<IconLock size={16} aria-hidden />}
            data-testid="kiosk-staff-sign-in"
          >
            {t('kiosk.staffSignIn')}
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}
