import { Button, Card, List, Stack, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { portalLinks } from '../../api/portal-care-endpoints.js';
import { PortalFrame } from '../../components/portal/PortalFrame.js';

/** `/portal/data`: the client downloads everything the studio holds about them (GDPR art. 15, 20). */
export function PortalDataPage() {
  const { t } = useTranslation();
  const contents = [0, 1, 2, 3, 4, 5].map((i) => t(`portalCare.data.contents.${i}`));
  return (
    <PortalFrame>
      {() => (
        <Stack gap="md" data-testid="portal-data">
          <Title order={1} size="h3">
            {t('portalCare.data.title')}
          </Title>
          <Text>{t('portalCare.data.intro')}</Text>
          <Card withBorder radius="lg">
            <Stack gap="sm">
              <List size="sm" spacing={4}>
                {contents.map((c) => (
                  <List.Item key={c}>{c}</List.Item>
                ))}
              </List>
              <Text size="sm" c="dimmed">
                {t('portalCare.data.photos')}
              </Text>
              <Button
                component="a"
                href={portalLinks.export}
                download
                leftSection={<IconDownload size={18} aria-hidden />}
                data-testid="portal-download"
              >
                {t('portalCare.data.download')}
              </Button>
            </Stack>
          </Card>
          <Text size="sm" c="dimmed">
            {t('portalCare.data.rights')}
          </Text>
        </Stack>
      )}
    </PortalFrame>
  );
}
