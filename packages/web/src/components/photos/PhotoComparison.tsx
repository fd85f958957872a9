import { useMemo, useState } from 'react';
import {
  Alert,
  Badge,
  Box,
  Button,
  Group,
  Image,
  Loader,
  SegmentedControl,
  Select,
  SimpleGrid,
  Slider,
  Stack,
  Text,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconRefresh } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Photo, PhotoAlignment, PhotoView } from '@stipple/core';
import { useApi } from '../../api/ApiProvider.js';
import { describeError } from '../../api/describe-error.js';
import { fileLinks } from '../../api/stipple-api.js';
import { formatIsoDate } from '../../i18n/format.js';
import { useLocale } from '../../i18n/use-ui-locale.js';
import { PhotoViewSelect } from '../PhotoViewSelect.js';
import { PointPairEditor } from './PointPairEditor.js';

type Mode = 'side' | 'slider' | 'difference' | 'points';

/**
 * The client's photos of one view, session by session: each follow-up against the earlier photo
 * it is aligned to, side by side, as a before/after wipe over the aligned pair, and as a
 * difference; the alignment can be corrected by tapping three point pairs.
 */
export function PhotoComparison({
  photos,
  initialView = 'top',
  initialPhotoId = null,
}: {
  photos: Photo[];
  initialView?: PhotoView;
  /** A follow-up to show first (the one just taken). */
  initialPhotoId?: string | null;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useApi();
  const queryClient = useQueryClient();
  const [view, setView] = useState<PhotoView>(initialView);
  const ofView = useMemo(() => photos.filter((p) => p.view === view), [photos, view]);
  const followUps = ofView.slice(1);
  const [picked, setPicked] = useState<string | null>(initialPhotoId);
  const later = followUps.find((p) => p.id === picked) ?? followUps.at(-1) ?? null;
  const [mode, setMode] = useState<Mode>('slider');
  const [wipe, setWipe] = useState(50);
  // Four ways of looking do not fit side by side on a phone.
  const narrow = useMediaQuery('(max-width: 36em)');

  const alignment = useQuery({
    queryKey: ['alignment', later?.id],
    queryFn: () => api.getAlignment(later!.id),
    enabled: Boolean(later),
    refetchInterval: (q) => {
      const status = q.state.data?.status;
      return status === 'queued' || status === 'running' ? 1000 : false;
    },
  });
  const a = alignment.data ?? null;
  const earlier = a ? (photos.find((p) => p.id === a.referencePhotoId) ?? null) : null;
  // The answer to a start is the queued alignment itself: no second request for it.
  const start = useMutation({
    mutationFn: () => api.startAlignment(later!.id),
    onSuccess: (queued) => queryClient.setQueryData(['alignment', queued.photoId], queued),
  });

  const label = (p: Photo) => formatIsoDate(p.takenOn, locale);
  return (
    <Stack data-testid="photo-comparison">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <PhotoViewSelect value={view} onChange={setView} w={200} testId="compare-view-select" />
        {followUps.length > 0 && (
          <Select
            label={t('compare.followUp')}
            data={followUps.map((p) => ({ value: p.id, label: label(p) }))}
            value={later?.id ?? null}
            onChange={setPicked}
            allowDeselect={false}
            w={200}
            data-testid="compare-follow-up"
          />
        )}
      </Group>
      {!later && <Text c="dimmed">{t('compare.needTwo')}</Text>}
      {later && alignment.isSuccess && !a && (
        <Group>
          <Text c="dimmed">{t('compare.notAligned')}</Text>
          <Button onClick={() => start.mutate()} loading={start.isPending}>
            {t('compare.align')}
          </Button>
        </Group>
      )}
      {start.error && (
        <Alert color="red" role="alert">
          {describeError(start.error, t)}
        </Alert>
      )}
      {a && (a.status === 'queued' || a.status === 'running') && (
        <Group gap="xs" data-testid="alignment-pending">
          <Loader size="sm" />
          <Text>{t('compare.aligning')}</Text>
        </Group>
      )}
      {a?.status === 'refused' && a.refusal && (
        <Alert color="orange" title={t('compare.refused')} data-testid="alignment-refused">
          {a.refusal.message}
        </Alert>
      )}
      {a?.status === 'failed' && (
        <Alert color="red" role="alert">
          {t('compare.failed')}
        </Alert>
      )}
      {a && earlier && later && (
        <>
          <Group gap="xs" wrap="wrap">
            <Text size="sm">{t('compare.pair', { earlier: label(earlier), later: label(later) })}</Text>
            {a.status === 'done' && <AlignmentBadges alignment={a} />}
          </Group>
          {a.warnings.map((w) => (
            <Alert key={w} color="yellow" p="xs">
              {w}
            </Alert>
          ))}
          <Group gap="sm" wrap="wrap">
            <SegmentedControl
              value={mode}
              onChange={setMode}
              orientation={narrow ? 'vertical' : 'horizontal'}
              fullWidth={narrow}
              data={[
                { value: 'side', label: t('compare.side') },
                { value: 'slider', label: t('compare.slider'), disabled: a.status !== 'done' },
                { value: 'difference', label: t('compare.difference'), disabled: a.status !== 'done' },
                { value: 'points', label: t('compare.points') },
              ]}
              data-testid="compare-mode"
            />
            <Button
              variant="subtle"
              size="xs"
              leftSection={<IconRefresh size={14} aria-hidden />}
              onClick={() => start.mutate()}
              loading={start.isPending}
            >
              {t('compare.alignAgain')}
            </Button>
          </Group>
          {mode === 'side' && (
            <SimpleGrid cols={{ base: 1, sm: 2 }} data-testid="compare-side">
              {[earlier, later].map((p) => (
                <Stack key={p.id} gap={2}>
                  <Image
                    src={fileLinks.photo(p.id, 'preview')}
                    alt={label(p)}
                    radius="sm"
                    fit="contain"
                    mah={520}
                  />
                  <Text size="xs" c="dimmed" ta="center">
                    {label(p)}
                  </Text>
                </Stack>
              ))}
            </SimpleGrid>
          )}
          {mode === 'slider' && a.status === 'done' && (
            <Stack gap="xs">
              <Box pos="relative" data-testid="compare-slider" style={{ lineHeight: 0, maxWidth: 900 }}>
                <img
                  src={fileLinks.photo(earlier.id, 'preview')}
                  alt={label(earlier)}
                  style={{ width: '100%', display: 'block', borderRadius: 4 }}
                />
                <img
                  src={fileLinks.alignmentImage(later.id, 'aligned', a.finishedAt ?? a.createdAt)}
                  alt={label(later)}
                  data-testid="compare-aligned"
                  style={{
                    position: 'absolute',
                    inset: 0,
                    width: '100%',
                    height: '100%',
                    clipPath: `inset(0 0 0 ${wipe}%)`,
                    borderRadius: 4,
                  }}
                />
                <div
                  aria-hidden
                  style={{
                    position: 'absolute',
                    top: 0,
                    bottom: 0,
                    left: `${wipe}%`,
                    width: 2,
                    background: 'white',
                    boxShadow: '0 0 3px rgba(0,0,0,0.6)',
                  }}
                />
              </Box>
              <Group gap="sm" wrap="nowrap" maw={900}>
                <Text size="xs" style={{ whiteSpace: 'nowrap' }}>
                  {label(earlier)}
                </Text>
                <Slider
                  value={wipe}
                  onChange={setWipe}
                  min={0}
                  max={100}
                  label={null}
                  style={{ flex: 1 }}
                  thumbLabel={t('compare.wipe')}
                  data-testid="compare-wipe"
                />
                <Text size="xs" style={{ whiteSpace: 'nowrap' }}>
                  {label(later)}
                </Text>
              </Group>
            </Stack>
          )}
          {mode === 'difference' && a.status === 'done' && (
            <Stack gap={4} maw={900}>
              <img
                src={fileLinks.alignmentImage(later.id, 'difference', a.finishedAt ?? a.createdAt)}
                alt={t('compare.difference')}
                data-testid="compare-difference"
                style={{ width: '100%', borderRadius: 4 }}
              />
              <Text size="sm" c="dimmed">
                {t('compare.differenceKey', {
                  darker: Math.round(100 * (a.difference?.darker ?? 0)),
                  lighter: Math.round(100 * (a.difference?.lighter ?? 0)),
                })}
              </Text>
            </Stack>
          )}
          {mode === 'points' && (
            <PointPairEditor
              earlier={earlier}
              later={later}
              onSaved={(saved) => {
                queryClient.setQueryData(['alignment', later.id], saved);
                setMode('slider');
              }}
            />
          )}
        </>
      )}
    </Stack>
  );
}

function AlignmentBadges({ alignment: a }: { alignment: PhotoAlignment }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} data-testid="alignment-quality">
      <Badge variant="light" color={a.corrected ? 'grape' : 'teal'}>
        {t(a.corrected ? 'compare.byPoints' : 'compare.byFeatures')}
      </Badge>
      {/* Three pairs fix an affine map exactly: their residual says nothing. */}
      {a.residualPx !== null && (a.pairs?.length ?? 0) !== 3 && (
        <Badge variant="outline">{t('compare.residual', { px: a.residualPx.toFixed(1) })}</Badge>
      )}
      {a.quality && (
        <Badge variant="outline">{t('compare.agreement', { value: a.quality.agreement.toFixed(2) })}</Badge>
      )}
      {a.quality && (
        <Badge variant="outline">
          {t('compare.overlap', { value: Math.round(100 * a.quality.overlap) })}
        </Badge>
      )}
    </Group>
  );
}
