import { Alert, Group, Image, Paper, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNoteText, useZoneName } from '../../i18n/zone-name.js';
import type { PreviewRender, RenderProgress } from '@stipple/core';
import { fileLinks } from '../../api/stipple-api.js';
import { JobStatusBadge } from './JobStatusBadge.js';
import { renderFinished } from './job-status.js';

/** The full-resolution render the last save started: its progress, then its stages and scores. */
export function RenderPanel({
  renderId,
  progress,
  render,
}: {
  renderId: string | null;
  progress: { status: string; progress: number; error: RenderProgress['error'] } | null;
  render: PreviewRender | null;
}) {
  const { t } = useTranslation();
  const zoneName = useZoneName();
  const noteText = useNoteText();
  if (!renderId)
    return (
      <Paper withBorder radius="md" p="sm">
        <Text fw={600}>{t('editor.fullRender')}</Text>
        <Text size="xs" c="dimmed">
          {t('editor.fullRenderHint')}
        </Text>
      </Paper>
    );
  return (
    <Paper withBorder radius="md" p="sm" data-testid="render-panel">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>{t('editor.fullRender')}</Text>
          {progress && <JobStatusBadge status={progress.status} testId="render-status" />}
        </Group>
        {progress && !renderFinished(progress.status) && (
          <Progress value={progress.progress} animated data-testid="render-progress" />
        )}
        {progress?.status === 'superseded' && <Alert color="gray">{t('editor.renderSuperseded')}</Alert>}
        {progress?.error && (
          <Alert color="red" data-testid="render-error">
            {noteText(progress.error)}
          </Alert>
        )}
        {render && render.status === 'done' && (
          <>
            <SimpleGrid cols={3} spacing={6} data-testid="render-stages">
              {render.stages.map((s) => (
                <a
                  key={s.name}
                  href={fileLinks.renderStage(render.id, s.name, 'full')}
                  target="_blank"
                  rel="noreferrer"
                >
                  <Image
                    src={fileLinks.renderStage(render.id, s.name)}
                    // The caption below names the stage; the file name (`healed-scar-poor`) is ours.
                    alt=""
                    radius="sm"
                    h={70}
                    fit="cover"
                  />
                  <Text size="xs" ta="center">
                    {s.look === 'fresh'
                      ? t('editor.stageSession', { n: s.afterSession })
                      : s.look === 'healed'
                        ? s.scarRetention === 'poor'
                          ? t('editor.insights.scar.poorStage')
                          : t('editor.looks.healed')
                        : t('editor.looks.faded', { years: s.years })}
                  </Text>
                </a>
              ))}
            </SimpleGrid>
            {render.camouflage?.map((c) => (
              <Text key={c.zoneId} size="xs" data-testid={`camouflage-${c.zoneId}`}>
                {t('editor.camouflage', {
                  zone: zoneName(c.zoneId),
                  before: c.before.deltaE00.toFixed(1),
                  after: c.after.deltaE00.toFixed(1),
                })}
                {/* Worse after than before: said here, not left beside the plan's "up to 100 %". */}
                {c.after.deltaE00 > c.before.deltaE00 && (
                  <Text span size="xs" c="red" fw={600} data-testid={`camouflage-worse-${c.zoneId}`}>
                    {' '}
                    {t('editor.camouflageWorse')}
                  </Text>
                )}
              </Text>
            ))}
            {render.notes.map((n, i) => (
              <Text key={i} size="xs" c="dimmed" data-testid="render-note">
                {noteText(n)}
              </Text>
            ))}
          </>
        )}
      </Stack>
    </Paper>
  );
}
