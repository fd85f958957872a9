import { useEffect, useLayoutEffect, useRef } from 'react';
import { Alert, Badge, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useZoneName } from '../../i18n/zone-name.js';
import type { FillMatchScore, ZoneSummary, ZoneWarning } from '@stipple/core';
import type { PreviewStubble } from '../../preview/preview-protocol.js';
import type { ScarComparison } from '../../preview/use-preview-worker.js';

const VERDICT_COLOURS: Record<FillMatchScore['verdict'], string> = {
  blends: 'teal',
  close: 'yellow',
  'cannot-match': 'red',
  'no-reference': 'gray',
};

/**
 * What the live preview tells the artist about the zones as drawn: a zone that others cover or
 * whose density cannot be reached, the client's own hair counted in, the shade against the
 * client's stubble, the selected scar healed as expected and at the poor end for its texture side
 * by side, and how each fill read against the hair next to it in the last full render.
 */
export function PreviewInsights({
  summary,
  stubble,
  selectedId,
  scar,
  onCompareScar,
  frameVersion,
  fillMatches,
}: {
  summary: ZoneSummary[];
  stubble: PreviewStubble | null;
  selectedId: string | null;
  scar: ScarComparison | null;
  onCompareScar: (zoneId: string | null) => void;
  /** Changes with every new preview frame: the scar comparison follows the edits. */
  frameVersion: unknown;
  fillMatches: readonly FillMatchScore[];
}) {
  const { t } = useTranslation();
  const zoneName = useZoneName();
  const selected = summary.find((z) => z.id === selectedId) ?? null;
  const selectedScar = selected?.kind === 'scar' ? selected.id : null;
  useEffect(() => onCompareScar(selectedScar), [selectedScar, frameVersion, onCompareScar]);
  const warnings = summary.flatMap((z) => z.warnings.map((w) => ({ zone: z.id, warning: w })));
  const withHair = summary.filter((z) => z.existingDensityPerCm2 > 0);

  return (
    <Stack gap="xs" data-testid="preview-insights">
      {warnings.map(({ zone, warning }) => (
        <Alert key={`${zone}-${warning.code}`} color="orange" p="xs" data-testid={`zone-warning-${zone}`}>
          <Text size="sm">{warningText(t, zoneName, zone, warning)}</Text>
        </Alert>
      ))}
      {withHair.length > 0 && (
        <Text size="xs" c="dimmed" data-testid="client-hair">
          {withHair
            .map((z) =>
              t('editor.insights.clientHair', {
                zone: zoneName(z.id),
                existing: Math.round(z.existingDensityPerCm2),
                achieved: Math.round(z.achievedDensityPerCm2),
                target: Math.round(z.targetDensityPerCm2),
              }),
            )
            .join(' ')}
        </Text>
      )}
      {stubble && (
        <Text size="xs" data-testid="stubble-shade">
          {stubble.shade === null
            ? t(`editor.insights.stubble.${stubble.reason}`)
            : t('editor.insights.stubble.matched', { shade: stubble.shade })}
          {selected && selected.shadeDifference !== null && (
            <>
              {' '}
              {t(
                selected.shadeDifference === 0
                  ? 'editor.insights.stubble.same'
                  : selected.shadeDifference > 0
                    ? 'editor.insights.stubble.lighter'
                    : 'editor.insights.stubble.darker',
                {
                  zone: zoneName(selected.id),
                  shade: selected.shadePerSession.at(-1),
                  steps: Math.abs(selected.shadeDifference),
                  source: t(`editor.insights.shadeSource.${selected.shadeSource}`),
                },
              )}
            </>
          )}
        </Text>
      )}
      {scar && selectedScar === scar.zoneId && (
        <Paper withBorder radius="md" p="xs" data-testid="scar-uncertainty">
          <Text size="sm" fw={600}>
            {t('editor.insights.scar.title', { zone: zoneName(scar.zoneId) })}
          </Text>
          <Text size="xs" c="dimmed" mb={6}>
            {t('editor.insights.scar.hint', {
              texture: scar.texture ? t(`editor.insights.scar.textures.${scar.texture}`) : '',
              expected: Math.round(scar.retention * 100),
              poor: Math.round(scar.poorRetention * 100),
            })}
          </Text>
          <SimpleGrid cols={2} spacing={6}>
            <ScarImage
              image={scar.expected}
              label={t('editor.insights.scar.expected')}
              testId="scar-expected"
            />
            <ScarImage image={scar.poor} label={t('editor.insights.scar.poor')} testId="scar-poor" />
          </SimpleGrid>
        </Paper>
      )}
      {fillMatches.map((m) => (
        <Paper key={m.zoneId} withBorder radius="md" p="xs" data-testid={`fill-match-${m.zoneId}`}>
          <Group justify="space-between" gap={4}>
            <Text size="sm" fw={600}>
              {t('editor.insights.fill.title', { zone: zoneName(m.zoneId) })}
            </Text>
            <Badge color={VERDICT_COLOURS[m.verdict]} tt="none">
              {t(`editor.insights.fill.verdicts.${m.verdict}`)}
              {m.verdict === 'no-reference' ? '' : ` · ΔE00 ${m.deltaE00.toFixed(1)}`}
            </Badge>
          </Group>
          <Stack gap={2} mt={4}>
            {m.verdict !== 'no-reference' && m.deltaE00Before != null && (
              <Text size="xs" c="dimmed" data-testid={`fill-before-${m.zoneId}`}>
                {t('editor.insights.fill.before', {
                  before: m.deltaE00Before.toFixed(1),
                  after: m.deltaE00.toFixed(1),
                })}
              </Text>
            )}
            {m.ruleIds.map((id) => (
              <Text key={id} size="xs">
                {t(`fillMatchRules.${id.replaceAll('.', '_')}`)}{' '}
                {/* The rule's id is its citation (issue 10), shown as the plan shows its rules. */}
                <Badge
                  variant="light"
                  color="gray"
                  size="xs"
                  radius="sm"
                  tt="none"
                  ff="monospace"
                  aria-label={t('editor.insights.fill.rule', { id })}
                  title={t('editor.insights.fill.rule', { id })}
                  data-testid={`fill-rule-${id}`}
                >
                  {id}
                </Badge>
              </Text>
            ))}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

function warningText(
  t: (key: string, values?: Record<string, unknown>) => string,
  zoneName: (id: string) => string,
  zoneId: string,
  w: ZoneWarning,
): string {
  const zone = zoneName(zoneId);
  switch (w.code) {
    case 'collapsed':
      return t(w.coveredBy ? 'editor.insights.warnings.collapsedBy' : 'editor.insights.warnings.collapsed', {
        zone,
        area: w.areaCm2.toFixed(2),
        drawn: w.drawnCm2.toFixed(2),
        by: w.coveredBy ? zoneName(w.coveredBy) : undefined,
      });
    case 'density-short':
      return t('editor.insights.warnings.densityShort', {
        zone,
        achieved: w.achievedPerCm2.toFixed(1),
        target: w.targetPerCm2.toFixed(1),
      });
    case 'hair-already-dense':
      return t('editor.insights.warnings.hairDense', {
        zone,
        existing: Math.round(w.existingPerCm2),
        target: Math.round(w.targetPerCm2),
      });
  }
}

function ScarImage({ image, label, testId }: { image: ImageData; label: string; testId: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    canvas.current?.getContext('2d')?.putImageData(image, 0, 0);
  }, [image]);
  return (
    <Stack gap={2} align="center">
      <canvas
        ref={canvas}
        width={image.width}
        height={image.height}
        style={{ width: '100%', imageRendering: 'pixelated', borderRadius: 4 }}
        data-testid={testId}
        aria-label={label}
      />
      <Text size="xs">{label}</Text>
    </Stack>
  );
}
