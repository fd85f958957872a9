import { useState } from 'react';
import { Alert, Button, FileButton, Group, Image, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconCamera, IconCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { BookingReceipt } from '@stipple/core';
import { useApi } from '../../api/ApiProvider.js';
import { isApiRequestError } from '../../api/api-error.js';
import { describeError } from '../../api/describe-error.js';

interface Added {
  name: string;
  url: string;
  state: 'sending' | 'done' | 'refused';
  error?: string;
}

/** Photos of the scalp from the phone, added to the booking just made (through the photo intake). */
export function BookingPhotos({ receipt }: { receipt: BookingReceipt }) {
  const { t } = useTranslation();
  const api = useApi();
  const [added, setAdded] = useState<Added[]>([]);
  const stored = added.filter((a) => a.state === 'done').length;

  const refusal = (err: unknown) =>
    isApiRequestError(err) && err.code === 'unsupported_media_type' && /HEIC/i.test(err.message)
      ? t('public.heic')
      : isApiRequestError(err) && err.code === 'unsupported_media_type'
        ? t('public.notAPhoto')
        : describeError(err, t);

  async function send(files: File[]) {
    for (const file of files.slice(0, receipt.maxPhotos - stored)) {
      const url = URL.createObjectURL(file);
      setAdded((list) => [...list, { name: file.name, url, state: 'sending' }]);
      const mark = (patch: Partial<Added>) =>
        setAdded((list) => list.map((a) => (a.url === url ? { ...a, ...patch } : a)));
      try {
        await api.uploadBookingPhoto(receipt.bookingId, receipt.uploadToken, file, 'top');
        mark({ state: 'done' });
      } catch (err) {
        mark({ state: 'refused', error: refusal(err) });
      }
    }
  }

  return (
    <Stack gap="sm" data-testid="booking-photos">
      <Text size="sm">{t('public.photosIntro', { max: receipt.maxPhotos })}</Text>
      <Group>
        <FileButton
          multiple
          accept="image/jpeg,image/png,image/webp,image/heic,image/heif"
          onChange={(files) => void send(files)}
        >
          {(props) => (
            <Button
              {...props}
              leftSection={<IconCamera size={18} aria-hidden />}
              disabled={stored >= receipt.maxPhotos}
              data-testid="add-photos"
            >
              {t('public.addPhotos')}
            </Button>
          )}
        </FileButton>
        <Text size="sm" c="dimmed" data-testid="photo-count">
          {t('public.photosAdded', { count: stored, max: receipt.maxPhotos })}
        </Text>
      </Group>
      {added.length > 0 && (
        <SimpleGrid cols={3} spacing="xs">
          {added.map((a) => (
            <Paper key={a.url} withBorder radius="md" p={4} data-testid="added-photo" data-state={a.state}>
              <Image src={a.url} alt={a.name} h={90} fit="cover" radius="sm" />
              {a.state === 'done' && (
                <Text size="xs" c="teal" ta="center">
                  <IconCheck size={12} aria-hidden /> {t('public.photoAdded')}
                </Text>
              )}
              {a.state === 'sending' && (
                <Text size="xs" c="dimmed" ta="center">
                  {t('public.photoSending')}
                </Text>
              )}
            </Paper>
          ))}
        </SimpleGrid>
      )}
      {added
        .filter((a) => a.state === 'refused')
        .map((a) => (
          <Alert key={a.url} color="red" role="alert" data-testid="photo-refused">
            {a.name}: {a.error}
          </Alert>
        ))}
    </Stack>
  );
}
