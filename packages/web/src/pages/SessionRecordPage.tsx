import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Center,
  Chip,
  FileButton,
  Group,
  Image,
  Loader,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconUpload } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  PHOTO_VIEWS,
  TREATMENT_ZONES,
  type PhotoView,
  type SessionRecord,
  type TreatmentZone,
} from '@stipple/core';
import { useApi } from '../api/ApiProvider.js';
import { isApiRequestError } from '../api/api-error.js';
import { describeError } from '../api/describe-error.js';
import { fileLinks } from '../api/stipple-api.js';
import { formatDateTime, formatIsoDate, isoDateOf, todayIso } from '../i18n/format.js';
import { useLocale } from '../i18n/use-ui-locale.js';
import { useUnsavedChanges } from '../components/UnsavedChanges.js';

type Role = 'none' | 'before' | 'after';

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
  const photos = useQuery({ queryKey: ['photos', clientId], queryFn: () => api.listPhotos(clientId) });

  const pigmentOf = record?.materials.find((m) => m.kind === 'pigment');
  const needleOf = record?.materials.find((m) => m.kind === 'needle');
  const [performedOn, setPerformedOn] = useState<string | null>(
    record?.performedOn ?? isoDateOf(new Date(appointment.startsAt)),
  );
  const [zones, setZones] = useState<string[]>(record?.zones ?? []);
  // undefined: nothing chosen yet (a new record suggests the first pigment lot that has not expired).
  const [chosenPigment, setPigmentLot] = useState<string | null | undefined>(
    record ? (pigmentOf?.lotId ?? null) : undefined,
  );
  const [dilution, setDilution] = useState(pigmentOf?.dilution ?? '');
  const [needleLot, setNeedleLot] = useState<string | null>(needleOf?.lotId ?? null);
  const [duration, setDuration] = useState<number | string>(record?.durationMinutes ?? '');
  const [notes, setNotes] = useState(record?.notes ?? '');
  const [adverse, setAdverse] = useState(record?.adverseEvents ?? '');
  const [roles, setRoles] = useState<Record<string, Role>>(() => ({
    ...Object.fromEntries((record?.beforePhotoIds ?? []).map((p) => [p, 'before'])),
    ...Object.fromEntries((record?.afterPhotoIds ?? []).map((p) => [p, 'after'])),
  }));
  const [uploadView, setUploadView] = useState<PhotoView>('back');
  const completed = record?.status === 'completed';
  // Unsaved: anything differs from the record as last saved (or from a blank record).
  const photoRoles = (r: Record<string, string>) => Object.entries(r).sort(([a], [b]) => a.localeCompare(b));
  const entered = [
    performedOn,
    zones,
    chosenPigment,
    dilution,
    needleLot,
    duration,
    notes,
    adverse,
    photoRoles(roles),
  ];
  const stored = [
    record?.performedOn ?? isoDateOf(new Date(appointment.startsAt)),
    record?.zones ?? [],
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

  const upload = useMutation({
    mutationFn: async ({ files, role }: { files: File[]; role: Role }) => {
      const added = [];
      for (const file of files)
        added.push(
          await api.uploadPhoto(clientId, file, { view: uploadView, takenOn: performedOn ?? todayIso() }),
        );
      return { added, role };
    },
    onSuccess: async ({ added, role }) => {
      setRoles((r) => ({ ...r, ...Object.fromEntries(added.map((p) => [p.id, role])) }));
      await queryClient.invalidateQueries({ queryKey: ['photos', clientId] });
    },
  });

  const save = useMutation({
    mutationFn: (complete: boolean) =>
      api.saveSession(appointment.id, {
        ...(performedOn ? { performedOn } : {}),
        zones: zones as TreatmentZone[],
        materials: [
          ...(pigmentLot ? [{ lotId: pigmentLot, dilution }] : []),
          ...(needleLot ? [{ lotId: needleLot, dilution: '' }] : []),
        ],
        durationMinutes: duration === '' ? null : Number(duration),
        notes,
        adverseEvents: adverse,
        beforePhotoIds: Object.entries(roles)
          .filter(([, r]) => r === 'before')
          .map(([p]) => p),
        afterPhotoIds: Object.entries(roles)
          .filter(([, r]) => r === 'after')
          .map(([p]) => p),
        complete,
        ...(record ? { version: record.version } : {}),
      }),
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

  const fieldError = (name: string) =>
    isApiRequestError(save.error) ? save.error.fields.find((f) => f.field === name)?.message : undefined;
  const pigmentIndex = 0;
  const needleIndex = pigmentLot ? 1 : 0;
  const generalError =
    save.error &&
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

      <Paper withBorder radius="md" p="md">
        <Stack gap="md">
          <Group grow align="flex-start">
            <DateInput
              label={t('sessionRecord.performedOn')}
              valueFormat="YYYY-MM-DD"
              value={performedOn}
              onChange={setPerformedOn}
              disabled={completed}
              error={fieldError('performedOn')}
            />
            <NumberInput
              label={t('sessionRecord.duration')}
              value={duration}
              onChange={setDuration}
              min={1}
              max={960}
              disabled={completed}
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
          <Group grow align="flex-start">
            <Select
              label={t('sessionRecord.pigmentLot')}
              data={lotOptions('pigment')}
              value={pigmentLot}
              onChange={(v) => {
                setPigmentLot(v);
                save.reset();
              }}
              clearable
              disabled={completed}
              error={fieldError(`materials.${pigmentIndex}.lotId`)}
              comboboxProps={{ withinPortal: true }}
              data-testid="pigment-lot"
            />
            <TextInput
              label={t('sessionRecord.dilution')}
              placeholder="1:20"
              value={dilution}
              onChange={(e) => setDilution(e.currentTarget.value)}
              disabled={completed}
              data-testid="dilution"
            />
          </Group>
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

      <Paper withBorder radius="md" p="md">
        <Text fw={600} mb="sm">
          {t('sessionRecord.photos')}
        </Text>
        {!completed && (
          <Group align="flex-end" gap="sm" mb="md">
            <Select
              label={t('photos.view')}
              data={PHOTO_VIEWS.map((v) => ({ value: v, label: t(`photoViews.${v}`) }))}
              value={uploadView}
              onChange={(v) => v && setUploadView(v)}
              allowDeselect={false}
              w={170}
              comboboxProps={{ withinPortal: true }}
            />
            {(['before', 'after'] as const).map((role) => (
              <FileButton
                key={role}
                onChange={(files) => files.length && upload.mutate({ files, role })}
                accept="image/jpeg,image/png,image/webp"
                multiple
              >
                {(props) => (
                  <Button
                    {...props}
                    variant="light"
                    leftSection={<IconUpload size={18} aria-hidden />}
                    loading={upload.isPending}
                    data-testid={`upload-${role}`}
                  >
                    {t(`sessionRecord.upload.${role}`)}
                  </Button>
                )}
              </FileButton>
            ))}
          </Group>
        )}
        {upload.error && (
          <Alert color="red" mb="sm">
            {isApiRequestError(upload.error) ? upload.error.message : describeError(upload.error, t)}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 2, sm: 3, md: 4 }}>
          {photos.data?.items.map((p) => (
            <Paper key={p.id} withBorder radius="md" p={4} data-testid="session-photo">
              <Image
                src={fileLinks.photo(p.id, 'thumb')}
                alt={t(`photoViews.${p.view}`)}
                h={130}
                fit="cover"
                radius="sm"
              />
              <Text size="xs" c="dimmed">
                {t(`photoViews.${p.view}`)} · {formatIsoDate(p.takenOn, locale)}
              </Text>
              <SegmentedControl
                size="xs"
                fullWidth
                disabled={completed}
                value={roles[p.id] ?? 'none'}
                onChange={(v) => setRoles((r) => ({ ...r, [p.id]: v }))}
                data={(['none', 'before', 'after'] as const).map((r) => ({
                  value: r,
                  label: t(`sessionRecord.roles.${r}`),
                }))}
              />
            </Paper>
          ))}
        </SimpleGrid>
      </Paper>

      {generalError && (
        <Alert color="red" role="alert" data-testid="session-error">
          {isApiRequestError(generalError)
            ? (generalError.fields[0]?.message ?? generalError.message)
            : describeError(generalError, t)}
        </Alert>
      )}
      {!completed && (
        <Group justify="flex-end">
          <Button
            variant="default"
            loading={save.isPending && save.variables === false}
            onClick={() => save.mutate(false)}
            data-testid="save-session"
          >
            {t('sessionRecord.saveDraft')}
          </Button>
          <Button
            loading={save.isPending && save.variables === true}
            onClick={() => save.mutate(true)}
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
    </Stack>
  );
}
