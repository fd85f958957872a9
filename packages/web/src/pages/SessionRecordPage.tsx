import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Center,
  Chip,
  Group,
  Loader,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  IsoDate,
  daysBetween,
  SaveSessionRequest,
  TREATMENT_ZONES,
  type SessionRecord,
  type TreatmentZone,
} from '@stipple/core';
import { useApi } from '../api/ApiProvider.js';
import { isApiRequestError } from '../api/api-error.js';
import { describeError } from '../api/describe-error.js';
import { fileLinks } from '../api/stipple-api.js';
import { DateField } from '../components/fields/DateField.js';
import { NumberField } from '../components/fields/NumberField.js';
import { RuleOverrideNotice } from '../components/RuleOverrideNotice.js';
import { SessionPhotos, type PhotoRole } from '../components/session/SessionPhotos.js';
import { StickyActions } from '../components/StickyActions.js';
import { SessionTargets } from '../components/session/SessionTargets.js';
import { useChangedSinceSave } from '../forms/field-errors.js';
import { checkValue, translateFieldError } from '../forms/validation-messages.js';
import { formatDateTime, formatIsoDate, isoDateOf, todayIso } from '../i18n/format.js';
import { useLocale } from '../i18n/use-ui-locale.js';
import { useUnsavedChanges } from '../components/UnsavedChanges.js';

/** The chart of one session: what was done, with what, and its photos; completing it starts aftercare. */
export function SessionRecordPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const api = useApi();
  const appointment = useQuery({ queryKey: ['appointment', id], queryFn: () => api.getAppointment(id) });
  const record = useQuery({
    queryKey: ['session-record', id],
    queryFn: () => api.getSessionOfAppointment(id),
  });
  if (appointment.isPending || record.isPending)
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  if (appointment.isError || record.isError)
    return <Alert color="red">{describeError(appointment.error ?? record.error, t)}</Alert>;
  return <SessionForm key={record.data?.version ?? 0} appointment={appointment.data} record={record.data} />;
}

function SessionForm({
  appointment,
  record,
}: {
  appointment: Awaited<ReturnType<ReturnType<typeof useApi>['getAppointment']>>;
  record: SessionRecord | null;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useApi();
  const queryClient = useQueryClient();
  const clientId = appointment.clientId;
  const inventory = useQuery({ queryKey: ['inventory'], queryFn: () => api.inventory() });

  const pigmentOf = record?.materials.find((m) => m.kind === 'pigment');
  const needleOf = record?.materials.find((m) => m.kind === 'needle');
  const plan = useQuery({
    queryKey: ['session-plan', appointment.id],
    queryFn: () => api.sessionPlan(appointment.id),
  });
  const [performedOn, setPerformedOn] = useState<string | undefined>(
    record?.performedOn ?? isoDateOf(new Date(appointment.startsAt)),
  );
  const [planOverride, setPlanOverride] = useState('');
  const [checkErrors, setCheckErrors] = useState<Record<string, string>>({});
  // A field's error goes as soon as it is changed (a lot chosen for a dilution, a date put right).
  const changedSinceSave = useChangedSinceSave();
  const [zones, setZones] = useState<string[]>(record?.zones ?? []);
  // undefined: nothing chosen yet (a new record suggests the first pigment lot that has not expired).
  const [chosenPigment, setPigmentLot] = useState<string | null | undefined>(
    record ? (pigmentOf?.lotId ?? null) : undefined,
  );
  const [dilution, setDilution] = useState(pigmentOf?.dilution ?? '');
  const [needleLot, setNeedleLot] = useState<string | null>(needleOf?.lotId ?? null);
  const [duration, setDuration] = useState<number | string | undefined>(record?.durationMinutes ?? undefined);
  const [notes, setNotes] = useState(record?.notes ?? '');
  const [adverse, setAdverse] = useState(record?.adverseEvents ?? '');
  const [roles, setRoles] = useState<Record<string, PhotoRole>>(() => ({
    ...Object.fromEntries((record?.beforePhotoIds ?? []).map((p) => [p, 'before'])),
    ...Object.fromEntries((record?.afterPhotoIds ?? []).map((p) => [p, 'after'])),
  }));
  const completed = record?.status === 'completed';
  // Unsaved: anything differs from the record as last saved (or from a blank record).
  const photoRoles = (r: Record<string, string>) => Object.entries(r).sort(([a], [b]) => a.localeCompare(b));
  // Compared as sets and with a blank duration as blank: a record completed without a duration,
  // or with its zones tapped in another order, has nothing unsaved.
  const entered = [
    performedOn,
    [...zones].sort(),
    chosenPigment,
    dilution,
    needleLot,
    duration ?? '',
    notes,
    adverse,
    photoRoles(roles),
  ];
  const stored = [
    record?.performedOn ?? isoDateOf(new Date(appointment.startsAt)),
    [...(record?.zones ?? [])].sort(),
    record ? (pigmentOf?.lotId ?? null) : undefined,
    pigmentOf?.dilution ?? '',
    needleOf?.lotId ?? null,
    record?.durationMinutes ?? '',
    record?.notes ?? '',
    record?.adverseEvents ?? '',
    photoRoles(
      Object.fromEntries<string>([
        ...(record?.beforePhotoIds ?? []).map((p): [string, string] => [p, 'before']),
        ...(record?.afterPhotoIds ?? []).map((p): [string, string] => [p, 'after']),
      ]),
    ),
  ];
  useUnsavedChanges(JSON.stringify(entered) !== JSON.stringify(stored));

  const pigmentLot =
    chosenPigment !== undefined
      ? chosenPigment
      : (inventory.data?.items.find((p) => p.kind === 'pigment')?.lots.find((l) => !l.expired)?.id ?? null);

  const lotOptions = (kind: 'pigment' | 'needle') =>
    (inventory.data?.items ?? [])
      .filter((p) => p.kind === kind)
      .flatMap((p) =>
        p.lots.map((l) => ({
          value: l.id,
          label: `${l.lotNumber} · ${p.name} · ${t('inventory.expires')} ${formatIsoDate(l.expiresOn, locale)}${l.expired ? ` · ${t('inventory.expired')}` : ''}`,
        })),
      );

  // What the plan says about this session: its targets, and whether its day is allowed.
  const planBlocks = plan.data ? !plan.data.allowed : false;
  const sessionDay = isoDateOf(new Date(appointment.startsAt));
  const notYet = sessionDay > todayIso();
  // A work date a week or more from the appointment is most likely mistyped: said, not refused
  // (a session done on another day is recorded as it was).
  const daysFromAppointment =
    performedOn && IsoDate.safeParse(performedOn).success ? daysBetween(sessionDay, performedOn) : 0;
  const farFromAppointment = Math.abs(daysFromAppointment) >= 7;

  const save = useMutation({
    mutationFn: ({ complete, againstPlan }: { complete: boolean; againstPlan: boolean }) => {
      // The values as typed, checked by the shared rules: never rounded, clamped or dropped.
      const next: Record<string, string> = {};
      const shape = SaveSessionRequest.shape;
      const minutes = checkValue(shape.durationMinutes, duration ?? null, t);
      if (!minutes.ok) next.durationMinutes = minutes.message;
      if (performedOn !== undefined && !IsoDate.safeParse(performedOn).success)
        next.performedOn = t('messages.field.notADate');
      // A dilution is stored with its pigment lot: without one it would be dropped without a word.
      if (dilution.trim() && !pigmentLot) next.dilution = t('sessionRecord.dilutionNeedsLot');
      // The server refuses it too: a completed session must name its pigment lot for recalls.
      if (complete && !pigmentLot) next.pigmentLot = t('messages.field.needsPigmentLot');
      setCheckErrors(next);
      changedSinceSave.saving();
      if (!minutes.ok || Object.keys(next).length) throw new Error('incomplete');
      return api.saveSession(appointment.id, {
        ...(performedOn ? { performedOn } : {}),
        zones: zones as TreatmentZone[],
        materials: [
          ...(pigmentLot ? [{ lotId: pigmentLot, dilution }] : []),
          ...(needleLot ? [{ lotId: needleLot, dilution: '' }] : []),
        ],
        durationMinutes: minutes.value,
        notes,
        adverseEvents: adverse,
        beforePhotoIds: Object.entries(roles)
          .filter(([, r]) => r === 'before')
          .map(([p]) => p),
        afterPhotoIds: Object.entries(roles)
          .filter(([, r]) => r === 'after')
          .map(([p]) => p),
        complete,
        ...(complete && againstPlan ? { planOverrideReason: planOverride } : {}),
        ...(record ? { version: record.version } : {}),
      });
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ['appointments'] });
      await queryClient.invalidateQueries({ queryKey: ['sessions', clientId] });
      await queryClient.invalidateQueries({ queryKey: ['photos', clientId] });
      queryClient.setQueryData(['session-record', appointment.id], saved);
      notifications.show({
        color: 'teal',
        message:
          saved.status === 'completed' ? t('sessionRecord.completedNotice') : t('sessionRecord.savedNotice'),
      });
    },
  });

  const fieldError = (name: string) => {
    if (checkErrors[name]) return changedSinceSave.shown(name, checkErrors[name]);
    const found = isApiRequestError(save.error) ? save.error.fields.find((f) => f.field === name) : undefined;
    return changedSinceSave.shown(name, found ? translateFieldError(found, t) : undefined);
  };
  const planRefused = isApiRequestError(save.error) && save.error.code === 'plan_blocks_session';
  const pigmentIndex = 0;
  const needleIndex = pigmentLot ? 1 : 0;
  const generalError =
    save.error &&
    save.error.message !== 'incomplete' &&
    !planRefused &&
    (!isApiRequestError(save.error) ||
      save.error.fields.length === 0 ||
      save.error.fields.some((f) => f.field === 'complete'))
      ? save.error
      : null;

  return (
    <Stack gap="lg" data-testid="session-record">
      <div>
        <Button
          component={Link}
          to={`/clients/${clientId}?tab=sessions`}
          variant="subtle"
          leftSection={<IconArrowLeft size={18} aria-hidden />}
          px="xs"
        >
          {appointment.clientName}
        </Button>
      </div>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={2}>
            {t('sessionRecord.title', { n: appointment.sessionNumber ?? '–' })} · {appointment.clientName}
          </Title>
          <Text c="dimmed" size="sm">
            {formatDateTime(appointment.startsAt, locale)} · {appointment.artistName}
          </Text>
        </Stack>
        <Badge size="lg" color={completed ? 'teal' : 'gray'} data-testid="session-status">
          {completed
            ? t('sessionRecord.completed')
            : record
              ? t('sessionRecord.draft')
              : t('sessionRecord.new')}
        </Badge>
      </Group>
      {completed && <Alert color="teal">{t('sessionRecord.completedHint')}</Alert>}
      {record?.planOverride && (
        <Alert
          color="orange"
          title={t('sessionRecord.completedAgainstPlan')}
          data-testid="session-plan-override"
        >
          {t('sessionRecord.overrideBy', {
            name: record.planOverride.by.name,
            when: formatDateTime(record.planOverride.at, locale),
            reason: record.planOverride.reason,
          })}
        </Alert>
      )}
      {plan.data && plan.data.targets.length > 0 && <SessionTargets plan={plan.data} />}

      <Paper withBorder radius="md" p="md">
        <Stack gap="md">
          <Group grow align="flex-start">
            <DateField
              label={t('sessionRecord.performedOn')}
              value={performedOn}
              onChange={(v) => {
                setPerformedOn(v);
                changedSinceSave.markChanged('performedOn');
              }}
              disabled={completed}
              error={fieldError('performedOn')}
              description={
                !completed && farFromAppointment
                  ? t('sessionRecord.farFromAppointment', {
                      count: Math.abs(daysFromAppointment),
                      date: formatIsoDate(sessionDay, locale),
                    })
                  : undefined
              }
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              styles={{ description: { color: 'var(--mantine-color-orange-8)' } }}
              data-testid="session-performed-on"
            />
            <NumberField
              label={t('sessionRecord.duration')}
              value={duration}
              onChange={(v) => {
                setDuration(v);
                changedSinceSave.markChanged('durationMinutes');
              }}
              disabled={completed}
              error={fieldError('durationMinutes')}
              data-testid="session-duration"
            />
          </Group>
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t('sessionRecord.zones')}
            </Text>
            <Chip.Group multiple value={zones} onChange={setZones}>
              <Group gap="xs">
                {TREATMENT_ZONES.map((z) => (
                  <Chip key={z} value={z} disabled={completed} data-testid={`zone-${z}`}>
                    {t(`zones.${z}`)}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
          </div>
          {/* Each lot on a line of its own: its name, product and expiry are long and never cut. */}
          <Select
            label={t('sessionRecord.pigmentLot')}
            data={lotOptions('pigment')}
            value={pigmentLot}
            onChange={(v) => {
              setPigmentLot(v);
              // A dilution refused for want of a lot is put right by choosing one.
              changedSinceSave.markChanged('pigmentLot', 'dilution');
              save.reset();
            }}
            clearable
            disabled={completed}
            error={
              fieldError('pigmentLot') ??
              fieldError(`materials.${pigmentIndex}.lotId`) ??
              fieldError('materials')
            }
            comboboxProps={{ withinPortal: true }}
            data-testid="pigment-lot"
          />
          <TextInput
            label={t('sessionRecord.dilution')}
            placeholder="1:20"
            value={dilution}
            onChange={(e) => {
              setDilution(e.currentTarget.value);
              changedSinceSave.markChanged('dilution');
            }}
            disabled={completed}
            error={fieldError('dilution')}
            maw={360}
            data-testid="dilution"
          />
          <Select
            label={t('sessionRecord.needleLot')}
            data={lotOptions('needle')}
            value={needleLot}
            onChange={(v) => {
              setNeedleLot(v);
              save.reset();
            }}
            clearable
            disabled={completed}
            error={fieldError(`materials.${needleIndex}.lotId`)}
            comboboxProps={{ withinPortal: true }}
            data-testid="needle-lot"
          />
          <Textarea
            label={t('sessionRecord.notes')}
            value={notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
            autosize
            minRows={2}
            disabled={completed}
            data-testid="session-notes"
          />
          <Textarea
            label={t('sessionRecord.adverseEvents')}
            placeholder={t('sessionRecord.adverseEventsPlaceholder')}
            value={adverse}
            onChange={(e) => setAdverse(e.currentTarget.value)}
            autosize
            minRows={1}
            disabled={completed}
          />
        </Stack>
      </Paper>

      <SessionPhotos
        clientId={clientId}
        takenOn={performedOn && IsoDate.safeParse(performedOn).success ? performedOn : todayIso()}
        completed={completed}
        roles={roles}
        onRoles={setRoles}
      />

      {/* A long record: its actions (and a refusal that needs an answer) stay at the window's foot. */}
      <StickyActions>
        {!completed && (planBlocks || planRefused) && (
          <RuleOverrideNotice
            title={t('sessionRecord.planTitle')}
            message={
              planRefused
                ? describeError(save.error, t)
                : t('sessionRecord.planBlocks', {
                    decision: t(`eligibility.${plan.data!.plan!.eligibility}`),
                  })
            }
            reason={planOverride}
            onReason={setPlanOverride}
            testId="session-plan-refused"
          />
        )}
        {!completed && notYet && (
          <Alert color="gray" data-testid="session-not-yet">
            {t('sessionRecord.notYet', { date: formatIsoDate(sessionDay, locale) })}
          </Alert>
        )}
        {generalError && (
          <Alert color="red" role="alert" data-testid="session-error">
            {describeError(generalError, t)}
          </Alert>
        )}
        {!completed && (
          <Group justify="flex-end">
            <Button
              variant="default"
              loading={save.isPending && save.variables?.complete === false}
              onClick={() => save.mutate({ complete: false, againstPlan: false })}
              data-testid="save-session"
            >
              {t('sessionRecord.saveDraft')}
            </Button>
            <Button
              loading={save.isPending && save.variables?.complete === true}
              disabled={notYet}
              onClick={() => save.mutate({ complete: true, againstPlan: planBlocks || planRefused })}
              data-testid="complete-session"
            >
              {t('sessionRecord.complete')}
            </Button>
          </Group>
        )}
        {completed && record && (
          <Group justify="flex-end">
            <Button
              component="a"
              href={fileLinks.aftercarePdf(record.id)}
              download
              data-testid="session-aftercare-pdf"
            >
              {t('aftercare.sheet')}
            </Button>
            <Button component={Link} to={`/clients/${clientId}?tab=aftercare`} variant="light">
              {t('sessionRecord.toAftercare')}
            </Button>
          </Group>
        )}
      </StickyActions>
    </Stack>
  );
}
