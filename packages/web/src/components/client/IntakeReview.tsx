import { Alert, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Intake, IntakeChange } from '@stipple/core';
import { useApi } from '../../api/ApiProvider.js';
import { describeError } from '../../api/describe-error.js';
import { formatDateTime } from '../../i18n/format.js';
import { useLocale } from '../../i18n/use-ui-locale.js';
import { SCREENING_GROUPS } from '../consultation/ScreeningQuestions.js';

/** The screening label of an answer's field (a date or an elapsed time belongs to its question). */
function questionOf(field: string): string {
  for (const { questions } of SCREENING_GROUPS)
    for (const q of questions) {
      if ('yesNo' in q && q.yesNo === field) return field;
      if ('event' in q && (q.event.date === field || q.event.elapsed === field)) return q.event.key;
    }
  return field;
}

function answerText(v: IntakeChange['before'], t: TFunction): string {
  if (v === null) return t('intakeReview.unknown');
  if (v === true) return t('intakeReview.yes');
  if (v === false) return t('intakeReview.no');
  return String(v);
}

/** The health answers a client sent from home: what changed, and accepting them into the consultation. */
export function IntakeReview({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const list = useQuery({ queryKey: ['intakes', clientId], queryFn: () => api.clientIntakes(clientId) });
  const shown = list.data?.items.filter((i) => i.status !== 'superseded') ?? [];
  if (!list.data || shown.length === 0) return null;
  return (
    <Stack gap="sm" data-testid="intake-review">
      <Title order={2} size="h4">
        {t('intakeReview.title')}
      </Title>
      {shown.map((i) => (
        <IntakeCard key={i.id} intake={i} />
      ))}
    </Stack>
  );
}

function IntakeCard({ intake: i }: { intake: Intake }) {
  const { t } = useTranslation();
  const api = useApi();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const accept = useMutation({
    mutationFn: () => api.acceptIntake(i.id),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('intakeReview.acceptedDone') });
      void queryClient.invalidateQueries({ queryKey: ['consultations'] });
      return queryClient.invalidateQueries({ queryKey: ['intakes'] });
    },
  });
  const answered = Object.entries(i.screening).filter(([, v]) => v !== undefined);
  return (
    <Card withBorder radius="md" data-testid={`intake-${i.status}`}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Text size="sm" fw={600}>
            {i.status === 'accepted'
              ? t('intakeReview.accepted', {
                  date: formatDateTime(i.reviewedAt ?? i.submittedAt, locale),
                  name: i.reviewedBy?.name ?? '',
                })
              : t('intakeReview.submitted', { date: formatDateTime(i.submittedAt, locale) })}
          </Text>
          <Badge color={i.status === 'accepted' ? 'teal' : 'yellow'} variant="light">
            {t(`intakeReview.badge.${i.status}`)}
          </Badge>
        </Group>
        {!i.hadEarlier ? (
          <Text size="sm" c="dimmed">
            {t('intakeReview.first')}
          </Text>
        ) : i.changes.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('intakeReview.same')}
          </Text>
        ) : (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('intakeReview.changed')}
            </Text>
            <Table withTableBorder data-testid="intake-changes">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th />
                  <Table.Th>{t('intakeReview.before')}</Table.Th>
                  <Table.Th>{t('intakeReview.after')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {i.changes.map((c) => (
                  <Table.Tr key={c.field}>
                    <Table.Td>{t(`screening.${questionOf(c.field)}`)}</Table.Td>
                    <Table.Td>{answerText(c.before, t)}</Table.Td>
                    <Table.Td fw={600}>{answerText(c.after, t)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        )}
        {!i.hadEarlier && answered.length > 0 && (
          <Stack gap={2} data-testid="intake-answers">
            <Text size="sm" fw={600}>
              {t('intakeReview.answers')}
            </Text>
            {answered.map(([field, v]) => (
              <Text key={field} size="sm">
                {t(`screening.${questionOf(field)}`)}: <b>{answerText(v, t)}</b>
              </Text>
            ))}
          </Stack>
        )}
        {i.notes && (
          <Alert color="gray" title={t('intakeReview.notes')}>
            <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
              {i.notes}
            </Text>
          </Alert>
        )}
        {accept.isError && (
          <Alert color="red" role="alert">
            {describeError(accept.error, t)}
          </Alert>
        )}
        {i.status === 'submitted' && (
          <Button
            loading={accept.isPending}
            onClick={() => accept.mutate()}
            data-testid="intake-accept"
            style={{ alignSelf: 'flex-start' }}
          >
            {t('intakeReview.accept')}
          </Button>
        )}
      </Stack>
    </Card>
  );
}
