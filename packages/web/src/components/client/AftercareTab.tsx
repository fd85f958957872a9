import { Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { IconCalendarPlus, IconPrinter } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SessionRecord } from '@stipple/core';
import { useApi } from '../../api/ApiProvider.js';
import { fileLinks } from '../../api/stipple-api.js';
import { formatIsoDate } from '../../i18n/format.js';
import { useLocale } from '../../i18n/use-ui-locale.js';

/** Each completed session's aftercare: the schedule, the printable sheet and the calendar file. */
export function AftercareTab({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const sessions = useQuery({ queryKey: ['sessions', clientId], queryFn: () => api.listSessions(clientId) });
  const completed = (sessions.data?.items ?? []).filter((s) => s.status === 'completed').reverse();
  return (
    <Stack gap="md">
      {sessions.data && completed.length === 0 && <Text c="dimmed">{t('aftercare.none')}</Text>}
      {completed.map((s) => (
        <SessionAftercare key={s.id} session={s} />
      ))}
    </Stack>
  );
}

function SessionAftercare({ session }: { session: SessionRecord }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useApi();
  const schedule = useQuery({
    queryKey: ['aftercare', session.id],
    queryFn: () => api.aftercare(session.id),
  });
  return (
    <Paper withBorder radius="md" p="md" data-testid="aftercare-session">
      <Group justify="space-between" mb="sm">
        <Text fw={600}>
          {t('photos.sessionN', { n: session.sessionNumber ?? '–' })} ·{' '}
          {formatIsoDate(session.performedOn, locale)}
        </Text>
        <Group gap="xs">
          <Button
            component="a"
            href={fileLinks.aftercarePdf(session.id)}
            download
            leftSection={<IconPrinter size={18} aria-hidden />}
            data-testid="aftercare-pdf"
          >
            {t('aftercare.sheet')}
          </Button>
          <Button
            component="a"
            href={fileLinks.aftercareIcs(session.id)}
            download
            variant="light"
            leftSection={<IconCalendarPlus size={18} aria-hidden />}
            data-testid="aftercare-ics"
          >
            {t('aftercare.calendar')}
          </Button>
        </Group>
      </Group>
      <Table.ScrollContainer minWidth={520}>
        <Table>
          <Table.Tbody>
            {schedule.data?.items.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {formatIsoDate(i.fromDate, locale)}
                  {i.untilDate ? ` – ${formatIsoDate(i.untilDate, locale)}` : ''}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {i.title}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {i.instructions}
                  </Text>
                </Table.Td>
                <Table.Td>{i.remind && <Badge variant="light">{t('aftercare.reminder')}</Badge>}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
