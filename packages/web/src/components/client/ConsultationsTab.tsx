import { Alert, Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Client } from '@stipple/core';
import { useApi } from '../../api/ApiProvider.js';
import { describeError } from '../../api/describe-error.js';
import { formatIsoDate, todayIso } from '../../i18n/format.js';
import { isUiLocale } from '../../i18n/locale.js';
import { ELIGIBILITY_COLOURS } from '../consultation/PlanDocument.js';

/** A client's consultations, each with its date, artist and the latest plan's decision. */
export function ConsultationsTab({ client }: { client: Client }) {
  const { t, i18n } = useTranslation();
  const locale = isUiLocale(i18n.language) ? i18n.language : 'en';
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
      <Paper withBorder radius="md">
        <Table.ScrollContainer minWidth={560}>
          <Table data-testid="client-consultations" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('consultations.date')}</Table.Th>
                <Table.Th>{t('consultations.artist')}</Table.Th>
                <Table.Th>{t('consultations.scars')}</Table.Th>
                <Table.Th>{t('consultations.plan')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data?.items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <Text c="dimmed">{t('consultations.empty')}</Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {list.data?.items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{formatIsoDate(c.consultationDate, locale)}</Table.Td>
                  <Table.Td>{c.artist.name}</Table.Td>
                  <Table.Td>{c.scarCount ?? '—'}</Table.Td>
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
    </Stack>
  );
}
