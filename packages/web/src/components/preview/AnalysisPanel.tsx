import { Alert, Button, Group, Paper, Stack, Switch, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../api/describe-error.js';
import { useNoteText } from '../../i18n/zone-name.js';
import type { PhotoAnalysisState } from '../../preview/use-photo-analysis.js';
import { JobStatusBadge } from './JobStatusBadge.js';

/** The photo's analysis: its state, the density it measured, its scar suggestions, and running it. */
export function AnalysisPanel({
  analysis,
  calibrated,
  onAccept,
}: {
  analysis: PhotoAnalysisState;
  calibrated: boolean;
  onAccept: (suggestionId: string) => void;
}) {
  const { t } = useTranslation();
  const noteText = useNoteText();
  const { record, analysed, run, openSuggestions } = analysis;
  return (
    <Paper withBorder radius="md" p="sm" data-testid="analysis-panel">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>{t('editor.analysis')}</Text>
          {record && <JobStatusBadge status={record.status} testId="analysis-status" />}
        </Group>
        {!record && (
          <Text size="xs" c="dimmed">
            {t('editor.analysisHint')}
          </Text>
        )}
        {record?.stale && (
          <Alert color="orange" p="xs">
            {t('editor.analysisStale')}
          </Alert>
        )}
        {record?.error && (
          <Alert color="red" data-testid="analysis-error">
            {noteText(record.error)}
          </Alert>
        )}
        {analysed && (
          <Stack gap={2} data-testid="analysis-result">
            <Text size="sm">
              {analysed.density
                ? t('editor.analysisDensity', {
                    median: Math.round(analysed.density.perCm2Median),
                    p10: Math.round(analysed.density.perCm2P10),
                    p90: Math.round(analysed.density.perCm2P90),
                  })
                : t('editor.analysisNoDensity')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('editor.analysisCounts', {
                follicles: analysed.follicleCount ?? 0,
                resolved: Math.round((analysed.resolvedFraction ?? 0) * 100),
              })}
            </Text>
            <Switch
              size="xs"
              checked={analysis.showFollicles}
              onChange={(e) => analysis.setShowFollicles(e.currentTarget.checked)}
              label={t('editor.showFollicles')}
            />
            {analysed.notes.map((n, i) => (
              <Text key={i} size="xs" c="dimmed" data-testid="analysis-note">
                {noteText(n)}
              </Text>
            ))}
          </Stack>
        )}
        {openSuggestions.length > 0 && (
          <Stack gap={4} data-testid="suggestions">
            <Text size="sm" fw={600}>
              {t('editor.suggestions')}
            </Text>
            {openSuggestions.map((sug) => (
              <Group
                key={sug.id}
                justify="space-between"
                gap={4}
                wrap="nowrap"
                data-testid={`suggestion-row-${sug.id}`}
              >
                <Text size="xs" style={{ flex: 1 }}>
                  {t(`editor.suggestionKinds.${sug.kind}`)}
                  {sug.areaCm2 !== null ? ` · ${sug.areaCm2.toFixed(2)} cm²` : ''} ·{' '}
                  {t('editor.confidence', { percent: Math.round(sug.confidence * 100) })}
                </Text>
                <Button
                  size="compact-xs"
                  onClick={() => onAccept(sug.id)}
                  disabled={!calibrated}
                  data-testid={`accept-${sug.id}`}
                >
                  {t('editor.accept')}
                </Button>
                <Button
                  size="compact-xs"
                  variant="default"
                  onClick={() => analysis.handle(sug.id)}
                  data-testid={`dismiss-${sug.id}`}
                >
                  {t('editor.dismiss')}
                </Button>
              </Group>
            ))}
          </Stack>
        )}
        {analysed && analysed.suggestions.length === 0 && (
          <Text size="xs" c="dimmed">
            {t('editor.noSuggestions')}
          </Text>
        )}
        <Button
          size="xs"
          variant="light"
          onClick={() => run.mutate()}
          loading={run.isPending || record?.status === 'queued' || record?.status === 'running'}
          data-testid="run-analysis"
        >
          {record ? t('editor.runAgain') : t('editor.runAnalysis')}
        </Button>
        {run.isError && <Alert color="red">{describeError(run.error, t)}</Alert>}
      </Stack>
    </Paper>
  );
}
