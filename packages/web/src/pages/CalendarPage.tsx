import { useMemo, useState } from 'react';
import {
  Badge,
  Button,
  Group,
  Paper,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import {
  IconCalendarShare,
  IconChevronLeft,
  IconChevronRight,
  IconClock,
  IconPlus,
} from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '@stipple/core';
import { useApi } from '../api/ApiProvider.js';
import { useSignedInSession } from '../api/session.js';
import { dayHoursText, withinWorkingHours } from '../forms/working-hours-form.js';
import { formatTime, formatWeekday, formatWeekdayPieces, isoDateOf } from '../i18n/format.js';
import { useLocale } from '../i18n/use-ui-locale.js';
import { AppointmentModal } from '../components/AppointmentModal.js';
import { BookAppointmentModal } from '../components/BookAppointmentModal.js';
import { CalendarFeedsModal } from '../components/CalendarFeedsModal.js';
import { WorkingHoursModal } from '../components/WorkingHoursModal.js';

const KIND_COLOURS = { consultation: 'grape', session: 'indigo', touch_up: 'cyan' } as const;

const minuteOfDay = (iso: string) => {
  const d = new Date(iso);
  return d.getHours() * 60 + d.getMinutes();
};

function mondayOf(date: Date): Date {
  const d = new Date(date.getFullYear(), date.getMonth(), date.getDate());
  d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  return d;
}

/** The studio's week, for every role: all artists or one, with booking, moving and cancelling. */
export function CalendarPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useApi();
  const [weekStart, setWeekStart] = useState(() => mondayOf(new Date()));
  const [artistId, setArtistId] = useState<string | null>(null);
  const [booking, setBooking] = useState<{ date?: string } | null>(null);
  const [open, setOpen] = useState<Appointment | null>(null);
  const [hoursOpen, setHoursOpen] = useState(false);
  const [feedsOpen, setFeedsOpen] = useState(false);
  const session = useSignedInSession();

  const days = useMemo(
    () =>
      Array.from(
        { length: 7 },
        (_, i) => new Date(weekStart.getFullYear(), weekStart.getMonth(), weekStart.getDate() + i),
      ),
    [weekStart],
  );
  const range = {
    from: weekStart.toISOString(),
    to: new Date(weekStart.getFullYear(), weekStart.getMonth(), weekStart.getDate() + 7).toISOString(),
    ...(artistId ? { artistId } : {}),
  };
  const appointments = useQuery({
    queryKey: ['appointments', range],
    queryFn: () => api.listAppointments(range),
    placeholderData: keepPreviousData,
  });
  const artists = useQuery({ queryKey: ['artists'], queryFn: () => api.listArtists() });
  // The chosen artist's hours, else your own when you can be booked (the server allows you to edit them).
  const hoursOf = artists.data?.items.find((a) => a.id === (artistId ?? session.user.id)) ?? null;
  const canEditHours = session.user.role === 'owner' || hoursOf?.id === session.user.id;
  const hours = useQuery({
    queryKey: ['working-hours', artistId],
    queryFn: () => api.getWorkingHours(artistId!),
    enabled: Boolean(artistId),
  });
  const hasHours = Boolean(hours.data && (hours.data.weekly.length > 0 || hours.data.exceptions.length > 0));

  const shift = (weeks: number) =>
    setWeekStart((w) => new Date(w.getFullYear(), w.getMonth(), w.getDate() + weeks * 7));
  const byDay = (day: Date) =>
    (appointments.data?.items ?? []).filter((a) => isoDateOf(new Date(a.startsAt)) === isoDateOf(day));

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={4}>
          <Title order={2}>{t('calendar.title')}</Title>
          <Text c="dimmed" size="sm">
            {formatWeekday(days[0]!, locale)} – {formatWeekday(days[6]!, locale)}
          </Text>
        </Stack>
        <Button
          leftSection={<IconPlus size={18} aria-hidden />}
          onClick={() => setBooking({})}
          data-testid="new-appointment"
        >
          {t('calendar.new')}
        </Button>
      </Group>
      <Group gap="sm" wrap="wrap">
        <Button
          variant="default"
          onClick={() => shift(-1)}
          aria-label={t('calendar.previousWeek')}
          data-testid="previous-week"
        >
          <IconChevronLeft size={18} aria-hidden />
        </Button>
        <Button variant="default" onClick={() => setWeekStart(mondayOf(new Date()))}>
          {t('calendar.today')}
        </Button>
        <Button
          variant="default"
          onClick={() => shift(1)}
          aria-label={t('calendar.nextWeek')}
          data-testid="next-week"
        >
          <IconChevronRight size={18} aria-hidden />
        </Button>
        <Select
          placeholder={t('calendar.allArtists')}
          data={(artists.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
          value={artistId}
          onChange={setArtistId}
          clearable
          maw={260}
          aria-label={t('calendar.artist')}
          comboboxProps={{ withinPortal: true }}
        />
        {hoursOf && (
          <Button
            variant="default"
            leftSection={<IconClock size={18} aria-hidden />}
            onClick={() => setHoursOpen(true)}
            data-testid="open-working-hours"
          >
            {artistId ? t('workingHours.button') : t('workingHours.mine')}
          </Button>
        )}
        {/* Calendar feeds are for owners and artists (docs/roles.md). */}
        {session.user.role !== 'front_desk' && (
          <Button
            variant="default"
            leftSection={<IconCalendarShare size={18} aria-hidden />}
            onClick={() => setFeedsOpen(true)}
            data-testid="open-calendar-feeds"
          >
            {t('calendarFeeds.button')}
          </Button>
        )}
      </Group>
      {appointments.data?.items.length === 0 && (
        <Text c="dimmed" data-testid="calendar-empty">
          {t('calendar.emptyWeek')}
        </Text>
      )}
      <ScrollArea type="auto">
        <SimpleGrid cols={7} spacing="xs" miw={760} data-testid="calendar-week">
          {days.map((day) => {
            const items = byDay(day);
            const today = isoDateOf(day) === isoDateOf(new Date());
            const dayHours = hasHours ? dayHoursText(hours.data!, day.getDay(), isoDateOf(day)) : undefined;
            const closed = dayHours === null;
            return (
              <Paper
                key={day.toISOString()}
                withBorder
                radius="md"
                p="xs"
                mih={260}
                bg={today ? 'indigo.0' : closed ? 'gray.1' : undefined}
                data-testid={`day-${isoDateOf(day)}`}
              >
                <UnstyledButton onClick={() => setBooking({ date: isoDateOf(day) })} w="100%" mih={44}>
                  <Text fw={600} size="sm" ta="center" data-testid="day-title">
                    {formatWeekdayPieces(day, locale).map((piece) => (
                      <span key={piece} style={{ whiteSpace: 'nowrap' }}>
                        {piece}
                      </span>
                    ))}
                  </Text>
                  {dayHours !== undefined && (
                    <Text size="xs" c="dimmed" ta="center" data-testid="day-hours">
                      {dayHours ?? t('workingHours.closed')}
                    </Text>
                  )}
                </UnstyledButton>
                <Stack gap={6}>
                  {items.map((a) => (
                    <UnstyledButton
                      key={a.id}
                      onClick={() => setOpen(a)}
                      data-testid="calendar-appointment"
                      style={{
                        borderLeft: `4px solid var(--mantine-color-${KIND_COLOURS[a.kind]}-6)`,
                        background: 'var(--mantine-color-gray-0)',
                        borderRadius: 6,
                        padding: '6px 8px',
                        minHeight: 44,
                        opacity: a.status === 'cancelled' ? 0.5 : 1,
                      }}
                    >
                      <Text size="xs" c="dimmed">
                        {formatTime(a.startsAt, locale)}–{formatTime(a.endsAt, locale)}
                      </Text>
                      {/* Whole names, wrapped where they must be: a cut name is the wrong client. */}
                      <Text
                        size="sm"
                        fw={600}
                        style={{ overflowWrap: 'anywhere' }}
                        data-testid="appointment-client"
                      >
                        {a.clientName}
                      </Text>
                      <Group gap={4}>
                        <Text
                          size="xs"
                          fw={600}
                          c={`${KIND_COLOURS[a.kind]}.8`}
                          style={{ overflowWrap: 'anywhere' }}
                        >
                          {t(`appointmentKinds.${a.kind}`)}
                          {a.sessionNumber ? ` ${a.sessionNumber}` : ''}
                        </Text>
                        {a.status === 'completed' && (
                          <Badge size="xs" color="teal" variant="light">
                            {t('appointmentStatus.completed')}
                          </Badge>
                        )}
                      </Group>
                      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                        {a.artistName}
                      </Text>
                      {hasHours &&
                        a.status !== 'cancelled' &&
                        !withinWorkingHours(
                          hours.data!,
                          day.getDay(),
                          isoDateOf(day),
                          minuteOfDay(a.startsAt),
                          minuteOfDay(a.startsAt) +
                            Math.round((Date.parse(a.endsAt) - Date.parse(a.startsAt)) / 60_000),
                        ) && (
                          <Badge size="xs" color="orange" variant="light" data-testid="outside-hours">
                            {t('workingHours.outside')}
                          </Badge>
                        )}
                    </UnstyledButton>
                  ))}
                </Stack>
              </Paper>
            );
          })}
        </SimpleGrid>
      </ScrollArea>
      <BookAppointmentModal
        opened={booking !== null}
        onClose={() => setBooking(null)}
        defaults={booking ?? {}}
      />
      <AppointmentModal appointment={open} onClose={() => setOpen(null)} />
      <WorkingHoursModal
        staff={hoursOpen ? hoursOf : null}
        canEdit={canEditHours}
        onClose={() => setHoursOpen(false)}
      />
      <CalendarFeedsModal opened={feedsOpen} onClose={() => setFeedsOpen(false)} />
    </Stack>
  );
}
