import { useState } from 'react';
import { Alert, Badge, Button, Group, Pagination, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../api/ApiProvider.js';
import { describeError } from '../api/describe-error.js';
import { ELIGIBILITY_COLOURS } from '../components/consultation/PlanDocument.js';
import { formatIsoDate } from '../i18n/format.js';
import { isUiLocale } from '../i18n/locale.js';

const PAGE_SIZE = 20;

/** The studio's consultations, newest first; a new one starts from the client's record. */
export function ConsultationsPage() {
  const { t, i18n } = useTranslation();
  const locale = isUiLocale(i18n.language) ? i18n.language : 'en';
  const api = useApi();
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['consultations', 'studio', page],
    queryFn: () => api.listConsultations({ page, pageSize: PAGE_SIZE }),
  });
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / PAGE_SIZE));
  return (
    <Stack gap="lg" data-testid="consultations-page">
      <Group justify="space-between">
        <Title order={2}>{t('consultations.title')}</Title>
        <Button component={Link} to="/clients" variant="light">
          {t('consultations.startFromClient')}
        </Button>
      </Group>
      {list.isError && <Alert color="red">{describeError(list.error, t)}</Alert>}
      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={640}>
          <Table highlightOnHover data-testid="consultation-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('consultations.date')}</Table.Th>
                <Table.Th>{t('consultations.client')}</Table.Th>
                <Table.Th>{t('consultations.artist')}</Table.Th>
                <Table.Th>{t('consultations.plan')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data?.items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <Text c="dimmed">{t('consultations.emptyStudio')}</Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {list.data?.items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{formatIsoDate(c.consultationDate, locale)}</Table.Td>
                  <Table.Td>
                    <Link to={`/clients/${c.clientId}?tab=consultations`}>{c.clientName}</Link>
                  </Table.Td>
                  <Table.Td>{c.artist.name}</Table.Td>
                  <Table.Td>
                    {c.latestPlan ? (
                      <Badge color={ELIGIBILITY_COLOURS[c.latestPlan.eligibility]} variant="light">
                        {t(`eligibility.${c.latestPlan.eligibility}`)} · v{c.latestPlan.version}
                      </Badge>
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
      {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} />}
    </Stack>
  );
}
