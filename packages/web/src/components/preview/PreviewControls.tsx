import { Group, Paper, SegmentedControl, Slider, Stack, Switch, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { catalogueFieldLabel, catalogueMessage } from '../../i18n/messages.js';
import { useLocale } from '../../i18n/use-ui-locale.js';
import type { PreviewDisplay } from '../../preview/use-preview-display.js';
import type { usePreviewWorker } from '../../preview/use-preview-worker.js';

type Worker = ReturnType<typeof usePreviewWorker>;

/** Under the photo: how long the live preview took (or why there is none), and how it is shown. */
export function PreviewControls({
  worker,
  display,
  previewing,
  calibrated,
  sessions,
  fadeYears,
}: {
  worker: Worker;
  display: PreviewDisplay;
  /** Whether there is a zone to preview on a calibrated photo. */
  previewing: boolean;
  calibrated: boolean;
  sessions: number;
  fadeYears: number;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { frame, error } = worker;
  const { look, session, split, showZones } = display;
  return (
    <>
      <Group justify="space-between" gap="xs">
        <Text size="xs" c="dimmed" data-testid="preview-timing">
          {frame
            ? t('editor.timing', {
                ms: Math.round(frame.totalMs),
                dots: frame.dots.toLocaleString(locale),
              })
            : previewing
              ? t('editor.rendering')
              : calibrated
                ? t('editor.drawToPreview')
                : t('editor.calibrateFirst')}
        </Text>
        {error && (
          <Text size="xs" c="red" data-testid="preview-error">
            {error.code
              ? t(`editor.zoneRefusal.${error.code}`, error.params)
              : error.fieldMessage
                ? // The zone's value as the server would name it, never the schema's path or words.
                  [
                    catalogueFieldLabel(t, error.field ?? ''),
                    catalogueMessage(t, `field.${error.fieldMessage.code}`, error.fieldMessage.params),
                  ]
                    .filter(Boolean)
                    .join(': ')
                : `${error.field ? `${error.field}: ` : ''}${error.message}`}
          </Text>
        )}
      </Group>
      <Paper withBorder radius="md" p="sm">
        {/* One above the other: the three looks need the width, and the slider end labels room. */}
        <Stack gap="md">
          <Stack gap={6}>
            <Text size="sm" fw={600}>
              {t('editor.stage')}
            </Text>
            <SegmentedControl
              value={look}
              onChange={(v) => display.setLook(v)}
              data={[
                { value: 'fresh', label: t('editor.looks.fresh') },
                { value: 'healed', label: t('editor.looks.healed') },
                { value: 'faded', label: t('editor.looks.faded', { years: fadeYears }) },
              ]}
              fullWidth
              data-testid="stage-look"
            />
            {look === 'fresh' && (
              <>
                <Text size="xs" c="dimmed" data-testid="session-of">
                  {t('editor.sessionOf', { session, count: sessions })}
                </Text>
                <Slider
                  min={1}
                  max={sessions}
                  step={1}
                  value={Math.min(session, sessions)}
                  onChange={display.setSession}
                  marks={Array.from({ length: sessions }, (_, i) => ({
                    value: i + 1,
                    label: String(i + 1),
                  }))}
                  mb="md"
                  thumbSize={26}
                  mx="xs"
                  aria-label={t('editor.sessionSlider')}
                  data-testid="session-slider"
                />
              </>
            )}
          </Stack>
          <Stack gap={6}>
            <Text size="sm" fw={600}>
              {t('editor.split')}
            </Text>
            <Slider
              min={0}
              max={100}
              value={Math.round(split * 100)}
              onChange={(v) => display.setSplit(v / 100)}
              marks={[
                { value: 0, label: t('editor.after') },
                { value: 100, label: t('editor.before') },
              ]}
              mb="md"
              thumbSize={26}
              label={null}
              mx="lg"
              aria-label={t('editor.split')}
              data-testid="split-slider"
            />
            <Switch
              checked={showZones}
              onChange={(e) => display.setShowZones(e.currentTarget.checked)}
              label={t('editor.showZones')}
              data-testid="show-zones"
            />
          </Stack>
        </Stack>
      </Paper>
    </>
  );
}
