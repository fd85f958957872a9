import { useState } from 'react';
import { Alert, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { describeError } from '../../api/describe-error.js';
import { IconCalendarPlus, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Appointment, TreatmentCourse } from '@stipple/core';
import { useApi } from '../../api/ApiProvider.js';
import { useIsClinical } from '../../api/session.js';
import { formatDateTime } from '../../i18n/format.js';
import { useLocale } from '../../i18n/use-ui-locale.js';
import { AppointmentModal } from '../AppointmentModal.js';
import { BookAppointmentModal } from '../BookAppointmentModal.js';
import { BookRemainingModal } from '../BookRemainingModal.js';
import { DataTable } from '../DataTable.js';
import { AttendanceSummary } from '../appointment/AttendanceSummary.js';
import { DepositBadge } from '../appointment/DepositBadge.js';
import { statusColor } from '../appointment/status-color.js';

/** The client's treatments and appointments; owners and artists open each session's record. */
export function SessionsTab({ clientId, clientName }: { clientId: string; clientName: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useApi();
  const clinical = useIsClinical();
  const [booking, setBooking] = useState(false);
  const [open, setOpen] = useState<Appointment | null>(null);
  const [remaining, setRemaining] = useState<TreatmentCourse | null>(null);
  // Five years back to a year ahead, fixed when the tab opens.
  const [range] = useState(() => ({
    from: new Date(Date.now() - 5 * 365 * 86_400_000).toISOString(),
    to: new Date(Date.now() + 365 * 86_400_000).toISOString(),
    clientId,
  }));
  const appointments = useQuery({
    queryKey: ['appointments', range],
    queryFn: () => api.listAppointments(range),
  });
  const courses = useQuery({ queryKey: ['courses', clientId], queryFn: () => api.listCourses(clientId) });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Stack gap="xs" miw={0} style={{ flex: '1 1 16rem' }}>
          {(courses.data?.items ?? []).map((c) => (
            <Group key={c.id} gap="xs" data-testid="client-course">
              {/* A title, not a badge: badges never wrap, and a long course title pushed the tab
                  sideways on a phone. */}
              <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                {t('calendar.courseLabel', { title: c.title, days: c.minIntervalDays })}
              </Text>
              {c.plan && c.plan.eligibility !== 'eligible' && (
                <Badge variant="light" color="yellow" size="lg" data-testid="course-plan-decision">
                  {t(`eligibility.${c.plan.eligibility}`)}
                </Badge>
              )}
              <Button
                size="xs"
                variant="light"
                leftSection={<IconCalendarPlus size={16} aria-hidden />}
                onClick={() => setRemaining(c)}
                data-testid="book-remaining-open"
              >
                {t('remaining.open')}
              </Button>
            </Group>
          ))}
        </Stack>
        <Button
          leftSection={<IconPlus size={18} aria-hidden />}
          onClick={() => setBooking(true)}
          data-testid="client-book"
        >
          {t('calendar.new')}
        </Button>
      </Group>
      {appointments.data && <AttendanceSummary appointments={appointments.data.items} />}
      {/* Wide enough that "Session 2" and the status stay on one line each; a phone scrolls it sideways. */}
      <DataTable
        framed
        minWidth={720}
        testId="client-appointments"
        headers={[
          t('calendar.date'),
          t('consentPage.kind'),
          t('calendar.artist'),
          t('consentPage.status'),
          t('attendance.deposit'),
          null,
        ]}
      >
        {(appointments.data?.items ?? []).map((a) => (
          <Table.Tr key={a.id} data-testid="client-appointment" data-appointment-id={a.id}>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(a.startsAt, locale)}</Table.Td>
            <Table.Td>
              <Text span inherit style={{ whiteSpace: 'nowrap' }}>
                {t(`appointmentKinds.${a.kind}`)}
                {a.sessionNumber ? ` ${a.sessionNumber}` : ''}
              </Text>
              {a.intervalOverrideReason && (
                <Text size="xs" c="orange.8">
                  {t('calendar.overridden')}: {a.intervalOverrideReason}
                </Text>
              )}
              {a.planOverrideReason && (
                <Text size="xs" c="orange.8">
                  {t('calendar.againstPlan')}: {a.planOverrideReason}
                </Text>
              )}
            </Table.Td>
            <Table.Td>{a.artistName}</Table.Td>
            <Table.Td>
              <Badge variant="light" color={statusColor(a.status)} data-testid="client-appointment-status">
                {t(`appointmentStatus.${a.status}`)}
              </Badge>
            </Table.Td>
            <Table.Td data-testid="client-appointment-deposit">
              <DepositBadge deposit={a.deposit} />
            </Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <Button variant="subtle" onClick={() => setOpen(a)}>
                  {t('common.open')}
                </Button>
                {clinical &&
                  a.kind !== 'consultation' &&
                  a.status !== 'cancelled' &&
                  a.status !== 'no_show' && (
                    <Button
                      component={Link}
                      to={`/appointments/${a.id}/session`}
                      variant="light"
                      data-testid="open-session-record"
                    >
                      {a.hasSessionRecord ? t('calendar.openSession') : t('calendar.recordSession')}
                    </Button>
                  )}
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      {appointments.data?.items.length === 0 && <Text c="dimmed">{t('calendar.noneForClient')}</Text>}
      {appointments.isError && (
        <Alert color="red" role="alert">
          {describeError(appointments.error, t)}
        </Alert>
      )}
      <BookAppointmentModal
        opened={booking}
        onClose={() => setBooking(false)}
        defaults={{ client: { id: clientId, name: clientName } }}
      />
      <AppointmentModal appointment={open} onClose={() => setOpen(null)} />
      <BookRemainingModal
        course={remaining}
        lastArtistId={
          (appointments.data?.items ?? [])
            .filter((a) => a.courseId === remaining?.id && a.status !== 'cancelled')
            .at(-1)?.artistId
        }
        onClose={() => setRemaining(null)}
      />
    </Stack>
  );
}
