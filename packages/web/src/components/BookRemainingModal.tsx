import { useState } from 'react';
import { Alert, Button, Group, Modal, Select, Stack, Table, Text } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { RemainingSessionsProposalRequest, type TreatmentCourse } from '@stipple/core';
import { useApi } from '../api/ApiProvider.js';
import { describeError } from '../api/describe-error.js';
import { useSignedInSession } from '../api/session.js';
import { courseGate, gateMessage } from '../consultation/plan-gate-message.js';
import { translateIssue } from '../forms/validation-messages.js';
import { formatDateTime, formatIsoDate } from '../i18n/format.js';
import { catalogueMessage } from '../i18n/messages.js';
import { useLocale } from '../i18n/use-ui-locale.js';
import { DataTable } from './DataTable.js';
import { NumberField } from './fields/NumberField.js';
import { RuleOverrideNotice } from './RuleOverrideNotice.js';

const minutesOf = (hhmm: string): number | undefined => {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
};

/**
 * "Book the remaining sessions at the plan's interval": the server proposes a day and time for
 * each session not booked yet (the plan's interval, the artist's working hours and other
 * appointments, the first day the plan allows); the user books exactly what is shown, in one go.
 */
export function BookRemainingModal({
  course,
  lastArtistId,
  onClose,
}: {
  course: TreatmentCourse | null;
  /** Who did the course's last session: the one to book again unless chosen otherwise. */
  lastArtistId?: string | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={course !== null} onClose={onClose} title={t('remaining.title')} size="lg">
      {course && <RemainingForm course={course} lastArtistId={lastArtistId} onClose={onClose} />}
    </Modal>
  );
}

function RemainingForm({
  course,
  lastArtistId,
  onClose,
}: {
  course: TreatmentCourse;
  lastArtistId: string | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useApi();
  const queryClient = useQueryClient();
  const me = useSignedInSession().user;
  const artists = useQuery({ queryKey: ['artists'], queryFn: () => api.listArtists() });
  const [chosenArtist, setArtist] = useState<string | null>(null);
  const [minutes, setMinutes] = useState<number | string | undefined>(240);
  const [time, setTime] = useState('');
  const [planOverride, setPlanOverride] = useState('');

  const list = artists.data?.items ?? [];
  const artistId =
    chosenArtist ??
    (list.find((a) => a.id === lastArtistId) ?? list.find((a) => a.id === me.id) ?? list[0])?.id ??
    null;
  const request = RemainingSessionsProposalRequest.safeParse(
    {
      artistId,
      durationMinutes: minutes,
      ...(minutesOf(time) !== undefined ? { startMinute: minutesOf(time) } : {}),
    },
    { reportInput: true },
  );
  const minutesIssue = request.success
    ? undefined
    : request.error.issues.find((i) => i.path[0] === 'durationMinutes');

  const proposal = useQuery({
    queryKey: ['remaining-proposal', course.id, request.data],
    queryFn: () => api.proposeRemainingSessions(course.id, request.data!),
    enabled: request.success,
  });
  const p = proposal.data;
  // The plan's decision on the first proposed day: warned here, enforced by the server.
  const firstDay = p?.sessions[0]?.startsAt.slice(0, 10) ?? null;
  const gate = courseGate(p?.plan, firstDay);

  const book = useMutation({
    mutationFn: () =>
      api.bookRemainingSessions(course.id, {
        artistId: artistId!,
        durationMinutes: request.data!.durationMinutes,
        startsAt: p!.sessions.map((s) => s.startsAt),
        ...(!gate.open ? { planOverrideReason: planOverride } : {}),
      }),
    onSuccess: async (booked) => {
      await queryClient.invalidateQueries({ queryKey: ['appointments'] });
      notifications.show({ color: 'teal', message: t('remaining.booked', { count: booked.items.length }) });
      onClose();
    },
  });

  return (
    <Stack gap="md" data-testid="book-remaining">
      <Text size="sm">{t('remaining.intro', { title: course.title })}</Text>
      <Group grow align="flex-start">
        <Select
          label={t('calendar.artist')}
          data={list.map((a) => ({ value: a.id, label: a.name }))}
          value={artistId}
          onChange={setArtist}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          data-testid="remaining-artist"
        />
        <NumberField
          label={t('calendar.minutes')}
          value={minutes}
          onChange={setMinutes}
          error={minutesIssue ? translateIssue(minutesIssue, t) : undefined}
          data-testid="remaining-minutes"
        />
        <TimeInput
          label={t('remaining.time')}
          description={t('remaining.timeHint')}
          value={time}
          onChange={(e) => setTime(e.currentTarget.value)}
        />
      </Group>
      {p && (
        <Text size="sm" data-testid="remaining-summary">
          {t('remaining.summary', { planned: p.planned, booked: p.booked, days: p.intervalDays })}
        </Text>
      )}
      {p && p.sessions.length > 0 && (
        <DataTable
          framed
          minWidth={420}
          testId="remaining-sessions"
          headers={[t('remaining.session'), t('calendar.date'), t('calendar.artist')]}
        >
          {p.sessions.map((s) => (
            <Table.Tr key={s.sessionNumber} data-testid="remaining-session">
              <Table.Td>{t('sessionRecord.title', { n: s.sessionNumber })}</Table.Td>
              <Table.Td>{formatDateTime(s.startsAt, locale)}</Table.Td>
              <Table.Td>{list.find((a) => a.id === artistId)?.name}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
      {p && p.sessions.length === 0 && p.noTimeFrom === null && (
        <Alert color="teal">{catalogueMessage(t, 'error.nothingLeftToBook')}</Alert>
      )}
      {p?.noTimeFrom && (
        <Alert color="yellow" data-testid="remaining-no-time">
          {catalogueMessage(t, 'error.noSlotFound', {
            session: p.booked + p.sessions.length + 1,
            days: 28,
            from: p.noTimeFrom,
          })}
        </Alert>
      )}
      {p && p.planOpensOn && p.plan?.eligibility === 'postpone' && gate.open && (
        <Text size="sm" c="dimmed">
          {t('remaining.fromPlan', { date: formatIsoDate(p.planOpensOn, locale) })}
        </Text>
      )}
      {!gate.open && p && p.sessions.length > 0 && (
        <RuleOverrideNotice
          title={t('calendar.planTitle')}
          message={gateMessage(gate, t)}
          reason={planOverride}
          onReason={setPlanOverride}
          testId="remaining-plan-refused"
        />
      )}
      {(proposal.error ?? book.error) && (
        <Alert color="red" role="alert" data-testid="remaining-error">
          {describeError(proposal.error ?? book.error, t)}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button
          disabled={!p || p.sessions.length === 0 || !artistId}
          loading={book.isPending}
          onClick={() => book.mutate()}
          data-testid="remaining-book"
        >
          {t('remaining.book', { count: p?.sessions.length ?? 0 })}
        </Button>
      </Group>
    </Stack>
  );
}
