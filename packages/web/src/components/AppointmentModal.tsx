import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Appointment } from '@stipple/core';
import { useApi } from '../api/ApiProvider.js';
import { isApiRequestError } from '../api/api-error.js';
import { describeError } from '../api/describe-error.js';
import { useSignedInSession } from '../api/session.js';
import { formatDateTime, isoDateOf, localInstant } from '../i18n/format.js';
import { useUnsavedChanges } from './UnsavedChanges.js';
import { useLocale } from '../i18n/use-ui-locale.js';
import { DateField } from './fields/DateField.js';
import { RuleOverrideNotice } from './RuleOverrideNotice.js';

/** One appointment: what it is, its history, and moving or cancelling it. */
export function AppointmentModal({
  appointment,
  onClose,
}: {
  appointment: Appointment | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useApi();
  const queryClient = useQueryClient();
  const session = useSignedInSession();
  const clinical = session.user.role !== 'front_desk';
  const [mode, setMode] = useState<'view' | 'move' | 'cancel'>('view');
  const [date, setDate] = useState<string | undefined>(undefined);
  const [time, setTime] = useState('10:00');
  const [reason, setReason] = useState('');
  const [override, setOverride] = useState('');
  const [planOverride, setPlanOverride] = useState('');

  const startsAt = appointment ? new Date(appointment.startsAt) : null;
  const unsaved = useUnsavedChanges(
    (mode === 'move' &&
      startsAt !== null &&
      (date !== isoDateOf(startsAt) ||
        time !== startsAt.toTimeString().slice(0, 5) ||
        reason.trim() !== '' ||
        override.trim() !== '')) ||
      (mode === 'cancel' && reason.trim() !== ''),
  );

  const history = useQuery({
    queryKey: ['appointment-history', appointment?.id, appointment?.version],
    queryFn: () => api.appointmentHistory(appointment!.id),
    enabled: Boolean(appointment),
  });

  const done = async (message: string) => {
    unsaved.saved();
    await queryClient.invalidateQueries({ queryKey: ['appointments'] });
    notifications.show({ color: 'teal', message });
    setMode('view');
    onClose();
  };

  const move = useMutation({
    mutationFn: (overrides: { interval: boolean; plan: boolean }) =>
      api.moveAppointment(appointment!.id, {
        startsAt: localInstant(date ?? isoDateOf(new Date(appointment!.startsAt)), time).toISOString(),
        reason,
        version: appointment!.version,
        ...(overrides.interval ? { intervalOverrideReason: override } : {}),
        ...(overrides.plan ? { planOverrideReason: planOverride } : {}),
      }),
    onSuccess: () => done(t('calendar.moved')),
  });
  const cancel = useMutation({
    mutationFn: () => api.cancelAppointment(appointment!.id, { reason, version: appointment!.version }),
    onSuccess: () => done(t('calendar.cancelled')),
  });

  if (!appointment) return null;
  const a = appointment;
  const refusal = isApiRequestError(move.error) ? move.error : null;
  const intervalRefused = refusal?.code === 'interval_too_short';
  const planRefused = refusal?.code === 'plan_blocks_session';
  const error = intervalRefused || planRefused ? cancel.error : (move.error ?? cancel.error);

  return (
    <Modal
      opened
      onClose={() =>
        unsaved.confirmDiscard(() => {
          setMode('view');
          onClose();
        })
      }
      title={`${t(`appointmentKinds.${a.kind}`)}${a.sessionNumber ? ` ${a.sessionNumber}` : ''} · ${a.clientName}`}
      size="lg"
    >
      <Stack gap="md" data-testid="appointment-modal">
        <Group gap="xs">
          <Badge color={a.status === 'cancelled' ? 'gray' : a.status === 'completed' ? 'teal' : 'indigo'}>
            {t(`appointmentStatus.${a.status}`)}
          </Badge>
          <Text>
            {formatDateTime(a.startsAt, locale)} – {formatDateTime(a.endsAt, locale)}
          </Text>
        </Group>
        <Text size="sm">
          {t('calendar.artist')}: {a.artistName}
        </Text>
        {a.intervalOverrideReason && (
          <Alert color="orange" title={t('calendar.overridden')}>
            {a.intervalOverrideReason}
          </Alert>
        )}
        {a.planOverrideReason && (
          <Alert color="orange" title={t('calendar.againstPlan')} data-testid="plan-override-reason">
            {a.planOverrideReason}
          </Alert>
        )}
        {a.notes && <Text size="sm">{a.notes}</Text>}
        <Group gap="sm">
          <Anchor component={Link} to={`/clients/${a.clientId}`}>
            {t('calendar.openClient')}
          </Anchor>
          {clinical && a.kind !== 'consultation' && a.status !== 'cancelled' && (
            <Button
              component={Link}
              to={`/appointments/${a.id}/session`}
              variant="light"
              data-testid="record-session"
            >
              {a.hasSessionRecord ? t('calendar.openSession') : t('calendar.recordSession')}
            </Button>
          )}
        </Group>

        {a.status === 'booked' && mode === 'view' && (
          <Group>
            <Button
              variant="default"
              onClick={() => {
                setDate(isoDateOf(new Date(a.startsAt)));
                setTime(new Date(a.startsAt).toTimeString().slice(0, 5));
                setMode('move');
              }}
              data-testid="move-appointment"
            >
              {t('calendar.move')}
            </Button>
            <Button
              color="red"
              variant="light"
              onClick={() => setMode('cancel')}
              data-testid="cancel-appointment"
            >
              {t('calendar.cancel')}
            </Button>
          </Group>
        )}
        {mode === 'move' && (
          <Stack gap="sm">
            <Group grow>
              <DateField label={t('calendar.date')} value={date} onChange={setDate} />
              <TimeInput
                label={t('calendar.time')}
                value={time}
                onChange={(e) => setTime(e.currentTarget.value)}
              />
            </Group>
            <TextInput
              label={t('calendar.reason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
            />
            {planRefused && (
              <RuleOverrideNotice
                title={t('calendar.planTitle')}
                message={describeError(refusal, t)}
                reason={planOverride}
                onReason={setPlanOverride}
                testId="move-plan-refused"
              />
            )}
            {intervalRefused && (
              <RuleOverrideNotice
                title={t('calendar.intervalTitle')}
                message={describeError(refusal, t)}
                reason={override}
                onReason={setOverride}
                testId="move-interval-refused"
              />
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setMode('view')}>
                {t('common.back')}
              </Button>
              <Button
                loading={move.isPending}
                onClick={() =>
                  move.mutate({
                    interval: intervalRefused && clinical,
                    plan: planRefused && clinical,
                  })
                }
              >
                {t('calendar.move')}
              </Button>
            </Group>
          </Stack>
        )}
        {mode === 'cancel' && (
          <Stack gap="sm">
            <TextInput
              label={t('calendar.cancelReason')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              data-testid="cancel-reason"
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setMode('view')}>
                {t('common.back')}
              </Button>
              <Button
                color="red"
                loading={cancel.isPending}
                disabled={reason.trim().length < 3}
                onClick={() => cancel.mutate()}
              >
                {t('calendar.confirmCancel')}
              </Button>
            </Group>
          </Stack>
        )}
        {error && (
          <Alert color="red" role="alert">
            {describeError(error, t)}
          </Alert>
        )}

        <div>
          <Text fw={600} size="sm" mb={4}>
            {t('calendar.history')}
          </Text>
          <Table>
            <Table.Tbody>
              {(history.data?.items ?? []).map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at, locale)}</Table.Td>
                  <Table.Td>{t(`calendar.events.${e.action}`)}</Table.Td>
                  <Table.Td>{e.actor?.name ?? t('audit.system')}</Table.Td>
                  <Table.Td>
                    {e.toStartsAt && e.action === 'moved' ? formatDateTime(e.toStartsAt, locale) : ''}{' '}
                    {e.reason ?? ''} {e.intervalOverrideReason ? `(${e.intervalOverrideReason})` : ''}
                    {e.planOverrideReason ? ` (${t('calendar.againstPlan')}: ${e.planOverrideReason})` : ''}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      </Stack>
    </Modal>
  );
}
