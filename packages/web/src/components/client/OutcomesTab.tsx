import { useState } from 'react';
import { Alert, Badge, Button, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPhotoStar, IconRuler2 } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useZoneName } from '../../i18n/zone-name.js';
import { RecordOutcomeRequest, type Photo, type SessionOutcome } from '@stipple/core';
import { useApi } from '../../api/ApiProvider.js';
import { describeError } from '../../api/describe-error.js';
import { checkValue } from '../../forms/validation-messages.js';
import { formatIsoDate } from '../../i18n/format.js';
import { useLocale } from '../../i18n/use-ui-locale.js';
import { NumberField } from '../fields/NumberField.js';
import { StudioRetentionTable } from './StudioRetentionTable.js';

const percent = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)} %`);
const signed = (v: number | null, digits = 1) =>
  v === null ? '—' : `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(digits)}`;

/**
 * What each session achieved against what the preview predicted: measure a healed follow-up photo
 * against the earlier photo of the same view (zones drawn on it), read the table per zone, and put
 * the pair in the studio's gallery (the server refuses it without photo-use consent).
 */
export function OutcomesTab({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useApi();
  const queryClient = useQueryClient();
  const photos = useQuery({ queryKey: ['photos', clientId], queryFn: () => api.listPhotos(clientId) });
  const outcomes = useQuery({ queryKey: ['outcomes', clientId], queryFn: () => api.listOutcomes(clientId) });
  const [followUp, setFollowUp] = useState<string | null>(null);
  const [earlier, setEarlier] = useState<string | null>(null);
  /** As typed: a number, the text when it is not one, undefined when empty. */
  const [afterSession, setAfterSession] = useState<number | string | undefined>(1);
  const [sessionError, setSessionError] = useState<string>();

  const label = (p: Photo) => `${formatIsoDate(p.takenOn, locale)} · ${t(`photoViews.${p.view}`)}`;
  const list = photos.data?.items ?? [];
  const chosen = list.find((p) => p.id === followUp);
  const earlierChoices = list.filter((p) => chosen && p.view === chosen.view && p.takenOn < chosen.takenOn);

  const record = useMutation({
    mutationFn: (session: number) =>
      api.recordOutcome(followUp!, { earlierPhotoId: earlier!, afterSession: session }),
    onSuccess: async () => {
      // The new measurement counts in the studio's figures too.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['outcomes', clientId] }),
        queryClient.invalidateQueries({ queryKey: ['studio-retention'] }),
      ]);
      notifications.show({ color: 'teal', message: t('outcomes.recorded') });
    },
  });

  return (
    <Stack gap="lg" data-testid="outcomes-tab">
      <Paper withBorder radius="md" p="md">
        <Stack gap="sm">
          <Title order={3} size="h5">
            {t('outcomes.measureTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('outcomes.measureHint')}
          </Text>
          <Group align="flex-end" gap="sm" wrap="wrap">
            <Select
              label={t('outcomes.followUp')}
              data={list.map((p) => ({ value: p.id, label: label(p) }))}
              value={followUp}
              onChange={(v) => {
                setFollowUp(v);
                setEarlier(null);
              }}
              w={{ base: '100%', sm: 240 }}
              data-testid="outcome-follow-up"
            />
            <Select
              label={t('outcomes.earlier')}
              data={earlierChoices.map((p) => ({ value: p.id, label: label(p) }))}
              value={earlier}
              onChange={setEarlier}
              disabled={!chosen}
              w={{ base: '100%', sm: 240 }}
              data-testid="outcome-earlier"
            />
            <NumberField
              label={t('outcomes.afterSession')}
              value={afterSession}
              onChange={(v) => {
                setAfterSession(v);
                setSessionError(undefined);
              }}
              error={sessionError}
              w={{ base: '100%', sm: 200 }}
              data-testid="outcome-session"
            />
            <Button
              leftSection={<IconRuler2 size={18} aria-hidden />}
              disabled={!followUp || !earlier}
              loading={record.isPending}
              onClick={() => {
                // The session as typed, checked by the shared rule (1-8): never clamped.
                const session = checkValue(RecordOutcomeRequest.shape.afterSession, afterSession ?? null, t);
                if (session.ok) record.mutate(session.value);
                else setSessionError(session.message);
              }}
              data-testid="outcome-measure"
            >
              {t('outcomes.measure')}
            </Button>
          </Group>
          {record.isError && (
            <Alert color="red" role="alert" data-testid="outcome-error">
              {describeError(record.error, t)}
            </Alert>
          )}
        </Stack>
      </Paper>

      {outcomes.data?.items.length === 0 && <Text c="dimmed">{t('outcomes.none')}</Text>}
      {outcomes.data?.items.map((o) => (
        <OutcomeTable key={o.id} outcome={o} />
      ))}

      <StudioRetentionTable />
    </Stack>
  );
}

function OutcomeTable({ outcome }: { outcome: SessionOutcome }) {
  const { t } = useTranslation();
  const zoneName = useZoneName();
  const locale = useLocale();
  const api = useApi();
  const queryClient = useQueryClient();
  const toGallery = useMutation({
    mutationFn: () =>
      api.addGalleryPair(outcome.clientId, {
        beforePhotoId: outcome.earlierPhotoId,
        afterPhotoId: outcome.photoId,
        transform: outcome.transform,
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['gallery-pairs'] });
      notifications.show({ color: 'teal', message: t('outcomes.inGallery') });
    },
  });
  return (
    <Paper withBorder radius="md" p="md" data-testid="outcome-table">
      <Stack gap="sm">
        <Group justify="space-between" gap="sm">
          <Stack gap={2}>
            <Text fw={600}>
              {t('outcomes.heading', {
                later: formatIsoDate(outcome.takenOn, locale),
                earlier: formatIsoDate(outcome.earlierTakenOn, locale),
                session: outcome.afterSession,
              })}
            </Text>
            <Text size="sm" c="dimmed">
              {t(`photoViews.${outcome.view}`)}
              {outcome.densityMeasured ? '' : ` · ${t('outcomes.densityNotMeasured')}`}
            </Text>
          </Stack>
          <Button
            variant="light"
            leftSection={<IconPhotoStar size={18} aria-hidden />}
            loading={toGallery.isPending}
            onClick={() => toGallery.mutate()}
            data-testid="outcome-to-gallery"
          >
            {t('outcomes.toGallery')}
          </Button>
        </Group>
        {toGallery.isError && (
          <Alert color="orange" role="alert" data-testid="gallery-refused">
            {describeError(toGallery.error, t)}
          </Alert>
        )}
        <Table.ScrollContainer minWidth={640}>
          <Table striped withTableBorder verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('outcomes.zone')}</Table.Th>
                <Table.Th ta="right">{t('outcomes.retention')}</Table.Th>
                <Table.Th ta="right">{t('outcomes.expected')}</Table.Th>
                <Table.Th ta="right">{t('outcomes.predictedTone')}</Table.Th>
                <Table.Th ta="right">{t('outcomes.achievedTone')}</Table.Th>
                <Table.Th ta="right">{t('outcomes.toneDifference')}</Table.Th>
                <Table.Th ta="right">{t('outcomes.predictedDots')}</Table.Th>
                <Table.Th ta="right">{t('outcomes.achievedDots')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {outcome.zones.map((z) => (
                <Table.Tr key={z.zoneId} data-testid={`outcome-zone-${z.zoneId}`}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {zoneName(z.zoneId)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t(`outcomes.kinds.${z.kind}`)}
                      {z.texture ? ` · ${t(`outcomes.textures.${z.texture}`)}` : ''}
                    </Text>
                    {z.notes.map((n) => (
                      <Text size="xs" c="orange" key={n}>
                        {t(`outcomes.notes.${n}`)}
                      </Text>
                    ))}
                  </Table.Td>
                  <Table.Td ta="right">
                    {z.retention === null ? (
                      '—'
                    ) : (
                      <Badge
                        color={
                          z.retention < 0.6
                            ? 'red'
                            : z.retention < z.expectedRetention * 0.9
                              ? 'orange'
                              : 'teal'
                        }
                        variant="light"
                        data-testid="outcome-retention"
                      >
                        {percent(z.retention)}
                        {z.retentionUncertainty !== null
                          ? ` ± ${Math.max(1, Math.round(z.retentionUncertainty * 100))}`
                          : ''}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{percent(z.expectedRetention)}</Table.Td>
                  <Table.Td ta="right">{signed(z.predicted.deltaL)}</Table.Td>
                  <Table.Td ta="right">{signed(z.achieved.deltaL)}</Table.Td>
                  <Table.Td ta="right">{signed(z.difference.deltaL)}</Table.Td>
                  <Table.Td ta="right">{z.predicted.impressionsPerCm2 ?? '—'}</Table.Td>
                  <Table.Td ta="right">{z.achieved.impressionsPerCm2 ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Text size="xs" c="dimmed">
          {t('outcomes.legend')}
        </Text>
      </Stack>
    </Paper>
  );
}
