import { useState } from 'react';
import {
  Alert,
  Button,
  FileButton,
  Group,
  Image,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Text,
} from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PhotoView } from '@stipple/core';
import { useApi } from '../../api/ApiProvider.js';
import { describeError } from '../../api/describe-error.js';
import { fileLinks } from '../../api/stipple-api.js';
import { formatIsoDate } from '../../i18n/format.js';
import { useLocale } from '../../i18n/use-ui-locale.js';
import { PhotoViewSelect } from '../PhotoViewSelect.js';

export type PhotoRole = 'none' | 'before' | 'after';

/** The client's photos, each marked as taken before or after this session; uploads new ones. */
export function SessionPhotos({
  clientId,
  takenOn,
  completed,
  roles,
  onRoles,
}: {
  clientId: string;
  takenOn: string;
  completed: boolean;
  roles: Record<string, PhotoRole>;
  onRoles: (update: (roles: Record<string, PhotoRole>) => Record<string, PhotoRole>) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useApi();
  const queryClient = useQueryClient();
  const photos = useQuery({ queryKey: ['photos', clientId], queryFn: () => api.listPhotos(clientId) });
  const [uploadView, setUploadView] = useState<PhotoView>('back');
  const upload = useMutation({
    mutationFn: async ({ files, role }: { files: File[]; role: PhotoRole }) => {
      const added = [];
      for (const file of files)
        added.push(await api.uploadPhoto(clientId, file, { view: uploadView, takenOn }));
      return { added, role };
    },
    onSuccess: async ({ added, role }) => {
      onRoles((r) => ({ ...r, ...Object.fromEntries(added.map((p) => [p.id, role])) }));
      await queryClient.invalidateQueries({ queryKey: ['photos', clientId] });
    },
  });

  return (
    <Paper withBorder radius="md" p="md">
      <Text fw={600} mb="sm">
        {t('sessionRecord.photos')}
      </Text>
      {!completed && (
        <Group align="flex-end" gap="sm" mb="md">
          <PhotoViewSelect value={uploadView} onChange={setUploadView} w={170} />
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
          {describeError(upload.error, t)}
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
              onChange={(v) => onRoles((r) => ({ ...r, [p.id]: v }))}
              data={(['none', 'before', 'after'] as const).map((r) => ({
                value: r,
                label: t(`sessionRecord.roles.${r}`),
              }))}
            />
          </Paper>
        ))}
      </SimpleGrid>
    </Paper>
  );
}
