import { useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Center,
  CloseButton,
  Group,
  Input,
  Loader,
  Pagination,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedCallback, useDisclosure } from '@mantine/hooks';
import { IconPlus, IconSearch, IconUsers } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { ClientListQuery, ClientSummary } from '@stipple/core';
import { useApi } from '../api/ApiProvider.js';
import { describeError } from '../api/describe-error.js';
import { formatIsoDate, formatPersonName } from '../i18n/format.js';
import { useLocale } from '../i18n/use-ui-locale.js';
import { DataTable } from '../components/DataTable.js';
import { NewClientModal } from '../components/NewClientModal.js';
import { EmptyState } from '../components/EmptyState.js';

const PAGE_SIZE = 20;
const ARCHIVED = ['exclude', 'only', 'include'] as const;
type ArchivedFilter = (typeof ARCHIVED)[number];

/** The list's state lives in the address, so Back returns to the same search and page. */
function readQuery(params: URLSearchParams): { q: string; page: number; archived: ArchivedFilter } {
  const page = Number(params.get('page'));
  const archived = params.get('archived') as ArchivedFilter | null;
  return {
    q: params.get('q') ?? '',
    page: Number.isInteger(page) && page > 0 ? page : 1,
    archived: archived && ARCHIVED.includes(archived) ? archived : 'exclude',
  };
}

export function ClientListPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useApi();
  const [params, setParams] = useSearchParams();
  const { q, page, archived } = readQuery(params);
  const [search, setSearch] = useState(q);
  const [newOpen, newModal] = useDisclosure(false);

  const update = (changes: Partial<{ q: string; page: number; archived: ArchivedFilter }>) => {
    const next = { q, page, archived, ...changes };
    const out = new URLSearchParams();
    if (next.q.trim()) out.set('q', next.q.trim());
    if (next.page > 1) out.set('page', String(next.page));
    if (next.archived !== 'exclude') out.set('archived', next.archived);
    setParams(out, { replace: true });
  };
  // Typing searches after a short pause, not on every key.
  const searchLater = useDebouncedCallback((value: string) => update({ q: value, page: 1 }), 300);

  const query: Partial<ClientListQuery> = { q: q.trim() || undefined, page, pageSize: PAGE_SIZE, archived };
  const list = useQuery({
    queryKey: ['clients', query],
    queryFn: () => api.listClients(query),
    placeholderData: keepPreviousData,
  });

  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const items = list.data?.items ?? [];
  const from = total === 0 ? 0 : (page - 1) * PAGE_SIZE + 1;
  const to = Math.min(total, page * PAGE_SIZE);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="center" gap="sm">
        <Title order={2}>{t('clients.title')}</Title>
        <Button
          leftSection={<IconPlus size={18} aria-hidden />}
          onClick={newModal.open}
          data-testid="new-client"
        >
          {t('clients.new')}
        </Button>
      </Group>

      <Group gap="md" align="flex-end" wrap="wrap">
        <TextInput
          style={{ flex: '1 1 16rem' }}
          label={t('clients.searchLabel')}
          placeholder={t('clients.searchPlaceholder')}
          leftSection={<IconSearch size={18} aria-hidden />}
          enterKeyHint="search"
          rightSectionWidth={44}
          value={search}
          data-testid="client-search"
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            searchLater(e.currentTarget.value);
          }}
          rightSection={
            list.isFetching ? (
              <Loader size="xs" aria-label={t('common.loading')} />
            ) : search ? (
              <CloseButton
                aria-label={t('clients.clearSearch')}
                onClick={() => {
                  setSearch('');
                  update({ q: '', page: 1 });
                }}
              />
            ) : null
          }
        />
        <Input.Wrapper
          label={t('clients.filterLabel')}
          labelElement="div"
          labelProps={{ id: 'archived-filter-label' }}
          size="md"
        >
          <SegmentedControl
            aria-labelledby="archived-filter-label"
            value={archived}
            onChange={(value) => update({ archived: value, page: 1 })}
            data={[
              { value: 'exclude', label: t('clients.filterActive') },
              { value: 'only', label: t('clients.filterArchived') },
              { value: 'include', label: t('clients.filterAll') },
            ]}
            data-testid="archived-filter"
            style={{ display: 'flex' }}
          />
        </Input.Wrapper>
      </Group>

      {list.isError && (
        <Alert color="red" title={t('clients.loadFailed')} role="alert">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{describeError(list.error, t)}</Text>
            <Button size="sm" variant="light" color="red" onClick={() => void list.refetch()}>
              {t('common.retry')}
            </Button>
          </Stack>
        </Alert>
      )}

      {list.isPending && (
        <Center py="xl">
          <Loader aria-label={t('common.loading')} />
        </Center>
      )}

      {list.isSuccess && total === 0 && (
        <EmptyState
          icon={<IconUsers size={40} stroke={1.4} aria-hidden />}
          title={
            q.trim()
              ? t('clients.noMatchTitle', { q: q.trim() })
              : archived === 'only'
                ? t('clients.noArchivedTitle')
                : t('clients.emptyTitle')
          }
          body={
            q.trim()
              ? t('clients.noMatchBody')
              : archived === 'only'
                ? t('clients.noArchivedBody')
                : t('clients.emptyBody')
          }
          action={
            !q.trim() && archived !== 'only' ? (
              <Button leftSection={<IconPlus size={18} aria-hidden />} onClick={newModal.open}>
                {t('clients.new')}
              </Button>
            ) : null
          }
        />
      )}

      {total > 0 && (
        <>
          {items.length > 0 && <ClientTable items={items} locale={locale} />}
          {items.length > 0 && <ClientCards items={items} locale={locale} />}
          <Group justify="space-between" align="center" gap="sm">
            <Text c="dimmed" size="sm" data-testid="client-total">
              {t('clients.total', { count: total })} · {t('common.showing', { from, to, total })}
            </Text>
            {pages > 1 && (
              <Pagination
                total={pages}
                value={Math.min(page, pages)}
                onChange={(p) => update({ page: p })}
                siblings={1}
                data-testid="client-pagination"
              />
            )}
          </Group>
        </>
      )}

      <NewClientModal opened={newOpen} onClose={newModal.close} />
    </Stack>
  );
}

function ClientTable({ items, locale }: { items: ClientSummary[]; locale: 'en' | 'zh-CN' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <DataTable
      minWidth={560}
      visibleFrom="sm"
      testId="client-table"
      headers={[t('clients.name'), t('clients.dateOfBirth'), t('clients.phone'), t('clients.email')]}
    >
      {items.map((c) => {
        const name = formatPersonName(c);
        return (
          <Table.Tr
            key={c.id}
            className="stipple-clickable-row"
            onClick={() => void navigate(`/clients/${c.id}`)}
            data-testid="client-row"
          >
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <Anchor
                  component={Link}
                  to={`/clients/${c.id}`}
                  fw={600}
                  onClick={(e) => e.stopPropagation()}
                  aria-label={t('clients.open', { name })}
                  py={10}
                  style={{ display: 'inline-block' }}
                >
                  {name}
                </Anchor>
                {c.archivedAt && (
                  <Badge color="gray" variant="light" size="sm">
                    {t('clients.archived')}
                  </Badge>
                )}
              </Group>
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>
              {c.dateOfBirth ? formatIsoDate(c.dateOfBirth, locale) : '—'}
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{c.phone ?? '—'}</Table.Td>
            <Table.Td style={{ wordBreak: 'break-all' }}>{c.email ?? '—'}</Table.Td>
          </Table.Tr>
        );
      })}
    </DataTable>
  );
}

/** Narrow screens: one card per client instead of a table that would scroll sideways. */
function ClientCards({ items, locale }: { items: ClientSummary[]; locale: 'en' | 'zh-CN' }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" hiddenFrom="sm" data-testid="client-cards">
      {items.map((c) => {
        const name = formatPersonName(c);
        return (
          <Card
            key={c.id}
            withBorder
            padding="md"
            component={Link}
            to={`/clients/${c.id}`}
            aria-label={t('clients.open', { name })}
          >
            <Group justify="space-between" wrap="nowrap">
              <Text fw={600}>{name}</Text>
              {c.archivedAt && (
                <Badge color="gray" variant="light" size="sm">
                  {t('clients.archived')}
                </Badge>
              )}
            </Group>
            <Text size="sm" c="dimmed">
              {[c.dateOfBirth ? formatIsoDate(c.dateOfBirth, locale) : null, c.phone, c.email]
                .filter(Boolean)
                .join(' · ') || '—'}
            </Text>
          </Card>
        );
      })}
    </Stack>
  );
}
