import { Alert, Box, Button, Group, SegmentedControl, Slider, Stack, Text } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useZoneName } from '../../i18n/zone-name.js';
import type { Brush } from '../../preview/use-brush.js';
import type { DrawableKind } from '../../preview/zone-editing.js';
import type { StageTool } from './ZoneStage.js';

/**
 * The hints of the chosen tool float over the photo, so choosing a tool never pushes the photo
 * down; they stick to the window's foot while the photo runs below it.
 */
export function StageHints({
  tool,
  drawingKind,
  points,
  canFinish,
  onCancelDrawing,
  onFinish,
  brush,
}: {
  tool: StageTool;
  drawingKind: DrawableKind | null;
  /** Points of the shape being drawn. */
  points: number;
  canFinish: boolean;
  onCancelDrawing: () => void;
  onFinish: () => void;
  brush: Brush;
}) {
  const { t } = useTranslation();
  const zoneName = useZoneName();
  const { selectedZone } = brush;
  return (
    <Box
      pos="absolute"
      style={{
        inset: 0,
        zIndex: 3,
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'flex-end',
        // Drawing goes through to the photo; only the hint itself takes taps.
        pointerEvents: 'none',
      }}
    >
      <Box mx={8} mb={18} style={{ position: 'sticky', bottom: 8, pointerEvents: 'auto' }}>
        {drawingKind && (
          <Alert color="yellow" p="xs" data-testid="drawing-help">
            <Group justify="space-between" gap="xs">
              <Text size="sm">
                {t(drawingKind === 'hairline' ? 'editor.drawLineHelp' : 'editor.drawHelp', {
                  count: points,
                })}
              </Text>
              <Group gap={6}>
                <Button
                  size="xs"
                  variant="default"
                  leftSection={<IconX size={14} />}
                  onClick={onCancelDrawing}
                >
                  {t('common.cancel')}
                </Button>
                <Button
                  size="xs"
                  leftSection={<IconCheck size={14} />}
                  disabled={!canFinish}
                  onClick={onFinish}
                  data-testid="finish-shape"
                >
                  {t('editor.finish')}
                </Button>
              </Group>
            </Group>
          </Alert>
        )}
        {(tool === 'paint' || tool === 'erase') && (
          <Alert color={tool === 'paint' ? 'yellow' : 'red'} p="xs" data-testid="brush-help">
            <Stack gap={6}>
              <Text size="sm">
                {tool === 'erase'
                  ? selectedZone && selectedZone.kind !== 'hairline'
                    ? t('editor.eraseSelectedHelp', { zone: zoneName(selectedZone.id) })
                    : t('editor.eraseAnyHelp')
                  : brush.paintsNewZone
                    ? t('editor.paintNewHelp')
                    : t('editor.paintSelectedHelp', { zone: zoneName(selectedZone!.id) })}
              </Text>
              <Group gap="md" wrap="wrap" align="center">
                {brush.paintsNewZone && (
                  <SegmentedControl
                    size="xs"
                    value={brush.brushKind}
                    onChange={(v) => brush.setBrushKind(v)}
                    data={(['scar', 'fill', 'exclude'] as const).map((kind) => ({
                      value: kind,
                      label: t(`editor.tools.${kind}`),
                    }))}
                    data-testid="brush-kind"
                  />
                )}
                <Group gap={8} style={{ flex: 1, minWidth: 220 }} wrap="nowrap">
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {t('editor.brushSize', { mm: brush.brushMm })}
                  </Text>
                  <Slider
                    style={{ flex: 1 }}
                    min={0.5}
                    max={15}
                    step={0.5}
                    value={brush.brushMm}
                    onChange={brush.setBrushMm}
                    label={(v) => `${v} mm`}
                    aria-label={t('editor.brushSizeLabel')}
                    data-testid="brush-size"
                  />
                </Group>
              </Group>
            </Stack>
          </Alert>
        )}
      </Box>
    </Box>
  );
}
