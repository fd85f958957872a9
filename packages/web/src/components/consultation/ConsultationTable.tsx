import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ConsultationListItem } from '@stipple/core';
import { formatIsoDate } from '../../i18n/format.js';
import { useLocale } from '../../i18n/use-ui-locale.js';
import { ELIGIBILITY_COLOURS } from './PlanDocument.js';
import { DataTable } from '../DataTable.js';

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
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <DataTable
      framed
      minWidth={600}
      testId={testId}
      tableProps={{ highlightOnHover: true }}
      headers={[
        t('consultations.date'),
        column === 'client' && t('consultations.client'),
        t('consultations.artist'),
        column === 'scars' && t('consultations.scars'),
        t('consultations.plan'),
        null,
      ]}
    >
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
    </DataTable>
  );
}
