import { useState } from 'react';
import {
  Alert,
  Button,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { DateInput, TimeInput } from '@mantine/dates';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Appointment, AppointmentKind } from '@stipple/core';
import { useApi } from '../api/ApiProvider.js';
import { isApiRequestError } from '../api/api-error.js';
import { describeError } from '../api/describe-error.js';
import { useSignedInSession } from '../api/session.js';
import { formatPersonName, localInstant } from '../i18n/format.js';
import { FormModal, useFormModal } from './FormModal.js';
import { StickyActions } from './StickyActions.js';

export interface BookingDefaults {
  client?: { id: string; name: string };
  date?: string;
}

const DEFAULT_MINUTES: Record<AppointmentKind, number> = { consultation: 60, session: 240, touch_up: 120 };

/** Books a consultation, a session of a treatment, or a touch-up; explains every refusal. */
export function BookAppointmentModal(props: {
  opened: boolean;
  onClose: () => void;
  defaults?: BookingDefaults;
  onBooked?: (a: Appointment) => void;
}) {
  const { t } = useTranslation();
  return (
    <FormModal opened={props.opened} onClose={props.onClose} title={t('calendar.bookTitle')} size="lg">
      {/* Mounted while open: every booking starts from a fresh form. */}
      {props.opened && <BookingForm {...props} />}
    </FormModal>
  );
}

function BookingForm({
  opened,
  onClose,
  defaults,
  onBooked,
}: {
  opened: boolean;
  onClose: () => void;
  defaults?: BookingDefaults;
  onBooked?: (a: Appointment) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const session = useSignedInSession();
  const clinical = session.user.role !== 'front_desk';

  const [clientId, setClientId] = useState<string | null>(defaults?.client?.id ?? null);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [chosenArtist, setArtistId] = useState<string | null>(null);
  const [kind, setKind] = useState<AppointmentKind>('consultation');
  const [chosenCourse, setCourseId] = useState<string | null>(null);
  const [newCourse, setNewCourse] = useState('');
  const [date, setDate] = useState<string | null>(defaults?.date ?? null);
  const [time, setTime] = useState('10:00');
  const [minutes, setMinutes] = useState<number | string>(60);
  const narrow = useMediaQuery('(max-width: 30em)');
  const [notes, setNotes] = useState('');
  const [override, setOverride] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const { requestClose } = useFormModal(
    clientId !== (defaults?.client?.id ?? null) ||
      date !== (defaults?.date ?? null) ||
      kind !== 'consultation' ||
      chosenArtist !== null ||
      notes !== '' ||
      override !== '' ||
      newCourse !== '',
  );

  const clients = useQuery({
    queryKey: ['clients', { q: debounced, pageSize: 50 }],
    queryFn: () => api.listClients({ q: debounced, pageSize: 50 }),
    enabled: opened && !defaults?.client,
  });
  const artists = useQuery({ queryKey: ['artists'], queryFn: () => api.listArtists(), enabled: opened });
  const courses = useQuery({
    queryKey: ['courses', clientId],
    queryFn: () => api.listCourses(clientId!),
    enabled: opened && Boolean(clientId),
  });

  // Until someone picks: yourself when you can be booked, else the first artist; the newest treatment.
  const artistList = artists.data?.items ?? [];
  const artistId =
    chosenArtist ??
    (
      artistList.find((a) => a.id === session.user.id) ??
      artistList.find((a) => a.role === 'artist') ??
      artistList[0]
    )?.id ??
    null;
  const courseList = courses.data?.items ?? [];
  const courseId = chosenCourse ?? courseList[courseList.length - 1]?.id ?? null;

  const createCourse = useMutation({
    mutationFn: () => api.createCourse(clientId!, { title: newCourse.trim() }),
    onSuccess: async (course) => {
      await queryClient.invalidateQueries({ queryKey: ['courses', clientId] });
      setCourseId(course.id);
      setNewCourse('');
    },
  });

  const book = useMutation({
    mutationFn: (withOverride: boolean) => {
      const next: Record<string, string> = {};
      if (!clientId) next.clientId = t('validation.required');
      if (!date) next.startsAt = t('validation.required');
      if (kind !== 'consultation' && !courseId) next.courseId = t('validation.required');
      setErrors(next);
      if (Object.keys(next).length) throw new Error('incomplete');
      return api.bookAppointment({
        clientId: clientId!,
        artistId: artistId ?? undefined,
        kind,
        courseId: kind === 'consultation' ? null : courseId,
        startsAt: localInstant(date!, time || '10:00').toISOString(),
        durationMinutes: Number(minutes) || DEFAULT_MINUTES[kind],
        notes,
        ...(withOverride ? { intervalOverrideReason: override } : {}),
      });
    },
    onSuccess: async (appointment) => {
      await queryClient.invalidateQueries({ queryKey: ['appointments'] });
      notifications.show({ color: 'teal', message: t('calendar.booked', { name: appointment.clientName }) });
      onBooked?.(appointment);
      onClose();
    },
    onError: (err) => {
      // The interval refusal is explained (with the way to override it) in its own box.
      if (!isApiRequestError(err) || err.code === 'interval_too_short') return;
      const fields: Record<string, string> = {};
      for (const f of err.fields) fields[f.field] ??= f.message;
      setErrors(fields);
    },
  });

  const intervalError =
    isApiRequestError(book.error) && book.error.code === 'interval_too_short' ? book.error : null;
  const intervalRefused = intervalError !== null;
  const otherError =
    book.error && isApiRequestError(book.error) && !intervalRefused && book.error.fields.length === 0
      ? book.error
      : null;

  const clientOptions = defaults?.client
    ? [{ value: defaults.client.id, label: defaults.client.name }]
    : (clients.data?.items ?? []).map((c) => ({ value: c.id, label: formatPersonName(c) }));

  return (
    <>
      <Stack gap="md" data-testid="book-appointment">
        <Select
          label={t('calendar.client')}
          data={clientOptions}
          value={clientId}
          onChange={(v) => {
            setClientId(v);
            setCourseId(null);
          }}
          searchable={!defaults?.client}
          onSearchChange={setSearch}
          disabled={Boolean(defaults?.client)}
          nothingFoundMessage={t('calendar.noClients')}
          error={errors.clientId}
          comboboxProps={{ withinPortal: true }}
          data-testid="book-client"
        />
        <SegmentedControl
          fullWidth
          // On a phone the three kinds do not fit side by side: one above the other, none cut.
          orientation={narrow ? 'vertical' : 'horizontal'}
          value={kind}
          onChange={(v) => {
            setKind(v);
            setMinutes(DEFAULT_MINUTES[v]);
          }}
          data={(['consultation', 'session', 'touch_up'] as const).map((k) => ({
            value: k,
            label: t(`appointmentKinds.${k}`),
          }))}
          data-testid="book-kind"
        />
        {kind !== 'consultation' && (
          <Stack gap="xs">
            <Select
              label={t('calendar.course')}
              data={(courses.data?.items ?? []).map((c) => ({
                value: c.id,
                label: t('calendar.courseLabel', { title: c.title, days: c.minIntervalDays }),
              }))}
              value={courseId}
              onChange={setCourseId}
              placeholder={t('calendar.noCourse')}
              error={errors.courseId}
              comboboxProps={{ withinPortal: true }}
              data-testid="book-course"
            />
            <Group align="flex-end" gap="sm" wrap="nowrap">
              <TextInput
                label={t('calendar.newCourse')}
                placeholder={t('calendar.newCoursePlaceholder')}
                value={newCourse}
                onChange={(e) => setNewCourse(e.currentTarget.value)}
                style={{ flex: 1 }}
                data-testid="new-course-title"
              />
              <Button
                variant="light"
                disabled={!clientId || !newCourse.trim()}
                loading={createCourse.isPending}
                onClick={() => createCourse.mutate()}
                data-testid="create-course"
              >
                {t('calendar.createCourse')}
              </Button>
            </Group>
          </Stack>
        )}
        <Select
          label={t('calendar.artist')}
          data={(artists.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
          value={artistId}
          onChange={setArtistId}
          error={errors.artistId}
          comboboxProps={{ withinPortal: true }}
          data-testid="book-artist"
        />
        {/* Two to a row on a phone, so the date is not cut. */}
        <SimpleGrid cols={{ base: 2, xs: 3 }} spacing="sm">
          <DateInput
            label={t('calendar.date')}
            valueFormat="YYYY-MM-DD"
            placeholder="YYYY-MM-DD"
            value={date}
            onChange={setDate}
            error={errors.startsAt}
            popoverProps={{ withinPortal: true }}
            data-testid="book-date"
          />
          <TimeInput
            label={t('calendar.time')}
            value={time}
            onChange={(e) => setTime(e.currentTarget.value)}
            data-testid="book-time"
          />
          <NumberInput
            label={t('calendar.minutes')}
            value={minutes}
            onChange={setMinutes}
            min={15}
            max={720}
            step={15}
            error={errors.durationMinutes}
          />
        </SimpleGrid>
        <TextInput
          label={t('calendar.notes')}
          description={t('calendar.notesHint')}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
        />
        <StickyActions dialog>
          {intervalRefused && (
            <Alert color="orange" title={t('calendar.intervalTitle')} data-testid="interval-refused">
              <Stack gap="sm">
                <Text size="sm">{intervalError?.message}</Text>
                {clinical ? (
                  <>
                    <Textarea
                      label={t('calendar.overrideReason')}
                      value={override}
                      onChange={(e) => setOverride(e.currentTarget.value)}
                      autosize
                      minRows={2}
                      data-testid="override-reason"
                    />
                    <Button
                      color="orange"
                      disabled={override.trim().length < 3}
                      loading={book.isPending}
                      onClick={() => book.mutate(true)}
                      data-testid="book-anyway"
                    >
                      {t('calendar.bookAnyway')}
                    </Button>
                  </>
                ) : (
                  <Text size="sm">{t('calendar.overrideClinicalOnly')}</Text>
                )}
              </Stack>
            </Alert>
          )}
          {otherError && (
            <Alert color="red" role="alert">
              {describeError(otherError, t)}
            </Alert>
          )}
          {book.error && isApiRequestError(book.error) && book.error.status === 409 && (
            <Alert color="red" role="alert" data-testid="double-booking">
              {book.error.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={requestClose}>
              {t('common.cancel')}
            </Button>
            <Button loading={book.isPending} onClick={() => book.mutate(false)} data-testid="book-submit">
              {t('calendar.book')}
            </Button>
          </Group>
        </StickyActions>
      </Stack>
    </>
  );
}
