import { Alert, Badge, Button, Group, Image, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../api/ApiProvider.js';
import { describeError } from '../api/describe-error.js';
import { fileLinks } from '../api/stipple-api.js';
import { jobStatusColor } from '../components/preview/job-status.js';
import { formatDateTime, formatIsoDate } from '../i18n/format.js';
import { useLocale } from '../i18n/use-ui-locale.js';

/** Photos with zones drawn on them, most recently edited first; a new preview starts from a client's photo. */
export function PreviewsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useApi();
  const list = useQuery({ queryKey: ['previews'], queryFn: () => api.listPreviews() });
  return (
    <Stack gap="lg" data-testid="previews-page">
      <Group justify="space-between">
        <Title order={2}>{t('previews.title')}</Title>
        <Button component={Link} to="/clients" variant="light">
          {t('previews.startFromClient')}
        </Button>
      </Group>
      <Text c="dimmed" size="sm">
        {t('previews.hint')}
      </Text>
      {list.isError && <Alert color="red">{describeError(list.error, t)}</Alert>}
      {list.data?.items.length === 0 && <Text c="dimmed">{t('previews.empty')}</Text>}
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 4 }}>
        {list.data?.items.map((p) => (
          <Paper key={p.photoId} withBorder radius="md" p="xs" data-testid="preview-card">
            <Image src={fileLinks.photo(p.photoId, 'thumb')} alt="" h={150} fit="cover" radius="sm" />
            <Stack gap={4} mt="xs">
              <Text fw={600}>{p.clientName}</Text>
              <Text size="xs" c="dimmed">
                {t(`photoViews.${p.view}`)} · {formatIsoDate(p.takenOn, locale)} ·{' '}
                {t('previews.zones', { count: p.zoneCount })}
              </Text>
              <Group gap={6}>
                {p.latestRender && (
                  <Badge size="sm" color={jobStatusColor(p.latestRender.status)}>
                    {t(`editor.renderStatus.${p.latestRender.status}`)}
                  </Badge>
                )}
                <Text size="xs" c="dimmed">
                  {formatDateTime(p.updatedAt, locale)}
                </Text>
              </Group>
              <Button
                component={Link}
                to={`/clients/${p.clientId}/photos/${p.photoId}/preview`}
                size="xs"
                variant="light"
              >
                {t('common.open')}
              </Button>
            </Stack>
          </Paper>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
