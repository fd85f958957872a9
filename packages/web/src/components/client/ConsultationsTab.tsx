import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Client } from '@stipple/core';
import { useApi } from '../../api/ApiProvider.js';
import { describeError } from '../../api/describe-error.js';
import { todayIso } from '../../i18n/format.js';
import { ConsultationTable } from '../consultation/ConsultationTable.js';
import { IntakeReview } from './IntakeReview.js';

/** A client's consultations, each with its date, artist and the latest plan's decision. */
export function ConsultationsTab({ client }: { client: Client }) {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ['consultations', 'client', client.id],
    queryFn: () => api.listClientConsultations(client.id),
  });
  const create = useMutation({
    mutationFn: () => {
      const today = todayIso();
      return api.createConsultation(client.id, {
        assessment: {
          consultationDate: today,
          // The date of birth is on the record: the planner works out the age from it.
          ...(client.dateOfBirth && client.dateOfBirth <= today ? { dateOfBirth: client.dateOfBirth } : {}),
        },
      });
    },
    onSuccess: (created) => {
      queryClient.setQueryData(['consultation', created.id], created);
      void queryClient.invalidateQueries({ queryKey: ['consultations'] });
      void navigate(`/consultations/${created.id}`);
    },
  });

  return (
    <Stack gap="md">
      <IntakeReview clientId={client.id} />
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          {t('consultations.clientHint')}
        </Text>
        <Button
          leftSection={<IconPlus size={18} aria-hidden />}
          onClick={() => create.mutate()}
          loading={create.isPending}
          data-testid="new-consultation"
        >
          {t('consultations.new')}
        </Button>
      </Group>
      {create.isError && (
        <Alert color="red" role="alert">
          {describeError(create.error, t)}
        </Alert>
      )}
      <ConsultationTable
        items={list.data?.items}
        column="scars"
        emptyText={t('consultations.empty')}
        testId="client-consultations"
      />
    </Stack>
  );
}
