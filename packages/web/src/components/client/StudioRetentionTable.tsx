import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/ApiProvider.js';

/** What the studio's healed scars kept, per texture and skin type, beside the defaults. */
export function StudioRetentionTable() {
  const { t } = useTranslation();
  const api = useApi();
  const retention = useQuery({ queryKey: ['studio-retention'], queryFn: () => api.studioRetention() });
  if (!retention.data) return null;
  const { rows, minCases } = retention.data;
  return (
    <Paper withBorder radius="md" p="md" data-testid="studio-retention">
      <Stack gap="sm">
        <Title order={3} size="h5">
          {t('outcomes.studioTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('outcomes.studioHint', { count: minCases })}
        </Text>
        {rows.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('outcomes.studioNone')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={480}>
            <Table withTableBorder verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('outcomes.texture')}</Table.Th>
                  <Table.Th>{t('outcomes.skinType')}</Table.Th>
                  <Table.Th ta="right">{t('outcomes.studioFigure')}</Table.Th>
                  <Table.Th ta="right">{t('outcomes.cases')}</Table.Th>
                  <Table.Th ta="right">{t('outcomes.default')}</Table.Th>
                  <Table.Th>{t('outcomes.planner')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={`${r.texture}-${r.fitzpatrick ?? 'all'}`}>
                    <Table.Td>{t(`outcomes.textures.${r.texture}`)}</Table.Td>
                    <Table.Td>
                      {r.fitzpatrick === null
                        ? t('outcomes.allSkinTypes')
                        : t('outcomes.fitzpatrick', { type: r.fitzpatrick })}
                    </Table.Td>
                    <Table.Td ta="right">{`${r.percent} %`}</Table.Td>
                    <Table.Td ta="right">{r.cases}</Table.Td>
                    <Table.Td ta="right">{`${r.defaultPercent} %`}</Table.Td>
                    <Table.Td>{r.used ? t('outcomes.usesStudio') : t('outcomes.usesDefault')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
