import { useRef, useState } from 'react';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { WorkingHours } from '@stipple/core';
import { useApi } from '../api/ApiProvider.js';
import { isApiRequestError } from '../api/api-error.js';
import { describeError } from '../api/describe-error.js';
import { useLocale } from '../i18n/use-ui-locale.js';
import { useFieldErrors } from '../forms/field-errors.js';
import { scrollToFirstError } from './scroll-to-first-error.js';
import {
  DEFAULT_RANGE,
  WEEKDAYS_MONDAY_FIRST,
  draftFromWorkingHours,
  editorErrors,
  workingHoursRequest,
  type ExceptionDraft,
  type WorkingHoursDraft,
} from '../forms/working-hours-form.js';
import { DateField } from './fields/DateField.js';
import { FormModal, useFormModal } from './FormModal.js';
import { StickyActions } from './StickyActions.js';

/** A weekday's name in the UI language (0 = Sunday; 2023-01-01 was a Sunday). */
export function weekdayName(weekday: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2023, 0, 1 + weekday)),
  );
}

/**
 * The weekly hours of one artist (studio time), with days that differ. Bookings outside them are
 * refused by the server; `canEdit` follows the service: the owner edits anyone's, others their own.
 */
export function WorkingHoursModal(props: {
  staff: { id: string; name: string } | null;
  canEdit: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <FormModal
      opened={props.staff !== null}
      onClose={props.onClose}
      title={props.staff ? t('workingHours.title', { name: props.staff.name }) : ''}
      size="xl"
    >
      {props.staff && <WorkingHoursLoader {...props} staff={props.staff} />}
    </FormModal>
  );
}

function WorkingHoursLoader(props: {
  staff: { id: string; name: string };
  canEdit: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const hours = useQuery({
    queryKey: ['working-hours', props.staff.id],
    queryFn: () => api.getWorkingHours(props.staff.id),
  });
  if (hours.isPending)
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  if (hours.isError)
    return (
      <Alert color="red" role="alert">
        {describeError(hours.error, t)}
      </Alert>
    );
  return <WorkingHoursEditor {...props} hours={hours.data} />;
}

function WorkingHoursEditor({
  staff,
  canEdit,
  onClose,
  hours,
}: {
  staff: { id: string; name: string };
  canEdit: boolean;
  onClose: () => void;
  hours: WorkingHours;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useApi();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<WorkingHoursDraft>(() => draftFromWorkingHours(hours));
  const { errors, setErrors, clearErrors } = useFieldErrors();
  const { requestClose } = useFormModal(
    JSON.stringify(draft) !== JSON.stringify(draftFromWorkingHours(hours)),
  );
  const [weeklyKeys, setWeeklyKeys] = useState<string[]>([]);
  const root = useRef<HTMLDivElement>(null);

  const save = useMutation({
    mutationFn: (body: WorkingHours) => api.setWorkingHours(staff.id, body),
    onSuccess: (saved) => {
      queryClient.setQueryData(['working-hours', staff.id], saved);
      notifications.show({ color: 'teal', message: t('workingHours.saved', { name: staff.name }) });
      onClose();
    },
    onError: (err) => {
      if (isApiRequestError(err)) {
        setErrors(editorErrors(err.bodyFields(), weeklyKeys, t));
        scrollToFirstError(root.current);
      }
    },
  });

  const submit = () => {
    const result = workingHoursRequest(draft, t);
    if (!result.ok) {
      setErrors(result.errors);
      scrollToFirstError(root.current);
      return;
    }
    setErrors({});
    setWeeklyKeys(result.request.weeklyKeys);
    save.mutate(result.request.body);
  };

  const setDay = (weekday: number, ranges: WorkingHoursDraft['days'][number]) => {
    clearErrors(`days.${weekday}.`);
    setDraft((d) => ({ ...d, days: d.days.map((r, i) => (i === weekday ? ranges : r)) }));
  };
  const setException = (index: number, change: Partial<ExceptionDraft>) => {
    clearErrors(`exceptions.${index}.`);
    setDraft((d) => ({
      ...d,
      exceptions: d.exceptions.map((e, i) => (i === index ? { ...e, ...change } : e)),
    }));
  };

  const noHours = draft.days.every((r) => r.length === 0) && draft.exceptions.length === 0;
  const fieldErrorCount = Object.keys(errors).length;

  return (
    <Stack gap="md" ref={root} data-testid="working-hours-editor">
      <Text size="sm" c="dimmed">
        {t('workingHours.intro')}
      </Text>
      {noHours && (
        <Alert color="yellow" data-testid="working-hours-none">
          {t('workingHours.noneSet')}
        </Alert>
      )}
      {WEEKDAYS_MONDAY_FIRST.map((weekday) => {
        const ranges = draft.days[weekday]!;
        return (
          <Paper key={weekday} withBorder radius="md" p="sm" data-testid={`weekday-${weekday}`}>
            <Group justify="space-between" align="center" gap="xs" mb={ranges.length ? 'xs' : 0}>
              <Group gap="xs">
                <Text fw={600} miw={96}>
                  {weekdayName(weekday, locale)}
                </Text>
                {ranges.length === 0 && (
                  <Badge color="gray" variant="light" data-testid="weekday-closed">
                    {t('workingHours.closed')}
                  </Badge>
                )}
              </Group>
              {canEdit && (
                <Group gap="xs">
                  {ranges.length > 0 && (
                    <Button
                      variant="subtle"
                      color="gray"
                      onClick={() => setDay(weekday, [])}
                      data-testid="weekday-close"
                    >
                      {t('workingHours.markClosed')}
                    </Button>
                  )}
                  <Button
                    variant="light"
                    leftSection={<IconPlus size={16} aria-hidden />}
                    onClick={() => {
                      const last = ranges[ranges.length - 1];
                      setDay(weekday, [...ranges, last ? { start: last.end, end: last.end } : DEFAULT_RANGE]);
                    }}
                    data-testid="weekday-add-range"
                  >
                    {ranges.length ? t('workingHours.addRange') : t('workingHours.open')}
                  </Button>
                </Group>
              )}
            </Group>
            <Stack gap="xs">
              {ranges.map((range, i) => {
                const key = `days.${weekday}.${i}`;
                const dayName = weekdayName(weekday, locale);
                return (
                  <Group key={i} gap="xs" align="flex-start" wrap="nowrap" data-testid="time-range">
                    {(['start', 'end'] as const).map((end) => (
                      <TimeInput
                        key={end}
                        size="md"
                        label={t(end === 'start' ? 'workingHours.from' : 'workingHours.until')}
                        aria-label={t(end === 'start' ? 'workingHours.fromOf' : 'workingHours.untilOf', {
                          day: dayName,
                          n: i + 1,
                        })}
                        value={range[end]}
                        readOnly={!canEdit}
                        onChange={(e) => {
                          const value = e.currentTarget.value;
                          setDay(
                            weekday,
                            ranges.map((r, j) => (j === i ? { ...r, [end]: value } : r)),
                          );
                        }}
                        error={errors[`${key}.${end}`]}
                        style={{ flex: 1 }}
                        data-testid={`range-${end}`}
                      />
                    ))}
                    {canEdit && (
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        size={44}
                        mt={25}
                        onClick={() =>
                          setDay(
                            weekday,
                            ranges.filter((_, j) => j !== i),
                          )
                        }
                        aria-label={t('workingHours.removeRange', { day: dayName, n: i + 1 })}
                        data-testid="range-remove"
                      >
                        <IconTrash size={18} aria-hidden />
                      </ActionIcon>
                    )}
                  </Group>
                );
              })}
            </Stack>
          </Paper>
        );
      })}

      <Title order={4} mt="sm">
        {t('workingHours.exceptions')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('workingHours.exceptionsIntro')}
      </Text>
      {draft.exceptions.map((e, i) => (
        <Paper key={i} withBorder radius="md" p="sm" data-testid="working-hours-exception">
          <Group gap="xs" align="flex-start" wrap="wrap">
            <DateField
              size="md"
              label={t('workingHours.date')}
              value={e.date || null}
              onChange={(v) => setException(i, { date: v ?? '' })}
              readOnly={!canEdit}
              error={errors[`exceptions.${i}.date`]}
              popoverProps={{ withinPortal: true }}
              w={170}
              data-testid="exception-date"
            />
            <SegmentedControl
              mt={25}
              value={e.closed ? 'closed' : 'open'}
              onChange={(v) => setException(i, { closed: v === 'closed' })}
              readOnly={!canEdit}
              data={[
                { value: 'closed', label: t('workingHours.dayOff') },
                { value: 'open', label: t('workingHours.otherHours') },
              ]}
              data-testid="exception-kind"
            />
            {!e.closed && (
              <>
                <TimeInput
                  size="md"
                  label={t('workingHours.from')}
                  value={e.start}
                  readOnly={!canEdit}
                  onChange={(ev) => setException(i, { start: ev.currentTarget.value })}
                  error={errors[`exceptions.${i}.start`]}
                  w={120}
                />
                <TimeInput
                  size="md"
                  label={t('workingHours.until')}
                  value={e.end}
                  readOnly={!canEdit}
                  onChange={(ev) => setException(i, { end: ev.currentTarget.value })}
                  error={errors[`exceptions.${i}.end`]}
                  w={120}
                />
              </>
            )}
            <TextInput
              label={t('workingHours.reason')}
              value={e.reason}
              readOnly={!canEdit}
              onChange={(ev) => setException(i, { reason: ev.currentTarget.value })}
              error={errors[`exceptions.${i}.reason`]}
              style={{ flex: 1, minWidth: 160 }}
              data-testid="exception-reason"
            />
            {canEdit && (
              <ActionIcon
                variant="subtle"
                color="red"
                size={44}
                mt={25}
                onClick={() => {
                  clearErrors('exceptions.');
                  setDraft((d) => ({ ...d, exceptions: d.exceptions.filter((_, j) => j !== i) }));
                }}
                aria-label={t('workingHours.removeException')}
              >
                <IconTrash size={18} aria-hidden />
              </ActionIcon>
            )}
          </Group>
        </Paper>
      ))}
      {canEdit && (
        <Group>
          <Button
            variant="light"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() =>
              setDraft((d) => ({
                ...d,
                exceptions: [
                  ...d.exceptions,
                  { date: '', closed: true, start: DEFAULT_RANGE.start, end: DEFAULT_RANGE.end, reason: '' },
                ],
              }))
            }
            data-testid="add-exception"
          >
            {t('workingHours.addException')}
          </Button>
        </Group>
      )}

      {fieldErrorCount > 0 && (
        <Alert color="red" role="alert" data-testid="working-hours-invalid">
          {t('workingHours.fixFields', { count: fieldErrorCount })}
        </Alert>
      )}
      {save.error && !(isApiRequestError(save.error) && save.error.fields.length > 0) && (
        <Alert color="red" role="alert">
          {describeError(save.error, t)}
        </Alert>
      )}
      {!canEdit && (
        <Text size="sm" c="dimmed">
          {t('workingHours.readOnly')}
        </Text>
      )}
      <StickyActions dialog>
        <Group justify="flex-end">
          <Button variant="default" onClick={requestClose}>
            {canEdit ? t('common.cancel') : t('common.close')}
          </Button>
          {canEdit && (
            <Button loading={save.isPending} onClick={submit} data-testid="save-working-hours">
              {t('common.save')}
            </Button>
          )}
        </Group>
      </StickyActions>
    </Stack>
  );
}
