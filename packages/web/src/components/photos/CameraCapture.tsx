import { useEffect, useRef, useState } from 'react';
import { Alert, Box, Button, Group, Modal, Slider, Stack, Text } from '@mantine/core';
import { IconCamera } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/**
 * The tablet's camera in the browser, with the last photo of the view as a semi-transparent ghost
 * over the live picture: the artist moves until the scalp lines up, then takes the photo. The
 * ghost and the video are laid out the same way (contained, centred), so what lines up on screen
 * lines up in the pictures.
 */
export function CameraCapture({
  opened,
  onClose,
  ghostSrc,
  onCapture,
  busy,
  viewLabel,
  error,
}: {
  /** The view being photographed, for the title. */
  viewLabel: string;
  /** Why the last upload failed, if it did. */
  error: string | null;
  opened: boolean;
  onClose: () => void;
  /** The last photo of the view, or null for the first photo of a view. */
  ghostSrc: string | null;
  onCapture: (file: File) => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('camera.title', { view: viewLabel })}
      size="xl"
      centered
    >
      {/* Mounted only while open: the camera runs only then. */}
      <CameraBody onClose={onClose} ghostSrc={ghostSrc} onCapture={onCapture} busy={busy} error={error} />
    </Modal>
  );
}

/** The camera interface, absent on a page not served securely (http other than localhost). */
function cameraApi(): MediaDevices | undefined {
  const devices = (navigator as { mediaDevices?: MediaDevices }).mediaDevices;
  return typeof devices?.getUserMedia === 'function' ? devices : undefined;
}

function CameraBody({
  onClose,
  ghostSrc,
  onCapture,
  busy,
  error,
}: {
  onClose: () => void;
  ghostSrc: string | null;
  onCapture: (file: File) => void;
  busy: boolean;
  error: string | null;
}) {
  const { t } = useTranslation();
  const videoRef = useRef<HTMLVideoElement>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [failure, setFailure] = useState<string | null>(() => (cameraApi() ? null : t('camera.unavailable')));
  const [ghost, setGhost] = useState(40);

  useEffect(() => {
    const devices = cameraApi();
    if (!devices) return;
    let live: MediaStream | null = null;
    let cancelled = false;
    devices
      .getUserMedia({
        video: { facingMode: 'environment', width: { ideal: 4096 }, height: { ideal: 3072 } },
        audio: false,
      })
      .then((s) => {
        if (cancelled) {
          s.getTracks().forEach((track) => track.stop());
          return;
        }
        live = s;
        setStream(s);
      })
      .catch((err: unknown) => {
        const denied = err instanceof DOMException && err.name === 'NotAllowedError';
        setFailure(t(denied ? 'camera.denied' : 'camera.unavailable'));
      });
    return () => {
      cancelled = true;
      live?.getTracks().forEach((track) => track.stop());
    };
  }, [t]);

  useEffect(() => {
    if (videoRef.current && stream) videoRef.current.srcObject = stream;
  }, [stream]);

  const shoot = () => {
    const video = videoRef.current;
    if (!video || !video.videoWidth) return;
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext('2d')!.drawImage(video, 0, 0);
    canvas.toBlob(
      (blob) => {
        if (blob) onCapture(new File([blob], `camera-${Date.now()}.jpg`, { type: 'image/jpeg' }));
      },
      'image/jpeg',
      0.92,
    );
  };

  return (
    <Stack gap="sm" data-testid="camera-capture">
      {(failure ?? error) && (
        <Alert color="red" role="alert">
          {failure ?? error}
        </Alert>
      )}
      <Box
        pos="relative"
        bg="dark.9"
        style={{ aspectRatio: '4 / 3', width: '100%', borderRadius: 8, overflow: 'hidden' }}
      >
        <video
          ref={videoRef}
          autoPlay
          playsInline
          muted
          data-testid="camera-video"
          style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', objectFit: 'contain' }}
        />
        {ghostSrc && (
          <img
            src={ghostSrc}
            alt={t('camera.ghostAlt')}
            data-testid="camera-ghost"
            style={{
              position: 'absolute',
              inset: 0,
              width: '100%',
              height: '100%',
              objectFit: 'contain',
              opacity: ghost / 100,
              pointerEvents: 'none',
            }}
          />
        )}
      </Box>
      {ghostSrc ? (
        <Group gap="sm" wrap="nowrap">
          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
            {t('camera.ghost')}
          </Text>
          <Slider
            value={ghost}
            onChange={setGhost}
            min={0}
            max={90}
            label={(v) => `${v} %`}
            style={{ flex: 1 }}
            thumbLabel={t('camera.ghost')}
          />
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          {t('camera.firstOfView')}
        </Text>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button
          leftSection={<IconCamera size={18} aria-hidden />}
          onClick={shoot}
          disabled={!stream}
          loading={busy}
          data-testid="camera-shoot"
        >
          {t('camera.shoot')}
        </Button>
      </Group>
    </Stack>
  );
}
