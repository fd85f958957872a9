import { useState } from 'react';
import { Alert, Button, FileButton, Group, Image, Paper, Stack, Text } from '@mantine/core';
import { IconPhotoUp, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { StudioSettings } from '@stipple/core';
import { useApi } from '../../api/ApiProvider.js';
import { describeError } from '../../api/describe-error.js';
import { fileLinks } from '../../api/stipple-api.js';

export const studioKey = ['studio'] as const;

/** The studio logo: uploaded through the photo intake (JPEG, PNG or WebP), shown as stored. */
export function LogoUpload({ studio }: { studio: StudioSettings }) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const done = (s: StudioSettings) => {
    setError(null);
    queryClient.setQueryData(studioKey, s);
  };
  const upload = useMutation({
    mutationFn: (file: File) => api.uploadLogo(file),
    onSuccess: done,
    onError: (err) => setError(describeError(err, t)),
  });
  const remove = useMutation({
    mutationFn: () => api.removeLogo(),
    onSuccess: done,
    onError: (err) => setError(describeError(err, t)),
  });
  return (
    <Stack gap="sm">
      <Paper withBorder radius="md" p="md" bg="gray.0" mih={96}>
        {studio.logoSha256 ? (
          <Image
            src={fileLinks.studioLogo(studio.logoSha256)}
            alt={t('studio.logoAlt', { name: studio.name })}
            fit="contain"
            h={80}
            w="auto"
            data-testid="studio-logo"
          />
        ) : (
          <Text c="dimmed" size="sm">
            {t('studio.noLogo')}
          </Text>
        )}
      </Paper>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Group>
        <FileButton accept="image/jpeg,image/png,image/webp" onChange={(f) => f && upload.mutate(f)}>
          {(props) => (
            <Button
              {...props}
              variant="light"
              leftSection={<IconPhotoUp size={18} aria-hidden />}
              loading={upload.isPending}
              data-testid="logo-upload"
            >
              {studio.logoSha256 ? t('studio.replaceLogo') : t('studio.uploadLogo')}
            </Button>
          )}
        </FileButton>
        {studio.logoSha256 && (
          <Button
            variant="subtle"
            color="red"
            leftSection={<IconTrash size={18} aria-hidden />}
            loading={remove.isPending}
            onClick={() => remove.mutate()}
          >
            {t('studio.removeLogo')}
          </Button>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {t('studio.logoHint')}
      </Text>
    </Stack>
  );
}
