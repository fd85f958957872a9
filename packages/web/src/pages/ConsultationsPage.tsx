import { useState } from 'react';
import { Alert, Button, Group, Pagination, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../api/ApiProvider.js';
import { describeError } from '../api/describe-error.js';
import { ConsultationTable } from '../components/consultation/ConsultationTable.js';

const PAGE_SIZE = 20;

/** The studio's consultations, newest first; a new one starts from the client's record. */
export function ConsultationsPage() {
  const { t } = useTranslation();
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
      <ConsultationTable
        items={list.data?.items}
        column="client"
        emptyText={t('consultations.emptyStudio')}
        testId="consultation-table"
      />
      {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} />}
    </Stack>
  );
}
