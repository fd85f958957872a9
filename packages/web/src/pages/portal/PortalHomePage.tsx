import { useState } from 'react';
import { Alert, Badge, Button, Card, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconCalendarEvent, IconStethoscope } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PortalAppointment, PortalSessionInfo, Slot } from '@stipple/core';
import { useApi } from '../../api/ApiProvider.js';
import { describeError } from '../../api/describe-error.js';
import { formatDateTime, formatPersonName } from '../../i18n/format.js';
import { useLocale } from '../../i18n/use-ui-locale.js';
import { PortalConsents } from '../../components/portal/PortalConsents.js';
import { PortalFrame } from '../../components/portal/PortalFrame.js';
import { SlotPicker } from '../../components/public/SlotPicker.js';

/** `/portal`: the signed-in client's page: appointments with their health questions, and consents. */
export function PortalHomePage() {
  return (
    <PortalFrame>
      {(session) => (
        <Stack gap="md">
          <Appointments session={session} />
          <PortalConsents signerName={formatPersonName(session.client)} />
        </Stack>
      )}
    </PortalFrame>
  );
}

function Appointments({ session }: { session: PortalSessionInfo }) {
  const { t } = useTranslation();
  const api = useApi();
  const list = useQuery({ queryKey: ['portal', 'appointments'], queryFn: () => api.portalAppointments() });
  return (
    <Stack gap="sm" data-testid="portal-appointments">
      <Title order={1} size="h3">
        {t('portal.upcoming')}
      </Title>
      {list.isPending && (
        <Center py="lg">
          <Loader aria-label={t('common.loading')} />
        </Center>
      )}
      {list.isError && (
        <Alert color="red" role="alert">
          {describeError(list.error, t)}
        </Alert>
      )}
      {list.data?.upcoming.length === 0 && <Text c="dimmed">{t('portal.noUpcoming')}</Text>}
      {list.data?.upcoming.map((a) => (
        <AppointmentCard key={a.id} appointment={a} phone={session.studio.phone} />
      ))}
    </Stack>
  );
}

function AppointmentCard({ appointment: a, phone }: { appointment: PortalAppointment; phone: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const [moving, setMoving] = useState(false);
  const [target, setTarget] = useState<Slot | null>(null);
  const cancel = useMutation({
    mutationFn: () => api.portalCancel(a.id, ''),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['portal'] }),
  });
  const move = useMutation({
    mutationFn: (slot: Slot) => api.portalMove(a.id, slot.startsAt),
    onSuccess: () => {
      setMoving(false);
      setTarget(null);
      return queryClient.invalidateQueries({ queryKey: ['portal'] });
    },
  });
  const intakeText = {
    none: t('portal.intakeNone'),
    submitted: t('portal.intakeSubmitted'),
    accepted: t('portal.intakeAccepted'),
  }[a.intake];
  return (
    <Card withBorder radius="lg" data-testid={`portal-appointment-${a.id}`}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={2}>
            <Text fw={700}>
              <IconCalendarEvent size={16} aria-hidden style={{ verticalAlign: 'middle' }} />{' '}
              {formatDateTime(a.startsAt, locale)}
            </Text>
            <Text size="sm" c="dimmed">
              {t(`appointmentKinds.${a.kind}`)} · {t('portal.with', { name: a.artistName })}
            </Text>
          </Stack>
          <Badge
            color={a.status === 'booked' ? 'teal' : 'yellow'}
            variant="light"
            data-testid="portal-status"
          >
            {a.status === 'booked' ? t('portal.statusBooked') : t('portal.statusRequested')}
          </Badge>
        </Group>
        <Alert
          color={a.intake === 'none' ? 'indigo' : 'teal'}
          icon={<IconStethoscope aria-hidden />}
          data-testid="portal-intake-state"
        >
          <Stack gap="xs">
            <Text size="sm">{intakeText}</Text>
            {a.intake !== 'accepted' && (
              <Button
                component={Link}
                to={`/portal/intake/${a.id}`}
                size="sm"
                variant={a.intake === 'none' ? 'filled' : 'light'}
                data-testid="portal-answer-intake"
              >
                {a.intake === 'none' ? t('portal.answer') : t('portal.change')}
              </Button>
            )}
          </Stack>
        </Alert>
        {a.canChange ? (
          <Text size="sm" c="dimmed">
            {t('portal.changeUntil', { date: formatDateTime(a.changeUntil, locale) })}
          </Text>
        ) : (
          <Text size="sm" c="dimmed" data-testid="portal-too-late">
            {t('portal.tooLate', { phone })}
          </Text>
        )}
        {move.isSuccess && (
          <Alert color="teal" role="status" data-testid="portal-moved">
            {t('portal.moved')}
          </Alert>
        )}
        {(cancel.error ?? move.error) && (
          <Alert color="red" role="alert">
            {describeError(cancel.error ?? move.error, t)}
          </Alert>
        )}
        {a.canChange && moving && (
          <Stack gap="sm" data-testid="portal-move">
            <SlotPicker
              source={{
                key: ['portal', 'move-slots', a.id],
                load: (from) => api.portalMoveSlots(a.id, from),
              }}
              value={target}
              onChange={setTarget}
            />
            <Group grow>
              <Button variant="default" onClick={() => setMoving(false)}>
                {t('portal.keep')}
              </Button>
              <Button
                disabled={!target}
                loading={move.isPending}
                onClick={() => target && move.mutate(target)}
                data-testid="portal-move-confirm"
              >
                {target
                  ? t('portal.moveTo', { date: formatDateTime(target.startsAt, locale) })
                  : t('portal.move')}
              </Button>
            </Group>
          </Stack>
        )}
        {a.canChange &&
          !moving &&
          (asking ? (
            <Stack gap="xs">
              <Text size="sm">{t('portal.cancelConfirm')}</Text>
              <Group grow>
                <Button variant="default" onClick={() => setAsking(false)}>
                  {t('portal.keep')}
                </Button>
                <Button
                  color="red"
                  loading={cancel.isPending}
                  onClick={() => cancel.mutate()}
                  data-testid="portal-cancel-confirm"
                >
                  {t('portal.cancel')}
                </Button>
              </Group>
            </Stack>
          ) : (
            <Group grow>
              <Button variant="light" onClick={() => setMoving(true)} data-testid="portal-move-open">
                {t('portal.move')}
              </Button>
              <Button
                variant="subtle"
                color="red"
                onClick={() => setAsking(true)}
                data-testid="portal-cancel"
              >
                {t('portal.cancel')}
              </Button>
            </Group>
          ))}
      </Stack>
    </Card>
  );
}
