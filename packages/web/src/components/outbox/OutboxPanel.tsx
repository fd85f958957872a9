// The outbox of reminders and recalls (owner): what is queued, sent or failed, by status.
import { useState } from 'react';
import { Alert, Anchor, Badge, Pagination, Select, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { OUTBOX_STATUSES, OutboxStatus } from '@stipple/core';
import { useApi } from '../../api/ApiProvider.js';
import { describeError } from '../../api/describe-error.js';
import { formatDateTime } from '../../i18n/format.js';
import { useLocale } from '../../i18n/use-ui-locale.js';
import { DataTable } from '../DataTable.js';

const STATUS_COLOURS: Record<OutboxStatus, string> = {
  pending: 'indigo',
  sending: 'yellow',
  sent: 'teal',
  failed: 'red',
  cancelled: 'gray',
  skipped: 'orange',
};

export function OutboxPanel() {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useApi();
  const [status, setStatus] = useState<OutboxStatus | undefined>(undefined);
  const [page, setPage] = useState(1);
  const query = { status, page, pageSize: 50 };
  const outbox = useQuery({ queryKey: ['outbox', query], queryFn: () => api.outbox(query) });
  const pages = Math.max(1, Math.ceil((outbox.data?.total ?? 0) / 50));
  return (
    <Stack>
      <Text c="dimmed" size="sm">
        {t('consentPage.outboxIntro')}
      </Text>
      {outbox.data && !outbox.data.smtpConfigured && (
        <Alert color="yellow" data-testid="smtp-not-configured">
          {t('consentPage.noSmtp')}
        </Alert>
      )}
      <Select
        label={t('consentPage.status')}
        placeholder={t('consentPage.allStatuses')}
        data={OUTBOX_STATUSES.map((s) => ({ value: s, label: t(`outboxStatus.${s}`) }))}
        value={status ?? null}
        onChange={(v) => {
          const parsed = OutboxStatus.safeParse(v);
          setStatus(parsed.success ? parsed.data : undefined);
          setPage(1);
        }}
        clearable
        maw={280}
        comboboxProps={{ withinPortal: true }}
      />
      {outbox.error && <Alert color="red">{describeError(outbox.error, t)}</Alert>}
      <DataTable
        framed
        minWidth={720}
        testId="outbox-table"
        headers={[
          t('consentPage.sendAfter'),
          t('consentPage.kind'),
          t('inventory.client'),
          t('consentPage.subject'),
          t('consentPage.status'),
        ]}
      >
        {outbox.data?.items.map((m) => (
          <Table.Tr key={m.id} data-testid="outbox-row">
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(m.sendAfter, locale)}</Table.Td>
            <Table.Td>{t(`outboxKinds.${m.kind}`)}</Table.Td>
            <Table.Td>
              <Anchor component={Link} to={`/clients/${m.clientId}`}>
                {m.clientName}
              </Anchor>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{m.subject}</Text>
              {m.lastError && (
                <Text size="xs" c="dimmed">
                  {m.lastError}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Badge color={STATUS_COLOURS[m.status]} variant="light">
                {t(`outboxStatus.${m.status}`)}
              </Badge>
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} />}
    </Stack>
  );
}
