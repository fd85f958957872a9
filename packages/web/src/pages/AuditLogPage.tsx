import {
  Alert,
  Anchor,
  Center,
  Group,
  Loader,
  Pagination,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { AUDIT_ACTIONS, AuditAction, type AuditEntry } from '@stipple/core';
import { useApi } from '../api/ApiProvider.js';
import { describeError } from '../api/describe-error.js';
import { formatDateTime, formatList } from '../i18n/format.js';
import { useLocale } from '../i18n/use-ui-locale.js';
import { DataTable } from '../components/DataTable.js';

const PAGE_SIZE = 50;

export function AuditLogPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useApi();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const parsedAction = AuditAction.safeParse(params.get('action'));
  const action = parsedAction.success ? parsedAction.data : undefined;

  const query = { page, pageSize: PAGE_SIZE, action };
  const audit = useQuery({
    queryKey: ['audit', query],
    queryFn: () => api.listAudit(query),
    placeholderData: keepPreviousData,
  });

  const setQuery = (next: { page?: number; action?: string | null }) => {
    const out = new URLSearchParams();
    const a = next.action === undefined ? action : next.action;
    if (a) out.set('action', a);
    const p = next.page ?? page;
    if (p > 1) out.set('page', String(p));
    setParams(out, { replace: true });
  };

  const total = audit.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={2}>{t('audit.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('audit.intro')}
        </Text>
      </Stack>
      <Select
        label={t('audit.filterAction')}
        placeholder={t('audit.allActions')}
        data={AUDIT_ACTIONS.map((a) => ({ value: a, label: t(`audit.actions.${a}`) }))}
        value={action ?? null}
        onChange={(value) => setQuery({ action: value, page: 1 })}
        clearable
        maw={360}
        comboboxProps={{ withinPortal: true }}
        data-testid="audit-action-filter"
      />
      {audit.isPending && (
        <Center py="xl">
          <Loader aria-label={t('common.loading')} />
        </Center>
      )}
      {audit.isError && (
        <Alert color="red" title={t('audit.loadFailed')} role="alert">
          {describeError(audit.error, t)}
        </Alert>
      )}
      {audit.data && audit.data.items.length === 0 && <Text c="dimmed">{t('audit.empty')}</Text>}
      {audit.data && audit.data.items.length > 0 && (
        <DataTable
          framed
          minWidth={640}
          testId="audit-table"
          headers={[t('audit.when'), t('audit.who'), t('audit.action'), t('audit.entity')]}
        >
          {audit.data.items.map((e) => (
            <Table.Tr key={e.id} data-testid="audit-row">
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at, locale)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{e.actor?.name ?? t('audit.system')}</Table.Td>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {t(`audit.actions.${e.action}`)}
                </Text>
                <ChangedFields entry={e} />
              </Table.Td>
              <Table.Td>
                <EntityCell entry={e} />
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
      {audit.data && (
        <Group justify="space-between" gap="sm">
          <Text c="dimmed" size="sm">
            {t('common.page', { page: Math.min(page, pages), pages })}
          </Text>
          {pages > 1 && (
            <Pagination total={pages} value={Math.min(page, pages)} onChange={(p) => setQuery({ page: p })} />
          )}
        </Group>
      )}
    </Stack>
  );
}

function ChangedFields({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fields = entry.details.fields;
  if (!Array.isArray(fields) || fields.length === 0) return null;
  const names = fields
    .filter((f): f is string => typeof f === 'string')
    .map((f) => fieldLabel(entry.entityType, f, t));
  return (
    <Text size="xs" c="dimmed">
      {t('audit.fieldsChanged', { fields: formatList(names, locale) })}
    </Text>
  );
}

/** Field names as the forms label them; an unknown field keeps its API name. */
const FIELD_LABELS: Record<string, Record<string, string>> = {
  client: {
    givenName: 'client.givenName',
    familyName: 'client.familyName',
    dateOfBirth: 'client.dateOfBirth',
    email: 'client.email',
    phone: 'client.phone',
    preferredLanguage: 'client.preferredLanguage',
    notes: 'client.notes',
  },
  staff_user: { name: 'staff.name', role: 'staff.role', active: 'staff.status', locale: 'language.label' },
};

function fieldLabel(entityType: string, field: string, t: (k: string) => string): string {
  const key = FIELD_LABELS[entityType]?.[field];
  return key ? t(key) : field;
}

function EntityCell({ entry }: { entry: AuditEntry }) {
  const { t, i18n } = useTranslation();
  const typeKey = `audit.entityTypes.${entry.entityType}`;
  const type = i18n.exists(typeKey) ? t(typeKey) : entry.entityType;
  if (!entry.entityId) return <Text size="sm">{type}</Text>;
  const shortId = entry.entityId.slice(0, 8);
  if (entry.entityType === 'client') {
    return (
      <Anchor component={Link} to={`/clients/${entry.entityId}`} size="sm" title={entry.entityId}>
        {type} {shortId}
      </Anchor>
    );
  }
  return (
    <Text size="sm" title={entry.entityId}>
      {type} {shortId}
    </Text>
  );
}
