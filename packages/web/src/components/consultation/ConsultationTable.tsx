import { Badge, Button, Group, Paper, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ConsultationListItem } from '@stipple/core';
import { formatIsoDate } from '../../i18n/format.js';
import { isUiLocale } from '../../i18n/locale.js';
import { ELIGIBILITY_COLOURS } from './PlanDocument.js';

/**
 * Consultations with their date, artist and the latest plan's decision. The studio's list names
 * the client; a client's own list counts the scars instead.
 */
export function ConsultationTable({
  items,
  column,
  emptyText,
  testId,
}: {
  items: readonly ConsultationListItem[] | undefined;
  column: 'client' | 'scars';
  emptyText: string;
  testId: string;
}) {
  const { t, i18n } = useTranslation();
  const locale = isUiLocale(i18n.language) ? i18n.language : 'en';
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={600}>
        <Table highlightOnHover data-testid={testId}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('consultations.date')}</Table.Th>
              {column === 'client' && <Table.Th>{t('consultations.client')}</Table.Th>}
              <Table.Th>{t('consultations.artist')}</Table.Th>
              {column === 'scars' && <Table.Th>{t('consultations.scars')}</Table.Th>}
              <Table.Th>{t('consultations.plan')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items?.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={5}>
                  <Text c="dimmed">{emptyText}</Text>
                </Table.Td>
              </Table.Tr>
            )}
            {items?.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>{formatIsoDate(c.consultationDate, locale)}</Table.Td>
                {column === 'client' && (
                  <Table.Td>
                    <Link to={`/clients/${c.clientId}?tab=consultations`}>{c.clientName}</Link>
                  </Table.Td>
                )}
                <Table.Td>{c.artist.name}</Table.Td>
                {column === 'scars' && <Table.Td>{c.scarCount ?? '—'}</Table.Td>}
                <Table.Td>
                  {c.latestPlan ? (
                    <Group gap={6}>
                      <Badge color={ELIGIBILITY_COLOURS[c.latestPlan.eligibility]} variant="light">
                        {t(`eligibility.${c.latestPlan.eligibility}`)}
                      </Badge>
                      <Text size="xs" c="dimmed">
                        {t('plan.version', { version: c.latestPlan.version })}
                      </Text>
                    </Group>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('consultations.noPlan')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Button component={Link} to={`/consultations/${c.id}`} size="xs" variant="light">
                    {t('common.open')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
