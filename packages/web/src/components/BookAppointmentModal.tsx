import { useState } from 'react';
import { Alert, Button, Group, SegmentedControl, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  CreateAppointmentRequest,
  IsoDate,
  OverrideReason,
  type Appointment,
  type AppointmentKind,
} from '@stipple/core';
import { useApi } from '../api/ApiProvider.js';
import { isApiRequestError } from '../api/api-error.js';
import { describeError } from '../api/describe-error.js';
import { useSignedInSession } from '../api/session.js';
import { courseGate, gateMessage } from '../consultation/plan-gate-message.js';
import { useFieldErrors } from '../forms/field-errors.js';
import { checkValue, translateFieldError } from '../forms/validation-messages.js';
import { formatPersonName, localInstant } from '../i18n/format.js';
import { DateField } from './fields/DateField.js';
import { NumberField } from './fields/NumberField.js';
import { FormModal, useFormModal } from './FormModal.js';
import { RuleOverrideNotice } from './RuleOverrideNotice.js';
import { StickyActions } from './StickyActions.js';

export interface BookingDefaults {
  client?: { id: string; name: string };
  date?: string;
}

/**
 * What the server refused and may be set aside with a reason, for the booking as it was then (its
 * client, kind, treatment, day, time, artist): kept on screen with the reason's field, also while a
 * later answer is about something else, until the booking changes.
 */
interface Notices {
  booking: string;
  interval?: string;
  plan?: string;
  /** The form's own button was pressed without the reason a rule set aside needs. */
  reasonsChecked?: boolean;
}

const DEFAULT_MINUTES: Record<AppointmentKind, number> = { consultation: 60, session: 240, touch_up: 120 };
/** Refusals that an owner or artist may set aside with a reason. */
const OVERRIDABLE = new Set(['interval_too_short', 'plan_blocks_session']);

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

  const [clientId, setClientId] = useState<string | null>(defaults?.client?.id ?? null);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [chosenArtist, setArtistId] = useState<string | null>(null);
  const [kind, setKind] = useState<AppointmentKind>('consultation');
  const [chosenCourse, setCourseId] = useState<string | null>(null);
  const [newCourse, setNewCourse] = useState('');
  const [date, setDate] = useState<string | undefined>(defaults?.date);
  const [time, setTime] = useState('10:00');
  const [minutes, setMinutes] = useState<number | string | undefined>(60);
  const narrow = useMediaQuery('(max-width: 30em)');
  const [notes, setNotes] = useState('');
  const [override, setOverride] = useState('');
  const [planOverride, setPlanOverride] = useState('');
  const { errors, setErrors, clearErrors } = useFieldErrors();
  const booking = JSON.stringify([clientId, kind, chosenCourse, date, time, chosenArtist]);
  const [notices, setNotices] = useState<Notices>({ booking });
  const current: Notices = notices.booking === booking ? notices : { booking };
  const note = (patch: Omit<Notices, 'booking'>) => setNotices({ ...current, ...patch, booking });
  const { requestClose } = useFormModal(
    clientId !== (defaults?.client?.id ?? null) ||
      date !== defaults?.date ||
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
  const course = courseList.find((c) => c.id === courseId);
  // What the treatment plan says about a session on that day: warned before booking, not after.
  const validDate = date && IsoDate.safeParse(date).success ? date : null;
  const gate = kind === 'consultation' ? { open: true as const } : courseGate(course?.plan, validDate);

  const createCourse = useMutation({
    mutationFn: () => api.createCourse(clientId!, { title: newCourse.trim() }),
    onSuccess: async (course) => {
      await queryClient.invalidateQueries({ queryKey: ['courses', clientId] });
      setCourseId(course.id);
      clearErrors('courseId');
      setNewCourse('');
    },
  });

  const book = useMutation({
    mutationFn: (overrides: { interval: boolean; plan: boolean }) => {
      const next: Record<string, string> = {};
      const required = t('messages.field.required');
      if (!clientId) next.clientId = required;
      if (!date) next.startsAt = required;
      else if (!validDate) next.startsAt = t('messages.field.notADate');
      if (kind !== 'consultation' && !courseId) next.courseId = required;
      // The duration as typed: checked by the shared rule, never replaced by a default.
      const duration = checkValue(CreateAppointmentRequest.shape.durationMinutes, minutes, t);
      if (!duration.ok) next.durationMinutes = duration.message;
      // A rule set aside needs its reason: said in the rule's own box, not sent without one.
      const missingReason =
        (overrides.interval && !OverrideReason.safeParse(override).success) ||
        (overrides.plan && !OverrideReason.safeParse(planOverride).success);
      note({ reasonsChecked: missingReason });
      setErrors(next);
      if (missingReason || !duration.ok || Object.keys(next).length) throw new Error('incomplete');
      return api.bookAppointment({
        clientId: clientId!,
        artistId: artistId ?? undefined,
        kind,
        courseId: kind === 'consultation' ? null : courseId,
        startsAt: localInstant(validDate!, time || '10:00').toISOString(),
        durationMinutes: duration.value,
        notes,
        ...(overrides.interval ? { intervalOverrideReason: override } : {}),
        ...(overrides.plan ? { planOverrideReason: planOverride } : {}),
      });
    },
    onSuccess: async (appointment) => {
      await queryClient.invalidateQueries({ queryKey: ['appointments'] });
      notifications.show({ color: 'teal', message: t('calendar.booked', { name: appointment.clientName }) });
      onBooked?.(appointment);
      onClose();
    },
    onError: (err) => {
      // The interval and the plan are explained (with the way to go ahead) in their own boxes.
      if (isApiRequestError(err) && err.code === 'interval_too_short')
        note({ interval: describeError(err, t) });
      if (isApiRequestError(err) && err.code === 'plan_blocks_session') note({ plan: describeError(err, t) });
      if (!isApiRequestError(err) || OVERRIDABLE.has(err.code)) return;
      const fields: Record<string, string> = {};
      for (const f of err.fields) fields[f.field] ??= translateFieldError(f, t);
      setErrors(fields);
    },
  });

  const refusal = isApiRequestError(book.error) ? book.error : null;
  const intervalRefused = current.interval !== undefined;
  const planRefused = current.plan !== undefined;
  const otherError =
    book.error && book.error.message !== 'incomplete' && !(refusal && OVERRIDABLE.has(refusal.code))
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
            clearErrors('clientId', 'courseId');
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
            clearErrors('courseId', 'durationMinutes');
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
              onChange={(v) => {
                setCourseId(v);
                clearErrors('courseId');
              }}
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
          onChange={(v) => {
            setArtistId(v);
            clearErrors('artistId');
          }}
          error={errors.artistId}
          comboboxProps={{ withinPortal: true }}
          data-testid="book-artist"
        />
        {/* Two to a row on a phone, so the date is not cut. */}
        <SimpleGrid cols={{ base: 2, xs: 3 }} spacing="sm">
          <DateField
            label={t('calendar.date')}
            value={date}
            onChange={(v) => {
              setDate(v);
              clearErrors('startsAt');
            }}
            error={errors.startsAt}
            popoverProps={{ withinPortal: true }}
            data-testid="book-date"
          />
          <TimeInput
            label={t('calendar.time')}
            value={time}
            onChange={(e) => {
              setTime(e.currentTarget.value);
              clearErrors('startsAt');
            }}
            data-testid="book-time"
          />
          <NumberField
            label={t('calendar.minutes')}
            value={minutes}
            onChange={(v) => {
              setMinutes(v);
              clearErrors('durationMinutes');
            }}
            error={errors.durationMinutes}
            data-testid="book-minutes"
          />
        </SimpleGrid>
        <TextInput
          label={t('calendar.notes')}
          description={t('calendar.notesHint')}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
        />
        <StickyActions dialog>
          {(!gate.open || planRefused) && (
            <RuleOverrideNotice
              title={t('calendar.planTitle')}
              message={!gate.open ? gateMessage(gate, t) : (current.plan ?? '')}
              reason={planOverride}
              onReason={setPlanOverride}
              showError={current.reasonsChecked ?? false}
              testId="plan-refused"
            />
          )}
          {intervalRefused && (
            <RuleOverrideNotice
              title={t('calendar.intervalTitle')}
              message={current.interval ?? ''}
              reason={override}
              onReason={setOverride}
              showError={current.reasonsChecked ?? false}
              confirmLabel={t('calendar.bookAnyway')}
              onConfirm={() => book.mutate({ interval: true, plan: !gate.open || planRefused })}
              loading={book.isPending}
              testId="interval-refused"
            />
          )}
          {otherError && (
            <Alert
              color="red"
              role="alert"
              data-testid={refusal?.status === 409 ? 'double-booking' : 'booking-error'}
            >
              {describeError(otherError, t)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={requestClose}>
              {t('common.cancel')}
            </Button>
            <Button
              loading={book.isPending}
              onClick={() => book.mutate({ interval: intervalRefused, plan: !gate.open || planRefused })}
              data-testid="book-submit"
            >
              {!gate.open || planRefused ? t('calendar.bookAnyway') : t('calendar.book')}
            </Button>
          </Group>
        </StickyActions>
      </Stack>
    </>
  );
}
