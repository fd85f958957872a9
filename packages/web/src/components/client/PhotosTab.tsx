import { useMemo, useRef, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  FileButton,
  Group,
  Image,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconCamera, IconPhotoScan, IconUpload } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PhotoUploadQuery, type Photo, type PhotoView } from '@stipple/core';
import { useApi } from '../../api/ApiProvider.js';
import { checkValue } from '../../forms/validation-messages.js';
import { DateField } from '../fields/DateField.js';
import { PhotoViewSelect } from '../PhotoViewSelect.js';
import { CameraCapture } from '../photos/CameraCapture.js';
import { PhotoComparison } from '../photos/PhotoComparison.js';
import { isApiRequestError } from '../../api/api-error.js';
import { describeError } from '../../api/describe-error.js';
import { fileLinks } from '../../api/stipple-api.js';
import { formatIsoDate, todayIso } from '../../i18n/format.js';
import { useLocale } from '../../i18n/use-ui-locale.js';

/** Upload with view and date, the client's photos, and the progress of one view across sessions. */
export function PhotosTab({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const narrow = useMediaQuery('(max-width: 36em)');
  const api = useApi();
  const queryClient = useQueryClient();
  const [view, setView] = useState<PhotoView>('top');
  /** The day as typed: a day that does not exist is kept, refused beside the field, never uploaded. */
  const [takenOn, setTakenOn] = useState<string | undefined>(todayIso());
  const [takenOnError, setTakenOnError] = useState<string | null>(null);
  const [mode, setMode] = useState<'all' | 'progress' | 'compare'>('all');
  const [camera, setCamera] = useState(false);
  /** The photo just taken with the camera: the comparison opens on it. */
  const [taken, setTaken] = useState<Photo | null>(null);
  const [progressView, setProgressView] = useState<PhotoView>('top');
  const resetRef = useRef<() => void>(null);

  const photos = useQuery({ queryKey: ['photos', clientId], queryFn: () => api.listPhotos(clientId) });
  const sessions = useQuery({ queryKey: ['sessions', clientId], queryFn: () => api.listSessions(clientId) });

  const upload = useMutation({
    mutationFn: async ({ files, day }: { files: File[]; day: string }) => {
      const out: Photo[] = [];
      for (const file of files) out.push(await api.uploadPhoto(clientId, file, { view, takenOn: day }));
      return out;
    },
    onSuccess: async (added, { files }) => {
      resetRef.current?.();
      if (camera && files.length === 1 && added[0]) {
        setCamera(false);
        setTaken(added[0]);
        setMode('compare');
      }
      await queryClient.invalidateQueries({ queryKey: ['photos', clientId] });
      notifications.show({ color: 'teal', message: t('photos.uploaded', { count: added.length }) });
    },
  });

  /** Uploads the files once the day is a real date; otherwise says why beside the field. */
  const send = (files: File[]) => {
    const day = checkValue(PhotoUploadQuery.shape.takenOn, takenOn, t);
    if (!day.ok) {
      setTakenOnError(day.message);
      resetRef.current?.();
      return;
    }
    setTakenOnError(null);
    upload.mutate({ files, day: day.value });
  };

  const progress = useMemo(() => {
    const list = (sessions.data?.items ?? []).map((s) => ({
      session: s,
      photos: (photos.data?.items ?? []).filter((p) => p.sessionId === s.id && p.view === progressView),
    }));
    return list.filter((x) => x.photos.length > 0);
  }, [sessions.data, photos.data, progressView]);

  // The last photo of the chosen view (by date, then upload): the camera's ghost.
  const lastOfView = (photos.data?.items ?? []).filter((p) => p.view === view).at(-1) ?? null;
  const uploadError = upload.error;
  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p="md">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <PhotoViewSelect value={view} onChange={setView} w={180} testId="photo-view" />
          <DateField
            label={t('photos.takenOn')}
            value={takenOn}
            onChange={(v) => {
              setTakenOn(v);
              setTakenOnError(null);
            }}
            error={takenOnError}
            w={180}
            data-testid="photo-taken-on"
          />
          <FileButton
            resetRef={resetRef}
            onChange={(files) => files.length && send(files)}
            accept="image/jpeg,image/png,image/webp"
            multiple
          >
            {(props) => (
              <Button
                {...props}
                leftSection={<IconUpload size={18} aria-hidden />}
                loading={upload.isPending}
                data-testid="upload-photo"
              >
                {t('photos.upload')}
              </Button>
            )}
          </FileButton>
          <Button
            variant="light"
            leftSection={<IconCamera size={18} aria-hidden />}
            onClick={() => setCamera(true)}
            data-testid="take-photo"
          >
            {t('camera.take')}
          </Button>
        </Group>
        <Text size="xs" c="dimmed" mt="xs">
          {t('photos.formats')}
        </Text>
        {uploadError && (
          <Alert color="red" mt="sm" role="alert" data-testid="upload-error">
            {isApiRequestError(uploadError) ? uploadError.message : describeError(uploadError, t)}
          </Alert>
        )}
      </Paper>

      <SegmentedControl
        value={mode}
        onChange={setMode}
        data={[
          { value: 'all', label: t('photos.all') },
          { value: 'progress', label: t('photos.progress') },
          { value: 'compare', label: t('compare.tab') },
        ]}
        // Three labels side by side are wider than a phone: one above the other there.
        orientation={narrow ? 'vertical' : 'horizontal'}
        w="fit-content"
      />

      {mode === 'all' && (
        <SimpleGrid cols={{ base: 2, sm: 3, md: 4 }} data-testid="photo-grid">
          {photos.data?.items.length === 0 && <Text c="dimmed">{t('photos.empty')}</Text>}
          {photos.data?.items.map((p) => (
            <Paper key={p.id} withBorder radius="md" p={4} data-testid="photo-card">
              <Image
                src={fileLinks.photo(p.id, 'thumb')}
                alt={t(`photoViews.${p.view}`)}
                radius="sm"
                h={160}
                fit="cover"
              />
              <Group gap={4} mt={4}>
                <Badge size="sm" variant="light">
                  {t(`photoViews.${p.view}`)}
                </Badge>
                {p.sessionRole && (
                  <Badge size="sm" variant="outline">
                    {t(`photos.roles.${p.sessionRole}`)}
                  </Badge>
                )}
              </Group>
              <Text size="xs" c="dimmed">
                {formatIsoDate(p.takenOn, locale)}
                {p.photoConsent ? '' : ` · ${t('photos.noGallery')}`}
                {p.pxPerMm ? ` · ${p.pxPerMm.toFixed(1)} px/mm` : ''}
              </Text>
              <Button
                component={Link}
                to={`/clients/${clientId}/photos/${p.id}/preview`}
                size="xs"
                variant="light"
                fullWidth
                mt={4}
                leftSection={<IconPhotoScan size={14} aria-hidden />}
                data-testid="open-preview"
              >
                {t('photos.openPreview')}
              </Button>
            </Paper>
          ))}
        </SimpleGrid>
      )}

      {mode === 'compare' && photos.data && (
        <PhotoComparison
          key={taken?.id ?? 'compare'}
          photos={photos.data.items}
          initialView={taken?.view ?? view}
          initialPhotoId={taken?.id ?? null}
        />
      )}

      <CameraCapture
        opened={camera}
        onClose={() => setCamera(false)}
        ghostSrc={lastOfView ? fileLinks.photo(lastOfView.id, 'preview') : null}
        onCapture={(file) => send([file])}
        busy={upload.isPending}
        viewLabel={t(`photoViews.${view}`)}
        error={
          takenOnError
            ? `${t('photos.takenOn')}: ${takenOnError}`
            : uploadError
              ? describeError(uploadError, t)
              : null
        }
      />

      {mode === 'progress' && (
        <Stack>
          <PhotoViewSelect
            value={progressView}
            onChange={setProgressView}
            w={200}
            testId="progress-view-select"
          />
          {progress.length === 0 && <Text c="dimmed">{t('photos.noProgress')}</Text>}
          <Group
            gap="md"
            align="flex-start"
            wrap="nowrap"
            style={{ overflowX: 'auto' }}
            data-testid="progress-view"
          >
            {progress.map(({ session, photos: list }) => (
              <Stack key={session.id} gap={4} miw={200}>
                <Text fw={600} size="sm">
                  {t('photos.sessionN', { n: session.sessionNumber ?? '–' })} ·{' '}
                  {formatIsoDate(session.performedOn, locale)}
                </Text>
                {(['before', 'after'] as const).map((role) =>
                  list
                    .filter((p) => p.sessionRole === role)
                    .map((p) => (
                      <div key={p.id}>
                        <Image
                          src={fileLinks.photo(p.id, 'preview')}
                          alt=""
                          radius="sm"
                          w={200}
                          h={200}
                          fit="contain"
                          bg="gray.1"
                        />
                        <Text size="xs" c="dimmed">
                          {t(`photos.roles.${role}`)}
                        </Text>
                      </div>
                    )),
                )}
              </Stack>
            ))}
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
